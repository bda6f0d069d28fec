package io.lifeboat.providers.gcp;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.compute.v1.DeleteRouteRequest;
import com.google.cloud.compute.v1.InsertRouteRequest;
import com.google.cloud.compute.v1.Operation;
import com.google.cloud.compute.v1.Route;

import io.lifeboat.program.gcp.GcpSchemas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.Props;

/**
 * {@code gcp:compute/route:Route}: a static route of a network; the API has no patch, so every
 * change replaces it. {@code nextHopGateway} may be given by name
 * ({@code default-internet-gateway}), as pulumi-gcp takes it. Routes made by hand on a stack's
 * network are listed for capture; those Compute makes itself (a network's default routes, a
 * subnetwork's, a peering's) are not.
 */
final class RouteType extends ComputeType {
    RouteType(GcpClients gcp) {
        super(GcpSchemas.ROUTE, "routes", gcp);
    }

    @Override
    protected ObjectNode resource(Props in) {
        ObjectNode o = ApiJson.object().put("name", str(in, "name")).put("network", globalLink("networks", str(in, "network")))
                .put("destRange", str(in, "destRange"));
        if (str(in, "nextHopGateway") != null) o.put("nextHopGateway", globalLink("gateways", str(in, "nextHopGateway")));
        for (String k : List.of("nextHopIp", "nextHopIlb", "description")) if (str(in, k) != null) o.put(k, str(in, k));
        if (integer(in, "priority") != null) o.put("priority", integer(in, "priority"));
        return o;
    }

    @Override
    protected Props seen(JsonNode o, Props given) {
        return Props.builder().put("name", o.path("name").asText())
                .put("network", sameRef(given, "network", o.path("network").asText(null)))
                .put("destRange", v(o.get("destRange")))
                .put("nextHopGateway", sameRef(given, "nextHopGateway", o.path("nextHopGateway").asText(null)))
                .put("nextHopIp", v(o.get("nextHopIp"))).put("nextHopIlb", v(o.get("nextHopIlb")))
                .put("priority", v(o.get("priority"))).put("description", v(o.get("description"))).build();
    }

    @Override
    protected Props computed(JsonNode o) {
        return Props.builder().put("selfLink", v(o.get("selfLink"))).put("nextHopNetwork", v(o.get("nextHopNetwork"))).build();
    }

    @Override
    protected Operation insert(ObjectNode resource, String requestId) throws ProviderException {
        return GcpCall.run(call("insert", resource.path("name").asText()), () -> gcp.routes().insertCallable().call(InsertRouteRequest.newBuilder()
                .setProject(project()).setRequestId(requestId).setRouteResource(ApiJson.merge(resource, Route.newBuilder())).build()));
    }

    @Override
    protected JsonNode fetch(String name) throws ProviderException {
        return GcpCall.run(call("get", name), () -> ApiJson.json(gcp.routes().get(project(), name)));
    }

    @Override
    protected Operation delete(String name, String requestId) throws ProviderException {
        return GcpCall.run(call("delete", name), () -> gcp.routes().deleteCallable().call(DeleteRouteRequest.newBuilder()
                .setProject(project()).setRoute(name).setRequestId(requestId).build()));
    }

    @Override
    public List<Listed> list(OperationContext ctx) throws ProviderException {
        List<Listed> out = new ArrayList<>();
        for (Route r : GcpCall.run("routes.list", () -> gcp.routes().list(project()).iterateAll())) {
            // Compute's own: a network's default routes, a subnetwork's and a peering's
            if (r.getName().startsWith("default-route-") || r.hasNextHopNetwork() || r.hasNextHopPeering()) continue;
            out.add(new Listed(id(r.getName()), seen(ApiJson.json(r), Props.EMPTY), null));
        }
        return out;
    }
}
