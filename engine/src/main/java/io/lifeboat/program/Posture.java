package io.lifeboat.program;

import io.lifeboat.spec.Stack;

/** How much of the platform a stack runs. */
public enum Posture {
    /** A primary: everything, at the spec's capacity. */
    ACTIVE,
    /**
     * A hot secondary: everything a warm one runs, its database a live read replica of the
     * primary's (in this region), which a failover promotes instead of restoring a backup.
     */
    HOT,
    /** A warm secondary: everything, at minimum capacity. */
    WARM,
    /** A pilot-light secondary: network and registry; the database exists only as copied backups. */
    PILOT_LIGHT,
    /** A cold secondary: nothing runs; only the backups copied into the region (owned by the primary). */
    COLD,
    /** A secondary after failover: everything at full capacity, the database restored from backup. */
    PROMOTED,
    /**
     * A primary handing over in a planned switchover: everything as {@link #ACTIVE} but no
     * scheduler, so no DAG runs in two regions; its database stays the source of the final copy.
     */
    DEMOTED;

    public static Posture of(Stack stack) {
        if (stack.role() != Stack.Role.SECONDARY) return ACTIVE;
        return switch (stack.standby()) {
            case HOT -> HOT;
            case WARM -> WARM;
            case PILOT_LIGHT -> PILOT_LIGHT;
            case COLD -> COLD;
        };
    }

    /**
     * The posture of a stack in a role: serving the platform ({@code primary}), the spec's
     * primary is ACTIVE and a secondary that took over PROMOTED; on standby, the spec's primary
     * (after a failover made it a secondary) is WARM and a secondary is its spec's standby.
     */
    public static Posture of(Stack stack, Stack pair, boolean primary) {
        boolean specPrimary = stack.role() == Stack.Role.PRIMARY;
        if (primary) return specPrimary ? ACTIVE : PROMOTED;
        return specPrimary ? standbyOfPrimary(pair) : of(stack);
    }

    /**
     * The spec's primary on standby (after a failover made its pair primary): hot when its pair's
     * spec keeps a hot standby (the pair's standby is the pair's, whichever stack holds it), warm otherwise.
     */
    public static Posture standbyOfPrimary(Stack pair) {
        return pair != null && pair.standby() == Stack.Standby.HOT ? HOT : WARM;
    }

    /** The posture of a stack in the role its state records ({@code "primary"}, {@code "secondary"}; null: the spec's role). */
    public static Posture of(Stack stack, Stack pair, String recordedRole) {
        return of(stack, pair, recordedRole == null ? stack.role() == Stack.Role.PRIMARY : recordedRole.equals("primary"));
    }

    /** The stack's database is a live read replica of its pair's. */
    public boolean replicates() {
        return this == HOT;
    }

    public boolean runsCluster() {
        return this != PILOT_LIGHT && this != COLD;
    }

    public boolean runsNetwork() {
        return this != COLD;
    }

    /** The stack serves the platform: it owns the copies of backups and images into its pair's region. */
    public boolean primary() {
        return this == ACTIVE || this == PROMOTED || this == DEMOTED;
    }

    public boolean fullCapacity() {
        return primary();
    }

    /** Schedulers run: DAGs are scheduled in this region. */
    public boolean runsSchedulers() {
        return this == ACTIVE || this == PROMOTED;
    }
}
