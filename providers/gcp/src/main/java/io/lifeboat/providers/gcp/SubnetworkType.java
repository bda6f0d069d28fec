package io.lifeboat.providers.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.compute.v1.DeleteSubnetworkRequest;
import com.google.cloud.compute.v1.InsertSubnetworkRequest;
import com.google.cloud.compute.v1.ListSubnetworksRequest;
import com.google.cloud.compute.v1.Operation;
import com.google.cloud.compute.v1.PatchSubnetworkRequest;
import com.google.cloud.compute.v1.SetPrivateIpGoogleAccessSubnetworkRequest;
import com.google.cloud.compute.v1.SubnetworksSetPrivateIpGoogleAccessRequest;
import com.google.cloud.compute.v1.Subnetwork;

import io.lifeboat.program.gcp.GcpSchemas;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

/**
 * {@code gcp:compute/subnetwork:Subnetwork}: a regional subnetwork of a network, its secondary
 * ranges (a GKE cluster's pods and services) and private Google access changed by a patch that
 * carries the object's fingerprint, as the API requires.
 */
final class SubnetworkType extends ComputeType {
    SubnetworkType(GcpClients gcp) {
        super(GcpSchemas.SUBNETWORK, "subnetworks", gcp);
    }

    @Override
    protected boolean regional() {
        return true;
    }

    @Override
    protected ObjectNode resource(Props in) {
        ObjectNode o = ApiJson.object().put("name", str(in, "name")).put("network", globalLink("networks", str(in, "network")))
                .put("ipCidrRange", str(in, "ipCidrRange")).put("region", region());
        if (bool(in, "privateIpGoogleAccess") != null) o.put("privateIpGoogleAccess", bool(in, "privateIpGoogleAccess"));
        if (str(in, "description") != null) o.put("description", str(in, "description"));
        o.set("secondaryIpRanges", ApiJson.json(in.get("secondaryIpRanges") == null ? PropertyValue.list() : in.get("secondaryIpRanges")));
        return o;
    }

    @Override
    protected Props seen(JsonNode o, Props given) {
        java.util.List<PropertyValue> ranges = new java.util.ArrayList<>();
        for (JsonNode r : o.path("secondaryIpRanges")) {
            ranges.add(new PropertyValue.Obj(Props.builder().put("rangeName", r.path("rangeName").asText())
                    .put("ipCidrRange", r.path("ipCidrRange").asText()).build()));
        }
        return Props.builder().put("name", o.path("name").asText())
                .put("network", sameRef(given, "network", o.path("network").asText(null)))
                .put("ipCidrRange", v(o.get("ipCidrRange")))
                .put("region", last(o.path("region").asText(region())))
                .put("privateIpGoogleAccess", o.path("privateIpGoogleAccess").asBoolean(false))
                .put("description", v(o.get("description")))
                .put("secondaryIpRanges", new PropertyValue.Arr(ranges)).build();
    }

    @Override
    protected Props computed(JsonNode o) {
        return Props.builder().put("selfLink", v(o.get("selfLink"))).put("gatewayAddress", v(o.get("gatewayAddress")))
                .put("creationTimestamp", v(o.get("creationTimestamp"))).build();
    }

    @Override
    protected Operation insert(ObjectNode resource, String requestId) throws ProviderException {
        return GcpCall.run(call("insert", resource.path("name").asText()), () -> gcp.subnetworks().insertCallable().call(InsertSubnetworkRequest.newBuilder()
                .setProject(project()).setRegion(region()).setRequestId(requestId)
                .setSubnetworkResource(ApiJson.merge(resource, Subnetwork.newBuilder())).build()));
    }

    @Override
    protected JsonNode fetch(String name) throws ProviderException {
        return GcpCall.run(call("get", name), () -> ApiJson.json(gcp.subnetworks().get(project(), region(), name)));
    }

    @Override
    protected Operation delete(String name, String requestId) throws ProviderException {
        return GcpCall.run(call("delete", name), () -> gcp.subnetworks().deleteCallable().call(DeleteSubnetworkRequest.newBuilder()
                .setProject(project()).setRegion(region()).setSubnetwork(name).setRequestId(requestId).build()));
    }

    /**
     * With no name (a look-up for no object: the DR probe of the region), one listing of the
     * region's subnetworks, which answers only while the region does.
     */
    @Override
    protected java.util.Optional<String> idForUrn(io.lifeboat.resource.Urn urn, Props inputs) throws ProviderException {
        if (str(inputs, "name") != null) return super.idForUrn(urn, inputs);
        GcpCall.run("subnetworks.list in " + region(), () -> gcp.subnetworks().listCallable().call(ListSubnetworksRequest.newBuilder()
                .setProject(project()).setRegion(region()).setMaxResults(1).build()));
        return java.util.Optional.empty();
    }

    /**
     * A patch names the fingerprint of the object it changes (read first) and changes the
     * secondary ranges and the description; private Google access has its own call.
     */
    @Override
    protected Operation patch(String name, ObjectNode resource, String requestId) throws ProviderException {
        JsonNode now = fetch(name);
        boolean access = resource.path("privateIpGoogleAccess").asBoolean(false);
        if (access != now.path("privateIpGoogleAccess").asBoolean(false)) {
            Operation op = GcpCall.run(call("setPrivateIpGoogleAccess", name), () -> gcp.subnetworks().setPrivateIpGoogleAccessCallable().call(
                    SetPrivateIpGoogleAccessSubnetworkRequest.newBuilder().setProject(project()).setRegion(region()).setSubnetwork(name)
                            .setSubnetworksSetPrivateIpGoogleAccessRequestResource(SubnetworksSetPrivateIpGoogleAccessRequest.newBuilder()
                                    .setPrivateIpGoogleAccess(access)).build()));
            operations.compute(null, "setting private Google access of " + name, op);
        }
        ObjectNode change = ApiJson.object().put("fingerprint", fetch(name).path("fingerprint").asText());
        change.set("secondaryIpRanges", resource.get("secondaryIpRanges"));
        if (resource.has("description")) change.set("description", resource.get("description"));
        return GcpCall.run(call("patch", name), () -> gcp.subnetworks().patchCallable().call(PatchSubnetworkRequest.newBuilder()
                .setProject(project()).setRegion(region()).setSubnetwork(name).setRequestId(requestId)
                .setSubnetworkResource(ApiJson.merge(change, Subnetwork.newBuilder())).build()));
    }
}
