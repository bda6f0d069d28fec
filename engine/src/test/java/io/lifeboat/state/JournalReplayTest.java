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
        assertThat(lines.get(1)).contains("\"asBegun\":true").contains("\"id\":\"c-1\"").contains("arn:c").doesNotContain("\"inputs\"")
                .doesNotContain("\"resource\"");
        assertThat(lines.get(3)).contains("\"inputs\":{\"n\":\"u2\"}").doesNotContain("asBegun");
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

        String end = Files.readAllLines(dir.resolve("dev.journal")).get(1);
        assertThat(end).contains("\"outputsBeyondInputs\":{\"arn\":\"arn:d\",\"id\":\"d-1\",\"normalised\":\"a\"}")
                .contains("\"inputsNotOutput\":[\"notEchoed\"]").doesNotContain("10.0.0.0/16").doesNotContain("s3cret");
        Snapshot after = store.load("dev").snapshot();
        assertThat(after.resources()).singleElement().satisfies(r -> {
            assertThat(r.outputs()).isEqualTo(outputs);
            assertThat(r).isEqualTo(made);
        });
    }

    @Test
    void aCreatesEndThatHoldsItsOutputsWholeAsAnOlderLifeboatWroteItStillReplays() throws Exception {
        StateStore store = store();
        Journal j = store.journal("dev", store.load("dev"));
        ResourceState begun = res("c", null);
        j.begin("creating", begun);
        Path journal = dir.resolve("dev.journal");
        String beginLine = Files.readAllLines(journal).get(0);
        String head = beginLine.substring(0, beginLine.indexOf("\"kind\""));
        Files.writeString(journal, beginLine + "\n" + head
                + "\"kind\":\"end\",\"op\":\"creating\",\"urn\":\"" + begun.urn() + "\",\"asBegun\":true,\"id\":\"c-1\",\"outputs\":{\"id\":\"c-1\",\"n\":\"c\"}}\n");
        assertThat(store.load("dev").snapshot().resources()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("c-1");
            assertThat(r.outputs()).isEqualTo(Props.builder().put("id", "c-1").put("n", "c").build());
        });
    }

    @Test
    void anEndThatHoldsOnlyItsIdAndOutputsWithoutItsBeginIsKeptForTheCloudToSettle() throws Exception {
        StateStore store = store();
        StateStore.Loaded loaded = store.load("dev");
        Journal j = store.journal("dev", loaded);
        j.begin("creating", res("c", null));
        j.end("creating", res("c", "c-1"));
        List<String> lines = java.nio.file.Files.readAllLines(dir.resolve("dev.journal"));
        java.nio.file.Files.write(dir.resolve("dev.journal"), List.of(lines.get(1)));

        StateStore.Loaded after = store.load("dev");
        assertThat(after.snapshot().resources()).isEmpty();
        assertThat(after.snapshot().pending()).singleElement().satisfies(p -> assertThat(p.resource().id()).isEqualTo("c-1"));
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
