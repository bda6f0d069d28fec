package io.lifeboat.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Locks as leases on a folder: renewed while held, broken once expired, broken by compare-and-delete only. */
class LockLeaseTest {
    static final LockLease.Terms FAST = new LockLease.Terms(Duration.ofMillis(400), Duration.ofMillis(50));

    @TempDir
    Path dir;

    private FileBackend backend() {
        return new FileBackend(dir);
    }

    /** A holder on another machine (its process cannot be checked from here) whose lease ended. */
    static LockInfo expiredElsewhere() {
        return new LockInfo("ci", "ci-runner-7", 4242, Instant.now().minusSeconds(120), "up", "stale-lease",
                Instant.now().minusSeconds(30));
    }

    @Test
    void aHeldLeaseIsRenewedPastItsLengthAndReleasedOnClose() throws Exception {
        List<String> notices = new CopyOnWriteArrayList<>();
        try (LockLease lease = LockLease.acquire(backend(), "s", "up", FAST, Duration.ZERO, notices::add)) {
            Instant firstExpiry = lease.held().holder().expires();
            Thread.sleep(1000);
            LockInfo now = backend().lockHolder("s").orElseThrow();
            assertThat(now.expires()).as("renewed").isAfter(firstExpiry).isAfter(Instant.now());
            assertThat(now.id()).isEqualTo(lease.held().holder().id());
            assertThatThrownBy(() -> LockLease.acquire(backend(), "s", "destroy", FAST, Duration.ZERO, notices::add))
                    .isInstanceOf(LockHeldException.class).hasMessageContaining("lease until");
        }
        assertThat(backend().readLock("s")).isEmpty();
        assertThat(notices).isEmpty();
    }

    @Test
    void anExpiredLeaseIsBrokenNamingItsHolder() throws Exception {
        backend().lock("s", expiredElsewhere());
        List<String> notices = new ArrayList<>();
        try (LockLease lease = LockLease.acquire(backend(), "s", "up", FAST, Duration.ZERO, notices::add)) {
            assertThat(backend().lockHolder("s").orElseThrow().id()).isEqualTo(lease.held().holder().id());
        }
        assertThat(notices).singleElement().asString().contains("broke the lock of s").contains("ci@ci-runner-7").contains("pid 4242")
                .contains("lease expired");
    }

    @Test
    void aLiveLeaseElsewhereIsNotBroken() throws Exception {
        LockInfo live = new LockInfo("ci", "ci-runner-7", 4242, Instant.now(), "up", "live", Instant.now().plusSeconds(60));
        backend().lock("s", live);
        assertThatThrownBy(() -> LockLease.acquire(backend(), "s", "up", FAST, Duration.ofMillis(300), n -> { }))
                .isInstanceOfSatisfying(LockHeldException.class, e -> assertThat(e.holder()).isEqualTo(live));
        assertThat(backend().lockHolder("s")).contains(live);
    }

    @Test
    void aHolderThatStopsRenewingLosesItsLockOnceTheLeaseRunsOut() throws Exception {
        // the holder froze: its lease is written, but nothing renews it
        backend().lock("s", LockInfo.current("up").withLease(Instant.now().plusMillis(300)));
        assertThatThrownBy(() -> LockLease.acquire(backend(), "s", "up", FAST, Duration.ZERO, n -> { })).isInstanceOf(LockHeldException.class);
        List<String> notices = new ArrayList<>();
        try (LockLease lease = LockLease.acquire(backend(), "s", "up", FAST, Duration.ofSeconds(5), notices::add)) {
            assertThat(lease.held().holder().operation()).isEqualTo("up");
        }
        assertThat(notices).hasSize(2);
        assertThat(notices.get(0)).startsWith("waiting up to 5s for the lock on s, held by ");
        assertThat(notices.get(1)).contains("lease expired");
    }

