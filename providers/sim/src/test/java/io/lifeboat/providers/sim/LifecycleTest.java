package io.lifeboat.providers.sim;

import static io.lifeboat.program.aws.AwsSchemas.*;
import static io.lifeboat.providers.sim.CloudRulesTest.assertFails;
import static io.lifeboat.providers.sim.SimFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.Provider;
import io.lifeboat.provider.ProviderException.Kind;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/** Asynchronous provisioning, deadlines, the idempotency mark, drift. */
class LifecycleTest {
    @TempDir
    Path dir;

    @Test
    void findByUrnFindsWhatACreateMadeTaggedOrNot() throws Exception {
        SimFixture sim = new SimFixture(dir);
        Provider east = sim.provider(EAST);
        ResourceType.Created vpc = sim.create(east, VPC, "vpc", vpc("10.0.0.0/16"));
        assertThat(east.type(VPC).findByUrn(urn(VPC, "vpc"), Props.EMPTY, ctx())).get().isEqualTo(vpc);
        assertThat(east.type(VPC).findByUrn(urn(VPC, "other"), Props.EMPTY, ctx())).isEmpty();

        String rtb = sim.create(east, ROUTE_TABLE, Props.builder().put("vpcId", vpc.id()).build()).id();
        String igw = sim.create(east, INTERNET_GATEWAY, Props.builder().put("vpcId", vpc.id()).build()).id();
        ResourceType.Created route = sim.create(east, ROUTE, "default", Props.builder().put("routeTableId", rtb)
                .put("destinationCidrBlock", "0.0.0.0/0").put("gatewayId", igw).build());
        assertThat(east.type(ROUTE).findByUrn(urn(ROUTE, "default"), Props.EMPTY, ctx())).get().extracting(ResourceType.Created::id).isEqualTo(route.id());
        assertThat(sim.admin().object(EAST, route.id()).orElseThrow().urn()).isEqualTo(urn(ROUTE, "default").toString());
        // the other region knows nothing of it
        assertThat(sim.provider(WEST).type(VPC).findByUrn(urn(VPC, "vpc"), Props.EMPTY, ctx())).isEmpty();
        // a role is global: found through any region
        sim.create(east, IAM_ROLE, "role", role("r"));
        assertThat(sim.provider(WEST).type(IAM_ROLE).findByUrn(urn(IAM_ROLE, "role"), Props.EMPTY, ctx())).isPresent();
    }

    @Test
    void aDeadlineShorterThanProvisioningTimesOutButLeavesAFindableObject() throws Exception {
        // a VPC takes 1 s to provision; the deadline leaves ample time to ask, none to wait it out
        SimFixture sim = new SimFixture(dir, Map.of("LIFEBOAT_SIM_LATENCY", "realistic", "LIFEBOAT_SIM_LATENCY_SCALE", "1"));
        Provider east = sim.provider(EAST);
        Urn urn = urn(VPC, "slow");
        List<String> progress = new ArrayList<>();
        OperationContext tight = new OperationContext(urn, Instant.now().plusMillis(250), progress::add);
        assertFails(() -> east.type(VPC).create(urn, vpc("10.0.0.0/16"), tight), Kind.TIMEOUT, "RequestTimeout");

        // as after a crash: the object is there, still being made (the call did not wait it out), and carries its mark
        SimAdmin.ObjectView seen = sim.admin().objects(EAST).get(0);
        assertThat(seen.urn()).isEqualTo(urn.toString());
        assertThat(seen.status()).as("given up before it was made").isNotEqualTo("available");
        Optional<ResourceType.Created> adopted = east.type(VPC).findByUrn(urn, Props.EMPTY, OperationContext.of(urn, Duration.ofSeconds(10)));
        assertThat(adopted).get().extracting(ResourceType.Created::id).isEqualTo(seen.id());
        assertThat(sim.admin().object(EAST, seen.id()).orElseThrow().status()).isEqualTo("available");
    }

