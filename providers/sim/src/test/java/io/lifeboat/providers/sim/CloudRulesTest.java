package io.lifeboat.providers.sim;

import static io.lifeboat.program.aws.AwsSchemas.*;
import static io.lifeboat.providers.sim.SimFixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lifeboat.provider.Provider;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ProviderException.Kind;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

/** What the real cloud enforces: references, CIDRs, unique names, quotas, dependencies. */
class CloudRulesTest {
    @TempDir
    Path dir;
    SimFixture sim;
    Provider east;
    Provider west;

    @BeforeEach
    void setUp() throws Exception {
        sim = new SimFixture(dir);
        east = sim.provider(EAST);
        west = sim.provider(WEST);
    }

    @Test
    void referencesMustExistInTheSameRegion() throws Exception {
        String vpc = sim.create(east, VPC, vpc("10.0.0.0/16")).id();
        assertFails(() -> sim.create(east, SUBNET, subnet("vpc-0123456789abcdef0", "10.0.1.0/24", "us-east-1a")), Kind.INVALID_INPUT, "InvalidVpcID.NotFound");
        assertFails(() -> sim.create(west, SUBNET, subnet(vpc, "10.0.1.0/24", "us-west-2a")), Kind.INVALID_INPUT, "InvalidVpcID.NotFound");
        assertFails(() -> sim.create(east, ROUTE, Props.builder().put("routeTableId", "rtb-0123456789abcdef0")
                .put("destinationCidrBlock", "0.0.0.0/0").put("gatewayId", "igw-0123456789abcdef0").build()), Kind.INVALID_INPUT, "InvalidRouteTableID.NotFound");
        assertFails(() -> sim.create(east, EKS_NODE_GROUP, nodeGroup("nope", "ng", "arn:aws:iam::123456789012:role/x",
                new Network(vpc, "subnet-1", "subnet-2"), 1)), Kind.INVALID_INPUT, "ResourceNotFoundException");
    }

    @Test
    void aSubnetFitsInItsVpcAndOverlapsNoOther() throws Exception {
        String vpc = sim.create(east, VPC, vpc("10.0.0.0/16")).id();
        sim.create(east, SUBNET, subnet(vpc, "10.0.0.0/20", "us-east-1a"));
        assertFails(() -> sim.create(east, SUBNET, subnet(vpc, "10.0.8.0/24", "us-east-1b")), Kind.CONFLICT, "InvalidSubnet.Conflict");
        assertFails(() -> sim.create(east, SUBNET, subnet(vpc, "10.1.0.0/24", "us-east-1b")), Kind.INVALID_INPUT, "InvalidSubnet.Range");
        assertFails(() -> sim.create(east, SUBNET, subnet(vpc, "10.0.64.0/29", "us-east-1b")), Kind.INVALID_INPUT, "InvalidSubnet.Range");
        assertFails(() -> sim.create(east, SUBNET, subnet(vpc, "10.0.64.0/24", "us-west-2a")), Kind.INVALID_INPUT, "InvalidParameterValue");
        assertFails(() -> sim.create(east, SUBNET, subnet(vpc, "10.0.64.1/24", "us-east-1a")), Kind.INVALID_INPUT, "InvalidParameterValue");
        // another VPC may use the same block
        String other = sim.create(east, VPC, vpc("10.0.0.0/16")).id();
        sim.create(east, SUBNET, subnet(other, "10.0.0.0/20", "us-east-1a"));
        assertFails(() -> sim.create(east, VPC, vpc("10.0.0.0/8")), Kind.INVALID_INPUT, "InvalidVpc.Range");
    }

    @Test
    void vpcAndAddressQuotas() throws Exception {
        for (int i = 0; i < 5; i++) sim.create(east, VPC, vpc("10." + i + ".0.0/16"));
        assertFails(() -> sim.create(east, VPC, vpc("10.9.0.0/16")), Kind.QUOTA, "VpcLimitExceeded");
        sim.create(west, VPC, vpc("10.9.0.0/16")); // quotas are per region
        for (int i = 0; i < 5; i++) sim.create(east, EIP, Props.builder().put("domain", "vpc").build());
        assertFails(() -> sim.create(east, EIP, Props.builder().put("domain", "vpc").build()), Kind.QUOTA, "AddressLimitExceeded");

        sim.settings.put("quotas", "vpc=7");
        Provider roomier = sim.provider(EAST);
        sim.create(roomier, VPC, vpc("10.9.0.0/16"));
        sim.create(roomier, VPC, vpc("10.10.0.0/16"));
        assertFails(() -> sim.create(roomier, VPC, vpc("10.11.0.0/16")), Kind.QUOTA, "VpcLimitExceeded");
    }

