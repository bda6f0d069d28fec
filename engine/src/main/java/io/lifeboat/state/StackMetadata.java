package io.lifeboat.state;

import java.time.Instant;
import java.util.UUID;

/**
 * Lifeboat's own facts about a stack, kept in the checkpoint's {@code deployment.metadata}.
 *
 * @param lineage   fixed for the life of a stack's state; a checkpoint of another lineage is
 *                  refused rather than overwritten
 * @param serial    grows by one with every checkpoint written
 * @param specHash  hash of the stack and platform documents last applied
 * @param commit    the commit last applied (sha, author, subject), or null when not applied from git
 * @param appliedAt when the last operation ended
 * @param role      primary or secondary, as last applied (a failover changes it)
 * @param lost      the stack's region was declared lost by a failover: read-only until failback
 * @param restoredFrom the backups the stack's database was restored from by a failover (kept, so
 *                  that later runs ask for the same database rather than a new, empty one), or
 *                  {@link #PROMOTED_REPLICA} and the source of the replica a failover promoted
 * @param pendingSteps after a partial apply (--target, --exclude, a failed step): the steps the full
 *                  plan still has to do; 0 when the last apply left nothing of its spec undone
 */
public record StackMetadata(String stack, String lineage, long serial, String specHash, AppliedCommit commit,
                            Instant appliedAt, String role, boolean lost, String restoredFrom, int pendingSteps) {
    /** How {@code restoredFrom} says that the database is a hot standby's replica that a failover promoted, of the source that follows. */
    public static final String PROMOTED_REPLICA = "promoted-replica-of:";

    /** The source of the replica a failover promoted, when {@code restoredFrom} records one; null otherwise. */
    public static String promotedReplicaSource(String restoredFrom) {
        return restoredFrom != null && restoredFrom.startsWith(PROMOTED_REPLICA) ? restoredFrom.substring(PROMOTED_REPLICA.length()) : null;
    }

    /** Metadata with nothing pending (a checkpoint imported whole). */
    public StackMetadata(String stack, String lineage, long serial, String specHash, AppliedCommit commit, Instant appliedAt, String role,
                         boolean lost, String restoredFrom) {
        this(stack, lineage, serial, specHash, commit, appliedAt, role, lost, restoredFrom, 0);
    }

    public static StackMetadata fresh(String stack) {
        return new StackMetadata(stack, UUID.randomUUID().toString(), 0, null, null, null, null, false, null, 0);
    }

    public StackMetadata next(String newSpecHash, AppliedCommit newCommit, String newRole) {
        return new StackMetadata(stack, lineage, serial + 1, newSpecHash == null ? specHash : newSpecHash,
                newCommit == null ? commit : newCommit, Instant.now(), newRole == null ? role : newRole, lost, restoredFrom, pendingSteps);
    }

    public StackMetadata withLost(boolean isLost) {
        return new StackMetadata(stack, lineage, serial, specHash, commit, appliedAt, role, isLost, restoredFrom, pendingSteps);
    }

    public StackMetadata withRole(String newRole, String newRestoredFrom) {
        return new StackMetadata(stack, lineage, serial, specHash, commit, appliedAt, newRole, lost, newRestoredFrom, pendingSteps);
    }

    /** The same, recording how many steps of the full plan the last apply left undone. */
    public StackMetadata withPendingSteps(int pending) {
        return new StackMetadata(stack, lineage, serial, specHash, commit, appliedAt, role, lost, restoredFrom, pending);
    }

    /** The last apply did part of its plan only: its spec and commit are not recorded as applied. */
    public boolean partial() {
        return pendingSteps > 0;
    }
}
