package io.lifeboat.dr;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a failover, failback or drill did, for the person who ran it and for the record: how long
 * it took (RTO), how much data it lost (RPO, from the backup restored), every resource restored,
 * what a person must still do, and what could not be restored.
 *
 * @param backupTime the time of the newest backup restored; null when no database was restored
 * @param replicaLag how far behind its primary the promoted replica was when last measured (the
 *                   RPO of a hot standby's failover); null when none was promoted or its lag is unknown
 * @param promotedReplica the database is a hot standby's replica, promoted instead of restored
 */
public record DrReport(
        String operation,
        String from,
        String fromRegion,
        String to,
        String toRegion,
        Instant start,
        Instant end,
        Instant backupTime,
        Duration replicaLag,
        boolean promotedReplica,
        List<Restored> restored,
        List<String> actions,
        List<String> lost,
        List<String> notes,
        List<String> errors) {

    public DrReport {
        restored = List.copyOf(restored);
        actions = List.copyOf(actions);
        lost = List.copyOf(lost);
        notes = List.copyOf(notes);
        errors = List.copyOf(errors);
    }

    /**
     * A resource of the stack that took over, and {@code how} the operation left it: {@code kept},
     * {@code created}, {@code updated}, {@code replaced} (a failover); {@code failed} or
     * {@code not done} (its step failed, or an interruption left it undone); {@code present} (a
     * failback, a drill's {@code created}).
     */
    public record Restored(String type, String name, String id, String how) {
    }

    public Duration rto() {
        return Duration.between(start, end);
    }

    /**
     * Data written after the backup is lost: from the backup's time to the start of the outage
     * response; with a promoted replica, what it had not replayed: its lag.
     */
    public Duration rpo() {
        if (promotedReplica) return replicaLag;
        return backupTime == null ? null : Duration.between(backupTime, start).isNegative() ? Duration.ZERO : Duration.between(backupTime, start);
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}
