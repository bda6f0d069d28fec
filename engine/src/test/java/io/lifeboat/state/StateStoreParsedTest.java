package io.lifeboat.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lifeboat.resource.PropertyValue;

/** The checkpoints an operation read: parsed once while their bytes stay the same, read afresh once they change. */
class StateStoreParsedTest {
    @TempDir
    Path dir;

    private final StateStore.Parsed parsed = new StateStore.Parsed();

    private StateStore store() {
        return new StateStore(new FileBackend(dir), () -> "pw".toCharArray(), parsed);
    }

    private void commit(String id) {
        StateStore store = store();
        StateStore.Loaded loaded = store.load("dev");
        ResourceState r = JournalReplayTest.res("a", id);
        r = r.made(id, r.outputs().with("password", new PropertyValue.Secret(PropertyValue.of("s3cret-" + id))));
        Snapshot s = loaded.snapshot();
        store.commit("dev", s.with(List.of(r), List.of(), s.metadata().next(null, null, null)), loaded.codec());
    }

    @Test
    void anUnchangedCheckpointIsParsedOnceAndAChangedOneAgain() throws Exception {
        commit("a-1");
        Snapshot first = store().load("dev").snapshot();
        // another store of the same operation, the checkpoint unchanged: the same snapshot, not a second parse
        assertThat(store().load("dev").snapshot()).isSameAs(first);

        commit("a-2");
        Snapshot second = store().load("dev").snapshot();
        assertThat(second).isNotSameAs(first);
        assertThat(second.resources()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("a-2");
            assertThat(r.outputs().get("password")).isEqualTo(new PropertyValue.Secret(PropertyValue.of("s3cret-a-2")));
        });

        // changed behind the operation's back (by hand, by another machine): the bytes differ, so it is read again
        Path file = dir.resolve("dev.json");
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(file, text.replaceFirst("\"serial\":", "\"serial\": "));
        assertThat(Files.readString(file)).isNotEqualTo(text);
        Snapshot third = store().load("dev").snapshot();
        assertThat(third).isNotSameAs(second).isEqualTo(second);
    }

    @Test
    void aStoreWithoutTheOperationsCheckpointsParsesEachTime() {
        commit("a-1");
        StateStore alone = new StateStore(new FileBackend(dir), () -> "pw".toCharArray());
        assertThat(alone.load("dev").snapshot()).isNotSameAs(alone.load("dev").snapshot()).isEqualTo(alone.load("dev").snapshot());
    }
}
