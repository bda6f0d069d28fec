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
    void objectsAreLinesOfTheRegionsLogAndNoTemporaryFileStays() throws Exception {
        SimFixture sim = new SimFixture(dir);
        Provider p = sim.provider(EAST);
        String vpc = sim.create(p, VPC, vpc("10.0.0.0/16")).id();
        sim.create(p, IAM_ROLE, role("r1"));
        List<String> east = Files.readAllLines(dir.resolve(".lifeboat/sim/regions/us-east-1/objects.log"));
        assertThat(east.get(0)).startsWith("{\"lifeboatSimLog\":1,\"generation\":");
        // the line says what the object is, or what it becomes and when (every read applies that)
        assertThat(east.subList(1, east.size())).singleElement().asString().contains("\"id\":\"" + vpc + "\"")
                .containsAnyOf("\"status\":\"available\"", "\"nextStatus\":\"available\"").contains("lifeboat:urn")
                .contains("\"cidrBlock\":\"10.0.0.0/16\"");
        assertThat(Files.readString(dir.resolve(".lifeboat/sim/regions/global/objects.log"))).contains("\"id\":\"r1\"");
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
        assertThat(sim.admin().object(EAST, vpc)).get().extracting(SimAdmin.ObjectView::status).isEqualTo("available");
    }

    @Test
    void aLineCutShortByAKilledWriterIsNotReadAndTheNextWriterCutsItOff() throws Exception {
        SimFixture sim = new SimFixture(dir);
        Provider a = sim.provider(EAST);
        Provider b = new SimFixture(dir).provider(EAST);
        sim.create(a, SNS_TOPIC, topic("first"));
        assertThat(b.type(SNS_TOPIC).findByUrn(urn(SNS_TOPIC, "x"), Props.EMPTY, ctx())).isEmpty(); // b has loaded its index
        Path log = dir.resolve(".lifeboat/sim/regions/us-east-1/objects.log");
        Files.writeString(log, "{\"id\":\"half-writ\",\"type\":\"aws:sns", java.nio.file.StandardOpenOption.APPEND);
        assertThat(b.type(SNS_TOPIC).list(ctx())).hasSize(1);
        String second = sim.create(a, SNS_TOPIC, "second", topic("second")).id();
        assertThat(b.type(SNS_TOPIC).findByUrn(urn(SNS_TOPIC, "second"), Props.EMPTY, ctx())).get()
                .extracting(c -> c.id()).isEqualTo(second);
        assertThat(new SimAdmin(dir).objects(EAST)).extracting(SimAdmin.ObjectView::id).hasSize(2).contains(second);
        assertThat(Files.readString(log)).doesNotContain("half-writ");
    }

    @Test
    void anotherInstanceFollowsTheLogThroughARewrite() throws Exception {
        SimFixture sim = new SimFixture(dir);
        Provider a = sim.provider(EAST);
        Provider b = new SimFixture(dir).provider(EAST);
        String kept = sim.create(a, SNS_TOPIC, "kept", topic("kept")).id();
        assertThat(b.type(SNS_TOPIC).list(ctx())).hasSize(1);
        // a writer whose floor (below which a log is never rewritten) is 64 KB: changes enough to pass it, each undone
        SimCloud writer = new SimCloud(dir.resolve(".lifeboat/sim"), 64 << 10);
        SimObject template = writer.object(EAST, SNS_TOPIC, kept);
        Path log = dir.resolve(".lifeboat/sim/regions/us-east-1/objects.log");
        String firstGeneration = Files.readAllLines(log).get(0);
        for (int i = 0; i < 2000 && Files.readAllLines(log).get(0).equals(firstGeneration); i++) {
            String id = template.id() + "-" + i;
            writer.put(new SimObject(id, template.type(), template.region(), template.status(), template.createdAt(),
                    null, null, template.inputs(), template.computed(), java.util.Map.of()));
            writer.remove(EAST, SNS_TOPIC, id);
        }
        assertThat(Files.readAllLines(log).get(0)).as("a new generation").isNotEqualTo(firstGeneration);
        assertThat(Files.size(log)).isLessThan(64 << 10);
        assertThat(b.type(SNS_TOPIC).list(ctx())).extracting(l -> l.id()).containsExactly(kept);
        String after = sim.create(b, SNS_TOPIC, "after", topic("after")).id();
        assertThat(a.type(SNS_TOPIC).list(ctx())).extracting(l -> l.id()).containsExactlyInAnyOrder(kept, after);
    }

    @Test
    void aReaderDuringARewriteAlwaysFindsTheLiveObjects() throws Exception {
        SimFixture sim = new SimFixture(dir);
        String kept = sim.create(sim.provider(EAST), SNS_TOPIC, "kept", topic("kept")).id();
        SimCloud cloud = new SimCloud(dir.resolve(".lifeboat/sim"), 16 << 10);
        SimObject template = cloud.object(EAST, SNS_TOPIC, kept);
        Path log = dir.resolve(".lifeboat/sim/regions/us-east-1/objects.log");
        String firstGeneration = Files.readAllLines(log).get(0);
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger missed = new java.util.concurrent.atomic.AtomicInteger();
        Thread reader = new Thread(() -> {
            while (writing.get()) {
                if (cloud.object(EAST, SNS_TOPIC, kept) == null) missed.incrementAndGet();
                reads.incrementAndGet();
            }
        });
        reader.start();
        try {
            for (int i = 0; i < 1500; i++) {
                String id = template.id() + "-" + i;
                cloud.put(new SimObject(id, template.type(), template.region(), template.status(), template.createdAt(),
                        null, null, template.inputs(), template.computed(), java.util.Map.of()));
                cloud.remove(EAST, SNS_TOPIC, id);
            }
        } finally {
            writing.set(false);
            reader.join();
        }
        assertThat(Files.readAllLines(log).get(0)).as("rewritten at least once").isNotEqualTo(firstGeneration);
        assertThat(reads.get()).isPositive();
        assertThat(missed.get()).as("reads that did not find the live object, of " + reads.get()).isZero();
    }

    @Test
    void underOneHoldOfTheRegionsLockAnIndexSeesWhatAnotherInstanceWroteMeanwhile() throws Exception {
        // the holder reads without asking the file system whether the log changed, unless a write under the hold says so
        SimFixture sim = new SimFixture(dir);
        String kept = sim.create(sim.provider(EAST), SNS_TOPIC, "kept", topic("kept")).id();
        SimCloud one = new SimCloud(dir.resolve(".lifeboat/sim"));
        SimCloud two = new SimCloud(dir.resolve(".lifeboat/sim"));
        SimObject template = one.object(EAST, SNS_TOPIC, kept);
        SimObject other = new SimObject(kept + "-other", template.type(), template.region(), template.status(), template.createdAt(),
                null, null, template.inputs(), template.computed(), java.util.Map.of());
        java.time.Instant now = java.time.Instant.now();
        SimObject seen = one.store(EAST).locked(() -> {
            assertThat(one.store(EAST).get(SNS_TOPIC, other.id(), now)).isNull();
            two.store(EAST).put(other);
            return one.store(EAST).get(SNS_TOPIC, other.id(), now);
        });
        assertThat(seen).as("written by the other instance under the same hold").isNotNull();
        // and after the hold, a write by another instance is seen as before: through the log's changed attributes
        two.remove(EAST, SNS_TOPIC, other.id());
        assertThat(one.object(EAST, SNS_TOPIC, other.id())).isNull();
    }

    @Test
    void aRegionAnEarlierVersionWroteAsFilesIsReadThenMovedIntoALog() throws Exception {
        SimFixture sim = new SimFixture(dir);
        String old = sim.create(sim.provider(EAST), SNS_TOPIC, "old", topic("old")).id();
        Path region = dir.resolve(".lifeboat/sim/regions/us-east-1");
        SimObject o = new SimAdmin(dir).cloud().object(EAST, SNS_TOPIC, old);
        // the layout of earlier versions: one pretty-printed file per object, and a change log of file names
        Path file = region.resolve("objects/aws.sns.topic/" + FileNames.encode(old) + ".json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, new String(SimJson.line(o), java.nio.charset.StandardCharsets.UTF_8).replace(",\"", ",\n  \""));
        Files.writeString(region.resolve("changes.log"), "aws.sns.topic/" + FileNames.encode(old) + "\n");
        Files.delete(region.resolve("objects.log"));

        Provider p = new SimFixture(dir).provider(EAST);
        assertThat(p.type(SNS_TOPIC).list(ctx())).extracting(l -> l.id()).containsExactly(old);
        assertThat(region.resolve("objects")).exists(); // reading changes nothing
        String added = sim.create(p, SNS_TOPIC, "new", topic("new")).id();
        assertThat(region.resolve("objects")).doesNotExist();
        assertThat(region.resolve("changes.log")).doesNotExist();
        assertThat(new SimFixture(dir).provider(EAST).type(SNS_TOPIC).list(ctx())).extracting(l -> l.id()).containsExactlyInAnyOrder(old, added);
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
}
