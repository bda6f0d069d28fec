package io.lifeboat.providers.gcp.fake;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lifeboat.providers.gcp.fake.FakeGoogleApis.Request;
import io.lifeboat.providers.gcp.fake.FakeGoogleApis.Response;

/**
 * Service Networking v1 (private services access) on the fake server, on the paths of its REST
 * reference under {@code /v1/services/...} and {@code /v1/operations/...} only (Container and
 * Secret Manager have {@code /v1/projects/...}):
 * <ul>
 * <li>{@code POST /v1/services/servicenetworking.googleapis.com/connections}: create a connection
 * (body Connection {network, reservedPeeringRanges});
 * <li>{@code GET .../connections?network=}: list the network's connections;
 * <li>{@code PATCH .../connections/{name}?updateMask=reservedPeeringRanges&force=}: update its
 * ranges (name {@code -} or {@code servicenetworking-googleapis-com});
 * <li>{@code POST .../connections/servicenetworking-googleapis-com:deleteConnection} (also without
 * the {@code :deleteConnection} suffix, as the discovery document gives its path): body
 * {consumerNetwork};
 * <li>{@code GET /v1/operations/{name}}: the google.longrunning Operation.
 * </ul>
 *
 * <p>A network is {@code projects/{PROJECT_NUMBER}/global/networks/{name}}, as the docs say; a
 * project id there is refused (400). Changes answer an Operation that carries no {@code done}
 * (false, omitted as proto3 JSON omits it) until it has been read {@link #setPollsUntilDone
 * pollsUntilDone} times; the change is made then, and what the service refuses on the state of
 * things (a range that is not an allocated range of the network, a producer still using the
 * connection) is the operation's {@code error} {code 9 FAILED_PRECONDITION, message}. A done
 * connection is the Compute peering {@value FakeCompute#SERVICE_PEERING} (ACTIVE) of the network
 * to Google's producer network, which is what {@link FakeNetworks#privateServicesConnected} answers.
 */
public final class FakeServiceNetworking implements FakeGoogleApis.FakeApi {
    public static final String SERVICE = "servicenetworking.googleapis.com";

    private static final Pattern NETWORK = Pattern.compile("projects/([^/]+)/global/networks/([^/]+)");
    private static final Pattern CONNECTIONS = Pattern.compile("/v1/services/([^/]+)/connections");
    private static final Pattern CONNECTION = Pattern.compile("/v1/services/([^/]+)/connections/([^/:]+)(:deleteConnection)?");
    private static final Pattern OPERATION = Pattern.compile("/v1/(operations/[^/]+)");

    /** A consumer network as Service Networking names it, and the project id and network name in Compute. */
    private record Consumer(String name, String project, String network) {
    }

    private interface Effect {
        JsonNode apply() throws GoogleError;
    }

    private static final class Op {
        final ObjectNode json;
        Effect effect;
        int reads;

        Op(ObjectNode json, Effect effect) {
            this.json = json;
            this.effect = effect;
        }
    }

    private final FakeCompute compute;
    private final Map<String, List<String>> connections = new LinkedHashMap<>();
    private final Map<String, Op> operations = new HashMap<>();
    private int pollsUntilDone = 1;

    /** Service Networking over the networks (and project numbers) of {@code compute}. */
    public FakeServiceNetworking(FakeCompute compute) {
        this.compute = compute;
    }

    /** Reads before an operation is done; 0 makes every operation done in its first answer. */
    public synchronized void setPollsUntilDone(int polls) {
        this.pollsUntilDone = polls;
    }

    @Override
    public boolean serves(Request request) {
        return request.path().startsWith("/v1/services/") || request.path().startsWith("/v1/operations/");
    }

    @Override
    public synchronized Response handle(Request r) throws GoogleError {
        String path = r.path();
        Matcher m;
        if ((m = OPERATION.matcher(path)).matches() && r.method().equals("GET")) return operation(m.group(1));
        if ((m = CONNECTIONS.matcher(path)).matches()) {
            String service = m.group(1);
            if (r.method().equals("GET")) return list(service, r.query("network"));
            if (r.method().equals("POST")) return create(service(service), r.body());
        }
        if ((m = CONNECTION.matcher(path)).matches()) {
            boolean delete = m.group(3) != null;
            if (r.method().equals("PATCH") && !delete) return patch(service(m.group(1)), m.group(2), r);
            if (r.method().equals("POST")) return deleteConnection(service(m.group(1)), m.group(2), r.body());
        }
        throw GoogleError.notFound("no API of this fake serves " + r.method() + " " + path);
    }

