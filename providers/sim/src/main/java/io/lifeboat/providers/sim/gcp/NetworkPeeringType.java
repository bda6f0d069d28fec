package io.lifeboat.providers.sim.gcp;

import static io.lifeboat.program.gcp.GcpSchemas.NETWORK;
import static io.lifeboat.program.gcp.GcpSchemas.NETWORK_PEERING;

import java.util.List;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.providers.sim.Reference;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.providers.sim.SimScope;
import io.lifeboat.resource.Props;

/**
 * {@code gcp:compute/networkPeering:NetworkPeering}: one side of a peering of two networks, its id
 * {@code <network name>/<peering name>} as pulumi-gcp writes it. It is {@code INACTIVE} until the
 * peer network (in the sim, in any region's store) has a peering back to this network; then both
 * sides are {@code ACTIVE}, as computed whenever one is read. A network has at most one peering
 * with a given peer network. (Overlapping ranges of two peerings of one network are not checked.)
 */
final class NetworkPeeringType extends GcpSimType {
    NetworkPeeringType() {
        super(NETWORK_PEERING);
    }

    @Override
    public List<Reference> references() {
        return List.of(GcpRefs.network("network"));
    }

    @Override
    protected void check(Props in, SimScope scope, SimObject current) throws ProviderException {
        checkName("name", str(in, "name"), 63);
        String peer = str(in, "peerNetwork");
        if (!peer.contains("/networks/") || GcpRefs.projectIn(peer) == null) {
            throw invalid("Invalid value for field 'networkPeering.network': '" + peer + "'. The peer network must be given by its self link or its id "
                    + "(projects/<project>/global/networks/<name>)");
        }
        SimObject network = GcpRefs.NETWORK_RESOLVER.resolve(scope, str(in, "network"));
        if (GcpRefs.projectIn(peer).equals(project(scope)) && GcpRefs.last(peer).equals(GcpRefs.last(network.id()))) {
            throw invalid("Invalid value for field 'networkPeering.network': a network cannot be peered with itself");
        }
        for (SimObject other : scope.live(NETWORK_PEERING)) {
            if (current != null && other.id().equals(current.id())) continue;
            if (GcpRefs.last(str(other.inputs(), "network")).equals(GcpRefs.last(network.id())) && samePeer(str(other.inputs(), "peerNetwork"), peer)) {
                throw invalid("There is already a peering " + other.id() + " between " + network.id() + " and " + peer);
            }
        }
    }

    private static boolean samePeer(String a, String b) {
        return a != null && b != null && GcpRefs.last(a).equals(GcpRefs.last(b)) && java.util.Objects.equals(GcpRefs.projectIn(a), GcpRefs.projectIn(b));
    }

    @Override
    public String newId(Props in, SimScope scope) {
        return GcpRefs.last(str(in, "network")) + "/" + str(in, "name");
    }

    @Override
    public Props live(SimObject o, SimScope scope) {
        boolean active = !o.is(SimObject.CREATING) && peerSide(o, scope) != null;
        String at = "[" + timestamp(scope.now()) + "]: ";
        return o.computed()
                .with("state", s(active ? "ACTIVE" : "INACTIVE"))
                .with("stateDetails", s(at + (active ? "Connected." : "Waiting for peer network to connect.")));
    }

    /** The peering back: a peering of the peer network, in any region's store, whose peer is this one's network. */
    private static SimObject peerSide(SimObject o, SimScope scope) {
        String myProject = o.hidden().getOrDefault(PROJECT, project(scope));
        String myNetwork = GcpRefs.last(o.inputs().string("network"));
        String peer = o.inputs().string("peerNetwork");
        String peerProject = GcpRefs.projectIn(peer);
        String peerName = GcpRefs.last(peer);
        for (String region : scope.cloud().regions()) {
            boolean peerNetworkThere = false;
            for (SimObject n : scope.all(region, NETWORK)) {
                if (n.id().equals(GcpRefs.networkId(peerProject, peerName)) && !n.is(SimObject.DELETING)) peerNetworkThere = true;
            }
            if (!peerNetworkThere) continue;
            for (SimObject back : scope.all(region, NETWORK_PEERING)) {
                if (back.is(SimObject.DELETING) || back.is(SimObject.CREATING)) continue;
                String backProject = back.hidden().getOrDefault(PROJECT, GcpRefs.projectIn(back.inputs().string("network")));
                if (!peerProject.equals(backProject) || !peerName.equals(GcpRefs.last(back.inputs().string("network")))) continue;
                String theirPeer = back.inputs().string("peerNetwork");
                if (theirPeer != null && myProject.equals(GcpRefs.projectIn(theirPeer)) && myNetwork.equals(GcpRefs.last(theirPeer))) return back;
            }
        }
        return null;
    }

    @Override
    public Props outputDefaults(SimScope scope) {
        return Props.builder().put("exportCustomRoutes", false).put("importCustomRoutes", false).build();
    }
}
