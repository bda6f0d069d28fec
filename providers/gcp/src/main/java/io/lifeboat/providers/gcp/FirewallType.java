package io.lifeboat.providers.gcp;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.compute.v1.DeleteFirewallRequest;
import com.google.cloud.compute.v1.Firewall;
import com.google.cloud.compute.v1.InsertFirewallRequest;
import com.google.cloud.compute.v1.Operation;
import com.google.cloud.compute.v1.PatchFirewallRequest;

import io.lifeboat.program.gcp.GcpSchemas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

/**
 * {@code gcp:compute/firewall:Firewall}: a firewall rule of a network. Pulumi's {@code allows} and
 * {@code denies} ({@code protocol}, {@code ports}) are the API's {@code allowed} and
 * {@code denied} ({@code IPProtocol}, {@code ports}). Rules made by hand on a stack's network
 * are listed for capture.
 */
final class FirewallType extends ComputeType {
    private static final List<String> LISTS = List.of("sourceRanges", "sourceTags", "targetTags", "destinationRanges");

    FirewallType(GcpClients gcp) {
        super(GcpSchemas.FIREWALL, "firewalls", gcp);
    }

    @Override
    protected ObjectNode resource(Props in) {
        ObjectNode o = ApiJson.object().put("name", str(in, "name")).put("network", globalLink("networks", str(in, "network")));
        for (String k : List.of("description", "direction")) if (str(in, k) != null) o.put(k, str(in, k));
        if (integer(in, "priority") != null) o.put("priority", integer(in, "priority"));
        if (bool(in, "disabled") != null) o.put("disabled", bool(in, "disabled"));
        for (String k : LISTS) if (in.get(k) != null) o.set(k, ApiJson.json(in.get(k)));
        o.set("allowed", rules(objects(in, "allows")));
        o.set("denied", rules(objects(in, "denies")));
        return o;
    }

    private static ArrayNode rules(List<Props> rules) {
        ArrayNode out = ApiJson.MAPPER.createArrayNode();
        for (Props r : rules) {
            ObjectNode rule = out.addObject().put("IPProtocol", str(r, "protocol"));
            if (!strings(r, "ports").isEmpty()) rule.set("ports", ApiJson.json(r.get("ports")));
        }
        return out;
    }

    private static PropertyValue rulesSeen(JsonNode rules) {
        List<PropertyValue> out = new ArrayList<>();
        for (JsonNode r : rules) {
            Props.Builder rule = Props.builder().put("protocol", r.path("IPProtocol").asText());
            if (r.has("ports")) rule.put("ports", ApiJson.value(r.get("ports")));
            out.add(new PropertyValue.Obj(rule.build()));
        }
        return new PropertyValue.Arr(out);
    }

    @Override
    protected Props seen(JsonNode o, Props given) {
        Props.Builder b = Props.builder().put("name", o.path("name").asText())
                .put("network", sameRef(given, "network", o.path("network").asText(null)))
                .put("description", v(o.get("description"))).put("direction", v(o.get("direction")))
                .put("priority", v(o.get("priority"))).put("disabled", o.path("disabled").asBoolean(false))
                .put("allows", rulesSeen(o.path("allowed"))).put("denies", rulesSeen(o.path("denied")));
        for (String k : LISTS) b.put(k, o.has(k) ? ApiJson.value(o.get(k)) : given.containsKey(k) ? PropertyValue.list() : PropertyValue.NULL);
        return b.build();
    }

    @Override
    protected Props computed(JsonNode o) {
        return Props.builder().put("selfLink", v(o.get("selfLink"))).put("creationTimestamp", v(o.get("creationTimestamp"))).build();
    }

    @Override
    protected Operation insert(ObjectNode resource, String requestId) throws ProviderException {
        return GcpCall.run(call("insert", resource.path("name").asText()), () -> gcp.firewalls().insertCallable().call(InsertFirewallRequest.newBuilder()
                .setProject(project()).setRequestId(requestId).setFirewallResource(ApiJson.merge(resource, Firewall.newBuilder())).build()));
    }

    @Override
    protected JsonNode fetch(String name) throws ProviderException {
        return GcpCall.run(call("get", name), () -> ApiJson.json(gcp.firewalls().get(project(), name)));
    }

    @Override
    protected Operation delete(String name, String requestId) throws ProviderException {
        return GcpCall.run(call("delete", name), () -> gcp.firewalls().deleteCallable().call(DeleteFirewallRequest.newBuilder()
                .setProject(project()).setFirewall(name).setRequestId(requestId).build()));
    }

    @Override
    protected Operation patch(String name, ObjectNode resource, String requestId) throws ProviderException {
        return GcpCall.run(call("patch", name), () -> gcp.firewalls().patchCallable().call(PatchFirewallRequest.newBuilder()
                .setProject(project()).setFirewall(name).setRequestId(requestId).setFirewallResource(ApiJson.merge(resource, Firewall.newBuilder())).build()));
    }

    /** Every rule of the project; Compute keeps no mark, so the engine tells its own from hand-made ones by its state. */
    @Override
    public List<Listed> list(OperationContext ctx) throws ProviderException {
        List<Listed> out = new ArrayList<>();
        for (Firewall f : GcpCall.run("firewalls.list", () -> gcp.firewalls().list(project()).iterateAll())) {
            JsonNode o = ApiJson.json(f);
            out.add(new Listed(id(f.getName()), seen(o, Props.EMPTY), null));
        }
        return out;
    }
}
