package io.lifeboat.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

class JournalReplayTest {
    @TempDir
    Path dir;

    static ResourceState res(String name, String id) {
        return new ResourceState(new Urn("dev", "p", "t:x:X", name), true, id, Props.builder().put("n", name).build(),
                Props.builder().put("id", id == null ? "" : id).build(), null, false, false, List.of(), Map.of(), null, false, null, null);
    }

    StateStore store() {
        return new StateStore(new FileBackend(dir), () -> "pw".toCharArray());
    }

    @Test
    void aCreatesEndHoldsOnlyItsIdAndOutputsAndReplaysWithTheRestOfItsBegin() throws Exception {
        StateStore store = store();
        StateStore.Loaded loaded = store.load("dev");
        Journal j = store.journal("dev", loaded);
        ResourceState begun = res("c", null);
        ResourceState made = new ResourceState(begun.urn(), true, "c-1", begun.inputs(), Props.builder().put("id", "c-1").put("arn", "arn:c").build(),
                null, false, false, List.of(), Map.of(), null, false, null, null);
        j.begin("creating", begun);
        j.end("creating", made);
        // an update's end has other inputs than its begin (the old state): it keeps them
        ResourceState old = res("u", "u-1");
        ResourceState updated = new ResourceState(old.urn(), true, "u-1", Props.builder().put("n", "u2").build(), old.outputs(), null, false, false,
                List.of(), Map.of(), null, false, null, null);
        j.begin("updating", old);
        j.end("updating", updated);

        List<String> lines = java.nio.file.Files.readAllLines(dir.resolve("dev.journal"));
        // a session line names the checkpoint once; a begin carries its number and its resource, an end only the number
        assertThat(lines.get(0)).isEqualTo("{\"journal\":2,\"lineage\":\"" + loaded.snapshot().metadata().lineage() + "\",\"serial\":0}");
        assertThat(lines.get(1)).startsWith("{\"begin\":0,\"op\":\"creating\",\"time\":\"").contains("\"resource\":{\"urn\":\"" + begun.urn() + "\"")
                .doesNotContain("lineage");
        assertThat(lines.get(2)).startsWith("{\"end\":0,").contains("\"asBegun\":true").contains("\"id\":\"c-1\"").contains("arn:c")
                .doesNotContain("\"inputs\"").doesNotContain("\"resource\"").doesNotContain("urn:").doesNotContain("lineage");
        assertThat(lines.get(4)).startsWith("{\"end\":1,").contains("\"inputs\":{\"n\":\"u2\"}").doesNotContain("asBegun");
        Snapshot after = store.load("dev").snapshot();
        assertThat(after.resources()).containsExactly(made, updated);
    }

    @Test
    void aCreatesEndWritesOnlyTheOutputsItsInputsDoNotSayAndReplaysThemWhole() throws Exception {
        StateStore store = store();
        Journal j = store.journal("dev", store.load("dev"));
        Props inputs = Props.builder().put("cidr", "10.0.0.0/16").put("echoed", "same").put("password", new PropertyValue.Secret(PropertyValue.of("s3cret")))
                .put("notEchoed", "write-only").put("normalised", "A").build();
        ResourceState begun = new ResourceState(new Urn("dev", "p", "t:x:X", "d"), true, null, inputs, Props.EMPTY, null, false, false, List.of(),
                Map.of(), null, false, null, null);
        Props outputs = Props.builder().put("arn", "arn:d").put("cidr", "10.0.0.0/16").put("echoed", "same")
                .put("id", "d-1").put("normalised", "a").put("password", new PropertyValue.Secret(PropertyValue.of("s3cret"))).build();
        ResourceState made = begun.made("d-1", outputs);
        j.begin("creating", begun);
        j.end("creating", made);

        String end = Files.readAllLines(dir.resolve("dev.journal")).get(2);
        assertThat(end).contains("\"outputsBeyondInputs\":{\"arn\":\"arn:d\",\"id\":\"d-1\",\"normalised\":\"a\"}")
                .contains("\"inputsNotOutput\":[\"notEchoed\"]").doesNotContain("10.0.0.0/16").doesNotContain("s3cret");
        Snapshot after = store.load("dev").snapshot();
        assertThat(after.resources()).singleElement().satisfies(r -> {
            assertThat(r.outputs()).isEqualTo(outputs);
            assertThat(r).isEqualTo(made);
        });
    }

    /** A line as a Lifeboat before the session line wrote it: each naming what it builds on, its kind, op and URN. */
    private static String older(Snapshot base, String kind, String op, Urn urn, String body) {
        return "{\"lineage\":\"" + base.metadata().lineage() + "\",\"serial\":" + base.metadata().serial() + ",\"kind\":\"" + kind
                + "\",\"op\":\"" + op + "\",\"urn\":\"" + urn + "\",\"time\":\"2026-12-01T10:00:00.123456789Z\"" + body + "}";
    }

