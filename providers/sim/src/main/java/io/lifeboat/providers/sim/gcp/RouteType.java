package io.lifeboat.providers.sim.gcp;

import static io.lifeboat.program.gcp.GcpSchemas.ROUTE;

import java.util.ArrayList;
import java.util.List;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.providers.sim.Reference;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.providers.sim.SimScope;
import io.lifeboat.resource.Props;
import io.lifeboat.spec.Cidr;

/** {@code gcp:compute/route:Route}: a destination range of a network and exactly one next hop; priority 1000 by default. */
final class RouteType extends GcpSimType {
    RouteType() {
        super(ROUTE);
    }

    @Override
    public List<Reference> references() {
        return List.of(GcpRefs.network("network"));
    }

    @Override
    protected void check(Props in, SimScope scope, SimObject current) throws ProviderException {
        checkName("resource.name", str(in, "name"), 63);
        String dest = str(in, "destRange");
        Cidr c = dest == null ? null : Cidr.parse(dest);
        if (c == null || !c.isCanonical()) throw invalid("Invalid value for field 'resource.destRange': '" + dest + "'. Must be a canonical CIDR range");
        intIn(in, "priority", 0, 65535);
        List<String> hops = new ArrayList<>();
        for (String hop : new String[] {"nextHopGateway", "nextHopIp", "nextHopIlb"}) {
            if (str(in, hop) != null) hops.add(hop);
        }
        if (hops.size() != 1) {
            throw invalid("Invalid value for field 'resource': a route needs exactly one next hop (nextHopGateway, nextHopIp or nextHopIlb), got "
                    + (hops.isEmpty() ? "none" : String.join(", ", hops)));
        }
        String gateway = str(in, "nextHopGateway");
        if (gateway != null && !gateway.equals("default-internet-gateway") && !gateway.endsWith("/global/gateways/default-internet-gateway")) {
            throw invalid("Invalid value for field 'resource.nextHopGateway': '" + gateway + "'. The only gateway is default-internet-gateway");
        }
        String ip = str(in, "nextHopIp");
        if (ip != null && Cidr.parse(ip + "/32") == null) throw invalid("Invalid value for field 'resource.nextHopIp': '" + ip + "'. Must be an IPv4 address");
    }

    @Override
    public String newId(Props in, SimScope scope) {
        return "projects/" + project(scope) + "/global/routes/" + str(in, "name");
    }

    @Override
    public Props computed(String id, Props in, SimScope scope) {
        SimObject network = GcpRefs.NETWORK_RESOLVER.resolve(scope, str(in, "network"));
        return Props.builder()
                .put("selfLink", GcpRefs.COMPUTE + id)
                .put("nextHopNetwork", network == null ? null : GcpRefs.COMPUTE + network.id())
                .build();
    }

    @Override
    public Props outputDefaults(SimScope scope) {
        return Props.builder().put("priority", 1000).build();
    }
}
