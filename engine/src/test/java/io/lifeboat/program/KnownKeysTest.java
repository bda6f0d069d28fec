package io.lifeboat.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import io.lifeboat.state.ResourceState;
import io.lifeboat.state.Snapshot;
import io.lifeboat.state.StackMetadata;

/** Key material is taken from the stack's own state first; its pair's is read only when a key is missing there. */
class KnownKeysTest {
    private static final Map<String, String> INPUTS = Map.of("t:x:Version", "secret");

    static Snapshot state(String stack, String key, String material) {
        ResourceState r = new ResourceState(new Urn(stack, "p", "t:x:Version", key), true, key + "-1",
                Props.builder().put("secret", new PropertyValue.Secret(PropertyValue.of(material))).build(), Props.EMPTY, null, false, false,
                List.of(), Map.of(), null, false, null, null);
        return new Snapshot(Instant.now(), List.of(r), List.of(), StackMetadata.fresh(stack));
    }

    @Test
    void theOwnStatesMaterialIsUsedWithoutReadingThePairs() {
        AtomicInteger reads = new AtomicInteger();
        KnownKeys keys = KnownKeys.of(state("a", "etl-ci", "mine"), () -> {
            reads.incrementAndGet();
            return new KnownKeys.Pair(state("b", "etl-ci", "theirs"), null);
        }, INPUTS);
        assertThat(keys.materialFor("etl-ci", () -> "fresh").reveal()).isEqualTo(PropertyValue.of("mine"));
        assertThat(reads).as("the pair's state is not read").hasValue(0);
    }

    @Test
    void aKeyTheOwnStateLacksComesFromThePairsReadOnce() {
        AtomicInteger reads = new AtomicInteger();
        KnownKeys keys = KnownKeys.of(state("a", "other", "x"), () -> {
            reads.incrementAndGet();
            return new KnownKeys.Pair(state("b", "etl-ci", "theirs"), null);
        }, INPUTS);
        assertThat(keys.materialFor("etl-ci", () -> "fresh").reveal()).isEqualTo(PropertyValue.of("theirs"));
        assertThat(keys.materialFor("new-key", () -> "fresh").reveal()).isEqualTo(PropertyValue.of("fresh"));
        assertThat(reads).hasValue(1);
    }

    @Test
    void noNewMaterialIsMadeWhileThePairsStateCannotBeRead() {
        KnownKeys keys = KnownKeys.of(null, () -> new KnownKeys.Pair(null, "b's state: no passphrase"), INPUTS);
        assertThatThrownBy(() -> keys.materialFor("etl-ci", () -> "fresh")).hasMessageContaining("cannot be read (b's state: no passphrase)");
    }
}
