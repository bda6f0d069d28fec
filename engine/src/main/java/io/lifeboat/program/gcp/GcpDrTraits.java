package io.lifeboat.program.gcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.lifeboat.program.DrTraits;
import io.lifeboat.provider.Values;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import io.lifeboat.spec.Stack;
import io.lifeboat.state.ResourceState;
import io.lifeboat.state.Snapshot;

/**
 * GCP's answers: Cloud SQL's backup runs kept in the location its backup configuration names,
 * Secret Manager's user-managed replicas, Artifact Registry, hand-made firewall rules and routes,
 * and peerings that wait for the peer's side.
 */
final class GcpDrTraits implements DrTraits {
    /** The instance is asked, through a provider of the backups' region, for its newest backup run there. */
    @Override
    public String databaseCopies() {
        return GcpSchemas.DATABASE_INSTANCE;
    }

    /** A Cloud SQL instance keeps its backups where its backup configuration says, else in its own region. */
    @Override
    public String copiesHeldIn(Snapshot state, ResourceState copies) {
        PropertyValue location = copies.inputs().at("settings.backupConfiguration.location");
        return location != null && !(location instanceof PropertyValue.Null) ? location.reveal().toString() : DrTraits.providerRegion(state, copies);
    }

    @Override
    public Named database() {
        return new Named(GcpSchemas.DATABASE_INSTANCE, "name");
    }

    @Override
    public String replicaSourceInput() {
        return "masterInstanceName";
    }

    @Override
    public boolean restoredFromBackup(ResourceState database) {
        return database.inputs().containsKey("restoreBackupContext");
    }

    /** A Cloud SQL replica names its primary by instance name (unique in the project). */
    @Override
    public String replicaSourceIn(Snapshot primaryState) {
        ResourceState db = databaseIn(primaryState);
        return db == null ? null : db.inputs().string("name");
    }

    @Override
    public Named replicatedSecret() {
        return new Named(GcpSchemas.SECRET, "secretId");
    }

    /** A secret's data is held in each location of its user-managed replicas, or everywhere for automatic replication. */
    @Override
    public boolean replicatedInto(ResourceState secret, String region) {
        Props replication = Values.obj(secret.inputs().reveal(), "replication");
        if (replication.containsKey("auto")) return true;
        for (Props replica : Values.objects(Values.obj(replication, "userManaged"), "replicas")) {
            if (region.equals(replica.string("location"))) return true;
        }
        return false;
    }

    @Override
    public Named imageRepository() {
        return new Named(GcpSchemas.REPOSITORY, "repositoryId");
    }

    @Override
    public Urn regionProvider(Stack stack) {
        return new Urn(stack.name(), "lifeboat", Urn.providerType("gcp"), "gcp-" + stack.region());
    }

    @Override
    public Props regionProviderConfig(Stack stack) {
        return providerConfig(stack);
    }

    /** The gcp provider's configuration for a stack: its project, its region and its endpoint. */
    static Props providerConfig(Stack stack) {
        Props.Builder config = Props.builder().put("project", stack.project()).put("region", stack.region());
        if (stack.endpoint() != null) config.put("endpoint", stack.endpoint());
        return config.build();
    }

    /** Subnetworks are regional (networks are global, and answer while a region is out). */
    @Override
    public String regionProbe() {
        return GcpSchemas.SUBNETWORK;
    }

    /** Firewall rules and routes are made by hand on a stack's network; each names it in {@code network}. */
    @Override
    public Map<String, String> capturable() {
        return Map.of(GcpSchemas.FIREWALL, "network", GcpSchemas.ROUTE, "network");
    }

    /** A peering stays INACTIVE until the peer network makes its side: GCP's "accept". */
    @Override
    public List<String> personActions(Snapshot survivorState, Stack lost, Stack survivor) {
        List<String> actions = new ArrayList<>();
        for (ResourceState r : survivorState.cloudResources()) {
            if (!r.type().equals(GcpSchemas.NETWORK_PEERING) || r.delete()) continue;
            String state = r.outputs().string("state");
            if (state != null && !state.equals("ACTIVE")) {
                actions.add("have the owner of " + r.inputs().string("peerNetwork") + " make its side of network peering "
                        + r.inputs().string("name") + " (to " + r.inputs().string("network") + "): it stays " + state + " until then");
            }
        }
        return actions;
    }
}