    @Test
    void uniqueNamesInTheirScope() throws Exception {
        String vpc = sim.create(east, VPC, vpc("10.0.0.0/16")).id();
        String otherVpc = sim.create(east, VPC, vpc("10.1.0.0/16")).id();
        sim.create(east, SECURITY_GROUP, securityGroup(vpc, "db"));
        sim.create(east, SECURITY_GROUP, securityGroup(otherVpc, "db"));
        assertFails(() -> sim.create(east, SECURITY_GROUP, securityGroup(vpc, "db")), Kind.CONFLICT, "InvalidGroup.Duplicate");

        sim.create(east, IAM_ROLE, role("eks-cluster"));
        assertFails(() -> sim.create(west, IAM_ROLE, role("EKS-Cluster")), Kind.CONFLICT, "EntityAlreadyExists");

        sim.create(east, SNS_TOPIC, topic("alerts"));
        sim.create(west, SNS_TOPIC, topic("alerts"));
        assertFails(() -> sim.create(east, SNS_TOPIC, topic("alerts")), Kind.CONFLICT, "InvalidParameter");

        Props repo = Props.builder().put("name", "etl").build();
        sim.create(east, ECR_REPOSITORY, repo);
        assertFails(() -> sim.create(east, ECR_REPOSITORY, repo), Kind.CONFLICT, "RepositoryAlreadyExistsException");

        Props secret = Props.builder().put("name", "prod/etl").build();
        sim.create(east, SECRET, secret);
        assertFails(() -> sim.create(east, SECRET, secret), Kind.CONFLICT, "ResourceExistsException");

        Network net = sim.network(east, EAST, "10.2.0.0/16");
        String sg = sim.create(east, SECURITY_GROUP, securityGroup(net.vpcId(), "cluster")).id();
        String roleArn = sim.create(east, IAM_ROLE, role("cluster-role")).outputs().string("arn");
        sim.create(east, EKS_CLUSTER, cluster("prod", roleArn, net, sg));
        assertFails(() -> sim.create(east, EKS_CLUSTER, cluster("prod", roleArn, net, sg)), Kind.CONFLICT, "ResourceInUseException");
        sim.create(east, EKS_NODE_GROUP, nodeGroup("prod", "default", roleArn, net, 1));
        assertFails(() -> sim.create(east, EKS_NODE_GROUP, nodeGroup("prod", "default", roleArn, net, 1)), Kind.CONFLICT, "ResourceInUseException");
        sim.create(east, EKS_CLUSTER, cluster("staging", roleArn, net, sg));
        sim.create(east, EKS_NODE_GROUP, nodeGroup("staging", "default", roleArn, net, 1));

        sim.create(east, DB_SUBNET_GROUP, dbSubnetGroup("metadata", net));
        assertFails(() -> sim.create(east, DB_SUBNET_GROUP, dbSubnetGroup("metadata", net)), Kind.CONFLICT, "DBSubnetGroupAlreadyExists");
        sim.create(east, DB_INSTANCE, database("metadata", "metadata", sg));
        assertFails(() -> sim.create(east, DB_INSTANCE, database("metadata", "metadata", sg)), Kind.CONFLICT, "DBInstanceAlreadyExists");
    }

    @Test
    void clustersAndDatabasesNeedTwoZones() throws Exception {
        String vpc = sim.create(east, VPC, vpc("10.0.0.0/16")).id();
        String a = sim.create(east, SUBNET, subnet(vpc, "10.0.1.0/24", "us-east-1a")).id();
        String a2 = sim.create(east, SUBNET, subnet(vpc, "10.0.2.0/24", "us-east-1a")).id();
        Network oneZone = new Network(vpc, a, a2);
        assertFails(() -> sim.create(east, DB_SUBNET_GROUP, dbSubnetGroup("one-zone", oneZone)), Kind.INVALID_INPUT, "DBSubnetGroupDoesNotCoverEnoughAZs");
        String roleArn = sim.create(east, IAM_ROLE, role("r")).outputs().string("arn");
        String sg = sim.create(east, SECURITY_GROUP, securityGroup(vpc, "sg")).id();
        assertFails(() -> sim.create(east, EKS_CLUSTER, cluster("c", roleArn, oneZone, sg)), Kind.INVALID_INPUT, "InvalidParameterException");
    }

