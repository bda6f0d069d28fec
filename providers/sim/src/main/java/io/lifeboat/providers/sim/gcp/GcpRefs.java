package io.lifeboat.providers.sim.gcp;

import static io.lifeboat.program.gcp.GcpSchemas.*;

import io.lifeboat.providers.sim.Reference;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.providers.sim.SimScope;

/**
 * How GCP names objects in a reference: by self link
 * ({@code https://www.googleapis.com/compute/v1/projects/p/global/networks/x}), by id
 * ({@code projects/p/global/networks/x}) or by name ({@code x}); all three find the same object,
 * and compare by the name (a dependency check).
 */
final class GcpRefs {
    static final String COMPUTE = "https://www.googleapis.com/compute/v1/";

    private GcpRefs() {
    }

    /** The last part of a path or link: the name. */
    static String last(String value) {
        String v = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        return v.substring(v.lastIndexOf('/') + 1);
    }

    /** The project a path or link names; null for a bare name. */
    static String projectIn(String value) {
        int at = value.startsWith("projects/") ? 0 : value.indexOf("/projects/") + 1;
        if (at < 0 || (at == 0 && !value.startsWith("projects/"))) return null;
        String rest = value.substring(at + "projects/".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    /** The region a path or link names ({@code regions/r/…} or {@code locations/r/…}); null when none. */
    static String regionIn(String value) {
        for (String k : new String[] {"/regions/", "/locations/"}) {
            int at = value.indexOf(k);
            if (at >= 0) {
                String rest = value.substring(at + k.length());
                int slash = rest.indexOf('/');
                return slash < 0 ? rest : rest.substring(0, slash);
            }
        }
        return null;
    }

    static String networkId(String project, String name) {
        return "projects/" + project + "/global/networks/" + name;
    }

    static String subnetworkId(String project, String region, String name) {
        return "projects/" + project + "/regions/" + region + "/subnetworks/" + name;
    }

    static String routerId(String project, String region, String name) {
        return "projects/" + project + "/regions/" + region + "/routers/" + name;
    }

    static String clusterId(String project, String location, String name) {
        return "projects/" + project + "/locations/" + location + "/clusters/" + name;
    }

    static String secretId(String project, String name) {
        return "projects/" + project + "/secrets/" + name;
    }

    /**
     * The object of {@code token} a value names: a bare name or a path with {@code collection}
     * ({@code networks}) of this project (and this region, when the path names one); {@code idOf}
     * makes the id from the project and the name.
     */
    private static SimObject named(SimScope scope, String token, String value, String collection, java.util.function.BinaryOperator<String> idOf) {
        if (value.contains("/")) {
            if (!value.contains(collection + "/")) return null;
            String p = projectIn(value);
            if (p != null && !p.equals(scope.project())) return null;
            String r = regionIn(value);
            if (r != null && !r.equals(scope.region())) return null;
        }
        return scope.find(token, idOf.apply(scope.project(), last(value)));
    }

    static final Reference.Resolver NETWORK_RESOLVER = (scope, value) -> named(scope, NETWORK, value, "networks", GcpRefs::networkId);
    static final Reference.Resolver SUBNETWORK_RESOLVER = (scope, value) -> named(scope, SUBNETWORK, value, "subnetworks",
            (p, n) -> subnetworkId(p, scope.region(), n));
    static final Reference.Resolver ROUTER_RESOLVER = (scope, value) -> named(scope, ROUTER, value, "routers", (p, n) -> routerId(p, scope.region(), n));
    static final Reference.Resolver CLUSTER_RESOLVER = (scope, value) -> named(scope, CLUSTER, value, "clusters", (p, n) -> clusterId(p, scope.region(), n));
    static final Reference.Resolver SECRET_RESOLVER = (scope, value) -> named(scope, SECRET, value, "secrets", GcpRefs::secretId);

    /** A reference to a network of the project by self link, id or name, which keeps it from being deleted. */
    static Reference network(String path) {
        return Reference.to(path, NETWORK, "notFound").resolvedBy(NETWORK_RESOLVER).keyedBy(GcpRefs::last);
    }

    static Reference to(String path, String token, Reference.Resolver resolver) {
        return Reference.to(path, token, "notFound").resolvedBy(resolver).keyedBy(GcpRefs::last);
    }

    /** The object of that type and id in any region of the sim (the project's names are global); null when none. */
    static SimObject anywhere(SimScope scope, String token, String id) {
        SimObject here = scope.find(token, id);
        if (here != null) return here;
        for (String region : scope.cloud().regions()) {
            SimObject o = scope.find(region, token, id);
            if (o != null) return o;
        }
        return null;
    }
}
