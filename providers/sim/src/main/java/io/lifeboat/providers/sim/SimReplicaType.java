package io.lifeboat.providers.sim;

import static io.lifeboat.providers.sim.SimResourceType.guarded;

import java.time.Instant;
import java.util.Optional;

import io.lifeboat.provider.HoldsReplicas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.Props;

/**
 * A database type of the sim whose objects can be read replicas ({@link SimReplicas}): the
 * lifecycle is {@link SimResourceType}'s; a replica's health is read from its own region alone,
 * so it answers while its source's region is out.
 */
final class SimReplicaType extends SimLifecycleType implements HoldsReplicas {
    SimReplicaType(SimResourceType lifecycle, SimRuntime rt) {
        super(lifecycle, rt);
    }

    @Override
    public Optional<Replica> replica(String id, Props outputs, OperationContext ctx) throws ProviderException {
        return replica(lifecycle, rt, id, ctx);
    }

    static Optional<Replica> replica(SimResourceType lifecycle, SimRuntime rt, String id, OperationContext ctx) throws ProviderException {
        SimType type = lifecycle.rules();
        rt.gate().enter(type.service(), rt.region(), ctx);
        return guarded(() -> {
            SimObject o = rt.cloud().object(rt.region(), type.token(), id);
            SimObject now = o == null ? null : o.at(Instant.now());
            return SimReplicas.report((SimReplicas) type, now, rt.cloud(), rt.settings().latency().replicaLag());
        });
    }

    /** A database type that keeps its backups apart ({@link SimBackupsType}) and can be a replica too (Cloud SQL's). */
    static final class WithBackups extends SimBackupsType implements HoldsReplicas {
        WithBackups(SimResourceType lifecycle, SimRuntime rt) {
            super(lifecycle, rt);
        }

        @Override
        public Optional<Replica> replica(String id, Props outputs, OperationContext ctx) throws ProviderException {
            return SimReplicaType.replica(lifecycle, rt, id, ctx);
        }
    }
}
