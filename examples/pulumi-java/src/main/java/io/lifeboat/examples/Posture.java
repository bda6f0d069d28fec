package io.lifeboat.examples;

import java.util.Optional;

import com.pulumi.Config;
import com.pulumi.Context;

/**
 * Where this stack stands in its disaster-recovery pair, as Lifeboat tells the program in the
 * config namespace {@code lifeboat} (Pulumi's own engine runs it too: then set these keys with
 * {@code pulumi config set lifeboat:posture primary} and so on).
 *
 * @param role        {@code lifeboat:role}: {@code primary} or {@code secondary}, the stack's part in the pair
 * @param posture     {@code lifeboat:posture}: what the stack is now ({@link Kind})
 * @param pairRegion  {@code lifeboat:pairRegion}: the other stack's region, where the DR copies go; absent
 *                    while that region is lost (after a failover) and for a drill, which has no pair
 * @param restoreFrom {@code lifeboat:restoreFrom}: the newest copy of the pair's database held in this region
 *                    (the ARN of its replicated automated backups), given while this stack's database is one
 *                    restored from it (promoted, in a drill, or a primary again after a failback); absent otherwise
 * @param region      {@code aws:region}, where this stack runs
 * @param stackName   the Pulumi stack's name ({@code <secondary>-drill} for a drill)
 */
record Posture(String role, Kind posture, Optional<String> pairRegion, Optional<String> restoreFrom, String region, String stackName) {

    /** What a stack of the pair is at the moment. */
    enum Kind {
        /** The live primary: it serves, and copies its database and key to the pair's region. */
        PRIMARY,
        /** A pilot-light secondary: the network only; the primary's copies live in its region. */
        STANDBY,
        /** A secondary that took over after a failover: it restores the database from the copies. */
        PROMOTED,
        /** A rehearsal of the failover beside the live pair, torn down afterwards: nothing it makes may collide with them. */
        DRILL
    }

    static Posture of(Context ctx) {
        Config lifeboat = ctx.config("lifeboat");
        String role = lifeboat.get("role").orElse("primary");
        String posture = lifeboat.get("posture").orElse(role.equals("primary") ? "primary" : "standby");
        Kind kind;
        try {
            kind = Kind.valueOf(posture.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("lifeboat:posture is '" + posture + "': it must be primary, standby, promoted or drill");
        }
        String region = ctx.config("aws").require("region");
        Optional<String> pair = lifeboat.get("pairRegion");
        Optional<String> restoreFrom = kind == Kind.STANDBY ? Optional.empty() : lifeboat.get("restoreFrom");
        return new Posture(role, kind, pair, restoreFrom, region, ctx.stackName());
    }

    boolean drill() {
        return posture == Kind.DRILL;
    }

    /** The stack serves (or rehearses serving) the platform: it has a database. */
    boolean serves() {
        return posture != Kind.STANDBY;
    }

    /** Appended to every name a drill makes, so that it never collides with the live stacks' (a drill's stack is {@code <secondary>-drill}). */
    String suffix() {
        return drill() ? "-drill" : "";
    }
}
