package io.lifeboat.providers.sim;

import static io.lifeboat.program.aws.AwsSchemas.*;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.Provider;
import io.lifeboat.provider.ProviderConfig;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/** A project directory with the sim in it, and inputs that the aws program would send for each type. */
final class SimFixture {
    static final String EAST = "us-east-1";
    static final String WEST = "us-west-2";

    final Path workDir;
    final SimProviderFactory factory;
    final Map<String, String> settings = new HashMap<>();
    private int names;

    SimFixture(Path workDir) {
        this(workDir, Map.of("LIFEBOAT_SIM_LATENCY", "fast"));
    }

    SimFixture(Path workDir, Map<String, String> env) {
        this.workDir = workDir;
        this.factory = new SimProviderFactory(env);
    }

    Provider provider(String region) throws ProviderException {
        return factory.open(new ProviderConfig("aws", region, "sim", workDir, settings));
    }

    SimAdmin admin() {
        return new SimAdmin(workDir);
    }

    static Urn urn(String type, String name) {
        return Urn.of("test", "lifeboat", null, type, name);
    }

    static OperationContext ctx(String type, String name) {
        return OperationContext.of(urn(type, name), Duration.ofMinutes(1));
    }

    static OperationContext ctx() {
        return OperationContext.of(urn("test:index:Any", "any"), Duration.ofMinutes(1));
    }

    String name(String prefix) {
        return prefix + "-" + (++names);
    }

    ResourceType.Created create(Provider p, String type, Props inputs) throws ProviderException {
        String name = name("r");
        return p.type(type).create(urn(type, name), inputs, ctx(type, name));
    }

    ResourceType.Created create(Provider p, String type, String name, Props inputs) throws ProviderException {
        return p.type(type).create(urn(type, name), inputs, ctx(type, name));
    }

    static PropertyValue tags(String name) {
        return PropertyValue.fromJava(Map.of("Name", name, "lifeboat:stack", "test"));
    }

    // ---- inputs per type, shaped like the aws program's

    static Props vpc(String cidr) {
        return Props.builder().put("cidrBlock", cidr).put("enableDnsHostnames", true).put("enableDnsSupport", true).put("tags", tags("vpc")).build();
    }

    static Props subnet(String vpcId, String cidr, String az) {
        return Props.builder().put("vpcId", vpcId).put("cidrBlock", cidr).put("availabilityZone", az)
                .put("mapPublicIpOnLaunch", false).put("tags", tags("subnet")).build();
    }

    static Props securityGroup(String vpcId, String name) {
        return Props.builder().put("name", name).put("description", "test").put("vpcId", vpcId)
                .put("ingress", PropertyValue.fromJava(List.of(Map.of("protocol", "tcp", "fromPort", 5432, "toPort", 5432,
                        "cidrBlocks", List.of("10.10.0.0/16")))))
                .put("tags", tags(name)).build();
    }

    static Props role(String name) {
        return Props.builder().put("name", name)
                .put("assumeRolePolicy", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"eks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}")
                .put("managedPolicyArns", PropertyValue.strings(List.of("arn:aws:iam::aws:policy/AmazonEKSClusterPolicy")))
                .put("tags", tags(name)).build();
    }

    static Props topic(String name) {
        return Props.builder().put("name", name).put("tags", tags(name)).build();
    }

    /** A VPC with two subnets in two zones: what clusters and databases need. */
    record Network(String vpcId, String subnetA, String subnetB) {
        PropertyValue subnets() {
            return PropertyValue.strings(List.of(subnetA, subnetB));
        }
    }

    Network network(Provider p, String region, String cidr16) throws ProviderException {
        String prefix = cidr16.substring(0, cidr16.indexOf(".0.0/16"));
        String vpc = create(p, VPC, vpc(cidr16)).id();
        String a = create(p, SUBNET, subnet(vpc, prefix + ".1.0/24", region + "a")).id();
        String b = create(p, SUBNET, subnet(vpc, prefix + ".2.0/24", region + "b")).id();
        return new Network(vpc, a, b);
    }

    static Props cluster(String name, String roleArn, Network n, String sgId) {
        return Props.builder().put("name", name).put("roleArn", roleArn).put("version", "1.30")
                .put("vpcConfig", new PropertyValue.Obj(Props.builder().put("subnetIds", n.subnets())
                        .put("securityGroupIds", PropertyValue.list(PropertyValue.of(sgId)))
                        .put("endpointPrivateAccess", true).put("endpointPublicAccess", true).build()))
                .put("tags", tags(name)).build();
    }

    static Props nodeGroup(String cluster, String name, String roleArn, Network n, int desired) {
        return Props.builder().put("clusterName", cluster).put("nodeGroupName", name).put("nodeRoleArn", roleArn)
                .put("subnetIds", n.subnets()).put("instanceTypes", PropertyValue.strings(List.of("m5.xlarge"))).put("diskSize", 50)
                .put("scalingConfig", PropertyValue.fromJava(Map.of("minSize", 1, "maxSize", 10, "desiredSize", desired)))
                .put("tags", tags(name)).build();
    }

    static Props dbSubnetGroup(String name, Network n) {
        return Props.builder().put("name", name).put("subnetIds", n.subnets()).put("tags", tags(name)).build();
    }

    static Props database(String identifier, String subnetGroup, String sgId) {
        return Props.builder().put("identifier", identifier).put("engine", "postgres").put("engineVersion", "15")
                .put("instanceClass", "db.r6g.large").put("allocatedStorage", 100).put("dbSubnetGroupName", subnetGroup)
                .put("vpcSecurityGroupIds", PropertyValue.list(PropertyValue.of(sgId))).put("backupRetentionPeriod", 7)
                .put("username", "airflow").put("dbName", "airflow").put("manageMasterUserPassword", true)
                .put("storageEncrypted", true).put("multiAz", false).put("skipFinalSnapshot", false)
                .put("finalSnapshotIdentifier", identifier + "-final").put("tags", tags(identifier)).build();
    }
}
