package io.lifeboat.providers.sim.gcp;

import static io.lifeboat.program.gcp.GcpSchemas.FIREWALL;

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
 * {@code gcp:compute/firewall:Firewall}: rules of a network, INGRESS (the default) or EGRESS, at a
 * priority of 0..65535 (1000 by default), that either allow or deny (exactly one) protocols and
 * ports; an INGRESS rule needs sources.
 */
final class FirewallType extends GcpSimType {
    private static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "icmp", "all", "esp", "ah", "sctp", "ipip");
    private static final Set<String> WITH_PORTS = Set.of("tcp", "udp", "sctp", "6", "17", "132");

    FirewallType() {
        super(FIREWALL);
    }

    @Override
    public List<Reference> references() {
        return List.of(GcpRefs.network("network"));
    }

    @Override
    protected void check(Props in, SimScope scope, SimObject current) throws ProviderException {
        checkName("resource.name", str(in, "name"), 63);
        oneOf(in, "direction", "INGRESS", "EGRESS");
        intIn(in, "priority", 0, 65535);
        List<Props> allows = objects(in, "allows");
        List<Props> denies = objects(in, "denies");
        if (allows.isEmpty() == denies.isEmpty()) {
            throw invalid("Invalid value for field 'resource': exactly one of 'allowed' and 'denied' must be given, with at least one rule");
        }
        for (Props rule : allows.isEmpty() ? denies : allows) checkRule(rule, allows.isEmpty() ? "denied" : "allowed");
        boolean ingress = !"EGRESS".equals(str(in, "direction"));
        List<String> sourceRanges = strings(in, "sourceRanges");
        if (ingress && sourceRanges.isEmpty() && strings(in, "sourceTags").isEmpty()) {
            throw invalid("Invalid value for field 'resource': an INGRESS firewall needs sourceRanges, sourceTags or sourceServiceAccounts");
        }
        if (!ingress && !strings(in, "sourceTags").isEmpty()) throw invalid("Invalid value for field 'resource.sourceTags': not allowed on an EGRESS firewall");
        for (String r : sourceRanges) checkRange("resource.sourceRanges", r);
        for (String r : strings(in, "destinationRanges")) checkRange("resource.destinationRanges", r);
    }

    private static void checkRange(String field, String r) throws ProviderException {
        if (Cidr.parse(r) == null && Cidr.parse(r + "/32") == null) throw invalid("Invalid value for field '" + field + "': '" + r + "'. Must be a CIDR range");
    }

    private static void checkRule(Props rule, String kind) throws ProviderException {
        String protocol = rule.string("protocol");
        boolean number = protocol != null && protocol.matches("\\d{1,3}") && Integer.parseInt(protocol) <= 255;
        if (protocol == null || (!PROTOCOLS.contains(protocol) && !number)) {
            throw invalid("Invalid value for field 'resource." + kind + ".IPProtocol': '" + protocol + "'. Must be one of " + PROTOCOLS
                    + " or an IP protocol number");
        }
        List<String> ports = strings(rule, "ports");
        if (!ports.isEmpty() && !WITH_PORTS.contains(protocol)) {
            throw invalid("Invalid value for field 'resource." + kind + ".ports': ports are only allowed for tcp, udp and sctp, not " + protocol);
        }
        for (String p : ports) {
            if (!p.matches("\\d{1,5}(-\\d{1,5})?")) throw invalid("Invalid value for field 'resource." + kind + ".ports': '" + p + "'. Must be N or N-M");
            String[] ends = p.split("-");
            int from = Integer.parseInt(ends[0]);
            int to = Integer.parseInt(ends[ends.length - 1]);
            if (from > 65535 || to > 65535 || from > to) {
                throw invalid("Invalid value for field 'resource." + kind + ".ports': '" + p + "'. Ports are 0..65535, the first no greater than the last");
            }
        }
    }

    @Override
    public String newId(Props in, SimScope scope) {
        return "projects/" + project(scope) + "/global/firewalls/" + str(in, "name");
    }

    @Override
    public Props computed(String id, Props in, SimScope scope) {
        return Props.builder().put("selfLink", GcpRefs.COMPUTE + id).put("creationTimestamp", timestamp(scope.now())).build();
    }

    @Override
    public Props outputDefaults(SimScope scope) {
        return Props.builder().put("direction", "INGRESS").put("priority", 1000).put("disabled", false)
                .put("sourceRanges", PropertyValue.list()).put("sourceTags", PropertyValue.list()).put("targetTags", PropertyValue.list())
                .put("destinationRanges", PropertyValue.list()).put("allows", PropertyValue.list()).put("denies", PropertyValue.list()).build();
    }
}
