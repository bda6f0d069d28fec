package io.lifeboat.providers.gcp;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.container.v1.CreateNodePoolRequest;
import com.google.container.v1.DeleteNodePoolRequest;
import com.google.container.v1.NodeManagement;
import com.google.container.v1.NodePool;
import com.google.container.v1.NodePoolAutoscaling;
import com.google.container.v1.Operation;
import com.google.container.v1.SetNodePoolAutoscalingRequest;
import com.google.container.v1.SetNodePoolManagementRequest;
import com.google.container.v1.SetNodePoolSizeRequest;

import io.lifeboat.program.gcp.GcpSchemas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/**
 * {@code gcp:container/nodePool:NodePool}: a node pool of a GKE cluster; pulumi-gcp's
 * {@code nodeConfig} is the API's {@code config}. Autoscaling, the size and the management
 * settings change in place. GKE runs one operation of a cluster at a time: a pool's call refused
 * because another is running is retried (transient). Its id is the cluster's and
 * {@code /nodePools/NAME}.
 */
final class NodePoolType extends GcpType {
    NodePoolType(GcpClients gcp) {
        super(GcpSchemas.NODE_POOL, gcp);
    }

    private String clusterId(Props in) {
        String cluster = str(in, "cluster");
        if (cluster.startsWith("projects/")) return cluster;
        String location = str(in, "location") == null ? region() : str(in, "location");
        return "projects/" + project() + "/locations/" + location + "/clusters/" + last(cluster);
    }

    private static ObjectNode autoscaling(Props in) {
        Props a = obj(in, "autoscaling");
        ObjectNode o = ApiJson.object().put("enabled", !a.isEmpty());
        if (integer(a, "minNodeCount") != null) o.put("minNodeCount", integer(a, "minNodeCount"));
        if (integer(a, "maxNodeCount") != null) o.put("maxNodeCount", integer(a, "maxNodeCount"));
        return o;
    }

