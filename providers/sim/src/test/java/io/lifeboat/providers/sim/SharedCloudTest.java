package io.lifeboat.providers.sim;

import static io.lifeboat.program.aws.AwsSchemas.*;
import static io.lifeboat.providers.sim.SimFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lifeboat.provider.Provider;
import io.lifeboat.provider.ProviderRegistry;
import io.lifeboat.resource.Props;

/** Several instances (as several processes would) working on one directory see one cloud. */
class SharedCloudTest {
    @TempDir
    Path dir;

    @Test
    void aSecondFactorySeesWhatTheFirstMadeAndUnmade() throws Exception {
        Provider a = new SimFixture(dir).provider(EAST);
        Provider b = new SimFixture(dir).provider(EAST);
        SimFixture sim = new SimFixture(dir);
        String vpc = sim.create(a, VPC, vpc("10.0.0.0/16")).id();

        assertThat(b.type(VPC).read(vpc, Props.EMPTY, Props.EMPTY, ctx())).isPresent();
        String subnet = sim.create(b, SUBNET, subnet(vpc, "10.0.1.0/24", "us-east-1a")).id();
        assertThat(a.type(SUBNET).read(subnet, Props.EMPTY, Props.EMPTY, ctx())).isPresent();

        a.type(SUBNET).delete(subnet, Props.EMPTY, ctx());
        assertThat(b.type(SUBNET).read(subnet, Props.EMPTY, Props.EMPTY, ctx())).isEmpty();
        b.type(VPC).delete(vpc, Props.EMPTY, ctx());
        assertThat(new SimAdmin(dir).count(EAST)).isZero();
    }

    @Test
    void objectsAreOneFileEachAndNoTemporaryFileStays() throws Exception {
        SimFixture sim = new SimFixture(dir);
        Provider p = sim.provider(EAST);
        String vpc = sim.create(p, VPC, vpc("10.0.0.0/16")).id();
        sim.create(p, IAM_ROLE, role("r1"));
        Path objects = dir.resolve(".lifeboat/sim/regions/us-east-1/objects");
        assertThat(objects.resolve("aws.ec2.vpc").resolve(vpc + ".json")).exists();
        assertThat(dir.resolve(".lifeboat/sim/regions/global/objects/aws.iam.role/r1.json")).exists();
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
        String json = Files.readString(objects.resolve("aws.ec2.vpc").resolve(vpc + ".json"));
        // the file says what the object is, or what it becomes and when (every read applies that)
        assertThat(json).containsAnyOf("\"status\" : \"available\"", "\"nextStatus\" : \"available\"").contains("lifeboat:urn")
                .contains("\"cidrBlock\" : \"10.0.0.0/16\"");
        assertThat(sim.admin().object(EAST, vpc)).get().extracting(SimAdmin.ObjectView::status).isEqualTo("available");
    }

    @Test
    void outageAndFaultsAreSeenByAnotherAdmin() {
        SimAdmin one = new SimAdmin(dir);
        one.outage(EAST);
        one.setFaults(WEST, Faults.parse("throttle=0.25,latency=5ms"));
        SimAdmin two = new SimAdmin(new SimCloud(dir.resolve(".lifeboat/sim")));
        assertThat(two.isOut(EAST)).isTrue();
        assertThat(two.isOut(WEST)).isFalse();
        assertThat(two.faults(WEST).throttleRate()).isEqualTo(0.25);
        assertThat(two.status()).extracting(SimAdmin.RegionStatus::region).containsExactly(EAST, WEST);
        two.restore(EAST);
        assertThat(one.isOut(EAST)).isFalse();
    }

    @Test
    void theServiceLoaderFindsTheSimForStacksWithEndpointSim() throws Exception {
        assertThat(ProviderRegistry.load().forPackage("aws", "sim")).isInstanceOf(SimProviderFactory.class);
    }

    @Test
    void aLogEntryCutShortByAKilledWriterDoesNotHideLaterChanges() throws Exception {
        SimFixture sim = new SimFixture(dir);
        Provider a = sim.provider(EAST);
        Provider b = new SimFixture(dir).provider(EAST);
        sim.create(a, SNS_TOPIC, topic("first"));
        assertThat(b.type(SNS_TOPIC).findByUrn(urn(SNS_TOPIC, "x"), Props.EMPTY, ctx())).isEmpty(); // b has loaded its index
        Files.writeString(dir.resolve(".lifeboat/sim/regions/us-east-1/changes.log"), "aws.sns.topic/half-writ",
                java.nio.file.StandardOpenOption.APPEND);
        String second = sim.create(a, SNS_TOPIC, "second", topic("second")).id();
        assertThat(b.type(SNS_TOPIC).findByUrn(urn(SNS_TOPIC, "second"), Props.EMPTY, ctx())).get()
                .extracting(c -> c.id()).isEqualTo(second);
        assertThat(new SimAdmin(dir).objects(EAST)).extracting(SimAdmin.ObjectView::id).hasSize(2).contains(second);
        List<String> lines = Files.readAllLines(dir.resolve(".lifeboat/sim/regions/us-east-1/changes.log"));
        assertThat(lines).contains("aws.sns.topic/half-writ");
    }
}
