package io.lifeboat.providers.sim.gcp;

import static io.lifeboat.program.gcp.GcpSchemas.ROUTER;
import static io.lifeboat.program.gcp.GcpSchemas.ROUTER_NAT;

import java.util.List;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.providers.sim.Reference;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.providers.sim.SimScope;
import io.lifeboat.resource.Props;

/**
 * {@code gcp:compute/routerNat:RouterNat}: a Cloud NAT on a router of the region (named by name),
 * its id {@code project/region/router/name} as pulumi-gcp writes it.
 */
final class RouterNatType extends GcpSimType {
    RouterNatType() {
        super(ROUTER_NAT);
    }

    @Override
    public List<Reference> references() {
        return List.of(GcpRefs.to("router", ROUTER, GcpRefs.ROUTER_RESOLVER));
    }

    @Override
    protected void check(Props in, SimScope scope, SimObject current) throws ProviderException {
        checkName("nat.name", str(in, "name"), 63);
        checkRegion(in, "region", scope);
        oneOf(in, "natIpAllocateOption", "AUTO_ONLY", "MANUAL_ONLY");
        oneOf(in, "sourceSubnetworkIpRangesToNat", "ALL_SUBNETWORKS_ALL_IP_RANGES", "ALL_SUBNETWORKS_ALL_PRIMARY_IP_RANGES", "LIST_OF_SUBNETWORKS");
        Integer ports = intIn(in, "minPortsPerVm", 2, 65536);
        if (ports != null && Integer.bitCount(ports) != 1) throw invalid("Invalid value for field 'nat.minPortsPerVm': " + ports + ". Must be a power of 2");
    }

    @Override
    public String newId(Props in, SimScope scope) {
        return project(scope) + "/" + scope.region() + "/" + GcpRefs.last(str(in, "router")) + "/" + str(in, "name");
    }

    @Override
    public Props outputDefaults(SimScope scope) {
        return Props.builder().put("region", scope.region()).put("minPortsPerVm", 64).build();
    }
}
