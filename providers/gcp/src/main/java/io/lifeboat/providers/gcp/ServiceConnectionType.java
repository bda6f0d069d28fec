package io.lifeboat.providers.gcp;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lifeboat.program.gcp.GcpSchemas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/**
 * {@code gcp:servicenetworking/connection:Connection}: private services access, a connection
 * from a network to a Google service's producer network (Cloud SQL's private addresses come
 * through it), through the Service Networking API
 * ({@code https://servicenetworking.googleapis.com/v1/services/SERVICE/connections}), which
 * names the network by its project's number, read from Compute. Its id is
 * {@code projects/P/global/networks/N:SERVICE}. A delete is repeated while a producer (a Cloud
 * SQL instance) still uses the connection.
 */
final class ServiceConnectionType extends GcpType {
    static final String ROOT = "https://servicenetworking.googleapis.com/";
    private volatile String projectNumber;

    ServiceConnectionType(GcpClients gcp) {
        super(GcpSchemas.SERVICE_CONNECTION, gcp);
    }

    private String number() throws ProviderException {
        if (projectNumber == null) {
            projectNumber = GcpCall.run("projects.get " + project(), () -> String.valueOf(gcp.projects().get(project()).getId()));
        }
        return projectNumber;
    }

    /** {@code projects/NUMBER/global/networks/NAME}, as Service Networking names a consumer network. */
    private String consumerNetwork(String network) throws ProviderException {
        return "projects/" + number() + "/global/networks/" + last(network);
    }

    private static String service(Props in) {
        String s = str(in, "service");
        return s == null ? "servicenetworking.googleapis.com" : s;
    }

    private static String id(String network, String service) {
        return network + ":" + service;
    }

    private static String networkOf(String id) {
        return id.substring(0, id.lastIndexOf(':'));
    }

    private static String serviceOf(String id) {
        return id.substring(id.lastIndexOf(':') + 1);
    }

    @Override
    public Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        Props in = clean(inputs);
        String network = "projects/" + project() + "/global/networks/" + last(str(in, "network"));
        ObjectNode body = ApiJson.object().put("network", consumerNetwork(network));
        body.set("reservedPeeringRanges", ApiJson.json(in.get("reservedPeeringRanges")));
        String service = service(in);
        JsonNode op = GcpCall.run("connections.create " + service + " on " + last(network),
                () -> gcp.rest().call(ROOT, "POST", "v1/services/" + service + "/connections", body));
        operations.rest(ctx, "waiting for private services access on " + last(network), ROOT, op);
        return created(id(network, service), inputs, ctx);
    }

    @Override
    protected Optional<View> view(String id, Props given, OperationContext ctx) throws ProviderException {
        String service = serviceOf(id);
        String network = consumerNetwork(networkOf(id));
        JsonNode list = GcpCall.run("connections.list " + service, () -> gcp.rest().call(ROOT, "GET",
                "v1/services/" + service + "/connections?network=" + URLEncoder.encode(network, StandardCharsets.UTF_8), null));
        for (JsonNode c : list.path("connections")) {
            if (!last(c.path("network").asText()).equals(last(network))) continue;
            Props g = clean(given);
            Props seen = Props.builder()
                    .put("network", str(g, "network") != null && last(str(g, "network")).equals(last(network)) ? str(g, "network") : networkOf(id))
                    .put("service", service)
                    .put("reservedPeeringRanges", c.has("reservedPeeringRanges") ? ApiJson.value(c.get("reservedPeeringRanges")) : PropertyValue.list())
                    .build();
            return Optional.of(new View(seen, Props.builder().put("peering", v(c.get("peering"))).build()));
        }
        return Optional.empty();
    }

    /** The reserved ranges change in place (force: the ranges taken away may hold addresses no longer used). */
    @Override
    public Props update(String id, Props oldOutputs, Props newInputs, OperationContext ctx) throws ProviderException {
        Props in = clean(newInputs);
        ObjectNode body = ApiJson.object().put("network", consumerNetwork(networkOf(id)));
        body.set("reservedPeeringRanges", ApiJson.json(in.get("reservedPeeringRanges")));
        JsonNode op = GcpCall.run("connections.patch " + id, () -> gcp.rest().call(ROOT, "PATCH",
                "v1/services/" + serviceOf(id) + "/connections/-?updateMask=reservedPeeringRanges&force=true", body));
        operations.rest(ctx, "changing private services access of " + last(networkOf(id)), ROOT, op);
        return current(id, newInputs, ctx);
    }

    @Override
    public void delete(String id, Props outputs, OperationContext ctx) throws ProviderException {
        Optional<View> now = view(id, Props.EMPTY, ctx);
        if (now.isEmpty()) return;
        String peering = now.get().computed().string("peering");
        ObjectNode body = ApiJson.object().put("consumerNetwork", consumerNetwork(networkOf(id)));
        String what = "removing private services access of " + last(networkOf(id));
        poll.whileInUse(ctx, what, () -> {
            try {
                Optional<JsonNode> op = GcpCall.find("connections.deleteConnection " + id, () -> gcp.rest().call(ROOT, "POST",
                        "v1/services/" + serviceOf(id) + "/connections/" + (peering == null ? "servicenetworking-googleapis-com" : peering)
                                + ":deleteConnection", body));
                if (op.isPresent()) operations.rest(ctx, what, ROOT, op.get());
            } catch (ProviderException e) {
                // a producer (a Cloud SQL instance, just deleted) still holds on to the connection: in use, for now
                if (e.kind() == ProviderException.Kind.NOT_FOUND) return null;
                if (e.getMessage().contains("still using") || "FAILED_PRECONDITION".equals(e.code()) || "failedPrecondition".equals(e.code())) {
                    throw new ProviderException(e.kind(), "resourceInUse", e.getMessage(), e);
                }
                throw e;
            }
            return null;
        });
    }

    @Override
    protected Optional<String> idForUrn(Urn urn, Props inputs) throws ProviderException {
        if (str(inputs, "network") == null) return Optional.empty();
        String id = id("projects/" + project() + "/global/networks/" + last(str(inputs, "network")), service(inputs));
        return view(id, inputs, null).map(v -> id);
    }
}
