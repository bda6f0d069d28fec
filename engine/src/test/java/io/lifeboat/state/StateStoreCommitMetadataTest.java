package io.lifeboat.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.lifeboat.resource.PropertyValue;

/** A commit that changes only the metadata (a stack marked lost): its resources kept byte for byte, or written whole when that cannot be. */
class StateStoreCommitMetadataTest {
    @TempDir
    Path dir;

    private StateStore store() {
        return new StateStore(new FileBackend(dir), () -> "pw".toCharArray());
    }

    private Snapshot committed() {
        StateStore store = store();
        StateStore.Loaded loaded = store.load("dev");
        ResourceState a = JournalReplayTest.res("a", "a-1");
        a = a.made("a-1", a.outputs().with("password", new PropertyValue.Secret(PropertyValue.of("s3cret-a-1"))));
        ResourceState b = JournalReplayTest.res("b", "b-1");
        Snapshot s = loaded.snapshot();
        Snapshot next = s.with(List.of(a, b), List.of(), s.metadata().next(null, null, "primary"));
        store.commit("dev", next, loaded.codec());
        return next;
    }

    @Test
    void onlyTheMetadataIsWrittenAnewAndTheResourcesAreKeptByteForByte() throws Exception {
        Snapshot before = committed();
        byte[] old = Files.readAllBytes(dir.resolve("dev.json"));
        StateStore store = store();
        StateStore.Loaded loaded = store.load("dev");
        StackMetadata lost = loaded.snapshot().metadata().next(null, null, null).withLost(true);
        store.commitMetadata("dev", loaded, lost);

        byte[] now = Files.readAllBytes(dir.resolve("dev.json"));
        String oldText = new String(old, StandardCharsets.UTF_8);
        String nowText = new String(now, StandardCharsets.UTF_8);
        // the sealed secret is the same ciphertext: it was neither opened nor sealed again
        String tail = oldText.substring(oldText.indexOf(",\"resources\""));
        assertThat(nowText).endsWith(tail).contains("\"lost\":true");
        assertThat(oldText).doesNotContain("\"lost\"");
        // and the checkpoint reads back (its checksum holds) as the snapshot with the new metadata
        Snapshot read = store().load("dev").snapshot();
        assertThat(read.resources()).isEqualTo(before.resources());
        assertThat(read.metadata()).isEqualTo(lost);
        assertThat(read.metadata().serial()).isEqualTo(before.metadata().serial() + 1);
        assertThat(read.time()).isEqualTo(loaded.snapshot().time());
        assertThat(PulumiSchemas.validate(new ObjectMapper().readTree(now))).isEmpty();
    }

    @Test
    void theOperationsParsedCheckpointsHoldWhatTheSplicedBytesSay() {
        committed();
        StateStore.Parsed parsed = new StateStore.Parsed();
        StateStore store = new StateStore(new FileBackend(dir), () -> "pw".toCharArray(), parsed);
        StateStore.Loaded loaded = store.load("dev");
        store.commitMetadata("dev", loaded, loaded.snapshot().metadata().next(null, null, null).withLost(true));
        // read again by the same operation: not parsed again, and the same as a fresh parse of the bytes
        Snapshot cached = new StateStore(new FileBackend(dir), () -> "pw".toCharArray(), parsed).load("dev").snapshot();
        Snapshot fresh = store().load("dev").snapshot();
        assertThat(cached.resources()).isEqualTo(fresh.resources());
        assertThat(cached.metadata()).isEqualTo(fresh.metadata());
        assertThat(cached.time()).isEqualTo(fresh.time());
        assertThat(cached.metadata().lost()).isTrue();
    }

    @Test
    void aCheckpointLaidOutOtherwiseIsWrittenWhole() throws Exception {
        Snapshot before = committed();
        // pretty-printed, as an older Lifeboat or a hand left it: not spliced, written whole (and compact)
        Path file = dir.resolve("dev.json");
        ObjectMapper json = new ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(file.toFile());
        com.fasterxml.jackson.databind.node.ObjectNode lifeboat = (com.fasterxml.jackson.databind.node.ObjectNode) root.at("/deployment/metadata/lifeboat");
        lifeboat.put("checksum", "");
        lifeboat.put("checksum", "sha256:" + java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(root.get("deployment")))));
        Files.write(file, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));

        StateStore store = store();
        StateStore.Loaded loaded = store.load("dev");
        StackMetadata lost = loaded.snapshot().metadata().next(null, null, null).withLost(true);
        store.commitMetadata("dev", loaded, lost);
        String nowText = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(nowText).doesNotContain("\n").contains("\"lost\":true").contains("\"checksum\":\"crc32:");
        Snapshot read = store().load("dev").snapshot();
        assertThat(read.resources()).isEqualTo(before.resources());
        assertThat(read.metadata()).isEqualTo(lost);
    }

    @Test
    void aCheckpointThatFailsItsChecksumIsNotSplicedOnto() throws Exception {
        committed();
        StateStore store = store();
        StateStore.Loaded loaded = store.load("dev");
        // changed after it was loaded: the splice would seal what nobody read; written whole from what was loaded instead
        Path file = dir.resolve("dev.json");
        Files.writeString(file, Files.readString(file).replace("\"a-1\"", "\"a-9\""));
        assertThat(CheckpointWriter.withMetadata(Files.readAllBytes(file), loaded.snapshot().metadata())).isNull();
        store.commitMetadata("dev", loaded, loaded.snapshot().metadata().next(null, null, null).withLost(true));
        Snapshot read = store().load("dev").snapshot();
        assertThat(read.resources()).extracting(ResourceState::id).containsExactly("a-1", "b-1");
        assertThat(read.metadata().lost()).isTrue();
    }
}