    /** What pulumi-aws programs set on a private database (examples/pulumi-java): taken, and a storage type RDS has not refused. */
    @Test
    void aDatabaseTakesItsStorageTypeAndWhetherItIsPubliclyAccessible() throws Exception {
        Network net = sim.network(east, EAST, "10.3.0.0/16");
        String sg = sim.create(east, SECURITY_GROUP, securityGroup(net.vpcId(), "db")).id();
        sim.create(east, DB_SUBNET_GROUP, dbSubnetGroup("app", net));
        Props in = database("app", "app", sg).with("publiclyAccessible", PropertyValue.of(false)).with("storageType", PropertyValue.of("gp3"));
        Props out = sim.create(east, DB_INSTANCE, in).outputs();
        assertThat(out.string("storageType")).isEqualTo("gp3");
        assertThat(out.get("publiclyAccessible")).isEqualTo(PropertyValue.of(false));
        assertFails(() -> sim.create(east, DB_INSTANCE, database("other", "app", sg).with("storageType", PropertyValue.of("ssd"))),
                Kind.INVALID_INPUT, "InvalidParameterValue");
    }

    /** A password given by the program (pulumi-aws's password), not with RDS managing it; a protected database is not deleted. */
    @Test
    void aDatabaseTakesAPasswordAndDeletionProtectionRefusesItsDelete() throws Exception {
        Network net = sim.network(east, EAST, "10.4.0.0/16");
        String sg = sim.create(east, SECURITY_GROUP, securityGroup(net.vpcId(), "db")).id();
        sim.create(east, DB_SUBNET_GROUP, dbSubnetGroup("app", net));
        Props base = database("app", "app", sg).without("manageMasterUserPassword");
        assertFails(() -> sim.create(east, DB_INSTANCE, base.with("password", PropertyValue.of("short"))), Kind.INVALID_INPUT, "InvalidParameterValue");
        assertFails(() -> sim.create(east, DB_INSTANCE, base.with("password", PropertyValue.of("long-enough-pw"))
                .with("manageMasterUserPassword", PropertyValue.of(true))), Kind.INVALID_INPUT, "InvalidParameterCombination");
        String id = sim.create(east, DB_INSTANCE, base.with("password", PropertyValue.of("long-enough-pw"))
                .with("deletionProtection", PropertyValue.of(true))).id();
        assertFails(() -> east.type(DB_INSTANCE).delete(id, Props.EMPTY, ctx()), Kind.INVALID_INPUT, "InvalidParameterCombination");
    }

    @Test
    void deletingWhatOthersStillUseIsADependencyViolationUntilTheyAreGone() throws Exception {
        String vpc = sim.create(east, VPC, vpc("10.0.0.0/16")).id();
        String subnet = sim.create(east, SUBNET, subnet(vpc, "10.0.1.0/24", "us-east-1a")).id();
        assertFails(() -> east.type(VPC).delete(vpc, Props.EMPTY, ctx()), Kind.TRANSIENT, "DependencyViolation");
        assertThat(east.type(VPC).read(vpc, Props.EMPTY, Props.EMPTY, ctx())).isPresent();
        east.type(SUBNET).delete(subnet, Props.EMPTY, ctx());
        east.type(VPC).delete(vpc, Props.EMPTY, ctx());

        Network net = sim.network(east, EAST, "10.1.0.0/16");
        String rtb = sim.create(east, ROUTE_TABLE, Props.builder().put("vpcId", net.vpcId()).build()).id();
        String igw = sim.create(east, INTERNET_GATEWAY, Props.builder().put("vpcId", net.vpcId()).build()).id();
        String route = sim.create(east, ROUTE, Props.builder().put("routeTableId", rtb).put("destinationCidrBlock", "0.0.0.0/0").put("gatewayId", igw).build()).id();
        assertFails(() -> east.type(ROUTE_TABLE).delete(rtb, Props.EMPTY, ctx()), Kind.TRANSIENT, "DependencyViolation");
        east.type(ROUTE).delete(route, Props.EMPTY, ctx());
        east.type(ROUTE_TABLE).delete(rtb, Props.EMPTY, ctx());

        String sg = sim.create(east, SECURITY_GROUP, securityGroup(net.vpcId(), "c")).id();
        String roleArn = sim.create(east, IAM_ROLE, role("r")).outputs().string("arn");
        sim.create(east, EKS_CLUSTER, cluster("c", roleArn, net, sg));
        String ng = sim.create(east, EKS_NODE_GROUP, nodeGroup("c", "ng", roleArn, net, 1)).id();
        assertFails(() -> east.type(EKS_CLUSTER).delete("c", Props.EMPTY, ctx()), Kind.TRANSIENT, "DependencyViolation");
        assertFails(() -> east.type(SECURITY_GROUP).delete(sg, Props.EMPTY, ctx()), Kind.TRANSIENT, "DependencyViolation");
        east.type(EKS_NODE_GROUP).delete(ng, Props.EMPTY, ctx());
        east.type(EKS_CLUSTER).delete("c", Props.EMPTY, ctx());
        east.type(SECURITY_GROUP).delete(sg, Props.EMPTY, ctx());
    }

