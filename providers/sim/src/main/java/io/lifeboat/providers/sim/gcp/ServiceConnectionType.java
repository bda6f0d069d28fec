package io.lifeboat.providers.sim.gcp;

import static io.lifeboat.program.gcp.GcpSchemas.GLOBAL_ADDRESS;
import static io.lifeboat.program.gcp.GcpSchemas.SERVICE_CONNECTION;

import java.util.List;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.providers.sim.Reference;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.providers.sim.SimScope;
import io.lifeboat.resource.Props;

/**
 * {@code gcp:servicenetworking/connection:Connection}: private services access of a network, a
 * peering with Google's services ({@code servicenetworking.googleapis.com}) through reserved
 * ranges, each a {@code VPC_PEERING} global address of the same network. One a network and
 * service; it keeps its network from being deleted; Cloud SQL needs it for a private address.
 * The id is pulumi-gcp's: {@code <network>:<service>}.
 */
final class ServiceConnectionType extends GcpSimType {
    static final String SERVICE = "servicenetworking.googleapis.com";

    ServiceConnectionType() {
        super(SERVICE_CONNECTION);
    }

    @Override
    public List<Reference> references() {
        return List.of(GcpRefs.network("network"));
    }

    @Override
    protected void check(Props in, SimScope scope, SimObject current) throws ProviderException {
        if (!SERVICE.equals(str(in, "service"))) {
            throw invalid("Invalid value for field 'service': '" + str(in, "service") + "'. Private services access is " + SERVICE);
        }
        List<String> ranges = strings(in, "reservedPeeringRanges");
        if (ranges.isEmpty()) throw invalid("Invalid value for field 'reservedPeeringRanges': at least one allocated range is needed");
        String network = GcpRefs.last(str(in, "network"));
        for (String range : ranges) {
            SimObject address = null;
            for (SimObject a : scope.live(GLOBAL_ADDRESS)) if (GcpRefs.last(a.id()).equals(range)) address = a;
            if (address == null) {
                throw notFound("projects/" + project(scope) + "/global/addresses/" + range,
                        "The allocated range '" + range + "' does not exist in project " + project(scope));
            }
            if (!"VPC_PEERING".equals(address.inputs().string("purpose")) || !network.equals(GcpRefs.last(address.inputs().string("network")))) {
                throw failedPrecondition("The allocated range '" + range + "' is not a VPC_PEERING range of network " + network);
            }
        }
        for (SimObject other : scope.live(SERVICE_CONNECTION)) {
            if (current != null && other.id().equals(current.id())) continue;
            if (network.equals(GcpRefs.last(other.inputs().string("network")))) {
                throw error(ProviderException.Kind.CONFLICT, 409, "alreadyExists", "Network " + network + " already has a connection to " + SERVICE);
            }
        }
    }

    /** Whether the network named by {@code networkRef} (self link, id or name) has private services access here. */
    static boolean connected(SimScope scope, String networkRef) {
        String network = GcpRefs.last(networkRef);
        for (SimObject c : scope.live(SERVICE_CONNECTION)) {
            if (network.equals(GcpRefs.last(c.inputs().string("network"))) && !c.is(SimObject.CREATING)) return true;
        }
        return false;
    }

    @Override
    public String newId(Props in, SimScope scope) {
        return GcpRefs.networkId(project(scope), GcpRefs.last(str(in, "network"))) + ":" + SERVICE;
    }

    @Override
    public Props computed(String id, Props in, SimScope scope) {
        return Props.builder().put("peering", "servicenetworking-googleapis-com").build();
    }
}