    /** The resource JSON of the begin a journal of today writes for {@code r}. */
    private String resourceJson(ResourceState r) throws Exception {
        Path other = Files.createTempDirectory(dir, "other");
        StateStore s = new StateStore(new FileBackend(other), () -> "pw".toCharArray());
        s.journal("dev", s.load("dev")).begin("creating", r);
        String begin = Files.readAllLines(other.resolve("dev.journal")).get(1);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(begin).get("resource").toString();
    }

    @Test
    void aJournalAnOlderLifeboatWroteStillReplays() throws Exception {
        StateStore store = store();
        StateStore.Loaded loaded = store.load("dev");
        store.commit("dev", loaded.snapshot().with(List.of(res("b", "b-1")), List.of(), loaded.snapshot().metadata()), loaded.codec());
        Snapshot base = store.load("dev").snapshot();
        ResourceState c = res("c", null);
        ResourceState d = res("d", null);
        Path journal = dir.resolve("dev.journal");
        Files.write(journal, List.of(
                older(base, "begin", "creating", c.urn(), ",\"resource\":" + resourceJson(c)),
                // a create's end with its outputs whole, as the oldest wrote it
                older(base, "end", "creating", c.urn(), ",\"asBegun\":true,\"id\":\"c-1\",\"outputs\":{\"id\":\"c-1\",\"n\":\"c\"}"),
                older(base, "begin", "deleting", res("b", "b-1").urn(), ",\"resource\":" + resourceJson(res("b", "b-1"))),
                older(base, "end", "deleting", res("b", "b-1").urn(), ",\"replaced\":false,\"id\":\"b-1\""),
                older(base, "begin", "creating", d.urn(), ",\"resource\":" + resourceJson(d))));
        StateStore.Loaded after = store.load("dev");
        assertThat(after.snapshot().resources()).singleElement().satisfies(r -> {
            assertThat(r.urn()).isEqualTo(c.urn());
            assertThat(r.id()).isEqualTo("c-1");
            assertThat(r.outputs()).isEqualTo(Props.builder().put("id", "c-1").put("n", "c").build());
        });
        assertThat(after.snapshot().pending()).singleElement().satisfies(p -> assertThat(p.resource().urn()).isEqualTo(d.urn()));

        // the next operation appends its own session after those lines: both replay, in order
        Journal j = store.journal("dev", after);
        j.end("creating", res("d", "d-1"));
        assertThat(store.load("dev").snapshot().resources()).extracting(r -> r.urn().name() + "=" + r.id()).containsExactly("c=c-1", "d=d-1");
    }

    @Test
    void anEndThatHoldsOnlyItsIdAndOutputsWithoutItsBeginIsKeptForTheCloudToSettleWhenAnOlderLifeboatWroteIt() throws Exception {
        StateStore store = store();
        store.journal("dev", store.load("dev")); // writes the stack's first, empty, checkpoint
        Snapshot base = store.load("dev").snapshot();
        Files.write(dir.resolve("dev.journal"), List.of(older(base, "end", "creating", res("c", null).urn(),
                ",\"asBegun\":true,\"id\":\"c-1\",\"outputsBeyondInputs\":{\"id\":\"c-1\"}")));

        StateStore.Loaded after = store.load("dev");
        assertThat(after.snapshot().resources()).isEmpty();
        assertThat(after.snapshot().pending()).singleElement().satisfies(p -> assertThat(p.resource().id()).isEqualTo("c-1"));
    }

    @Test
    void anEndWhoseBeginIsNotInItsSessionIsIgnoredAndCounted() throws Exception {
        // a begin is synced before its call and its end appended after it: only a journal changed by hand has one without the other
        StateStore store = store();
        Journal j = store.journal("dev", store.load("dev"));
        j.begin("creating", res("c", null));
        j.end("creating", res("c", "c-1"));
        List<String> lines = Files.readAllLines(dir.resolve("dev.journal"));
        Files.write(dir.resolve("dev.journal"), List.of(lines.get(0), lines.get(2)));

        StateStore.Loaded after = store.load("dev");
        assertThat(after.snapshot().resources()).isEmpty();
        assertThat(after.snapshot().pending()).isEmpty();
        assertThat(after.replay().ignored()).isEqualTo(1);
        assertThat(after.replay().applied()).isZero();
    }

    @Test
    void numbersNameTheBeginsOfTheirOwnSessionOnly() throws Exception {
        // two operations on the same checkpoint (the first killed): each numbers its begins from 0
        StateStore store = store();
        Journal first = store.journal("dev", store.load("dev"));
        first.begin("creating", res("a", null));
        first.begin("creating", res("b", null));
        first.end("creating", res("b", "b-1"));
        Journal second = store.journal("dev", store.load("dev"));
        second.begin("creating", res("c", null));
        second.end("creating", res("c", "c-1"));

        StateStore.Loaded after = store.load("dev");
        assertThat(after.snapshot().resources()).extracting(r -> r.urn().name() + "=" + r.id()).containsExactly("b=b-1", "c=c-1");
        assertThat(after.snapshot().pending()).singleElement().satisfies(p -> assertThat(p.resource().urn().name()).isEqualTo("a"));
        assertThat(Files.readAllLines(dir.resolve("dev.journal"))).filteredOn(l -> l.startsWith("{\"journal\":2")).hasSize(2);
    }