    @Override
    public Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        Props in = clean(inputs);
        String cluster = clusterId(in);
        ObjectNode p = ApiJson.object().put("name", str(in, "name"));
        Integer count = integer(in, "nodeCount") != null ? integer(in, "nodeCount") : integer(in, "initialNodeCount");
        p.put("initialNodeCount", count == null ? 1 : count);
        if (in.get("nodeConfig") != null) p.set("config", jsonObj(in, "nodeConfig"));
        if (in.get("autoscaling") != null) p.set("autoscaling", autoscaling(in));
        if (in.get("management") != null) p.set("management", jsonObj(in, "management"));
        Operation op = GcpCall.run("nodePools.create " + str(in, "name") + " in " + last(cluster), () -> gcp.container().createNodePool(
                CreateNodePoolRequest.newBuilder().setParent(cluster).setNodePool(ApiJson.merge(p, NodePool.newBuilder())).build()));
        operations.container(ctx, "waiting for node pool " + str(in, "name") + " to be RUNNING", ClusterType.locationOf(cluster), op);
        return created(cluster + "/nodePools/" + str(in, "name"), inputs, ctx);
    }

    @Override
    protected Optional<JsonNode> get(String id) throws ProviderException {
        return GcpCall.find("nodePools.get " + id, () -> ApiJson.json(gcp.container().getNodePool(id)));
    }

    @Override
    protected View seen(String id, JsonNode o, Props g) throws ProviderException {
        String cluster = id.substring(0, id.indexOf("/nodePools/"));
        Props.Builder seen = Props.builder().put("name", o.path("name").asText())
                .put("cluster", str(g, "cluster") != null && last(str(g, "cluster")).equals(last(cluster)) ? str(g, "cluster") : cluster)
                .put("location", ClusterType.locationOf(id))
                .put("initialNodeCount", v(o.get("initialNodeCount")));
        if (g.containsKey("nodeConfig")) {
            JsonNode config = o.path("config");
            Props.Builder c = Props.builder();
            obj(g, "nodeConfig").forEach((k, x) -> c.put(k, v(config.get(k))));
            seen.put("nodeConfig", new PropertyValue.Obj(c.build()));
        }
        JsonNode a = o.path("autoscaling");
        if (a.path("enabled").asBoolean(false)) {
            seen.put("autoscaling", new PropertyValue.Obj(Props.builder().put("minNodeCount", v(a.get("minNodeCount")))
                    .put("maxNodeCount", v(a.get("maxNodeCount"))).build()));
        } else {
            seen.put("autoscaling", PropertyValue.NULL);
        }
        if (g.containsKey("management")) {
            Props.Builder m = Props.builder();
            obj(g, "management").forEach((k, x) -> m.put(k, v(o.path("management").get(k))));
            seen.put("management", new PropertyValue.Obj(m.build()));
        }
        Props computed = Props.builder().put("instanceGroupUrls", v(o.get("instanceGroupUrls"))).put("version", v(o.get("version")))
                .put("nodeCount", v(o.get("initialNodeCount"))).build();
        return new View(seen.build(), computed);
    }

    @Override
    public Props update(String id, Props oldOutputs, Props newInputs, OperationContext ctx) throws ProviderException {
        Props in = clean(newInputs);
        String location = ClusterType.locationOf(id);
        if (!obj(in, "autoscaling").equals(obj(clean(oldOutputs), "autoscaling"))) {
            NodePoolAutoscaling a = ApiJson.merge(autoscaling(in), NodePoolAutoscaling.newBuilder()).build();
            run(ctx, location, "setting autoscaling of " + last(id), () -> gcp.container().setNodePoolAutoscaling(
                    SetNodePoolAutoscalingRequest.newBuilder().setName(id).setAutoscaling(a).build()));
        }
        Integer count = integer(in, "nodeCount");
        if (count != null && !count.equals(integer(clean(oldOutputs), "nodeCount"))) {
            run(ctx, location, "resizing " + last(id) + " to " + count, () -> gcp.container().setNodePoolSize(
                    SetNodePoolSizeRequest.newBuilder().setName(id).setNodeCount(count).build()));
        }
        if (in.get("management") != null && !obj(in, "management").equals(obj(clean(oldOutputs), "management"))) {
            NodeManagement m = ApiJson.merge(jsonObj(in, "management"), NodeManagement.newBuilder()).build();
            run(ctx, location, "setting management of " + last(id), () -> gcp.container().setNodePoolManagement(
                    SetNodePoolManagementRequest.newBuilder().setName(id).setManagement(m).build()));
        }
        return current(id, newInputs, ctx);
    }

    private void run(OperationContext ctx, String location, String what, GcpCall.Body<Operation> call) throws ProviderException {
        Operation op = GcpCall.run(what, call);
        operations.container(ctx, what, location, op);
    }

    @Override
    public void delete(String id, Props outputs, OperationContext ctx) throws ProviderException {
        Optional<Operation> op = GcpCall.find("nodePools.delete " + id, () -> gcp.container().deleteNodePool(DeleteNodePoolRequest.newBuilder().setName(id).build()));
        if (op.isPresent()) operations.container(ctx, "waiting for node pool " + last(id) + " to be deleted", ClusterType.locationOf(id), op.get());
    }

    /** Node pools keep no labels of their own: one is found again by its name in its cluster. */
    @Override
    protected Optional<String> idForUrn(Urn urn, Props inputs) throws ProviderException {
        if (str(inputs, "cluster") == null) return Optional.empty();
        String id = clusterId(inputs) + "/nodePools/" + str(inputs, "name");
        return get(id).map(o -> id);
    }

    @Override
    protected void awaitUsable(String id, OperationContext ctx) throws ProviderException {
        poll.until(ctx, "waiting for node pool " + last(id) + " to be RUNNING", () -> {
            String status = get(id).map(o -> o.path("status").asText()).orElse("GONE");
            if (status.equals("ERROR") || status.equals("GONE")) throw refused("NodePoolFailed", "node pool " + id + " is " + status);
            return status.equals("RUNNING") ? Optional.of(Boolean.TRUE) : Optional.empty();
        });
    }
}