    @Test
    void anUpdateCannotChangeWhatForcesReplacement() throws Exception {
        String vpc = sim.create(east, VPC, vpc("10.0.0.0/16")).id();
        assertFails(() -> east.type(VPC).update(vpc, Props.EMPTY, vpc("10.1.0.0/16"), ctx()), Kind.INVALID_INPUT, "InvalidParameterValue");
        Props out = east.type(VPC).update(vpc, Props.EMPTY, vpc("10.0.0.0/16").with("enableDnsHostnames", PropertyValue.of(false)), ctx());
        assertThat(out.get("enableDnsHostnames")).isEqualTo(PropertyValue.of(false));
    }

    @Test
    void inputsOutsideTheSchemaOrMissingAreRefused() throws Exception {
        assertFails(() -> sim.create(east, VPC, Props.builder().put("enableDnsSupport", true).build()), Kind.INVALID_INPUT, "MissingParameter");
        assertFails(() -> sim.create(east, VPC, vpc("10.0.0.0/16").with("colour", PropertyValue.of("blue"))), Kind.INVALID_INPUT, "UnknownParameter");
        assertFails(() -> sim.create(east, VPC, vpc("10.0.0.0/16").with("tags", PropertyValue.fromJava(Map.of("aws:owner", "me")))),
                Kind.INVALID_INPUT, "InvalidParameterValue");
        assertFails(() -> sim.create(east, VPC, vpc("10.0.0.0/16").with("cidrBlock", PropertyValue.UNKNOWN)), Kind.INVALID_INPUT, "UnknownValue");
    }

    @Test
    void secretsInputsArriveRevealedAndRouteTargetsMustShareTheNetwork() throws Exception {
        String secret = sim.create(east, SECRET, Props.builder().put("name", "k").build()).id();
        Props out = sim.create(east, SECRET_VERSION, Props.builder().put("secretId", "k")
                .put("secretString", new PropertyValue.Secret(PropertyValue.of("hunter2"))).build()).outputs();
        assertThat(out.string("secretString")).isEqualTo("hunter2");
        assertThat(out.string("arn")).isEqualTo(secret);
        assertThat(sim.admin().objects(EAST)).filteredOn(v -> v.type().equals(SECRET_VERSION)).singleElement()
                .satisfies(v -> assertThat(v.inputs().get("secretString")).isInstanceOf(PropertyValue.Secret.class));

        String a = sim.create(east, VPC, vpc("10.0.0.0/16")).id();
        String b = sim.create(east, VPC, vpc("10.1.0.0/16")).id();
        String rtb = sim.create(east, ROUTE_TABLE, Props.builder().put("vpcId", a).build()).id();
        String igw = sim.create(east, INTERNET_GATEWAY, Props.builder().put("vpcId", b).build()).id();
        assertFails(() -> sim.create(east, ROUTE, Props.builder().put("routeTableId", rtb).put("destinationCidrBlock", "0.0.0.0/0")
                .put("gatewayId", igw).build()), Kind.INVALID_INPUT, "InvalidParameterValue");
        assertFails(() -> sim.create(east, INTERNET_GATEWAY, Props.builder().put("vpcId", b).build()), Kind.CONFLICT, "Resource.AlreadyAssociated");
        assertFails(() -> sim.create(east, ROUTE, Props.builder().put("routeTableId", rtb).put("destinationCidrBlock", "0.0.0.0/0").build()),
                Kind.INVALID_INPUT, "MissingParameter");
        // the main route table of a VPC is a valid target for routes, though no resource made it
        String main = east.type(VPC).read(a, Props.EMPTY, Props.EMPTY, ctx()).orElseThrow().outputs().string("mainRouteTableId");
        String igwA = sim.create(east, INTERNET_GATEWAY, Props.builder().put("vpcId", a).build()).id();
        sim.create(east, ROUTE, Props.builder().put("routeTableId", main).put("destinationCidrBlock", "0.0.0.0/0").put("gatewayId", igwA).build());
        assertThat(List.of(rtb, main)).doesNotHaveDuplicates();
    }

    static void assertFails(ThrowableAssert.ThrowingCallable call, Kind kind, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
            assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
        });
    }
}
