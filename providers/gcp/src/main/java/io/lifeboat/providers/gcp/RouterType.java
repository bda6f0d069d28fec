package io.lifeboat.providers.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.compute.v1.DeleteRouterRequest;
import com.google.cloud.compute.v1.InsertRouterRequest;
import com.google.cloud.compute.v1.Operation;
import com.google.cloud.compute.v1.PatchRouterRequest;
import com.google.cloud.compute.v1.Router;

import io.lifeboat.program.gcp.GcpSchemas;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.Props;

/**
 * {@code gcp:compute/router:Router}: a Cloud Router of a network in the region; its Cloud NAT
 * configurations are {@link RouterNatType}'s, and a patch here never sends them.
 */
final class RouterType extends ComputeType {
    RouterType(GcpClients gcp) {
        super(GcpSchemas.ROUTER, "routers", gcp);
    }

    @Override
    protected boolean regional() {
        return true;
    }

    @Override
    protected ObjectNode resource(Props in) {
        ObjectNode o = ApiJson.object().put("name", str(in, "name")).put("network", globalLink("networks", str(in, "network"))).put("region", region());
        if (str(in, "description") != null) o.put("description", str(in, "description"));
        if (in.get("bgp") != null) o.set("bgp", jsonObj(in, "bgp"));
        return o;
    }

    @Override
    protected Props seen(JsonNode o, Props given) {
        return Props.builder().put("name", o.path("name").asText())
                .put("network", sameRef(given, "network", o.path("network").asText(null)))
                .put("region", last(o.path("region").asText(region())))
                .put("description", v(o.get("description")))
                .put("bgp", given.containsKey("bgp") ? v(o.get("bgp")) : io.lifeboat.resource.PropertyValue.NULL).build();
    }

    @Override
    protected Props computed(JsonNode o) {
        return Props.builder().put("selfLink", v(o.get("selfLink"))).put("creationTimestamp", v(o.get("creationTimestamp"))).build();
    }

    @Override
    protected Operation insert(ObjectNode resource, String requestId) throws ProviderException {
        return GcpCall.run(call("insert", resource.path("name").asText()), () -> gcp.routers().insertCallable().call(InsertRouterRequest.newBuilder()
                .setProject(project()).setRegion(region()).setRequestId(requestId).setRouterResource(ApiJson.merge(resource, Router.newBuilder())).build()));
    }

    @Override
    protected JsonNode fetch(String name) throws ProviderException {
        return GcpCall.run(call("get", name), () -> ApiJson.json(gcp.routers().get(project(), region(), name)));
    }

    @Override
    protected Operation delete(String name, String requestId) throws ProviderException {
        return GcpCall.run(call("delete", name), () -> gcp.routers().deleteCallable().call(DeleteRouterRequest.newBuilder()
                .setProject(project()).setRegion(region()).setRouter(name).setRequestId(requestId).build()));
    }

    /** The description and BGP settings only: the NATs are left as they are. */
    @Override
    protected Operation patch(String name, ObjectNode resource, String requestId) throws ProviderException {
        ObjectNode change = ApiJson.object();
        if (resource.has("description")) change.set("description", resource.get("description"));
        if (resource.has("bgp")) change.set("bgp", resource.get("bgp"));
        return GcpCall.run(call("patch", name), () -> gcp.routers().patchCallable().call(PatchRouterRequest.newBuilder()
                .setProject(project()).setRegion(region()).setRouter(name).setRequestId(requestId)
                .setRouterResource(ApiJson.merge(change, Router.newBuilder())).build()));
    }
}
