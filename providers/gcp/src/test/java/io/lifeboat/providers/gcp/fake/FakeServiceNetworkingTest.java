package io.lifeboat.providers.gcp.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** FakeServiceNetworking over plain HTTP (Service Networking has no client jar), with Compute's fake beside it. */
class FakeServiceNetworkingTest {
    private static final String P = "proj-a";
    private static final String NUMBER = "123456789012";
    private static final String NETWORK = "projects/" + NUMBER + "/global/networks/vpc";
    private static final String CONNECTIONS = "/v1/services/servicenetworking.googleapis.com/connections";

    private final HttpClient http = HttpClient.newHttpClient();
    private FakeGoogleApis apis;
    private FakeCompute compute;
    private FakeServiceNetworking networking;

    @BeforeEach
    void start() throws Exception {
        compute = new FakeCompute(Map.of(P, Long.parseLong(NUMBER)));
        networking = new FakeServiceNetworking(compute);
        apis = new FakeGoogleApis().serve(compute).serve(networking);
        compute.setPollsUntilDone(0);
        call("POST", "/compute/v1/projects/proj-a/global/networks", "{\"name\":\"vpc\",\"autoCreateSubnetworks\":false}", 200);
        call("POST", "/compute/v1/projects/proj-a/global/addresses", allocated("google-managed", 16), 200);
    }

    @AfterEach
    void stop() {
        apis.close();
    }

    private static String allocated(String name, int prefix) {
        return "{\"name\":\"" + name + "\",\"addressType\":\"INTERNAL\",\"purpose\":\"VPC_PEERING\",\"prefixLength\":" + prefix
                + ",\"network\":\"projects/proj-a/global/networks/vpc\"}";
    }

