package io.lifeboat.providers.sim.gcp;

import static io.lifeboat.program.gcp.GcpSchemas.ROUTER;

import java.util.List;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.providers.sim.Reference;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.providers.sim.SimScope;
import io.lifeboat.resource.Props;

/** {@code gcp:compute/router:Router}: a Cloud Router of a network in the provider's region; it cannot be deleted while it has a NAT. */
final class RouterType extends GcpSimType {
    RouterType() {
        super(ROUTER);
    }

    @Override
    public List<Reference> references() {
        return List.of(GcpRefs.network("network"));
    }

    @Override
    protected void check(Props in, SimScope scope, SimObject current) throws ProviderException {
        checkName("resource.name", str(in, "name"), 63);
        checkRegion(in, "region", scope);
        Props bgp = obj(in, "bgp");
        Double asn = num(bgp, "asn");
        if (asn != null && !((asn >= 64512 && asn <= 65534) || (asn >= 4200000000L && asn <= 4294967294L))) {
            throw invalid("Invalid value for field 'resource.bgp.asn': " + asn.longValue() + ". Must be a private ASN (64512-65534, 4200000000-4294967294)");
        }
    }

    /** Its NATs are part of it: GCP refuses while one is there. */
    @Override
    public ProviderException inUse(String message) {
        return error(ProviderException.Kind.TRANSIENT, 400, "failedPrecondition", message);
    }

    @Override
    public String newId(Props in, SimScope scope) {
        return GcpRefs.routerId(project(scope), scope.region(), str(in, "name"));
    }

    @Override
    public Props computed(String id, Props in, SimScope scope) {
        return Props.builder().put("selfLink", GcpRefs.COMPUTE + id).put("creationTimestamp", timestamp(scope.now())).build();
    }

    @Override
    public Props outputDefaults(SimScope scope) {
        return Props.builder().put("region", scope.region()).build();
    }
}
