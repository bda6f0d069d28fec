package io.lifeboat.state;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Who holds a stack's lock: enough for a person to find them, or to see that they are gone.
 *
 * @param id      unique to one taking of the lock (null in locks written by older Lifeboats)
 * @param expires the end of the holder's lease, which it renews while it runs; null for a lock
 *                without a lease, which only its process's death makes stale
 */
public record LockInfo(String user, String host, long pid, Instant time, String operation, String id, Instant expires) {

    /** A holder without a lease, as older Lifeboats wrote them. */
    public LockInfo(String user, String host, long pid, Instant time, String operation) {
        this(user, host, pid, time, operation, null, null);
    }

    public static LockInfo current(String operation) {
        String user = System.getProperty("user.name", "unknown");
        return new LockInfo(user, thisHost(), ProcessHandle.current().pid(), Instant.now(), operation, UUID.randomUUID().toString(), null);
    }

    static String thisHost() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** The same holder with its lease running until {@code until}. */
    public LockInfo withLease(Instant until) {
        return new LockInfo(user, host, pid, time, operation, id, until);
    }

    /** True when the holder ran on this host and its process is gone. */
    public boolean isStaleHere() {
        return thisHost().equals(host) && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    /** Why the lock belongs to no running operation at {@code now}: its process is gone, or its lease ran out; empty when it may be running. */
    public Optional<String> staleBecause(Instant now) {
        if (expires != null && now.isAfter(expires)) return Optional.of("its lease expired at " + expires + " and was not renewed");
        if (isStaleHere()) return Optional.of("its process is gone");
        return Optional.empty();
    }

    @Override
    public String toString() {
        return operation + " by " + user + "@" + host + " (pid " + pid + ") since " + time + (expires == null ? "" : ", lease until " + expires);
    }
}
