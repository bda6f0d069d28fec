package io.lifeboat.providers.sim.gcp;

import static io.lifeboat.program.gcp.GcpSchemas.NETWORK;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.providers.sim.SimScope;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

/**
 * {@code gcp:compute/network:Network}: a VPC network, named by RFC 1035, unique in the project.
 * Networks are global in GCP; the sim keeps each in the store of the region it was made through,
 * so that an outage of that region makes it unreachable like the rest of the stack. It cannot be
 * deleted while subnetworks, firewalls, routes, routers, peerings or databases use it.
 */
final class NetworkType extends GcpSimType {
    NetworkType() {
        super(NETWORK);
    }

    /** GCP's NETWORKS quota (15 a project by default; the sim counts the networks made through a region). */
    @Override
    public String quotaKey() {
        return "networks";
    }

    @Override
    protected void check(Props in, SimScope scope, SimObject current) throws ProviderException {
        checkName("resource.name", str(in, "name"), 63);
        oneOf(in, "routingMode", "REGIONAL", "GLOBAL");
    }

    @Override
    public String newId(Props in, SimScope scope) {
        return GcpRefs.networkId(project(scope), str(in, "name"));
    }

    @Override
    public Props computed(String id, Props in, SimScope scope) {
        return Props.builder()
                .put("selfLink", GcpRefs.COMPUTE + id)
                .put("numericId", numericId(scope, 19))
                .put("gatewayIpv4", PropertyValue.NULL)
                .build();
    }

    @Override
    public Props outputDefaults(SimScope scope) {
        return Props.builder().put("autoCreateSubnetworks", true).put("routingMode", "REGIONAL").put("deleteDefaultRoutesOnCreate", false).build();
    }

    /** True unless {@code autoCreateSubnetworks} is false: an auto-mode network holds 10.128.0.0/9. */
    static boolean autoMode(SimObject network) {
        return bool(network.inputs(), "autoCreateSubnetworks", true);
    }
}
