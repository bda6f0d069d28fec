package io.lifeboat.providers.aws;

import static io.lifeboat.providers.aws.FakeAws.Reply.ec2;
import static io.lifeboat.providers.aws.FakeAws.Reply.ec2Error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.lifeboat.deploy.CallChain;
import io.lifeboat.deploy.DeployListener;
import io.lifeboat.deploy.ProviderCall;
import io.lifeboat.deploy.RetryPolicy;
import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/** {@code aws:ec2/vpc:Vpc} on the EC2 wire protocol: the mark, eventual consistency, throttling, DependencyViolation. */
class AwsVpcTypeTest {
    private static final Urn URN = new Urn("prod-use1", "data-platform", AwsSchemas.VPC, "vpc");
    private static final String VPC = "<vpcSet><item><vpcId>vpc-0123456789abcdef0</vpcId><ownerId>123456789012</ownerId>"
            + "<cidrBlock>10.10.0.0/16</cidrBlock><instanceTenancy>default</instanceTenancy><state>available</state>"
            + "<tagSet><item><key>Name</key><value>prod-use1-vpc</value></item><item><key>lifeboat:urn</key><value>" + URN + "</value></item></tagSet>"
            + "</item></vpcSet>";
    private final FakeAws fake = AwsTestServers.fake();
    private final ResourceType vpc = fake.provider("us-east-1").type(AwsSchemas.VPC);

    @AfterEach
    void stop() {
        fake.close();
    }

    private static OperationContext ctx(Duration timeout) {
        return OperationContext.of(URN, timeout);
    }

    private void describable() {
        fake.on("DescribeVpcAttribute", ec2("DescribeVpcAttribute", "<vpcId>vpc-0123456789abcdef0</vpcId><enableDnsSupport><value>true</value></enableDnsSupport>"
                + "<enableDnsHostnames><value>true</value></enableDnsHostnames>"));
        fake.on("DescribeRouteTables", ec2("DescribeRouteTables", "<routeTableSet><item><routeTableId>rtb-main</routeTableId></item></routeTableSet>"));
        fake.on("DescribeSecurityGroups", ec2("DescribeSecurityGroups", "<securityGroupInfo><item><groupId>sg-default</groupId></item></securityGroupInfo>"));
    }

    @Test
    void createMarksTheVpcSetsItsDnsAttributesAndWaitsUntilReadsSeeIt() throws Exception {
        fake.on("CreateVpc", ec2("CreateVpc", "<vpc><vpcId>vpc-0123456789abcdef0</vpcId></vpc>"));
        // just made, the VPC is not there yet for the next calls: eventual consistency
        fake.on("ModifyVpcAttribute", ec2Error(400, "InvalidVpcID.NotFound", "The vpc ID 'vpc-0123456789abcdef0' does not exist"),
                ec2("ModifyVpcAttribute", "<return>true</return>"));
        fake.on("DescribeVpcs", ec2Error(400, "InvalidVpcID.NotFound", "The vpc ID 'vpc-0123456789abcdef0' does not exist"), ec2("DescribeVpcs", VPC));
        describable();

        Props in = Props.builder().put("cidrBlock", "10.10.0.0/16").put("enableDnsHostnames", true).put("enableDnsSupport", true)
                .put("tags", PropertyValue.fromJava(Map.of("Name", "prod-use1-vpc"))).build();
        ResourceType.Created made = vpc.create(URN, in, ctx(Duration.ofSeconds(10)));

        assertThat(made.id()).isEqualTo("vpc-0123456789abcdef0");
        FakeAws.Request create = fake.calls("CreateVpc").get(0);
        assertThat(create.param("CidrBlock")).isEqualTo("10.10.0.0/16");
        assertThat(create.params()).containsEntry("TagSpecification.1.ResourceType", "vpc")
                .containsValue("lifeboat:urn").containsValue(URN.toString()).containsValue("Name");
        // support is on by default: only the hostnames are asked for, once more after the not-found
        assertThat(fake.calls("ModifyVpcAttribute")).hasSize(2)
                .allSatisfy(r -> assertThat(r.param("EnableDnsHostnames.Value")).isEqualTo("true"));
        assertThat(made.outputs().string("arn")).isEqualTo("arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0123456789abcdef0");
        assertThat(made.outputs().string("mainRouteTableId")).isEqualTo("rtb-main");
        assertThat(made.outputs().string("defaultSecurityGroupId")).isEqualTo("sg-default");
        assertThat(made.outputs().get("tags")).isEqualTo(PropertyValue.fromJava(Map.of("Name", "prod-use1-vpc")));
    }

    @Test
    void findByUrnAsksForTheMarkAndAdoptsWhatItFinds() throws Exception {
        fake.on("DescribeVpcs", ec2("DescribeVpcs", VPC));
        describable();

        ResourceType.Created found = vpc.findByUrn(URN, Props.builder().put("cidrBlock", "10.10.0.0/16").build(), ctx(Duration.ofSeconds(5))).orElseThrow();

        assertThat(found.id()).isEqualTo("vpc-0123456789abcdef0");
        FakeAws.Request first = fake.calls("DescribeVpcs").get(0);
        assertThat(first.param("Filter.1.Name")).isEqualTo("tag:lifeboat:urn");
        assertThat(first.param("Filter.1.Value.1")).isEqualTo(URN.toString());
    }

    @Test
    void aVpcThatIsGoneReadsAsEmpty() throws Exception {
        fake.on("DescribeVpcs", ec2Error(400, "InvalidVpcID.NotFound", "The vpc ID 'vpc-0123456789abcdef0' does not exist"));

        assertThat(vpc.read("vpc-0123456789abcdef0", Props.EMPTY, Props.EMPTY, ctx(Duration.ofSeconds(5)))).isEmpty();
    }