    @Test
    void aWaitForALiveHolderSaysWhomItWaitsForAndHowLongAndAgainWhileItWaits() throws Exception {
        LockInfo live = new LockInfo("alice", "laptop-3", 123, Instant.parse("2026-01-05T12:01:00Z"), "up", "live", Instant.now().plusSeconds(60));
        backend().lock("s", live);
        List<String> notices = new CopyOnWriteArrayList<>();
        assertThatThrownBy(() -> LockLease.acquire(backend(), "s", "destroy", FAST, Duration.ofSeconds(2), notices::add, Duration.ofMillis(600)))
                .isInstanceOf(LockHeldException.class);
        String since = java.time.format.DateTimeFormatter.ofPattern("HH:mm").format(live.time().atZone(java.time.ZoneId.systemDefault()));
        assertThat(notices.get(0)).isEqualTo("waiting up to 2s for the lock on s, held by alice@laptop-3 pid 123 since " + since + " (up)");
        assertThat(notices.subList(1, notices.size())).as("a notice every 600ms of the 2s").hasSizeBetween(2, 3)
                .allSatisfy(n -> assertThat(n).startsWith("still waiting for the lock on s, held by alice@laptop-3 pid 123").endsWith(" left"));
        assertThat(LockLease.shown(Duration.ofMinutes(2))).isEqualTo("2m");
        assertThat(LockLease.shown(Duration.ofSeconds(90))).isEqualTo("1m30s");
    }

    @Test
    void breakingComparesSoTheFreshLockOfTheFirstBreakerSurvivesTheSecond() throws Exception {
        FileBackend backend = backend();
        LockRecord stale = backend.lock("s", expiredElsewhere());
        // both breakers read the same stale lock; the first breaks it and takes a fresh one
        assertThat(backend.unlock("s", stale)).isTrue();
        LockRecord fresh = backend.lock("s", LockInfo.current("up").withLease(Instant.now().plusSeconds(60)));
        // the second one's delete compares, and leaves the fresh lock alone
        assertThat(backend.unlock("s", stale)).isFalse();
        assertThat(backend.renewLock("s", stale, expiredElsewhere())).isEmpty();
        assertThat(backend.readLock("s")).contains(fresh);
    }

    @Test
    void manyProcessesRacingForOneStaleLockLeaveExactlyOneHolder() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            for (int round = 0; round < 15; round++) {
                String stack = "race" + round;
                backend().lock(stack, expiredElsewhere());
                CyclicBarrier start = new CyclicBarrier(6);
                List<Future<LockLease>> takers = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    takers.add(pool.submit(() -> {
                        start.await();
                        try {
                            return LockLease.acquire(new FileBackend(dir), stack, "up", FAST, Duration.ZERO, n -> { });
                        } catch (LockHeldException e) {
                            return null;
                        }
                    }));
                }
                List<LockLease> winners = new ArrayList<>();
                for (Future<LockLease> f : takers) if (f.get() != null) winners.add(f.get());
                assertThat(winners).as("round %d", round).hasSize(1);
                assertThat(backend().lockHolder(stack).orElseThrow().id()).isEqualTo(winners.get(0).held().holder().id());
                winners.get(0).close();
                assertThat(backend().readLock(stack)).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLeaseTakenOverIsNotReleasedOverItsNewHolder() throws Exception {
        List<String> notices = new CopyOnWriteArrayList<>();
        LockLease first = LockLease.acquire(backend(), "s", "up", FAST, Duration.ZERO, notices::add);
        backend().unlock("s"); // state unlock --force
        LockRecord second = backend().lock("s", LockInfo.current("destroy").withLease(Instant.now().plusSeconds(60)));
        Thread.sleep(300);
        first.close();
        assertThat(first.lost()).isTrue();
        assertThat(notices).anyMatch(n -> n.contains("was taken from this operation"));
        assertThat(backend().readLock("s")).contains(second);
    }

    @Test
    void anEmptyLockFileLeftByAKillIsStale() throws Exception {
        Files.write(dir.resolve("s.lock"), new byte[0]);
        try (LockLease lease = LockLease.acquire(backend(), "s", "up", FAST, Duration.ZERO, n -> { })) {
            assertThat(backend().lockHolder("s").orElseThrow().id()).isEqualTo(lease.held().holder().id());
        }
    }
}
