package io.lifeboat.providers.sim.gcp;

import static io.lifeboat.program.gcp.GcpSchemas.GLOBAL_ADDRESS;

import java.util.List;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.providers.sim.Reference;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.providers.sim.SimScope;
import io.lifeboat.resource.Props;
import io.lifeboat.spec.Cidr;

/**
 * {@code gcp:compute/globalAddress:GlobalAddress}: a global address or range of the project. A
 * range for private services access ({@code purpose: VPC_PEERING}) is {@code INTERNAL}, names its
 * network and a prefix of /8 to /24; without an {@code address} the cloud picks the range
 * (192.168.0.0 here, outside the networks the program makes).
 */
final class GlobalAddressType extends GcpSimType {
    GlobalAddressType() {
        super(GLOBAL_ADDRESS);
    }

    @Override
    public List<Reference> references() {
        return List.of(GcpRefs.network("network"));
    }

    @Override
    protected void check(Props in, SimScope scope, SimObject current) throws ProviderException {
        checkName("resource.name", str(in, "name"), 63);
        String purpose = str(in, "purpose");
        if (purpose == null || !purpose.equals("VPC_PEERING")) return;
        if (!"INTERNAL".equals(str(in, "addressType"))) {
            throw invalid("Invalid value for field 'resource.addressType': '" + str(in, "addressType") + "'. A VPC_PEERING range must be INTERNAL");
        }
        if (str(in, "network") == null) throw invalid("Invalid value for field 'resource.network': a VPC_PEERING range needs its network");
        Double prefix = num(in, "prefixLength");
        if (prefix == null || prefix < 8 || prefix > 24) {
            throw invalid("Invalid value for field 'resource.prefixLength': " + prefix + ". A VPC_PEERING range is /8 to /24");
        }
        String address = str(in, "address");
        if (address != null && (Cidr.parse(address + "/" + prefix.intValue()) == null || !Cidr.parse(address + "/" + prefix.intValue()).isCanonical())) {
            throw invalid("Invalid value for field 'resource.address': '" + address + "' does not start a /" + prefix.intValue() + " range");
        }
    }

    @Override
    public String newId(Props in, SimScope scope) {
        return "projects/" + project(scope) + "/global/addresses/" + str(in, "name");
    }

    @Override
    public Props computed(String id, Props in, SimScope scope) {
        Props.Builder out = Props.builder().put("selfLink", GcpRefs.COMPUTE + id).put("creationTimestamp", timestamp(scope.now()));
        if (str(in, "address") == null) out.put("address", "VPC_PEERING".equals(str(in, "purpose")) ? "192.168.0.0" : "34.102.0.10");
        return out.build();
    }
}
