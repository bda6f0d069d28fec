package io.lifeboat.state;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A stack's lock held by this process as a lease: taken (breaking a stale lock on the way), renewed
 * by a daemon thread while the operation runs, and released on {@link #close}. A holder that
 * dies, on any machine, stops renewing, and its lock is broken once the lease has run out.
 * Breaking and releasing are compare-and-delete, so they never remove a lock someone else took.
 */
public final class LockLease implements AutoCloseable {

    /** How long a lease lasts unrenewed, and how often its holder renews it. */
    public record Terms(Duration lease, Duration renewEvery) {
        public static final Terms DEFAULT = new Terms(Duration.ofSeconds(60), Duration.ofSeconds(10));

        public Terms {
            if (renewEvery.compareTo(lease) >= 0) throw new IllegalArgumentException("a lease must be renewed more often than it lasts");
        }
    }

    /** How often a wait for a live holder's lock is told again. */
    public static final Duration WAIT_NOTICE_EVERY = Duration.ofSeconds(30);

    private final StateBackend backend;
    private final String stack;
    private final Terms terms;
    private final Consumer<String> notices;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread renewer;
    private volatile LockRecord held;
    private volatile boolean lost;

    private LockLease(StateBackend backend, String stack, LockRecord held, Terms terms, Consumer<String> notices) {
        this.backend = backend;
        this.stack = stack;
        this.held = held;
        this.terms = terms;
        this.notices = notices;
        this.renewer = new Thread(this::renewUntilClosed, "lifeboat-lease-" + stack);
        renewer.setDaemon(true);
        renewer.start();
    }

    /**
     * Takes the stack's lock, waiting up to {@code wait} for a live holder. A lock whose process is
     * gone or whose lease ran out is broken, and {@code notices} hears whose it was. While it waits,
     * {@code notices} hears whom it waits for and how long, and again every {@link #WAIT_NOTICE_EVERY}.
     *
     * @throws LockHeldException when a live holder keeps it past {@code wait}
     */
    public static LockLease acquire(StateBackend backend, String stack, String operation, Terms terms, Duration wait,
                                    Consumer<String> notices) throws IOException {
        return acquire(backend, stack, operation, terms, wait, notices, WAIT_NOTICE_EVERY);
    }

    static LockLease acquire(StateBackend backend, String stack, String operation, Terms terms, Duration wait,
                             Consumer<String> notices, Duration noticeEvery) throws IOException {
        Instant deadline = Instant.now().plus(wait);
        LockInfo me = LockInfo.current(operation);
        LockInfo waitingFor = null;
        Instant nextNotice = null;
        while (true) {
            try {
                return new LockLease(backend, stack, backend.lock(stack, me.withLease(Instant.now().plus(terms.lease()))), terms, notices);
            } catch (LockHeldException e) {
                Optional<LockRecord> seen = backend.readLock(stack);
                if (seen.isEmpty()) continue;
                Optional<String> stale = seen.get().holder().staleBecause(Instant.now());
                if (stale.isPresent()) {
                    // whoever wins the compare-and-delete, the lock is taken again from scratch
                    if (backend.unlock(stack, seen.get())) {
                        notices.accept("broke the lock of " + stack + " held by " + seen.get().holder() + ": " + stale.get());
                    }
                    continue;
                }
                if (!Instant.now().isBefore(deadline)) throw new LockHeldException(stack, seen.get().holder());
                LockInfo holder = seen.get().holder();
                if (waitingFor == null || !sameHolder(holder, waitingFor)) {
                    notices.accept("waiting up to " + shown(Duration.between(Instant.now(), deadline)) + " for the lock on " + stack
                            + ", held by " + whom(holder));
                    waitingFor = holder;
                    nextNotice = Instant.now().plus(noticeEvery);
                } else if (!Instant.now().isBefore(nextNotice)) {
                    notices.accept("still waiting for the lock on " + stack + ", held by " + whom(holder) + "; "
                            + shown(Duration.between(Instant.now(), deadline)) + " left");
                    nextNotice = nextNotice.plus(noticeEvery);
                }
                sleep(Math.min(250, Math.max(1, Duration.between(Instant.now(), deadline).toMillis())));
            }
        }
    }

    private static boolean sameHolder(LockInfo a, LockInfo b) {
        return a.pid() == b.pid() && a.host().equals(b.host()) && java.util.Objects.equals(a.id(), b.id());
    }

    /** {@code alice@host pid 123 since 12:01 (up)}, in this machine's time zone. */
    static String whom(LockInfo h) {
        String since = h.time() == null ? "an unknown time"
                : java.time.format.DateTimeFormatter.ofPattern("HH:mm").format(h.time().atZone(java.time.ZoneId.systemDefault()));
        return h.user() + "@" + h.host() + " pid " + h.pid() + " since " + since + " (" + h.operation() + ")";
    }

    /** {@code 2m}, {@code 1m30s}, {@code 45s}: to the nearest second. */
    static String shown(Duration d) {
        long s = (d.toMillis() + 500) / 1000;
        if (s >= 3600) return s / 3600 + "h" + (s % 3600 / 60 == 0 ? "" : s % 3600 / 60 + "m");
        if (s >= 60) return s / 60 + "m" + (s % 60 == 0 ? "" : s % 60 + "s");
        return s + "s";
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a lock", ie);
        }
    }

    /** The lock as this lease last wrote it. */
    public LockRecord held() {
        return held;
    }

    /** True once the lock was found taken over (the lease ran out unrenewed, or it was unlocked by force). */
    public boolean lost() {
        return lost;
    }

    private void renewUntilClosed() {
        boolean failing = false;
        try {
            while (!stopped.await(terms.renewEvery().toMillis(), TimeUnit.MILLISECONDS)) {
                LockRecord current = held;
                try {
                    Optional<LockRecord> renewed = backend.renewLock(stack, current,
                            current.holder().withLease(Instant.now().plus(terms.lease())));
                    if (renewed.isEmpty()) {
                        lost = true;
                        notices.accept("the lock of " + stack + " was taken from this operation (by `state unlock --force`, or its lease ran out"
                                + " unrenewed); another operation may be changing the stack");
                        return;
                    }
                    held = renewed.get();
                    failing = false;
                } catch (IOException | RuntimeException e) {
                    // tried again at the next tick; the lease lasts several ticks
                    if (!failing) notices.accept("could not renew the lock of " + stack + " in " + backend.describe() + ": " + e.getMessage());
                    failing = true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops renewing and releases the lock, if it still is this lease's. */
    @Override
    public void close() throws IOException {
        stopped.countDown();
        try {
            renewer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!lost) backend.unlock(stack, held);
    }
}
