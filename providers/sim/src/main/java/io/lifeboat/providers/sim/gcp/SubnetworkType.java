package io.lifeboat.providers.sim.gcp;

import static io.lifeboat.program.gcp.GcpSchemas.SUBNETWORK;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.providers.sim.Reference;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.providers.sim.SimScope;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.spec.Cidr;

/**
 * {@code gcp:compute/subnetwork:Subnetwork}: a private range (/8 to /29) of its network in the
 * provider's region, with named secondary ranges (a GKE cluster's pods and services); no range
 * may overlap another of the subnetwork or of the network's other subnetworks; an auto-mode
 * network keeps 10.128.0.0/9 for its own.
 */
final class SubnetworkType extends GcpSimType {
    private static final Cidr AUTO_MODE = Cidr.parse("10.128.0.0/9");

    SubnetworkType() {
        super(SUBNETWORK);
    }

    @Override
    public List<Reference> references() {
        return List.of(GcpRefs.network("network"));
    }

    @Override
    protected void check(Props in, SimScope scope, SimObject current) throws ProviderException {
        checkName("resource.name", str(in, "name"), 63);
        checkRegion(in, "region", scope);
        Cidr primary = range(str(in, "ipCidrRange"), "resource.ipCidrRange");
        SimObject network = GcpRefs.NETWORK_RESOLVER.resolve(scope, str(in, "network"));
        List<Cidr> mine = new ArrayList<>();
        mine.add(primary);
        Set<String> names = new HashSet<>();
        for (Props r : objects(in, "secondaryIpRanges")) {
            String name = r.string("rangeName");
            checkName("resource.secondaryIpRanges.rangeName", name, 63);
            if (!names.add(name)) throw invalid("Invalid value for field 'resource.secondaryIpRanges': the range name '" + name + "' is used twice");
            Cidr c = range(r.string("ipCidrRange"), "resource.secondaryIpRanges[" + name + "].ipCidrRange");
            for (Cidr other : mine) {
                if (other.overlaps(c)) {
                    throw invalid("Invalid IPCidrRange: " + c + " conflicts with existing subnetwork range " + other + " of this subnetwork");
                }
            }
            mine.add(c);
        }
        if (network != null && NetworkType.autoMode(network)) {
            for (Cidr c : mine) {
                if (c.overlaps(AUTO_MODE)) {
                    throw invalid("Invalid IPCidrRange: " + c + " conflicts with the auto-mode range 10.128.0.0/9 of network " + network.id());
                }
            }
        }
        for (SimObject other : scope.live(SUBNETWORK)) {
            if (current != null && other.id().equals(current.id())) continue;
            if (network == null || !GcpRefs.last(str(other.inputs(), "network")).equals(GcpRefs.last(network.id()))) continue;
            for (Cidr theirs : rangesOf(other.inputs())) {
                for (Cidr c : mine) {
                    if (theirs.overlaps(c)) {
                        throw invalid("Invalid IPCidrRange: " + c + " conflicts with existing subnetwork '" + other.id() + "' (" + theirs + ") in region '"
                                + scope.region() + "'");
                    }
                }
            }
        }
    }

    private static Cidr range(String text, String field) throws ProviderException {
        Cidr c = text == null ? null : Cidr.parse(text);
        if (c == null) throw invalid("Invalid value for field '" + field + "': '" + text + "'. Must be a CIDR range");
        if (!c.isCanonical()) {
            throw invalid("Invalid value for field '" + field + "': '" + text + "'. The range has host bits set; did you mean " + c.canonical() + "?");
        }
        if (c.prefix() < 8 || c.prefix() > 29) throw invalid("Invalid value for field '" + field + "': '" + text + "'. The prefix length must be /8 to /29");
        if (!c.isPrivate()) throw invalid("Invalid value for field '" + field + "': '" + text + "'. The range must be private (RFC 1918 or 100.64.0.0/10)");
        return c;
    }

    /** A subnetwork's ranges: the primary and the secondary ones. */
    static List<Cidr> rangesOf(Props in) {
        List<Cidr> out = new ArrayList<>();
        Cidr p = Cidr.parse(String.valueOf(in.string("ipCidrRange")));
        if (p != null) out.add(p);
        for (Props r : objects(in, "secondaryIpRanges")) {
            Cidr c = Cidr.parse(String.valueOf(r.string("ipCidrRange")));
            if (c != null) out.add(c);
        }
        return out;
    }

    /** The names of the secondary ranges. */
    static Set<String> secondaryNames(Props in) {
        Set<String> out = new HashSet<>();
        for (Props r : objects(in, "secondaryIpRanges")) {
            if (r.string("rangeName") != null) out.add(r.string("rangeName"));
        }
        return out;
    }

    @Override
    public String newId(Props in, SimScope scope) {
        return GcpRefs.subnetworkId(project(scope), scope.region(), str(in, "name"));
    }

    @Override
    public Props computed(String id, Props in, SimScope scope) {
        Cidr c = Cidr.parse(str(in, "ipCidrRange"));
        long first = (c.address() & c.mask()) + 1;
        String gateway = ((first >> 24) & 0xff) + "." + ((first >> 16) & 0xff) + "." + ((first >> 8) & 0xff) + "." + (first & 0xff);
        return Props.builder()
                .put("selfLink", GcpRefs.COMPUTE + id)
                .put("gatewayAddress", gateway)
                .put("creationTimestamp", timestamp(scope.now()))
                .build();
    }

    @Override
    public Props outputDefaults(SimScope scope) {
        return Props.builder().put("region", scope.region()).put("privateIpGoogleAccess", false).put("secondaryIpRanges", PropertyValue.list()).build();
    }
}