    @Test
    void throttlingIsRetryableAndTheSdkDoesNotRetryBehindTheEngine() {
        fake.on("CreateVpc", ec2Error(503, "RequestLimitExceeded", "Request limit exceeded."));

        assertThatThrownBy(() -> vpc.create(URN, Props.builder().put("cidrBlock", "10.10.0.0/16").build(), ctx(Duration.ofSeconds(5))))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.THROTTLED);
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.code()).isEqualTo("RequestLimitExceeded");
                    assertThat(e.getMessage()).contains("CreateVpc in us-east-1");
                });
        assertThat(fake.calls("CreateVpc")).hasSize(1);
    }

    @Test
    void aDeleteStillBlockedByDependenciesIsRetriedUntilItGoesThrough() throws Exception {
        fake.on("DeleteVpc", ec2Error(400, "DependencyViolation", "The vpc has dependencies and cannot be deleted."),
                ec2Error(400, "DependencyViolation", "The vpc has dependencies and cannot be deleted."), ec2("DeleteVpc", "<return>true</return>"));

        vpc.delete("vpc-0123456789abcdef0", Props.EMPTY, ctx(Duration.ofSeconds(10)));

        assertThat(fake.calls("DeleteVpc")).hasSize(3);
    }

    @Test
    void aDeleteBlockedUntilTheDeadlineTimesOut() {
        fake.on("DeleteVpc", ec2Error(400, "DependencyViolation", "The vpc has dependencies and cannot be deleted."));

        assertThatThrownBy(() -> vpc.delete("vpc-0123456789abcdef0", Props.EMPTY, ctx(Duration.ofMillis(200))))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.TIMEOUT));
        assertThat(fake.calls("DeleteVpc").size()).isGreaterThan(1);
    }

    @Test
    void aVpcAlreadyGoneIsDeleted() throws Exception {
        fake.on("DeleteVpc", ec2Error(400, "InvalidVpcID.NotFound", "The vpc ID 'vpc-0123456789abcdef0' does not exist"));

        vpc.delete("vpc-0123456789abcdef0", Props.EMPTY, ctx(Duration.ofSeconds(5)));

        assertThat(fake.calls("DeleteVpc")).hasSize(1);
    }

    @Test
    void aCreateWhoseAnswerWasLostIsAdoptedWhenTheEngineRetriesIt() throws Exception {
        Urn urn = new Urn("prod-use1", "data-platform", AwsSchemas.SUBNET, "public-b");
        // the first try made the subnet but its answer was a 500; the engine's retry is refused
        fake.on("CreateSubnet", ec2Error(400, "InvalidSubnet.Conflict", "The CIDR '10.10.32.0/19' conflicts with another subnet"));
        fake.on("DescribeSubnets", ec2("DescribeSubnets", "<subnetSet><item><subnetId>subnet-0123456789abcdef0</subnetId><vpcId>vpc-0123456789abcdef0</vpcId>"
                + "<cidrBlock>10.10.32.0/19</cidrBlock><availabilityZone>us-east-1b</availabilityZone><mapPublicIpOnLaunch>true</mapPublicIpOnLaunch>"
                + "<ownerId>123456789012</ownerId><tagSet><item><key>lifeboat:urn</key><value>" + urn + "</value></item></tagSet></item></subnetSet>"));
        Props in = Props.builder().put("vpcId", "vpc-0123456789abcdef0").put("cidrBlock", "10.10.32.0/19").put("availabilityZone", "us-east-1b")
                .put("mapPublicIpOnLaunch", true).build();

        ResourceType.Created adopted = createThroughTheChain(urn, in);

        assertThat(adopted.id()).isEqualTo("subnet-0123456789abcdef0");
        assertThat(fake.calls("DescribeSubnets").get(0).param("Filter.1.Name")).isEqualTo("tag:lifeboat:urn");
        assertThat(fake.calls("DescribeSubnets").get(0).param("Filter.1.Value.1")).isEqualTo(urn.toString());
    }

    @Test
    void aConflictWithSomethingNotOursStaysAnError() {
        Urn urn = new Urn("prod-use1", "data-platform", AwsSchemas.SUBNET, "public-b");
        fake.on("CreateSubnet", ec2Error(400, "InvalidSubnet.Conflict", "The CIDR '10.10.32.0/19' conflicts with another subnet"));
        fake.on("DescribeSubnets", ec2("DescribeSubnets", "<subnetSet></subnetSet>"));
        Props in = Props.builder().put("vpcId", "vpc-0123456789abcdef0").put("cidrBlock", "10.10.32.0/19").put("availabilityZone", "us-east-1b").build();

        assertThatThrownBy(() -> createThroughTheChain(urn, in))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.CONFLICT);
                    assertThat(e.code()).isEqualTo("InvalidSubnet.Conflict");
                });
    }

    /** A new resource's create as the engine makes it: through the call chain, which adopts by mark on a conflict. */
    private ResourceType.Created createThroughTheChain(Urn urn, Props in) throws Exception {
        ResourceType subnet = fake.provider("us-east-1").type(AwsSchemas.SUBNET);
        OperationContext ctx = OperationContext.of(urn, Duration.ofSeconds(5));
        return CallChain.standard(null, RetryPolicy.DEFAULT, DeployListener.NONE, ref -> null)
                .call(ProviderCall.create(subnet, null, urn, in, ctx).adoptingByMark(ProviderCall.findByMark(subnet, null, urn, in, ctx)));
    }
}
