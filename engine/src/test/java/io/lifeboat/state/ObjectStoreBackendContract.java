package io.lifeboat.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every object-store state backend (s3://, gs://) does, on a bucket a subclass serves from
 * 127.0.0.1 under the prefix {@code team/prod}: checkpoints and their history, the journal across
 * processes, and the lock, its lease and its compare-and-delete.
 */
public abstract class ObjectStoreBackendContract {
    protected StateBackend backend;

    /** A backend on the subclass's bucket, opened as the engine opens it (a second one is a second process). */
    protected abstract StateBackend open();

    /** The bucket's objects by key. */
    protected abstract Map<String, byte[]> objects();

    /** Writes an object behind the backend's back. */
    protected abstract void putObject(String key, byte[] bytes);

    /** The requests the bucket was sent, as method and path. */
    protected abstract List<String> requests();

    protected abstract boolean isForTheBucket(String request);

    /** The request that deletes {@code team/prod/prod-use1.lock} on condition of its version. */
    protected abstract boolean isConditionalLockDelete(String request);

    protected abstract void stopServer();

    @AfterEach
    void stop() {
        if (backend != null) backend.close();
        stopServer();
    }

    protected static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void checkpointsAreObjectsUnderThePrefixAndTheLastOnesAreKept() throws Exception {
        assertThat(backend.readCheckpoint("prod-use1")).isEmpty();
        for (long serial = 1; serial <= FileBackend.KEEP + 3; serial++) backend.writeCheckpoint("prod-use1", bytes("{\"serial\":" + serial + "}"), serial);

        assertThat(new String(backend.readCheckpoint("prod-use1").orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("{\"serial\":13}");
        List<Long> history = backend.history("prod-use1");
        assertThat(history).hasSize(FileBackend.KEEP).first().isEqualTo(12L);
        assertThat(new String(backend.readHistory("prod-use1", 12).orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("{\"serial\":12}");
        assertThat(backend.stacks()).containsExactly("prod-use1");
        assertThat(objects()).containsKey("team/prod/prod-use1.json").containsKey("team/prod/prod-use1.history/12.json");
        assertThat(requests()).allMatch(this::isForTheBucket);
    }

    @Test
    void theJournalReadsBackInAppendOrderAcrossBackendsAndClears() throws Exception {
        backend.appendJournal("prod-use1", List.of("{\"begin\":1}", "{\"end\":1}"));
        backend.syncJournal("prod-use1");
        // a later process (after a crash) carries on after what is there
        try (StateBackend later = open()) {
            later.appendJournal("prod-use1", List.of("{\"begin\":2}"));
            assertThat(later.readJournal("prod-use1")).containsExactly("{\"begin\":1}", "{\"end\":1}", "{\"begin\":2}");
            later.clearJournal("prod-use1");
        }
        assertThat(backend.readJournal("prod-use1")).isEmpty();
        assertThat(objects().keySet()).noneMatch(k -> k.contains(".journal/"));
    }

    @Test
    void theLockIsTakenByAConditionalWriteAndASecondTakerLearnsWhoHoldsIt() throws Exception {
        LockInfo me = new LockInfo("ana", "ci-runner-1", 4242, Instant.parse("2026-11-22T01:00:00Z"), "up");
        backend.lock("prod-use1", me);

        assertThatThrownBy(() -> backend.lock("prod-use1", LockInfo.current("up"))).isInstanceOfSatisfying(LockHeldException.class,
                e -> assertThat(e.holder()).isEqualTo(me));
        assertThat(backend.lockHolder("prod-use1")).contains(me);

        backend.unlock("prod-use1");
        assertThat(backend.lockHolder("prod-use1")).isEmpty();
        backend.lock("prod-use1", LockInfo.current("destroy"));
        assertThat(backend.lockHolder("prod-use1").orElseThrow().operation()).isEqualTo("destroy");
    }

    @Test
    void anUnreadableLockBelongsToNoLiveOperation() throws Exception {
        // an empty lock object, as a writer cut short by an older Lifeboat could leave
        putObject("team/prod/prod-use1.lock", new byte[0]);

        LockInfo holder = backend.lockHolder("prod-use1").orElseThrow();
        assertThat(holder.pid()).isEqualTo(-1);
        assertThat(holder.operation()).contains("unreadable");
        assertThatThrownBy(() -> backend.lock("prod-use1", LockInfo.current("up"))).isInstanceOf(LockHeldException.class);
    }

    @Test
    void breakingAndReleasingCompareTheVersionSoAFreshLockSurvivesASecondBreaker() throws Exception {
        LockInfo stale = new LockInfo("ci", "ci-runner-7", 4242, Instant.now().minusSeconds(120), "up", "stale", Instant.now().minusSeconds(30));
        LockRecord seen = backend.lock("prod-use1", stale);
        assertThat(backend.readLock("prod-use1")).contains(seen);

        assertThat(backend.unlock("prod-use1", seen)).as("the first breaker").isTrue();
        LockRecord fresh = backend.lock("prod-use1", LockInfo.current("up").withLease(Instant.now().plusSeconds(60)));
        assertThat(backend.unlock("prod-use1", seen)).as("the second breaker, with the stale lock's version").isFalse();
        assertThat(backend.renewLock("prod-use1", seen, stale)).isEmpty();
        assertThat(backend.readLock("prod-use1")).contains(fresh);
        assertThat(requests()).anyMatch(this::isConditionalLockDelete);
    }

    @Test
    void aLeaseIsRenewedByAConditionalWriteAndAnExpiredOneIsBrokenNamingItsHolder() throws Exception {
        backend.lock("prod-use1", new LockInfo("ci", "ci-runner-7", 4242, Instant.now().minusSeconds(120), "up", "gone",
                Instant.now().minusSeconds(1)));
        List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
        LockLease.Terms fast = new LockLease.Terms(Duration.ofMillis(600), Duration.ofMillis(100));
        try (LockLease lease = LockLease.acquire(backend, "prod-use1", "up", fast, Duration.ZERO, notices::add)) {
            Instant first = lease.held().holder().expires();
            Thread.sleep(700);
            LockInfo now = backend.lockHolder("prod-use1").orElseThrow();
            assertThat(now.id()).isEqualTo(lease.held().holder().id());
            assertThat(now.expires()).isAfter(first).isAfter(Instant.now());
            assertThatThrownBy(() -> LockLease.acquire(backend, "prod-use1", "destroy", fast, Duration.ZERO, n -> { }))
                    .isInstanceOf(LockHeldException.class);
        }
        assertThat(backend.readLock("prod-use1")).isEmpty();
        assertThat(notices).singleElement().asString().contains("ci@ci-runner-7").contains("lease expired");
    }

    @Test
    void aLeaseTakenOverIsNotReleasedOverItsNewHolder() throws Exception {
        LockLease first = LockLease.acquire(backend, "prod-use1", "up", new LockLease.Terms(Duration.ofSeconds(60), Duration.ofSeconds(10)),
                Duration.ZERO, n -> { });
        backend.unlock("prod-use1");
        LockRecord second = backend.lock("prod-use1", LockInfo.current("destroy"));
        first.close();
        assertThat(backend.readLock("prod-use1")).contains(second);
    }
}
