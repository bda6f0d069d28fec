package io.lifeboat.program;

/**
 * What a program needs to know beyond the spec: how much of the platform the stack runs, where
 * its database is restored from, whether the pair's region can be used, and whether the stack is
 * a drill's throw-away copy.
 *
 * @param posture            how much of the platform runs
 * @param restoreFrom        the replicated automated backups (an ARN in this stack's region) the
 *                           database is restored from; null for a database made empty
 * @param pairAvailable      false while the pair's region is lost: nothing is made there
 * @param drill              a throw-away copy beside a live stack: no peering requests to real
 *                           peers, no registry of its own (it would clash with the live one)
 */
public record ProgramOptions(Posture posture, String restoreFrom, boolean pairAvailable, boolean drill) {

    public static ProgramOptions of(Posture posture) {
        return new ProgramOptions(posture, null, true, false);
    }
}