    // ---- connections

    /**
     * services.connections.create. Invoked again on a connection that exists, it reconnects (the
     * peering back if the consumer removed it) with the same ranges, or none given ("leaving this
     * field empty will restore previously allocated IP ranges"); other ranges are refused, as the
     * service answers: "Cannot modify allocated ranges in CreateConnection. Please use UpdateConnection."
     */
    private Response create(String service, JsonNode body) throws GoogleError {
        Consumer c = consumer("network", text(body, "network"));
        List<String> ranges = ranges(body);
        if (ranges.isEmpty() && !connections.containsKey(c.name())) throw GoogleError.required("reservedPeeringRanges");
        return start(c, () -> {
            List<String> existing = connections.get(c.name());
            List<String> wanted = ranges.isEmpty() ? existing : ranges;
            if (existing != null && !Set.copyOf(existing).equals(Set.copyOf(wanted))) {
                throw GoogleError.failedPrecondition("Cannot modify allocated ranges in CreateConnection. Please use UpdateConnection.");
            }
            return connect(c, wanted);
        });
    }

    /**
     * services.connections.patch: updateMask may name only reservedPeeringRanges ("*" when omitted);
     * "If a previously defined allocated range is removed, force flag must be set to true." A patch
     * of a network with no connection makes it (the service's behaviour that clients long relied on).
     */
    private Response patch(String service, String name, Request r) throws GoogleError {
        if (!name.equals("-") && !name.equals(FakeCompute.SERVICE_PEERING)) {
            throw GoogleError.notFound("Connection 'services/" + service + "/connections/" + name + "' not found.");
        }
        String mask = r.query("updateMask");
        if (mask != null) {
            for (String field : mask.split(",")) {
                if (!field.trim().equals("reservedPeeringRanges") && !field.trim().equals("*")) {
                    throw GoogleError.invalid("Invalid updateMask '" + mask + "': only reservedPeeringRanges can be updated.");
                }
            }
        }
        boolean force = "true".equals(r.query("force"));
        Consumer c = consumer("network", text(r.body(), "network"));
        List<String> ranges = ranges(r.body());
        if (ranges.isEmpty()) throw GoogleError.required("reservedPeeringRanges");
        return start(c, () -> {
            List<String> existing = connections.get(c.name());
            if (existing != null && !force && !ranges.containsAll(existing)) {
                throw GoogleError.failedPrecondition("A previously allocated range is removed from the connection: force must be set to true.");
            }
            return connect(c, ranges);
        });
    }

    /** services.connections.deleteConnection: "The call will fail if there are any managed service instances using this connection." */
    private Response deleteConnection(String service, String name, JsonNode body) throws GoogleError {
        if (!name.equals(FakeCompute.SERVICE_PEERING)) {
            throw GoogleError.notFound("Connection 'services/" + service + "/connections/" + name + "' not found.");
        }
        Consumer c = consumer("consumerNetwork", text(body, "consumerNetwork"));
        if (!connections.containsKey(c.name())) {
            throw GoogleError.notFound("No connection of services/" + service + " on network '" + c.name() + "'.");
        }
        return start(c, () -> {
            if (compute.users(c.project(), c.network()).stream().anyMatch(u -> u.startsWith("sql:"))) {
                throw GoogleError.failedPrecondition("Failed to delete connection; Producer services (e.g. CloudSQL, Cloud Memstore, etc.) "
                        + "are still using this connection.");
            }
            connections.remove(c.name());
            compute.disconnectServices(c.project(), c.network());
            return FakeGoogleApis.object().put("@type", "type.googleapis.com/google.protobuf.Empty");
        });
    }

    private Response list(String service, String network) throws GoogleError {
        if (!service.equals("-")) service(service);
        Consumer c = consumer("network", network);
        ObjectNode out = FakeGoogleApis.object();
        List<String> ranges = connections.get(c.name());
        if (ranges != null) out.putArray("connections").add(connectionJson(c, ranges));
        return Response.ok(out);
    }

