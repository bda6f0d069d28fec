package io.lifeboat.providers.gcp;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.compute.v1.AddPeeringNetworkRequest;
import com.google.cloud.compute.v1.NetworkPeering;
import com.google.cloud.compute.v1.NetworksAddPeeringRequest;
import com.google.cloud.compute.v1.NetworksRemovePeeringRequest;
import com.google.cloud.compute.v1.NetworksUpdatePeeringRequest;
import com.google.cloud.compute.v1.Operation;
import com.google.cloud.compute.v1.RemovePeeringNetworkRequest;
import com.google.cloud.compute.v1.UpdatePeeringNetworkRequest;

import io.lifeboat.program.gcp.GcpSchemas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/**
 * {@code gcp:compute/networkPeering:NetworkPeering}: this network's side of a peering, made by
 * {@code networks.addPeering} and removed by {@code networks.removePeering}; it stays
 * {@code INACTIVE} until the peer network makes its side. Its id is {@code network/name}.
 */
final class NetworkPeeringType extends GcpType {
    NetworkPeeringType(GcpClients gcp) {
        super(GcpSchemas.NETWORK_PEERING, gcp);
    }

    private static NetworkPeering peering(Props in) {
        ObjectNode o = ApiJson.object().put("name", str(in, "name")).put("network", str(in, "peerNetwork")).put("exchangeSubnetRoutes", true)
                .put("exportCustomRoutes", bool(in, "exportCustomRoutes", false)).put("importCustomRoutes", bool(in, "importCustomRoutes", false));
        return ApiJson.merge(o, NetworkPeering.newBuilder()).build();
    }

    @Override
    public Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        Props in = clean(inputs);
        String network = last(str(in, "network"));
        String call = "addPeering " + str(in, "name");
        try {
            Operation op = GcpCall.run("networks.addPeering " + str(in, "name") + " to " + network, () -> gcp.networks().addPeeringCallable().call(
                    AddPeeringNetworkRequest.newBuilder().setProject(project()).setNetwork(network).setRequestId(requestId(ctx, call))
                            .setNetworksAddPeeringRequestResource(NetworksAddPeeringRequest.newBuilder().setNetworkPeering(peering(in))).build()));
            operations.compute(ctx, "waiting for peering " + str(in, "name") + " on " + network, op);
        } catch (ProviderException e) {
            refusedOnce(ctx, call, e);
            throw e;
        }
        return created(network + "/" + str(in, "name"), inputs, ctx);
    }

    @Override
    protected Optional<View> view(String id, Props given, OperationContext ctx) throws ProviderException {
        String network = id.substring(0, id.indexOf('/'));
        String name = last(id);
        Optional<JsonNode> net = GcpCall.find("networks.get " + network, () -> ApiJson.json(gcp.networks().get(project(), network)));
        if (net.isEmpty()) return Optional.empty();
        for (JsonNode p : net.get().path("peerings")) {
            if (!name.equals(p.path("name").asText())) continue;
            Props g = clean(given);
            Props seen = Props.builder().put("name", name)
                    .put("network", sameRef(g, "network", net.get().path("selfLink").asText(network)))
                    .put("peerNetwork", sameRef(g, "peerNetwork", p.path("network").asText(null)))
                    .put("exportCustomRoutes", p.path("exportCustomRoutes").asBoolean(false))
                    .put("importCustomRoutes", p.path("importCustomRoutes").asBoolean(false)).build();
            return Optional.of(new View(seen, Props.builder().put("state", v(p.get("state"))).put("stateDetails", v(p.get("stateDetails"))).build()));
        }
        return Optional.empty();
    }

    @Override
    public Props update(String id, Props oldOutputs, Props newInputs, OperationContext ctx) throws ProviderException {
        Props in = clean(newInputs);
        String network = id.substring(0, id.indexOf('/'));
        Operation op = GcpCall.run("networks.updatePeering " + last(id), () -> gcp.networks().updatePeeringCallable().call(
                UpdatePeeringNetworkRequest.newBuilder().setProject(project()).setNetwork(network)
                        .setNetworksUpdatePeeringRequestResource(NetworksUpdatePeeringRequest.newBuilder().setNetworkPeering(peering(in))).build()));
        operations.compute(ctx, "changing peering " + last(id), op);
        return current(id, newInputs, ctx);
    }

    @Override
    public void delete(String id, Props outputs, OperationContext ctx) throws ProviderException {
        String network = id.substring(0, id.indexOf('/'));
        String name = last(id);
        if (view(id, Props.EMPTY, ctx).isEmpty()) return;
        Optional<Operation> op = GcpCall.find("networks.removePeering " + name, () -> gcp.networks().removePeeringCallable().call(
                RemovePeeringNetworkRequest.newBuilder().setProject(project()).setNetwork(network)
                        .setNetworksRemovePeeringRequestResource(NetworksRemovePeeringRequest.newBuilder().setName(name)).build()));
        if (op.isPresent()) operations.compute(ctx, "removing peering " + name + " from " + network, op.get());
    }

    @Override
    protected Optional<String> idForUrn(Urn urn, Props inputs) throws ProviderException {
        String network = last(str(inputs, "network"));
        if (network == null) return Optional.empty();
        String id = network + "/" + str(inputs, "name");
        return view(id, inputs, null).map(v -> id);
    }
}
