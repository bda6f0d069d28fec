package io.lifeboat.testprograms;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.core.Alias;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

/**
 * The programs the tests run, chosen by the config key {@code mode} (the project's): {@code vpc},
 * a VPC and a subnet that names its id; {@code component}, the same under a component resource;
 * {@code secret}, a secret with a secret value; {@code protect}, a protected VPC; {@code throws},
 * a VPC, then an exception; {@code killed}, a VPC, then its JVM killed (halted, as {@code kill -9}
 * does) once the VPC is made; {@code renamed}, the {@code component} program with its component
 * renamed to {@code net}, its former name {@code network} an alias (its children's URNs change
 * with it); {@code read}, the VPC whose id is {@code vpcId} read, not managed, its CIDR exported.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Pulumi.run(Main::program);
    }

    static void program(Context ctx) {
        String mode = ctx.config().get("mode").orElse("vpc");
        String cidr = ctx.config().get("cidr").orElse("10.40.0.0/16");
        switch (mode) {
            case "vpc" -> network(ctx, cidr, CustomResourceOptions.Empty);
            case "component" -> {
                var group = new Network("network", ComponentResourceOptions.Empty);
                network(ctx, cidr, CustomResourceOptions.builder().parent(group).build());
            }
            case "renamed" -> {
                var group = new Network("net", ComponentResourceOptions.builder().aliases(Alias.builder().name("network").build()).build());
                network(ctx, cidr, CustomResourceOptions.builder().parent(group).build());
            }
            case "read" -> {
                var existing = Aws.Vpc.get("existing", Output.of(ctx.config().require("vpcId")));
                ctx.export("existingCidr", existing.cidrBlock());
            }
            case "secret" -> {
                var secret = new Aws.Secret("api-key", new Aws.SecretArgs("lifeboat-test-api-key"), CustomResourceOptions.Empty);
                new Aws.SecretVersion("api-key", new Aws.SecretVersionArgs(secret.id(), ctx.config().requireSecret("apiKey")),
                        CustomResourceOptions.Empty);
                ctx.export("secretId", secret.id());
            }
            case "protect" -> new Aws.Vpc("main", new Aws.VpcArgs(cidr), CustomResourceOptions.builder().protect(true).build());
            case "throws" -> {
                new Aws.Vpc("main", new Aws.VpcArgs(cidr), CustomResourceOptions.Empty);
                throw new IllegalStateException("the program gave up on purpose");
            }
            case "killed" -> {
                var vpc = new Aws.Vpc("main", new Aws.VpcArgs(cidr), CustomResourceOptions.Empty);
                vpc.id().applyValue(id -> {
                    Runtime.getRuntime().halt(137);
                    return id;
                });
            }
            default -> throw new IllegalArgumentException("no such mode " + mode);
        }
    }

    private static void network(Context ctx, String cidr, CustomResourceOptions options) {
        var vpc = new Aws.Vpc("main", new Aws.VpcArgs(cidr), options);
        String subnetCidr = cidr.replaceFirst("\\.0\\.0/16$", ".1.0/24");
        String zone = ctx.config().get("zone").orElse(ctx.config("aws").get("region").orElse("us-east-1") + "a");
        var subnet = new Aws.Subnet("a", new Aws.SubnetArgs(vpc.id(), subnetCidr, zone), options);
        ctx.export("vpcId", vpc.id());
        ctx.export("subnetId", subnet.id());
        ctx.export("subnetVpc", subnet.vpcId());
    }

    /** A component resource grouping the network. */
    static final class Network extends ComponentResource {
        Network(String name, ComponentResourceOptions options) {
            super("lifeboat:test:Network", name, options);
        }
    }

}
