package io.lifeboat.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** A partial apply's pending steps survive the checkpoint, and a complete one writes no trace of them. */
class PartialApplyMetadataTest {
    static final char[] PASS = "pass".toCharArray();

    static Snapshot with(StackMetadata m) {
        return new Snapshot(Instant.parse("2026-11-21T22:00:00Z"), List.of(), List.of(), m);
    }

    @Test
    void pendingStepsRoundTripAndClear() throws Exception {
        StackMetadata partial = StackMetadata.fresh("dev").next("hash-1", null, "primary").withPendingSteps(3);
        byte[] bytes = new CheckpointCodec(SecretsCrypter.fresh(() -> PASS)).write(with(partial));
        assertThat(new ObjectMapper().readTree(bytes).at("/deployment/metadata/lifeboat/partial/pendingSteps").asInt()).isEqualTo(3);
        StackMetadata read = new CheckpointCodec(SecretsCrypter.existing(() -> PASS, CheckpointCodec.saltOf(bytes))).read(bytes, "t").metadata();
        assertThat(read.partial()).isTrue();
        assertThat(read.pendingSteps()).isEqualTo(3);
        assertThat(read.next(null, null, null).pendingSteps()).as("a refresh keeps it").isEqualTo(3);

        byte[] whole = new CheckpointCodec(SecretsCrypter.fresh(() -> PASS)).write(with(read.withPendingSteps(0)));
        assertThat(new ObjectMapper().readTree(whole).at("/deployment/metadata/lifeboat").has("partial")).isFalse();
        assertThat(new CheckpointCodec(SecretsCrypter.existing(() -> PASS, CheckpointCodec.saltOf(whole))).read(whole, "t").metadata().partial())
                .isFalse();
    }
}
