package io.lifeboat.providers.sim.gcp;

import static io.lifeboat.program.gcp.GcpSchemas.*;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.providers.sim.Reference;
import io.lifeboat.providers.sim.SimKubernetesType;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.providers.sim.SimScope;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

/**
 * {@code gcp:container/cluster:Cluster}: a regional GKE cluster (its location the provider's
 * region) on a subnetwork of its network, its pods and services in secondary ranges of the
 * subnetwork; {@code PROVISIONING} until made, then {@code RUNNING}. Deletion protection (on by
 * default, as in pulumi-gcp) refuses a delete; a delete takes the node pools and the Kubernetes
 * objects with it.
 */
final class ClusterType extends GcpSimType {
    static final List<String> MINORS = List.of("1.28", "1.29", "1.30", "1.31");
    private static final Map<String, String> PATCHES = Map.of("1.28", "1.28.15-gke.1020000", "1.29", "1.29.10-gke.1071000",
            "1.30", "1.30.5-gke.1014001", "1.31", "1.31.1-gke.1678000");
    static final String DEFAULT_MINOR = "1.30";

    ClusterType() {
        super(CLUSTER);
    }

    @Override
    public List<Reference> references() {
        return List.of(GcpRefs.network("network"), GcpRefs.to("subnetwork", SUBNETWORK, GcpRefs.SUBNETWORK_RESOLVER));
    }

    @Override
    protected void check(Props in, SimScope scope, SimObject current) throws ProviderException {
        String name = str(in, "name");
        if (name == null || name.length() > 40 || !name.matches(RFC1035)) {
            throw invalid("Cluster name \"" + name + "\" must be 1-40 characters of lowercase letters, digits and hyphens, start with a letter and not end with a hyphen");
        }
        String location = str(in, "location");
        if (!scope.region().equals(location)) {
            throw invalid("Location \"" + location + "\" is not the provider's region " + scope.region() + ": the sim makes regional clusters there");
        }
        SimObject network = GcpRefs.NETWORK_RESOLVER.resolve(scope, str(in, "network"));
        SimObject subnetwork = GcpRefs.SUBNETWORK_RESOLVER.resolve(scope, str(in, "subnetwork"));
        if (!GcpRefs.last(subnetwork.inputs().string("network")).equals(GcpRefs.last(network.id()))) {
            throw invalid("Subnetwork \"" + subnetwork.id() + "\" is not in network \"" + network.id() + "\"");
        }
        Props policy = obj(in, "ipAllocationPolicy");
        Set<String> ranges = SubnetworkType.secondaryNames(subnetwork.inputs());
        for (String field : new String[] {"clusterSecondaryRangeName", "servicesSecondaryRangeName"}) {
            String range = str(policy, field);
            if (range != null && !ranges.contains(range)) {
                throw badRequest("Retry budget exhausted: secondary range \"" + range + "\" (" + field + ") does not exist in subnetwork \"" + subnetwork.id()
                        + "\" (it has " + (ranges.isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(ranges))) + ")");
            }
        }
        Double initial = num(in, "initialNodeCount");
        if (bool(in, "removeDefaultNodePool", false) && (initial == null || initial < 1)) {
            throw invalid("Cluster.initial_node_count must be greater than zero when the default node pool is removed after creation");
        }
        String version = str(in, "minMasterVersion");
        if (version != null && minor(version) == null) {
            throw invalid("Master version \"" + version + "\" is unsupported (supported: " + String.join(", ", MINORS) + ", or a patch of one, e.g. "
                    + PATCHES.get(DEFAULT_MINOR) + ")");
        }
        if (current != null && version != null) {
            String was = minor(current.computed().string("masterVersion"));
            if (was != null && MINORS.indexOf(minor(version)) < MINORS.indexOf(was)) {
                throw invalid("Master version \"" + version + "\" is older than the cluster's " + current.computed().string("masterVersion")
                        + ": a cluster's master cannot be downgraded");
            }
        }
    }

    /** {@code 1.30} of {@code 1.30}, {@code 1.30.5-gke.1014001} or {@code latest}; null when not a supported version. */
    static String minor(String version) {
        if (version == null) return null;
        if (version.equals("latest")) return MINORS.get(MINORS.size() - 1);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(1\\.\\d+)(\\.\\d+(-gke\\.\\d+)?)?").matcher(version);
        if (!m.matches() || !MINORS.contains(m.group(1))) return null;
        return m.group(1);
    }

    private static String masterVersion(String version) {
        if (version == null) return PATCHES.get(DEFAULT_MINOR);
        if (version.contains(".") && version.split("\\.").length == 3) return version.contains("-gke.") ? version : version + "-gke.1000000";
        return PATCHES.get(minor(version));
    }

    @Override
    public String newId(Props in, SimScope scope) {
        return GcpRefs.clusterId(project(scope), str(in, "location"), str(in, "name"));
    }

    @Override
    public Props computed(String id, Props in, SimScope scope) {
        return Props.builder()
                .put("endpoint", "34." + (64 + Integer.parseInt(scope.ids().upperHex(2), 16) % 64) + "." + Integer.parseInt(scope.ids().upperHex(2), 16)
                        + "." + (1 + Integer.parseInt(scope.ids().upperHex(2), 16) % 254))
                .put("masterAuth", PropertyValue.fromJava(Map.of("clusterCaCertificate", scope.ids().certificateAuthorityData())))
                .put("masterVersion", masterVersion(str(in, "minMasterVersion")))
                .put("selfLink", "https://container.googleapis.com/v1/" + id)
                .put("labelFingerprint", scope.ids().upperHex(8).toLowerCase(java.util.Locale.ROOT))
                .build();
    }

    @Override
    public Props updated(SimObject current, Props in, SimScope scope) {
        String asked = str(in, "minMasterVersion");
        if (asked == null || asked.equals(current.inputs().string("minMasterVersion"))) return current.computed();
        return current.computed().with("masterVersion", s(masterVersion(asked)));
    }

    @Override
    public Props live(SimObject o, SimScope scope) {
        String status = o.is(SimObject.CREATING) ? "PROVISIONING" : o.is(SimObject.DELETING) ? "STOPPING" : "RUNNING";
        return o.computed().with("status", s(status));
    }

    @Override
    public Props outputDefaults(SimScope scope) {
        return Props.builder().put("deletionProtection", true).put("removeDefaultNodePool", false).build();
    }

    @Override
    public void beforeDelete(SimObject o, SimScope scope) throws ProviderException {
        if (bool(o.inputs(), "deletionProtection", true)) {
            throw failedPrecondition("Cannot destroy cluster because deletion_protection is set to true. Set it to false to proceed with cluster deletion ("
                    + o.id() + ")");
        }
        for (SimObject pool : scope.all(NODE_POOL)) {
            if (pool.id().startsWith(o.id() + "/nodePools/")) scope.remove(pool);
        }
        SimKubernetesType.deleteAllOf(o.id(), scope);
    }
}
