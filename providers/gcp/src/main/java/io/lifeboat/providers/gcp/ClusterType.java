package io.lifeboat.providers.gcp;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.container.v1.Cluster;
import com.google.container.v1.ClusterUpdate;
import com.google.container.v1.CreateClusterRequest;
import com.google.container.v1.DeleteClusterRequest;
import com.google.container.v1.DeleteNodePoolRequest;
import com.google.container.v1.Operation;
import com.google.container.v1.SetLabelsRequest;
import com.google.container.v1.UpdateClusterRequest;

import io.lifeboat.program.gcp.GcpSchemas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/**
 * {@code gcp:container/cluster:Cluster}: a GKE cluster (regional when its location is a region),
 * VPC-native on the subnetwork's secondary ranges, its resource labels carrying the URN's mark.
 * With {@code removeDefaultNodePool} the pool GKE makes with it ({@code initialNodeCount}) is
 * deleted once it stands, as pulumi-gcp does: the program's node pools are its own. Resource
 * labels, the master version and the release channel change in place; {@code deletionProtection}
 * (true unless set false) refuses a delete, as pulumi-gcp's does.
 */
final class ClusterType extends GcpType {
    static final String DEFAULT_POOL = "default-pool";

    ClusterType(GcpClients gcp) {
        super(GcpSchemas.CLUSTER, gcp);
    }

    private String id(String location, String name) {
        return "projects/" + project() + "/locations/" + location + "/clusters/" + name;
    }

    static String locationOf(String id) {
        String after = id.substring(id.indexOf("/locations/") + "/locations/".length());
        return after.substring(0, after.indexOf('/'));
    }

