package io.lifeboat.providers.gcp;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.compute.v1.Address;
import com.google.cloud.compute.v1.DeleteGlobalAddressRequest;
import com.google.cloud.compute.v1.InsertGlobalAddressRequest;
import com.google.cloud.compute.v1.Operation;

import io.lifeboat.program.gcp.GcpSchemas;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.Props;

/**
 * {@code gcp:compute/globalAddress:GlobalAddress}: a global address or range; with purpose
 * {@code VPC_PEERING} the range private services access gives Google's services (Cloud SQL).
 * Every input replaces it.
 */
final class GlobalAddressType extends ComputeType {
    GlobalAddressType(GcpClients gcp) {
        super(GcpSchemas.GLOBAL_ADDRESS, "addresses", gcp);
    }

    @Override
    protected ObjectNode resource(Props in) {
        ObjectNode o = ApiJson.object().put("name", str(in, "name"));
        for (String k : List.of("purpose", "addressType", "address", "description")) if (str(in, k) != null) o.put(k, str(in, k));
        if (integer(in, "prefixLength") != null) o.put("prefixLength", integer(in, "prefixLength"));
        if (str(in, "network") != null) o.put("network", globalLink("networks", str(in, "network")));
        return o;
    }

    @Override
    protected Props seen(JsonNode o, Props given) {
        return Props.builder().put("name", o.path("name").asText()).put("purpose", v(o.get("purpose"))).put("addressType", v(o.get("addressType")))
                .put("prefixLength", v(o.get("prefixLength"))).put("address", v(o.get("address"))).put("description", v(o.get("description")))
                .put("network", sameRef(given, "network", o.path("network").asText(null))).build();
    }

    @Override
    protected Props computed(JsonNode o) {
        return Props.builder().put("selfLink", v(o.get("selfLink"))).put("creationTimestamp", v(o.get("creationTimestamp"))).build();
    }

    @Override
    protected Operation insert(ObjectNode resource, String requestId) throws ProviderException {
        return GcpCall.run(call("insert", resource.path("name").asText()), () -> gcp.globalAddresses().insertCallable().call(
                InsertGlobalAddressRequest.newBuilder().setProject(project()).setRequestId(requestId)
                        .setAddressResource(ApiJson.merge(resource, Address.newBuilder())).build()));
    }

    @Override
    protected JsonNode fetch(String name) throws ProviderException {
        return GcpCall.run(call("get", name), () -> ApiJson.json(gcp.globalAddresses().get(project(), name)));
    }

    @Override
    protected Operation delete(String name, String requestId) throws ProviderException {
        return GcpCall.run(call("delete", name), () -> gcp.globalAddresses().deleteCallable().call(DeleteGlobalAddressRequest.newBuilder()
                .setProject(project()).setAddress(name).setRequestId(requestId).build()));
    }
}
