package io.lifeboat.providers.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.lifeboat.provider.HoldsReplicas;

/**
 * The rules of a database type of the sim whose objects hold rows and can be live read replicas
 * of a database in another region (an RDS cross-region read replica, a Cloud SQL cross-region
 * replica); a provider serves such a type as {@link HoldsReplicas}.
 *
 * <p>What a database holds is a row count, kept hidden: the rows it started with ({@link #BASE}:
 * none when made empty, a backup's when restored, its own replayed rows when a replica was
 * promoted) and the rows written to it since ({@link #WRITES}, each with its time, through
 * {@link SimAdmin#writeRows}). A replica holds what its source held its lag ago; it stops
 * following when its source's region goes out (frozen at the outage, the lag then) or when it
 * breaks ({@link SimAdmin#breakReplica}). A backup holds what its database held when it was taken.
 */
public interface SimReplicas {
    /** The hidden field of the rows a database started with. */
    String BASE = "rowsBase";
    /** The hidden field of the rows written to a database: {@code <epoch ms>:<count>} entries, comma separated. */
    String WRITES = "rowsWritten";
    /** The hidden field of a broken replica: why its replication stopped. */
    String BROKEN = "replicationError";
    /** The hidden field of when a replica broke. */
    String BROKEN_AT = "replicationErrorAt";
    /** The hidden field of a replica's lag set through the console, in milliseconds (else the latency profile's). */
    String LAG = "replicaLagMs";
    /** The hidden field of a backup, snapshot or copy: the rows it holds. */
    String ROWS = "rows";

    /** The name the replica gives its source ({@code replicateSourceDb}, {@code masterInstanceName}); null when it stands alone. */
    String sourceName(SimObject db);

    /** The source object a replica follows (in its own region), or null when it is gone or the object is no replica. */
    SimObject source(SimObject replica, SimCloud cloud);

    /** The rows {@code db} holds at {@code at}: a replica's are its source's its lag before then, frozen when its source's region went out. */
    static long rows(SimReplicas rules, SimObject db, SimCloud cloud, Duration defaultLag, Instant at) {
        for (int depth = 0; depth < 8 && rules.sourceName(db) != null; depth++) {
            SimObject source = rules.source(db, cloud);
            if (source == null) return own(db, replayedUntil(rules, db, null, cloud, defaultLag, at));
            at = replayedUntil(rules, db, source, cloud, defaultLag, at);
            db = source;
        }
        return own(db, at);
    }

    /** Until when a replica has replayed its source's writes, as of {@code at}. */
    private static Instant replayedUntil(SimReplicas rules, SimObject replica, SimObject source, SimCloud cloud, Duration defaultLag, Instant at) {
        Instant cutoff = at;
        if (source != null) {
            RegionState s = cloud.state(source.region());
            if (s.out() && s.outSince() != null && s.outSince().isBefore(cutoff)) cutoff = s.outSince();
        }
        String broken = replica.hidden().get(BROKEN_AT);
        if (broken != null && Instant.parse(broken).isBefore(cutoff)) cutoff = Instant.parse(broken);
        return cutoff.minus(lag(replica, defaultLag));
    }

    /** The rows written to {@code db} itself (its base and its writes) by {@code at}. */
    static long own(SimObject db, Instant at) {
        long n = Long.parseLong(db.hidden().getOrDefault(BASE, "0"));
        String writes = db.hidden().get(WRITES);
        if (writes == null || writes.isEmpty()) return n;
        long until = at.toEpochMilli();
        for (String w : writes.split(",")) {
            int colon = w.indexOf(':');
            if (Long.parseLong(w.substring(0, colon)) <= until) n += Long.parseLong(w.substring(colon + 1));
        }
        return n;
    }

    /** The writes of {@code db} with {@code count} rows more written at {@code at}. */
    static String written(SimObject db, long count, Instant at) {
        String writes = db.hidden().getOrDefault(WRITES, "");
        return (writes.isEmpty() ? "" : writes + ",") + at.toEpochMilli() + ":" + count;
    }

    /** A replica's lag: the console's, else the latency profile's. */
    static Duration lag(SimObject replica, Duration defaultLag) {
        String ms = replica.hidden().get(LAG);
        return ms == null ? defaultLag : Duration.ofMillis(Long.parseLong(ms));
    }

    /** The hidden facts of a replica promoted at {@code now}: it holds what it had replayed, and follows nothing. */
    static Map<String, String> promoted(SimReplicas rules, SimObject replica, SimCloud cloud, Duration defaultLag, Instant now) {
        Map<String, String> h = new HashMap<>();
        h.put(BASE, String.valueOf(rows(rules, replica, cloud, defaultLag, now)));
        h.put(WRITES, null);
        h.put(BROKEN, null);
        h.put(BROKEN_AT, null);
        h.put(LAG, null);
        return h;
    }

    /** The replica as {@link HoldsReplicas} reports it: broken when marked so, or when its source is gone while the source's region answers. */
    static Optional<HoldsReplicas.Replica> report(SimReplicas rules, SimObject db, SimCloud cloud, Duration defaultLag) {
        if (db == null || db.is(SimObject.DELETING)) return Optional.empty();
        String source = rules.sourceName(db);
        if (source == null) return Optional.of(new HoldsReplicas.Replica(null, false, null, null));
        Duration lag = lag(db, defaultLag);
        String broken = db.hidden().get(BROKEN);
        if (broken != null) return Optional.of(new HoldsReplicas.Replica(source, false, broken, lag));
        SimObject src = rules.source(db, cloud);
        if (src == null) {
            return Optional.of(new HoldsReplicas.Replica(source, false, "replication stopped: the source " + source + " no longer exists", lag));
        }
        return Optional.of(new HoldsReplicas.Replica(source, true, null, lag));
    }
}
