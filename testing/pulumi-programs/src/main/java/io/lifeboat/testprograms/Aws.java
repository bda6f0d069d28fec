package io.lifeboat.testprograms;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

/** The few aws types the test programs make, written as pulumi-aws's generated classes are (without its 49 MB jar). */
final class Aws {
    private Aws() {
    }

    @ResourceType(type = "aws:ec2/vpc:Vpc")
    static final class Vpc extends CustomResource {
        @Export(name = "cidrBlock", refs = {String.class}, tree = "[0]")
        private Output<String> cidrBlock;

        Vpc(String name, VpcArgs args, CustomResourceOptions options) {
            super("aws:ec2/vpc:Vpc", name, args, options);
        }

        private Vpc(String name, Output<String> id) {
            super("aws:ec2/vpc:Vpc", name, ResourceArgs.Empty, CustomResourceOptions.builder().id(id).build());
        }

        /** An existing VPC, read by its id, as pulumi-aws's {@code Vpc.get} reads it. */
        static Vpc get(String name, Output<String> id) {
            return new Vpc(name, id);
        }

        Output<String> cidrBlock() {
            return cidrBlock;
        }
    }

    static final class VpcArgs extends ResourceArgs {
        @Import(name = "cidrBlock", required = true)
        private final Output<String> cidrBlock;

        VpcArgs(String cidr) {
            this.cidrBlock = Output.of(cidr);
        }
    }

    @ResourceType(type = "aws:ec2/subnet:Subnet")
    static final class Subnet extends CustomResource {
        @Export(name = "vpcId", refs = {String.class}, tree = "[0]")
        private Output<String> vpcId;

        Subnet(String name, SubnetArgs args, CustomResourceOptions options) {
            super("aws:ec2/subnet:Subnet", name, args, options);
        }

        Output<String> vpcId() {
            return vpcId;
        }
    }

    static final class SubnetArgs extends ResourceArgs {
        @Import(name = "vpcId", required = true)
        private final Output<String> vpcId;
        @Import(name = "cidrBlock", required = true)
        private final Output<String> cidrBlock;
        @Import(name = "availabilityZone", required = true)
        private final Output<String> availabilityZone;

        SubnetArgs(Output<String> vpcId, String cidr, String zone) {
            this.vpcId = vpcId;
            this.cidrBlock = Output.of(cidr);
            this.availabilityZone = Output.of(zone);
        }
    }

    @ResourceType(type = "aws:secretsmanager/secret:Secret")
    static final class Secret extends CustomResource {
        Secret(String name, SecretArgs args, CustomResourceOptions options) {
            super("aws:secretsmanager/secret:Secret", name, args, options);
        }
    }

    static final class SecretArgs extends ResourceArgs {
        @Import(name = "name", required = true)
        private final Output<String> name;

        SecretArgs(String name) {
            this.name = Output.of(name);
        }
    }

    @ResourceType(type = "aws:secretsmanager/secretVersion:SecretVersion")
    static final class SecretVersion extends CustomResource {
        SecretVersion(String name, SecretVersionArgs args, CustomResourceOptions options) {
            super("aws:secretsmanager/secretVersion:SecretVersion", name, args, options);
        }
    }

    static final class SecretVersionArgs extends ResourceArgs {
        @Import(name = "secretId", required = true)
        private final Output<String> secretId;
        @Import(name = "secretString", required = true)
        private final Output<String> secretString;

        SecretVersionArgs(Output<String> secretId, Output<String> value) {
            this.secretId = secretId;
            this.secretString = value;
        }
    }
}
