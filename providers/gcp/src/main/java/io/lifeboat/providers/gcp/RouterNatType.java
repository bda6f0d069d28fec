package io.lifeboat.providers.gcp;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.compute.v1.Operation;

import io.lifeboat.program.gcp.GcpSchemas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/**
 * {@code gcp:compute/routerNat:RouterNat}: a Cloud NAT configuration, one entry of its router's
 * {@code nats}: made, changed and removed by patching the router with its whole list, one change
 * of a router at a time. Its id is {@code project/region/router/name}.
 */
final class RouterNatType extends GcpType {
    private static final String COMPUTE_ROOT = "https://compute.googleapis.com/";
    /** One patch of a router's NATs at a time in this process: each sends the whole list. */
    private static final ConcurrentHashMap<String, Object> ROUTERS = new ConcurrentHashMap<>();

    RouterNatType(GcpClients gcp) {
        super(GcpSchemas.ROUTER_NAT, gcp);
    }

    private String id(String router, String name) {
        return project() + "/" + region() + "/" + router + "/" + name;
    }

    private static String routerOf(String id) {
        String[] p = id.split("/");
        return p[p.length - 2];
    }

    private static ObjectNode nat(Props in) {
        ObjectNode o = ApiJson.object().put("name", str(in, "name")).put("natIpAllocateOption", str(in, "natIpAllocateOption"))
                .put("sourceSubnetworkIpRangesToNat", str(in, "sourceSubnetworkIpRangesToNat"));
        if (integer(in, "minPortsPerVm") != null) o.put("minPortsPerVm", integer(in, "minPortsPerVm"));
        if (in.get("logConfig") != null) o.set("logConfig", jsonObj(in, "logConfig"));
        return o;
    }

    private JsonNode router(String router) throws ProviderException {
        return GcpCall.run("routers.get " + router + " in " + region(), () -> ApiJson.json(gcp.routers().get(project(), region(), router)));
    }

    /** Patches the router's NATs with {@code change} applied to the list it holds now. */
    private void patchNats(OperationContext ctx, String router, String what, java.util.function.Consumer<ArrayNode> change) throws ProviderException {
        synchronized (ROUTERS.computeIfAbsent(project() + "/" + region() + "/" + router, k -> new Object())) {
            JsonNode held = router(router).path("nats");
            ArrayNode nats = held.isArray() ? ((ArrayNode) held).deepCopy() : ApiJson.MAPPER.createArrayNode();
            change.accept(nats);
            ObjectNode patch = ApiJson.object();
            patch.set("nats", nats);
            // sent as JSON: a protobuf message drops an empty list, and the last NAT's removal is "nats": []
            JsonNode answer = GcpCall.run("routers.patch " + router + " in " + region(), () -> gcp.rest().call(COMPUTE_ROOT, "PATCH",
                    "compute/v1/projects/" + project() + "/regions/" + region() + "/routers/" + router, patch));
            operations.compute(ctx, what, ApiJson.merge(answer, Operation.newBuilder()).build());
        }
    }

    private static int indexOf(ArrayNode nats, String name) {
        for (int i = 0; i < nats.size(); i++) if (name.equals(nats.get(i).path("name").asText())) return i;
        return -1;
    }

    @Override
    public Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        Props in = clean(inputs);
        String router = last(str(in, "router"));
        patchNats(ctx, router, "adding NAT " + str(in, "name") + " to router " + router, nats -> {
            int at = indexOf(nats, str(in, "name"));
            if (at >= 0) nats.remove(at);
            nats.add(nat(in));
        });
        return created(id(router, str(in, "name")), inputs, ctx);
    }

    @Override
    protected Optional<View> view(String id, Props given, OperationContext ctx) throws ProviderException {
        String router = routerOf(id);
        Optional<JsonNode> r = GcpCall.find("routers.get " + router + " in " + region(), () -> router(router));
        if (r.isEmpty()) return Optional.empty();
        ArrayNode nats = r.get().path("nats").isArray() ? (ArrayNode) r.get().path("nats") : ApiJson.MAPPER.createArrayNode();
        int at = indexOf(nats, last(id));
        if (at < 0) return Optional.empty();
        JsonNode n = nats.get(at);
        Props g = clean(given);
        Props seen = Props.builder().put("name", n.path("name").asText())
                .put("router", str(g, "router") != null && last(str(g, "router")).equals(router) ? str(g, "router") : router)
                .put("region", region())
                .put("natIpAllocateOption", v(n.get("natIpAllocateOption")))
                .put("sourceSubnetworkIpRangesToNat", v(n.get("sourceSubnetworkIpRangesToNat")))
                .put("minPortsPerVm", v(n.get("minPortsPerVm")))
                .put("logConfig", g.containsKey("logConfig") ? v(n.get("logConfig")) : io.lifeboat.resource.PropertyValue.NULL).build();
        return Optional.of(new View(seen, Props.EMPTY));
    }

    @Override
    public Props update(String id, Props oldOutputs, Props newInputs, OperationContext ctx) throws ProviderException {
        Props in = clean(newInputs);
        patchNats(ctx, routerOf(id), "changing NAT " + last(id), nats -> {
            int at = indexOf(nats, last(id));
            if (at >= 0) nats.set(at, nat(in));
            else nats.add(nat(in));
        });
        return current(id, newInputs, ctx);
    }

    @Override
    public void delete(String id, Props outputs, OperationContext ctx) throws ProviderException {
        String router = routerOf(id);
        if (GcpCall.find("routers.get " + router, () -> router(router)).isEmpty()) return;
        patchNats(ctx, router, "removing NAT " + last(id) + " from router " + router, nats -> {
            int at = indexOf(nats, last(id));
            if (at >= 0) nats.remove(at);
        });
    }

    @Override
    protected Optional<String> idForUrn(Urn urn, Props inputs) throws ProviderException {
        String router = last(str(inputs, "router"));
        if (router == null) return Optional.empty();
        String id = id(router, str(inputs, "name"));
        return view(id, inputs, null).map(v -> id);
    }
}