    /** Every range must be a global address of the network's project, purpose VPC_PEERING, on that network. */
    private JsonNode connect(Consumer c, List<String> ranges) throws GoogleError {
        if (!compute.network(c.project(), c.network())) {
            throw GoogleError.failedPrecondition("Network '" + c.name() + "' does not exist.");
        }
        String link = FakeCompute.LINK + "projects/" + c.project() + "/global/networks/" + c.network();
        for (String range : ranges) {
            ObjectNode a = compute.json("projects/" + c.project() + "/global/addresses/" + range);
            if (a == null || !"VPC_PEERING".equals(a.path("purpose").asText()) || !link.equals(a.path("network").asText())) {
                throw GoogleError.failedPrecondition("Allocated IP range '" + range + "' not found in network.");
            }
        }
        connections.put(c.name(), List.copyOf(ranges));
        compute.connectServices(c.project(), c.network());
        ObjectNode response = connectionJson(c, ranges);
        response.put("@type", "type.googleapis.com/google.cloud.servicenetworking.v1.Connection");
        return response;
    }

    private static ObjectNode connectionJson(Consumer c, List<String> ranges) {
        ObjectNode out = FakeGoogleApis.object();
        out.put("network", c.name());
        out.putArray("reservedPeeringRanges").addAll(ranges.stream().map(FakeGoogleApis.JSON.getNodeFactory()::textNode).toList());
        out.put("peering", FakeCompute.SERVICE_PEERING).put("service", "services/" + SERVICE);
        return out;
    }

    /** A consumer network, {@code projects/{project}/global/networks/{network}} where "{project} is a project number". */
    private Consumer consumer(String field, String network) throws GoogleError {
        if (network == null || network.isEmpty()) throw GoogleError.required(field);
        Matcher m = NETWORK.matcher(network);
        if (!m.matches()) {
            throw GoogleError.invalid("Invalid " + field + " '" + network + "': must be projects/{project_number}/global/networks/{network}.");
        }
        if (!m.group(1).matches("\\d{1,18}")) {
            throw GoogleError.invalid("Invalid " + field + " '" + network + "': '" + m.group(1) + "' is not a project number.");
        }
        String project = compute.projectOfNumber(Long.parseLong(m.group(1)));
        if (project == null) throw GoogleError.permission("The caller has no access to project number " + m.group(1) + ".");
        return new Consumer(network, project, m.group(2));
    }

    private static List<String> ranges(JsonNode body) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : body.path("reservedPeeringRanges")) out.add(r.asText());
        return out;
    }

    private static String service(String service) throws GoogleError {
        if (!service.equals(SERVICE)) {
            throw GoogleError.notFound("Service 'services/" + service + "' is not served here: only services/" + SERVICE + ".");
        }
        return service;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    // ---- operations

    private Response start(Consumer c, Effect effect) {
        String name = "operations/pssn.p24-" + c.name().split("/")[1] + "-" + UUID.randomUUID();
        Op op = new Op(FakeGoogleApis.object().put("name", name), effect);
        operations.put(name, op);
        if (pollsUntilDone <= 0) finish(op);
        return Response.ok(op.json.deepCopy());
    }

    private Response operation(String name) throws GoogleError {
        Op op = operations.get(name);
        if (op == null) throw GoogleError.notFound("Operation '" + name + "' not found.");
        if (op.effect != null && ++op.reads >= pollsUntilDone) finish(op);
        return Response.ok(op.json.deepCopy());
    }

    private static void finish(Op op) {
        try {
            op.json.set("response", op.effect.apply());
        } catch (GoogleError e) {
            op.json.putObject("error").put("code", rpcCode(e)).put("message", e.getMessage());
        }
        op.effect = null;
        op.json.put("done", true);
    }

    /** The google.rpc.Code of an error, from its status name. */
    private static int rpcCode(GoogleError e) {
        return switch (e.json().path("error").path("status").asText()) {
            case "INVALID_ARGUMENT" -> 3;
            case "NOT_FOUND" -> 5;
            case "ALREADY_EXISTS" -> 6;
            case "PERMISSION_DENIED" -> 7;
            case "FAILED_PRECONDITION" -> 9;
            default -> 13;
        };
    }

    // ---- test hooks

    /** A connection made at once, without an operation (for tests of the fakes that need private services access). */
    public synchronized void connect(String project, String network, String... ranges) throws GoogleError {
        Long number = compute.projectNumber(project);
        if (number == null) throw new IllegalArgumentException("no project " + project);
        connect(new Consumer("projects/" + number + "/global/networks/" + network, project, network), List.of(ranges));
    }

    /** The ranges of the network's connection, or null when it has none. */
    public synchronized List<String> connection(String project, String network) {
        Long number = compute.projectNumber(project);
        return connections.get("projects/" + number + "/global/networks/" + network);
    }

    /** An operation ({@code operations/...}) as it stands, without reading it; null when there is none. */
    public synchronized ObjectNode json(String name) {
        Op op = operations.get(name);
        return op == null ? null : op.json.deepCopy();
    }
}
