package io.lifeboat.program;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * What a program needs to know beyond the spec: how much of the platform the stack runs, where
 * its database is restored from, whether the pair's region can be used, and whether the stack is
 * a drill's throw-away copy.
 *
 * @param posture            how much of the platform runs
 * @param restoreFrom        the replicated automated backups (an ARN in this stack's region) the
 *                           database is restored from; null for a database made empty
 * @param replicaOf          the pair's database that this stack's database replicates ({@link Posture#HOT}:
 *                           its ARN on AWS, its instance name on Cloud SQL; null while the pair's state
 *                           holds none yet), or, once promoted ({@link Posture#PROMOTED}), replicated
 *                           until a failover promoted it; null for a database that was never a replica
 * @param pairAvailable      false while the pair's region is lost: nothing is made there
 * @param drill              a throw-away copy beside a live stack: no peering requests to real
 *                           peers, no registry of its own (it would clash with the live one)
 * @param clock              the time a program reads (a final snapshot's name), so that a run is
 *                           a pure function of the specs, the state and these options
 * @param random             the randomness a program draws on (new API key material, unique
 *                           suffixes); the system's secure one unless a test fixes it
 */
public record ProgramOptions(Posture posture, String restoreFrom, String replicaOf, boolean pairAvailable, boolean drill, Clock clock,
                             RandomGenerator random) {
    private static final RandomGenerator SECURE = new SecureRandom();

    public ProgramOptions {
        clock = clock == null ? Clock.systemUTC() : clock;
        random = random == null ? SECURE : random;
    }

    /** With the system's clock and its secure randomness. */
    public ProgramOptions(Posture posture, String restoreFrom, boolean pairAvailable, boolean drill) {
        this(posture, restoreFrom, null, pairAvailable, drill, null, null);
    }

    /**
     * The options of a stack in {@code posture} whose database came from what its metadata
     * records ({@code restoredFrom}: the backups restored, or a replica a failover promoted, see
     * {@link io.lifeboat.state.StackMetadata#PROMOTED_REPLICA}); a promoted replica on standby
     * again is a replica anew, of a source found then.
     */
    public static ProgramOptions recorded(Posture posture, String restoredFrom, boolean pairAvailable) {
        String promoted = io.lifeboat.state.StackMetadata.promotedReplicaSource(restoredFrom);
        if (promoted != null) return new ProgramOptions(posture, null, pairAvailable, false).replicaOf(posture.primary() ? promoted : null);
        return new ProgramOptions(posture, restoredFrom, pairAvailable, false);
    }

    /** These options, the database a replica of {@code source} (see {@code replicaOf}). */
    public ProgramOptions replicaOf(String source) {
        return new ProgramOptions(posture, restoreFrom, source, pairAvailable, drill, clock, random);
    }

    /** The database is a promoted replica: it stands alone, made as the replica it was. */
    public boolean promotedReplica() {
        return replicaOf != null && !posture.replicates();
    }

    public static ProgramOptions of(Posture posture) {
        return new ProgramOptions(posture, null, true, false);
    }

    /** These options with a fixed clock and randomness. */
    public ProgramOptions with(Clock fixedClock, RandomGenerator fixedRandom) {
        return new ProgramOptions(posture, restoreFrom, replicaOf, pairAvailable, drill, fixedClock, fixedRandom);
    }
}
