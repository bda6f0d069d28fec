package io.lifeboat.providers.aws;

import static io.lifeboat.providers.aws.FakeAws.Reply.ec2;
import static io.lifeboat.providers.aws.FakeAws.Reply.ec2Error;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/** Peering: requested here; accepted in the peer's region when the peer is our own account, else left to the peer. */
class AwsVpcPeeringTypeTest {
    private static final Urn URN = new Urn("prod-use1", "data-platform", AwsSchemas.VPC_PEERING, "peer-corp");
    private final FakeAws fake = AwsTestServers.fake();

    @AfterEach
    void stop() {
        fake.close();
    }

    private static String pcx(String peerOwner, String status) {
        return "<vpcPeeringConnectionId>pcx-0123456789abcdef0</vpcPeeringConnectionId>"
                + "<requesterVpcInfo><ownerId>123456789012</ownerId><vpcId>vpc-aaaaaaaa</vpcId><region>us-east-1</region></requesterVpcInfo>"
                + "<accepterVpcInfo><ownerId>" + peerOwner + "</ownerId><vpcId>vpc-0a1b2c3d</vpcId><region>us-west-2</region></accepterVpcInfo>"
                + "<status><code>" + status + "</code><message>-</message></status><tagSet/>";
    }

    private static Props inputs(String peerOwner) {
        return Props.builder().put("vpcId", "vpc-aaaaaaaa").put("peerVpcId", "vpc-0a1b2c3d").put("peerOwnerId", peerOwner)
                .put("peerRegion", "us-west-2").put("autoAccept", false).build();
    }

    @Test
    void anotherAccountsPeerIsLeftPendingAcceptance() throws Exception {
        fake.on("CreateVpcPeeringConnection", ec2("CreateVpcPeeringConnection", "<vpcPeeringConnection>" + pcx("111122223333", "initiating-request")
                + "</vpcPeeringConnection>"));
        fake.on("DescribeVpcPeeringConnections", ec2("DescribeVpcPeeringConnections", "<vpcPeeringConnectionSet><item>"
                + pcx("111122223333", "pending-acceptance") + "</item></vpcPeeringConnectionSet>"));

        ResourceType.Created made = fake.provider("us-east-1").type(AwsSchemas.VPC_PEERING).create(URN, inputs("111122223333"),
                OperationContext.of(URN, Duration.ofSeconds(5)));

        FakeAws.Request create = fake.calls("CreateVpcPeeringConnection").get(0);
        assertThat(create.param("PeerRegion")).isEqualTo("us-west-2");
        assertThat(create.param("PeerOwnerId")).isEqualTo("111122223333");
        assertThat(fake.actions()).doesNotContain("AcceptVpcPeeringConnection");
        assertThat(made.outputs().string("acceptStatus")).isEqualTo("pending-acceptance");
    }

    @Test
    void ourOwnAccountsPeerIsAcceptedInThePeersRegion() throws Exception {
        fake.on("CreateVpcPeeringConnection", ec2("CreateVpcPeeringConnection", "<vpcPeeringConnection>" + pcx("123456789012", "initiating-request")
                + "</vpcPeeringConnection>"));
        fake.on("AcceptVpcPeeringConnection", ec2Error(400, "InvalidVpcPeeringConnectionID.NotFound", "not yet visible in us-west-2"),
                ec2("AcceptVpcPeeringConnection", "<vpcPeeringConnection>" + pcx("123456789012", "provisioning") + "</vpcPeeringConnection>"));
        fake.on("DescribeVpcPeeringConnections", ec2("DescribeVpcPeeringConnections", "<vpcPeeringConnectionSet><item>"
                + pcx("123456789012", "active") + "</item></vpcPeeringConnectionSet>"));

        ResourceType.Created made = fake.provider("us-east-1").type(AwsSchemas.VPC_PEERING).create(URN, inputs("123456789012"),
                OperationContext.of(URN, Duration.ofSeconds(5)));

        // signed for the peer's region: the accepter's side of the connection
        assertThat(fake.calls("AcceptVpcPeeringConnection")).hasSize(2)
                .allSatisfy(r -> assertThat(r.headers().get("authorization")).contains("/us-west-2/ec2/aws4_request"));
        assertThat(fake.calls("CreateVpcPeeringConnection").get(0).headers().get("authorization")).contains("/us-east-1/ec2/aws4_request");
        assertThat(made.outputs().string("acceptStatus")).isEqualTo("active");
    }

    @Test
    void aRefusedAcceptanceLeavesTheRequestPending() throws Exception {
        fake.on("CreateVpcPeeringConnection", ec2("CreateVpcPeeringConnection", "<vpcPeeringConnection>" + pcx("123456789012", "initiating-request")
                + "</vpcPeeringConnection>"));
        fake.on("AcceptVpcPeeringConnection", ec2Error(403, "UnauthorizedOperation", "You are not authorized to perform this operation."));
        fake.on("DescribeVpcPeeringConnections", ec2("DescribeVpcPeeringConnections", "<vpcPeeringConnectionSet><item>"
                + pcx("123456789012", "pending-acceptance") + "</item></vpcPeeringConnectionSet>"));

        ResourceType.Created made = fake.provider("us-east-1").type(AwsSchemas.VPC_PEERING).create(URN, inputs("123456789012"),
                OperationContext.of(URN, Duration.ofSeconds(5)));

        assertThat(made.id()).isEqualTo("pcx-0123456789abcdef0");
        assertThat(made.outputs().string("acceptStatus")).isEqualTo("pending-acceptance");
    }
}
