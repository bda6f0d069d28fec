package io.lifeboat.dr;

import java.time.Duration;
import java.util.Optional;

import io.lifeboat.deploy.CallChain;
import io.lifeboat.deploy.ProviderCall;
import io.lifeboat.deploy.ProviderPool;
import io.lifeboat.deploy.RetryPolicy;
import io.lifeboat.deploy.StackRunner;
import io.lifeboat.program.Clouds;
import io.lifeboat.program.DrTraits;
import io.lifeboat.provider.HoldsReplicas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.resource.Urn;
import io.lifeboat.spec.Durations;
import io.lifeboat.spec.Stack;
import io.lifeboat.state.ResourceState;
import io.lifeboat.state.Snapshot;

/**
 * Whether a hot standby's replica can be promoted: asked, before anything changes, of the
 * replica's own region (it answers while its source's is lost). A replica that is missing, broken
 * or further behind than the spec allows is not promoted: the failover restores the newest copied
 * backup instead, and says why.
 */
final class ReplicaCheck {
    /**
     * What was found.
     *
     * @param id      the replica's id (null when the standby's state holds no database)
     * @param promote the replica can be promoted (or was already, by an earlier run of the same failover)
     * @param lag     how far behind its source it was when last measured; null when unknown
     * @param why     why it is not promoted; null when it is
     */
    record Verdict(String id, boolean promote, Duration lag, String why) {
        static Verdict refuse(String id, Duration lag, String why) {
            return new Verdict(id, false, lag, why);
        }
    }

    private ReplicaCheck() {
    }

    /**
     * @param standby      the hot standby, its state as loaded
     * @param finishing    an earlier failover marked the primary lost: a replica found promoted was promoted by it
     */
    static Verdict check(StackRunner runner, Stack standby, Snapshot standbyState, boolean finishing) throws InterruptedException {
        DrTraits dr = Clouds.of(standby).dr();
        ResourceState db = dr.databaseIn(standbyState);
        if (db == null) return Verdict.refuse(null, null, standby.name() + "'s state holds no database, so there is no replica to promote");
        if (finishing) {
            // an earlier run of this failover that fell back to a backup: its restore is finished, never undone by a promotion
            for (io.lifeboat.state.PendingOperation op : standbyState.pending()) {
                if (op.resource().urn().equals(db.urn()) && !op.type().equals("updating") && !op.type().equals("reading")) {
                    return Verdict.refuse(db.id(), null, "an earlier run of this failover was replacing the replica " + db.id() + " with a restored backup");
                }
            }
            if (dr.restoredFromBackup(db)) {
                return Verdict.refuse(db.id(), null, "an earlier run of this failover restored a backup into " + db.id() + " instead of promoting its replica");
            }
        }
        boolean replicaByState = db.inputs().string(dr.replicaSourceInput()) != null;
        if (!replicaByState && !finishing) {
            return Verdict.refuse(db.id(), null, "the database " + db.id() + " of " + standby.name() + " is not a replica (the stack was not applied since "
                    + "standby: hot was set)");
        }
        Duration maxLag = standby.platform().database().maxReplicaLag();
        HoldsReplicas.Replica replica;
        try (ProviderPool pool = runner.pool()) {
            Urn provider = dr.regionProvider(standby);
            String ref = pool.register(provider, "replica", dr.regionProviderConfig(standby));
            ResourceType type = pool.type(ref, dr.database().type());
            if (!(type instanceof HoldsReplicas holds)) {
                return Verdict.refuse(db.id(), null, "the provider of " + standby.region() + " cannot say whether the replica " + db.id() + " is healthy");
            }
            OperationContext ctx = OperationContext.of(provider, Duration.ofMinutes(2));
            Optional<HoldsReplicas.Replica> seen = CallChain.reading(RetryPolicy.DEFAULT, pool).call(ProviderCall.of("reading", provider, ref, ctx,
                    () -> holds.replica(db.id(), db.outputs(), ctx)));
            if (seen.isEmpty()) return Verdict.refuse(db.id(), null, "the replica " + db.id() + " is gone from " + standby.region());
            replica = seen.get();
        } catch (ProviderException e) {
            return Verdict.refuse(db.id(), null, "the replica " + db.id() + " could not be asked about its health: " + e.getMessage());
        }
        if (replica.promoted()) {
            // promoted already: by an earlier run of this failover (killed before it recorded so), else by hand
            return finishing ? new Verdict(db.id(), true, null, null)
                    : Verdict.refuse(db.id(), null, "the replica " + db.id() + " already stands alone: it was promoted outside Lifeboat");
        }
        if (!replica.replicating()) {
            return Verdict.refuse(db.id(), replica.lag(), "the replica " + db.id() + " is broken: " + (replica.problem() == null ? "its replication is not running" : replica.problem()));
        }
        if (replica.lag() != null && replica.lag().compareTo(maxLag) > 0) {
            return Verdict.refuse(db.id(), replica.lag(), "the replica " + db.id() + " was " + Durations.format(replica.lag()) + " behind its primary, more than the "
                    + Durations.format(maxLag) + " spec.database.replica.maxLag allows");
        }
        return new Verdict(db.id(), true, replica.lag(), null);
    }
}