    @Test
    void endsAreAppliedAndBeginsWithoutAnEndBecomePending() {
        StateStore store = store();
        StateStore.Loaded first = store.load("dev");
        Snapshot base = first.snapshot().with(List.of(res("a", "a-1"), res("b", "b-1")), List.of(), first.snapshot().metadata());
        store.commit("dev", base, first.codec());

        StateStore.Loaded loaded = store.load("dev");
        Journal j = store.journal("dev", loaded);
        j.begin("creating", res("c", null));
        j.end("creating", res("c", "c-1"));
        j.begin("creating", res("a", null));
        j.end("creating", res("a", "a-2"));          // a replacement: the old copy waits for deletion
        j.begin("deleting", res("b", "b-1"));
        j.deleted(res("b", "b-1").urn(), "b-1", false);
        j.begin("creating", res("d", null));         // the process died here

        StateStore.Loaded after = store.load("dev");
        assertThat(after.recovered()).isTrue();
        List<String> live = new ArrayList<>();
        for (ResourceState r : after.snapshot().resources()) live.add(r.urn().name() + "=" + r.id() + (r.delete() ? "(delete)" : ""));
        assertThat(live).containsExactly("a=a-1(delete)", "c=c-1", "a=a-2");
        assertThat(after.snapshot().pending()).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo("creating");
            assertThat(p.resource().urn().name()).isEqualTo("d");
        });
    }

    @Test
    void aDeleteFirstReplacementThatDiedAfterItsDeleteForgetsTheDeletedObject() {
        StateStore store = store();
        StateStore.Loaded first = store.load("dev");
        store.commit("dev", first.snapshot().with(List.of(res("db", "db-1")), List.of(), first.snapshot().metadata()), first.codec());
        StateStore.Loaded loaded = store.load("dev");
        Journal j = store.journal("dev", loaded);
        j.begin("deleting", res("db", "db-1").markedForDeletion());
        j.deleted(res("db", "db-1").urn(), "db-1", true);
        j.begin("creating", res("db", null));        // killed here, before the new one was made
        StateStore.Loaded after = store.load("dev");
        assertThat(after.snapshot().resources()).as("the deleted object is not in the state").isEmpty();
        assertThat(after.snapshot().pending()).singleElement().satisfies(p -> assertThat(p.type()).isEqualTo("creating"));
    }

    @Test
    void aJournalFromAnOlderCheckpointIsIgnored() throws Exception {
        StateStore store = store();
        StateStore.Loaded first = store.load("dev");
        store.commit("dev", first.snapshot(), first.codec());
        StateStore.Loaded loaded = store.load("dev");
        store.journal("dev", loaded).end("creating", res("x", "x-1"));
        // A crash between writing the next checkpoint and clearing the journal:
        Snapshot next = loaded.snapshot().with(List.of(), List.of(), loaded.snapshot().metadata().next(null, null, null));
        new FileBackend(dir).writeCheckpoint("dev", loaded.codec().write(next), next.metadata().serial());
        StateStore.Loaded after = store.load("dev");
        assertThat(after.snapshot().resources()).isEmpty();
        assertThat(after.replay().ignored()).isEqualTo(1);
    }

    @Test
    void aLineCutShortByACrashIsSkipped() throws Exception {
        StateStore store = store();
        StateStore.Loaded loaded = store.load("dev");
        store.journal("dev", loaded).end("creating", res("x", "x-1"));
        Files.writeString(dir.resolve("dev.journal"), "{\"lineage\":\"", java.nio.file.StandardOpenOption.APPEND);
        StateStore.Loaded after = store.load("dev");
        assertThat(after.snapshot().resources()).extracting(r -> r.urn().name()).containsExactly("x");
    }

    @Test
    void secretsInTheJournalAreEncrypted() throws Exception {
        StateStore store = store();
        StateStore.Loaded loaded = store.load("dev");
        ResourceState r = res("s", "s-1");
        r = r.withObserved(r.inputs().with("pw", new PropertyValue.Secret(PropertyValue.of("clear-text-pw"))), r.outputs());
        store.journal("dev", loaded).end("creating", r);
        assertThat(Files.readString(dir.resolve("dev.journal"))).doesNotContain("clear-text-pw");
        assertThat(store.load("dev").snapshot().resources().get(0).inputs().get("pw"))
                .isEqualTo(new PropertyValue.Secret(PropertyValue.of("clear-text-pw")));
    }

    @Test
    void parallelWritersShareFlushesAndLoseNothing() throws Exception {
        StateStore store = store();
        StateStore.Loaded loaded = store.load("dev");
        Journal j = store.journal("dev", loaded);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 200; i++) {
            int n = i;
            pool.execute(() -> j.end("creating", res("r" + n, "id-" + n)));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(store.load("dev").snapshot().resources()).hasSize(200);
    }
}