    @Test
    void realisticLatencyTakesItsTimeAndReportsProgress() throws Exception {
        SimFixture sim = new SimFixture(dir, Map.of("LIFEBOAT_SIM_LATENCY", "realistic", "LIFEBOAT_SIM_LATENCY_SCALE", "0.1"));
        Provider east = sim.provider(EAST);
        Network net = sim.network(east, EAST, "10.0.0.0/16");
        String sg = sim.create(east, SECURITY_GROUP, securityGroup(net.vpcId(), "c")).id();
        String roleArn = sim.create(east, IAM_ROLE, role("r")).outputs().string("arn");
        List<String> progress = new ArrayList<>();
        Urn urn = urn(EKS_CLUSTER, "eks");
        Instant start = Instant.now();
        east.type(EKS_CLUSTER).create(urn, cluster("eks", roleArn, net, sg), new OperationContext(urn, Instant.now().plusSeconds(30), progress::add));
        assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(1500)); // 15s x 0.1
        assertThat(progress).isNotEmpty().allMatch(m -> m.contains("still creating"));
    }

    @Test
    void readAfterAChangeBehindTheEnginesBackShowsTheDrift() throws Exception {
        SimFixture sim = new SimFixture(dir);
        Provider east = sim.provider(EAST);
        String vpc = sim.create(east, VPC, vpc("10.0.0.0/16")).id();
        Props in = securityGroup(vpc, "db");
        String sg = sim.create(east, SECURITY_GROUP, "db", in).id();
        assertThat(east.type(SECURITY_GROUP).read(sg, in, Props.EMPTY, ctx()).orElseThrow().inputs()).isEqualTo(in);

        List<Object> handMade = List.of(Map.of("protocol", "tcp", "fromPort", 22, "toPort", 22, "cidrBlocks", List.of("0.0.0.0/0")));
        sim.admin().mutate(EAST, sg, "ingress", handMade);
        sim.admin().mutate(EAST, sg, "tags.owner", "someone");
        ResourceType.Observed seen = east.type(SECURITY_GROUP).read(sg, in, Props.EMPTY, ctx()).orElseThrow();
        assertThat(seen.inputs().get("ingress")).isEqualTo(PropertyValue.fromJava(handMade));
        assertThat(seen.inputs().get("tags")).isEqualTo(PropertyValue.fromJava(Map.of("Name", "db", "lifeboat:stack", "test", "owner", "someone")));
        assertThat(seen.outputs().get("ingress")).isEqualTo(PropertyValue.fromJava(handMade));
        // the mark survives the change, so the object is still found
        assertThat(east.type(SECURITY_GROUP).findByUrn(urn(SECURITY_GROUP, "db"), Props.EMPTY, ctx())).isPresent();

        assertThat(sim.admin().deleteBehindBack(EAST, sg)).isTrue();
        assertThat(east.type(SECURITY_GROUP).read(sg, in, Props.EMPTY, ctx())).isEmpty();
        assertThat(sim.admin().deleteBehindBack(EAST, sg)).isFalse();
    }

    @Test
    void inputsGivenWithoutTagsReadBackWithoutTags() throws Exception {
        SimFixture sim = new SimFixture(dir);
        Provider east = sim.provider(EAST);
        Props in = Props.builder().put("name", "bare").build();
        String id = sim.create(east, ECR_REPOSITORY, in).id();
        ResourceType.Observed seen = east.type(ECR_REPOSITORY).read(id, in, Props.EMPTY, ctx()).orElseThrow();
        assertThat(seen.inputs()).isEqualTo(in);
        assertThat(seen.outputs().get("tags")).isEqualTo(new PropertyValue.Obj(Props.EMPTY));
        assertThat(sim.admin().object(EAST, id).orElseThrow().urn()).startsWith("urn:pulumi:test::lifeboat::");
    }

    @Test
    void aPeeringWaitsForItsPeerAndItsRoutesAreBlackholesTillThen() throws Exception {
        SimFixture sim = new SimFixture(dir);
        Provider east = sim.provider(EAST);
        Provider west = sim.provider(WEST);
        String ours = sim.create(east, VPC, vpc("10.10.0.0/16")).id();
        String theirs = sim.create(west, VPC, vpc("10.20.0.0/16")).id();
        String pcx = sim.create(east, VPC_PEERING, Props.builder().put("vpcId", ours).put("peerVpcId", theirs).put("peerRegion", WEST).build()).id();
        String rtb = sim.create(east, ROUTE_TABLE, Props.builder().put("vpcId", ours).build()).id();
        String route = sim.create(east, ROUTE, Props.builder().put("routeTableId", rtb).put("destinationCidrBlock", "10.20.0.0/16")
                .put("vpcPeeringConnectionId", pcx).build()).id();
        assertThat(read(east, VPC_PEERING, pcx).string("acceptStatus")).isEqualTo("pending-acceptance");
        assertThat(read(east, ROUTE, route).string("state")).isEqualTo("blackhole");

        sim.admin().acceptPeering(EAST, pcx);
        assertThat(read(east, VPC_PEERING, pcx).string("acceptStatus")).isEqualTo("active");
        assertThat(read(east, ROUTE, route).string("state")).isEqualTo("active");

        assertFails(() -> sim.create(east, VPC_PEERING, Props.builder().put("vpcId", ours).put("peerVpcId", "vpc-0123456789abcdef0")
                .put("peerRegion", WEST).build()), Kind.INVALID_INPUT, "InvalidVpcID.NotFound");
        assertFails(() -> sim.create(east, VPC_PEERING, Props.builder().put("vpcId", ours).put("peerVpcId", theirs)
                .put("peerRegion", WEST).put("autoAccept", true).build()), Kind.INVALID_INPUT, "InvalidParameterCombination");
    }

    private static Props read(Provider p, String token, String id) throws Exception {
        return p.type(token).read(id, Props.EMPTY, Props.EMPTY, ctx()).orElseThrow().outputs();
    }
}
