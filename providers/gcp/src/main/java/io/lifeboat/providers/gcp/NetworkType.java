package io.lifeboat.providers.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.compute.v1.DeleteNetworkRequest;
import com.google.cloud.compute.v1.DeleteRouteRequest;
import com.google.cloud.compute.v1.InsertNetworkRequest;
import com.google.cloud.compute.v1.Network;
import com.google.cloud.compute.v1.Operation;
import com.google.cloud.compute.v1.PatchNetworkRequest;
import com.google.cloud.compute.v1.Route;

import io.lifeboat.program.gcp.GcpSchemas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/**
 * {@code gcp:compute/network:Network}: a VPC network (global), {@code routingMode} in its
 * routing config, the only part the API changes in place. With
 * {@code deleteDefaultRoutesOnCreate} the internet routes Compute makes with it are removed.
 */
final class NetworkType extends ComputeType {
    NetworkType(GcpClients gcp) {
        super(GcpSchemas.NETWORK, "networks", gcp);
    }

    @Override
    protected ObjectNode resource(Props in) {
        ObjectNode o = ApiJson.object().put("name", str(in, "name")).put("autoCreateSubnetworks", bool(in, "autoCreateSubnetworks", true));
        if (str(in, "description") != null) o.put("description", str(in, "description"));
        if (str(in, "routingMode") != null) o.putObject("routingConfig").put("routingMode", str(in, "routingMode"));
        return o;
    }

    @Override
    protected Props seen(JsonNode o, Props given) {
        return Props.builder().put("name", o.path("name").asText())
                .put("autoCreateSubnetworks", o.path("autoCreateSubnetworks").asBoolean(false))
                .put("description", v(o.get("description")))
                .put("routingMode", v(o.path("routingConfig").get("routingMode"))).build();
    }

    @Override
    protected Props computed(JsonNode o) {
        return Props.builder().put("selfLink", v(o.get("selfLink"))).put("gatewayIpv4", v(o.get("gatewayIPv4")))
                .put("numericId", v(o.get("id"))).build();
    }

    @Override
    public Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        Created made = super.create(urn, inputs, ctx);
        if (bool(clean(inputs), "deleteDefaultRoutesOnCreate", false)) deleteDefaultRoutes(made.outputs().string("selfLink"), ctx);
        return made;
    }

    /** The internet routes Compute made with the network (default-route-…, to the default internet gateway). */
    private void deleteDefaultRoutes(String network, OperationContext ctx) throws ProviderException {
        Iterable<Route> routes = GcpCall.run("routes.list", () -> gcp.routes().list(project()).iterateAll());
        for (Route r : routes) {
            if (!network.equals(r.getNetwork()) || !r.getNextHopGateway().endsWith("/default-internet-gateway")) continue;
            Operation op = GcpCall.run("routes.delete " + r.getName(), () -> gcp.routes().deleteCallable().call(DeleteRouteRequest.newBuilder()
                    .setProject(project()).setRoute(r.getName()).setRequestId(requestId(ctx, "delete route " + r.getName())).build()));
            operations.compute(ctx, "deleting default route " + r.getName(), op);
        }
    }

    @Override
    protected Operation insert(ObjectNode resource, String requestId) throws ProviderException {
        return GcpCall.run(call("insert", resource.path("name").asText()), () -> gcp.networks().insertCallable().call(InsertNetworkRequest.newBuilder()
                .setProject(project()).setRequestId(requestId).setNetworkResource(ApiJson.merge(resource, Network.newBuilder())).build()));
    }

    @Override
    protected JsonNode fetch(String name) throws ProviderException {
        return GcpCall.run(call("get", name), () -> ApiJson.json(gcp.networks().get(project(), name)));
    }

    @Override
    protected Operation delete(String name, String requestId) throws ProviderException {
        return GcpCall.run(call("delete", name), () -> gcp.networks().deleteCallable().call(DeleteNetworkRequest.newBuilder()
                .setProject(project()).setNetwork(name).setRequestId(requestId).build()));
    }

    /** Only the routing mode changes in place. */
    @Override
    protected Operation patch(String name, ObjectNode resource, String requestId) throws ProviderException {
        ObjectNode change = ApiJson.object();
        if (resource.has("routingConfig")) change.set("routingConfig", resource.get("routingConfig"));
        return GcpCall.run(call("patch", name), () -> gcp.networks().patchCallable().call(PatchNetworkRequest.newBuilder()
                .setProject(project()).setNetwork(name).setRequestId(requestId).setNetworkResource(ApiJson.merge(change, Network.newBuilder())).build()));
    }
}