    @Override
    public Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        Props in = clean(inputs);
        String name = str(in, "name");
        String location = str(in, "location") == null ? region() : str(in, "location");
        ObjectNode c = ApiJson.object().put("name", name).put("network", last(str(in, "network")));
        if (str(in, "subnetwork") != null) c.put("subnetwork", last(str(in, "subnetwork")));
        if (str(in, "description") != null) c.put("description", str(in, "description"));
        if (str(in, "minMasterVersion") != null) c.put("initialClusterVersion", str(in, "minMasterVersion"));
        c.put("initialNodeCount", integer(in, "initialNodeCount") == null ? 1 : integer(in, "initialNodeCount"));
        ObjectNode ip = jsonObj(in, "ipAllocationPolicy");
        if (!ip.isEmpty()) {
            ip.put("useIpAliases", true);
            c.set("ipAllocationPolicy", ip);
        }
        if (in.get("privateClusterConfig") != null) c.set("privateClusterConfig", jsonObj(in, "privateClusterConfig"));
        if (in.get("releaseChannel") != null) c.set("releaseChannel", jsonObj(in, "releaseChannel"));
        c.set("resourceLabels", labels(in, urn, null));
        String id = id(location, name);
        Operation op = GcpCall.run("clusters.create " + name + " in " + location, () -> gcp.container().createCluster(CreateClusterRequest.newBuilder()
                .setParent("projects/" + project() + "/locations/" + location).setCluster(ApiJson.merge(c, Cluster.newBuilder())).build()));
        operations.container(ctx, "waiting for cluster " + name + " to be RUNNING", location, op);
        if (bool(in, "removeDefaultNodePool", false)) removeDefaultPool(id, location, ctx);
        return created(id, inputs, ctx);
    }

    private void removeDefaultPool(String id, String location, OperationContext ctx) throws ProviderException {
        String pool = id + "/nodePools/" + DEFAULT_POOL;
        Optional<Operation> op = GcpCall.find("nodePools.delete " + pool, () -> gcp.container().deleteNodePool(DeleteNodePoolRequest.newBuilder().setName(pool).build()));
        if (op.isPresent()) operations.container(ctx, "removing the default node pool of " + last(id), location, op.get());
    }

    @Override
    protected Optional<JsonNode> get(String id) throws ProviderException {
        return GcpCall.find("clusters.get " + id, () -> ApiJson.json(gcp.container().getCluster(id)));
    }

    @Override
    protected View seen(String id, JsonNode o, Props g) throws ProviderException {
        Props.Builder seen = Props.builder().put("name", o.path("name").asText()).put("location", v(o.get("location")))
                .put("network", sameRef(g, "network", o.path("network").asText(null)))
                .put("subnetwork", sameRef(g, "subnetwork", o.path("subnetwork").asText(null)))
                .put("description", v(o.get("description")))
                .put("resourceLabels", labelsSeen(o.get("resourceLabels")));
        JsonNode ip = o.path("ipAllocationPolicy");
        if (g.containsKey("ipAllocationPolicy")) {
            Props.Builder p = Props.builder();
            obj(g, "ipAllocationPolicy").forEach((k, x) -> p.put(k, v(ip.get(k))));
            seen.put("ipAllocationPolicy", new PropertyValue.Obj(p.build()));
        }
        if (g.containsKey("releaseChannel")) seen.put("releaseChannel", v(o.get("releaseChannel")));
        // a version g as a prefix (1.30) is met by the master's (1.30.5-gke.100)
        String master = o.path("currentMasterVersion").asText(null);
        String wanted = str(g, "minMasterVersion");
        seen.put("minMasterVersion", wanted != null && master != null && (master.equals(wanted) || master.startsWith(wanted + ".")
                || master.startsWith(wanted + "-")) ? new PropertyValue.Str(wanted) : master == null ? PropertyValue.NULL : new PropertyValue.Str(master));
        Props computed = Props.builder().put("endpoint", v(o.get("endpoint")))
                .put("masterAuth", new PropertyValue.Obj(Props.builder().put("clusterCaCertificate", v(o.path("masterAuth").get("clusterCaCertificate"))).build()))
                .put("selfLink", v(o.get("selfLink"))).put("masterVersion", v(o.get("currentMasterVersion")))
                .put("labelFingerprint", v(o.get("labelFingerprint"))).put("status", v(o.get("status"))).build();
        return new View(seen.build(), computed);
    }

    @Override
    public Props update(String id, Props oldOutputs, Props newInputs, OperationContext ctx) throws ProviderException {
        Props in = clean(newInputs);
        String location = locationOf(id);
        JsonNode now = get(id).orElseThrow(() -> notFound("NotFound", "cluster " + id + " is gone"));
        ObjectNode wantedLabels = labels(in, null, markOf(now.get("resourceLabels")));
        if (!wantedLabels.equals(now.path("resourceLabels"))) {
            SetLabelsRequest.Builder r = SetLabelsRequest.newBuilder().setName(id).setLabelFingerprint(now.path("labelFingerprint").asText());
            wantedLabels.fields().forEachRemaining(e -> r.putResourceLabels(e.getKey(), e.getValue().asText()));
            Operation op = GcpCall.run("clusters.setResourceLabels " + id, () -> gcp.container().setLabels(r.build()));
            operations.container(ctx, "labelling cluster " + last(id), location, op);
        }
        String version = str(in, "minMasterVersion");
        String master = now.path("currentMasterVersion").asText("");
        if (version != null && !master.equals(version) && !master.startsWith(version + ".") && !master.startsWith(version + "-")) {
            update(id, location, ClusterUpdate.newBuilder().setDesiredMasterVersion(version).build(), "upgrading cluster " + last(id) + " to " + version, ctx);
        }
        if (in.get("releaseChannel") != null && !jsonObj(in, "releaseChannel").equals(now.path("releaseChannel"))) {
            ObjectNode u = ApiJson.object();
            u.set("desiredReleaseChannel", jsonObj(in, "releaseChannel"));
            update(id, location, ApiJson.merge(u, ClusterUpdate.newBuilder()).build(), "changing the release channel of " + last(id), ctx);
        }
        return current(id, newInputs, ctx);
    }

    private void update(String id, String location, ClusterUpdate update, String what, OperationContext ctx) throws ProviderException {
        Operation op = GcpCall.run("clusters.update " + id, () -> gcp.container().updateCluster(UpdateClusterRequest.newBuilder().setName(id).setUpdate(update).build()));
        operations.container(ctx, what, location, op);
    }

    @Override
    public void delete(String id, Props outputs, OperationContext ctx) throws ProviderException {
        if (bool(outputs, "deletionProtection", true)) {
            throw refused("DeletionProtection", "cannot delete cluster " + id + ": deletionProtection is true; set it to false (and up) first");
        }
        Optional<Operation> op = GcpCall.find("clusters.delete " + id, () -> gcp.container().deleteCluster(DeleteClusterRequest.newBuilder().setName(id).build()));
        if (op.isPresent()) operations.container(ctx, "waiting for cluster " + last(id) + " to be deleted", locationOf(id), op.get());
    }

    @Override
    protected Optional<String> idForUrn(Urn urn, Props inputs) throws ProviderException {
        String location = str(inputs, "location") == null ? region() : str(inputs, "location");
        String id = id(location, str(inputs, "name"));
        return get(id).filter(o -> marked(o.get("resourceLabels"), urn)).map(o -> id);
    }

    /** A cluster found again after a crash is usable once RUNNING. */
    @Override
    protected void awaitUsable(String id, OperationContext ctx) throws ProviderException {
        poll.until(ctx, "waiting for cluster " + last(id) + " to be RUNNING", () -> {
            String status = get(id).map(o -> o.path("status").asText()).orElse("GONE");
            if (status.equals("ERROR") || status.equals("GONE")) throw refused("ClusterFailed", "cluster " + id + " is " + status);
            return status.equals("RUNNING") ? Optional.of(Boolean.TRUE) : Optional.empty();
        });
    }
}
