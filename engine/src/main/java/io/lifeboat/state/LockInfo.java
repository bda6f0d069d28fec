package io.lifeboat.state;

import java.time.Instant;

/** Who holds a stack's lock: enough for a person to find them, or to see that they are gone. */
public record LockInfo(String user, String host, long pid, Instant time, String operation) {

    public static LockInfo current(String operation) {
        String user = System.getProperty("user.name", "unknown");
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown";
        }
        return new LockInfo(user, host, ProcessHandle.current().pid(), Instant.now(), operation);
    }

    /** True when the holder ran on this host and its process is gone. */
    public boolean isStaleHere() {
        LockInfo me = current("");
        return me.host().equals(host) && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    @Override
    public String toString() {
        return operation + " by " + user + "@" + host + " (pid " + pid + ") since " + time;
    }
}