    private JsonNode call(String method, String path, String body, int status) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(apis.endpoint() + path)).header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(status);
        return FakeGoogleApis.JSON.readTree(r.body());
    }

    private JsonNode poll(JsonNode op) throws Exception {
        return call("GET", "/v1/" + op.get("name").asText(), null, 200);
    }

    private static String connection(String network, String... ranges) {
        return "{\"network\":\"" + network + "\",\"reservedPeeringRanges\":[" + (ranges.length == 0 ? "" : "\"" + String.join("\",\"", ranges) + "\"") + "]}";
    }

    private ObjectNode peering() {
        for (JsonNode p : compute.json("projects/proj-a/global/networks/vpc").path("peerings")) {
            if (p.get("name").asText().equals(FakeCompute.SERVICE_PEERING)) return (ObjectNode) p;
        }
        return null;
    }

    @Test
    void aConnectionIsMadeWhenItsOperationIsPolledAndPeersTheNetwork() throws Exception {
        JsonNode op = call("POST", CONNECTIONS, connection(NETWORK, "google-managed"), 200);
        assertThat(op.get("name").asText()).startsWith("operations/");
        assertThat(op.has("done")).isFalse();
        assertThat(call("GET", CONNECTIONS + "?network=" + NETWORK, null, 200).has("connections")).isFalse();
        assertThat(compute.privateServicesConnected(P, "vpc")).isFalse();

        JsonNode done = poll(op);
        assertThat(done.get("done").asBoolean()).isTrue();
        assertThat(done.has("error")).isFalse();
        assertThat(done.at("/response/network").asText()).isEqualTo(NETWORK);
        assertThat(done.at("/response/peering").asText()).isEqualTo("servicenetworking-googleapis-com");

        JsonNode listed = call("GET", CONNECTIONS + "?network=" + NETWORK, null, 200).get("connections").get(0);
        assertThat(listed.get("network").asText()).isEqualTo(NETWORK);
        assertThat(listed.get("reservedPeeringRanges").get(0).asText()).isEqualTo("google-managed");
        assertThat(listed.get("peering").asText()).isEqualTo("servicenetworking-googleapis-com");
        assertThat(listed.get("service").asText()).isEqualTo("services/servicenetworking.googleapis.com");
        assertThat(peering().get("state").asText()).isEqualTo("ACTIVE");
        assertThat(compute.privateServicesConnected(P, "vpc")).isTrue();
        assertThat(networking.connection(P, "vpc")).containsExactly("google-managed");

        JsonNode delete = call("DELETE", "/compute/v1/projects/proj-a/global/networks/vpc", null, 200);
        assertThat(delete.at("/error/errors/0/code").asText()).isEqualTo("RESOURCE_IN_USE_BY_ANOTHER_RESOURCE");
        assertThat(delete.at("/error/errors/0/message").asText()).contains("is already being used by");
        call("DELETE", "/compute/v1/projects/proj-a/global/addresses/google-managed", null, 200);
        assertThat(call("DELETE", "/compute/v1/projects/proj-a/global/networks/vpc", null, 200).at("/error/errors/0/message").asText())
                .endsWith("/peerings/servicenetworking-googleapis-com'");
    }

    @Test
    void theNetworkIsNamedByProjectNumberAndTheRequestIsChecked() throws Exception {
        JsonNode byId = call("POST", CONNECTIONS, connection("projects/proj-a/global/networks/vpc", "google-managed"), 400);
        assertThat(byId.at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(byId.at("/error/message").asText()).contains("not a project number");
        call("POST", CONNECTIONS, connection("global/networks/vpc", "google-managed"), 400);
        call("POST", CONNECTIONS, "{\"reservedPeeringRanges\":[\"google-managed\"]}", 400);
        call("POST", CONNECTIONS, connection(NETWORK), 400);
        call("POST", CONNECTIONS, connection("projects/999/global/networks/vpc", "google-managed"), 403);
        call("POST", "/v1/services/other.example.com/connections", connection(NETWORK, "google-managed"), 404);
        call("GET", CONNECTIONS, null, 400);
        call("GET", "/v1/operations/nope", null, 404);
    }

    @Test
    void everyRangeMustBeAnAllocatedRangeOfTheNetwork() throws Exception {
        JsonNode failed = poll(call("POST", CONNECTIONS, connection(NETWORK, "google-managed", "nope"), 200));
        assertThat(failed.get("done").asBoolean()).isTrue();
        assertThat(failed.at("/error/code").asInt()).isEqualTo(9);
        assertThat(failed.at("/error/message").asText()).isEqualTo("Allocated IP range 'nope' not found in network.");
        assertThat(failed.has("response")).isFalse();

        call("POST", "/compute/v1/projects/proj-a/global/addresses", "{\"name\":\"public\"}", 200);
        assertThat(poll(call("POST", CONNECTIONS, connection(NETWORK, "public"), 200)).at("/error/code").asInt()).isEqualTo(9);
        assertThat(poll(call("POST", CONNECTIONS, connection("projects/" + NUMBER + "/global/networks/gone", "google-managed"), 200))
                .at("/error/message").asText()).contains("does not exist");
        assertThat(peering()).isNull();
    }

    @Test
    void rangesChangeByPatchAndRemovingOneTakesForce() throws Exception {
        networking.setPollsUntilDone(0);
        call("POST", CONNECTIONS, connection(NETWORK, "google-managed"), 200);
        call("POST", "/compute/v1/projects/proj-a/global/addresses", allocated("more", 20), 200);
        String patch = CONNECTIONS + "/-?updateMask=reservedPeeringRanges";
        assertThat(call("PATCH", patch, connection(NETWORK, "google-managed", "more"), 200).has("error")).isFalse();
        assertThat(networking.connection(P, "vpc")).containsExactly("google-managed", "more");

        JsonNode refused = call("PATCH", patch, connection(NETWORK, "more"), 200);
        assertThat(refused.at("/error/code").asInt()).isEqualTo(9);
        assertThat(refused.at("/error/message").asText()).contains("force");
        assertThat(call("PATCH", patch + "&force=true", connection(NETWORK, "more"), 200).has("error")).isFalse();
        assertThat(networking.connection(P, "vpc")).containsExactly("more");
        call("PATCH", CONNECTIONS + "/-?updateMask=network", connection(NETWORK, "more"), 400);

        JsonNode recreate = call("POST", CONNECTIONS, connection(NETWORK, "google-managed"), 200);
        assertThat(recreate.at("/error/message").asText()).isEqualTo("Cannot modify allocated ranges in CreateConnection. Please use UpdateConnection.");

        call("POST", "/compute/v1/projects/proj-a/global/networks/vpc/removePeering", "{\"name\":\"servicenetworking-googleapis-com\"}", 200);
        assertThat(compute.privateServicesConnected(P, "vpc")).isFalse();
        assertThat(call("POST", CONNECTIONS, connection(NETWORK), 200).has("error")).isFalse();
        assertThat(compute.privateServicesConnected(P, "vpc")).isTrue();
        assertThat(networking.connection(P, "vpc")).containsExactly("more");
    }

    @Test
    void aConnectionInUseByCloudSqlIsNotDeleted() throws Exception {
        networking.connect(P, "vpc", "google-managed");
        assertThat(compute.privateServicesConnected(P, "vpc")).isTrue();
        compute.use(P, "vpc", "sql:projects/proj-a/instances/db", true);
        String delete = CONNECTIONS + "/servicenetworking-googleapis-com:deleteConnection";
        String body = "{\"consumerNetwork\":\"" + NETWORK + "\"}";
        JsonNode refused = poll(call("POST", delete, body, 200));
        assertThat(refused.at("/error/code").asInt()).isEqualTo(9);
        assertThat(refused.at("/error/message").asText()).startsWith("Failed to delete connection; Producer services");
        assertThat(compute.privateServicesConnected(P, "vpc")).isTrue();

        compute.use(P, "vpc", "sql:projects/proj-a/instances/db", false);
        JsonNode op = call("POST", delete, body, 200);
        assertThat(networking.json(op.get("name").asText()).has("done")).isFalse();
        JsonNode done = poll(op);
        assertThat(done.get("done").asBoolean()).isTrue();
        assertThat(done.at("/response/@type").asText()).isEqualTo("type.googleapis.com/google.protobuf.Empty");
        assertThat(peering()).isNull();
        assertThat(compute.privateServicesConnected(P, "vpc")).isFalse();
        assertThat(call("GET", CONNECTIONS + "?network=" + NETWORK, null, 200).has("connections")).isFalse();
        call("POST", CONNECTIONS + "/servicenetworking-googleapis-com", body, 404);
        JsonNode deleted = call("DELETE", "/compute/v1/projects/proj-a/global/networks/vpc", null, 200);
        assertThat(deleted.at("/error/errors/0/message").asText()).contains("global/addresses/google-managed");
    }

    @Test
    void aFaultReachesTheCallerAndOtherV1PathsAreNotServedHere() throws Exception {
        apis.failNext("POST", "/v1/services/.*/connections", 1, GoogleError.unavailable());
        assertThat(call("POST", CONNECTIONS, connection(NETWORK, "google-managed"), 503).at("/error/status").asText()).isEqualTo("UNAVAILABLE");
        assertThat(poll(call("POST", CONNECTIONS, connection(NETWORK, "google-managed"), 200)).get("done").asBoolean()).isTrue();
        assertThat(call("GET", "/v1/projects/proj-a/locations/us-central1/clusters", null, 404).at("/error/message").asText())
                .startsWith("no API of this fake serves");
    }
}
