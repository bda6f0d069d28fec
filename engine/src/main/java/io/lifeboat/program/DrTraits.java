package io.lifeboat.program;

import java.util.List;
import java.util.Map;

import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import io.lifeboat.spec.Stack;
import io.lifeboat.state.ResourceState;
import io.lifeboat.state.Snapshot;

/** What the DR commands need to know of a cloud's resource types. */
public interface DrTraits {
    /**
     * The type asked, through a provider of the pair's region, for the database's copies held
     * there: a replication of automated backups whose outputs say the newest one's time
     * ({@code latestBackupTime}), or a database type that {@link io.lifeboat.provider.KeepsBackups}.
     */
    String databaseCopies();

    /** The region a resource of {@link #databaseCopies} keeps its copies in, from the state that holds it; null when unknown. */
    String copiesHeldIn(Snapshot state, ResourceState copies);

    /**
     * What names the database's copies held in {@code region}, from the owner's last state: the id
     * of its {@link #databaseCopies} resource that keeps them there (the replication, or the
     * database whose backups are kept there); null when it keeps none there.
     */
    default String copiesIn(Snapshot ownerState, String region) {
        for (ResourceState r : ownerState.resources()) {
            if (!r.type().equals(databaseCopies()) || r.id() == null || r.delete()) continue;
            if (region.equals(copiesHeldIn(ownerState, r))) return r.id();
        }
        return null;
    }

    /**
     * The platform's metadata database: its type, and the input that names the database a replica
     * follows ({@code replicateSourceDb}, {@code masterInstanceName}; its removal promotes it).
     */
    Named database();

    /** The input of {@link #database} naming the source a replica follows. */
    String replicaSourceInput();

    /** Whether a database's inputs, as last applied, restored a backup into it (a snapshot, a point in time, a backup run). */
    boolean restoredFromBackup(ResourceState database);

    /** What a replica of the metadata database in {@code primaryState} names as its source (an ARN, an instance name); null when that state holds none. */
    String replicaSourceIn(Snapshot primaryState);

    /** The platform's metadata database in a state (its resource named {@code metadata}); null when it has none. */
    default ResourceState databaseIn(Snapshot state) {
        for (ResourceState r : state.resources()) {
            if (r.type().equals(database().type()) && !r.delete() && r.id() != null && r.urn().name().equals("metadata")) return r;
        }
        return null;
    }

    /** The source the metadata database in {@code state} replicates, as its inputs were last applied; null when it is no replica. */
    default String replicatedSourceIn(Snapshot state) {
        ResourceState db = databaseIn(state);
        return db == null ? null : db.inputs().string(replicaSourceInput());
    }

    /** A type whose objects are named by one of their inputs ({@code name}, {@code secretId}). */
    record Named(String type, String nameInput) {
        /** The name an object of the type has in the state. */
        public String nameOf(ResourceState r) {
            return r.inputs().string(nameInput);
        }
    }

    /** The secrets of the API keys, replicated into the pair's region. */
    Named replicatedSecret();

    /** Whether a replicated secret's data is held in {@code region} (a replica there, or its own). */
    boolean replicatedInto(ResourceState secret, String region);

    /** An image repository. */
    Named imageRepository();

    /** The provider resource through which a stack reaches its region, outside any program run (probes, recovery points). */
    Urn regionProvider(Stack stack);

    /** That provider's configuration. */
    Props regionProviderConfig(Stack stack);

    /** A type every stack of this cloud has, read once to learn whether a region answers. */
    String regionProbe();

    /**
     * The types whose objects can be made by hand beside a stack's own, and so captured into its
     * spec, each with the input naming the managed object they were added to.
     */
    Map<String, String> capturable();

    /**
     * What a person must do about the survivor's resources after a failover or failback (confirm a
     * subscription, accept a peering); {@code lost} is the stack whose region was lost, null after
     * a failback.
     */
    List<String> personActions(Snapshot survivorState, Stack lost, Stack survivor);

    /** The region of the provider a resource was made through, from the state that holds both; null when unknown. */
    static String providerRegion(Snapshot state, ResourceState r) {
        if (r.provider() == null) return null;
        ResourceState p = state.get(r.providerUrn());
        return p == null ? null : p.inputs().string("region");
    }
}
