package io.lifeboat.provider;

import java.time.Duration;
import java.util.Optional;

import io.lifeboat.resource.Props;

/**
 * A database type whose objects can be live read replicas of a database in another region (an
 * RDS cross-region read replica, a Cloud SQL cross-region replica). A hot standby's failover asks
 * it, through a provider of the replica's own region (so it answers while the source's region is
 * lost), whether the replica can be promoted and how far behind its source it was. The promotion
 * itself is an update that removes the input naming the source ({@code replicateSourceDb},
 * {@code masterInstanceName}); that update returns once the promoted database accepts writes.
 */
public interface HoldsReplicas {
    /**
     * The replica {@code id} as its region sees it now; empty when it is gone.
     *
     * @param outputs the replica's outputs as last recorded
     */
    Optional<Replica> replica(String id, Props outputs, OperationContext ctx) throws ProviderException;

    /**
     * One replica, as its cloud reports it.
     *
     * @param source      what it replicates (an ARN on AWS, an instance name on Cloud SQL); null when it
     *                    stands alone already (promoted)
     * @param replicating the replication is working, or was until its source went silent (its source's
     *                    region being lost does not make a replica broken)
     * @param problem     why it is not replicating (the cloud's own words); null when it is
     * @param lag         how far behind its source it was when last measured (the newest figure the
     *                    cloud has: RDS's {@code ReplicaLag}, Cloud SQL's {@code replica_lag}); null
     *                    when the cloud has none
     */
    record Replica(String source, boolean replicating, String problem, Duration lag) {
        public boolean promoted() {
            return source == null;
        }
    }
}
