package io.lifeboat.providers.sim.gcp;

import static io.lifeboat.program.gcp.GcpSchemas.CLUSTER;
import static io.lifeboat.program.gcp.GcpSchemas.NODE_POOL;

import java.util.ArrayList;
import java.util.List;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.providers.sim.Reference;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.providers.sim.SimScope;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

/**
 * {@code gcp:container/nodePool:NodePool}: a pool of a cluster of the region (named by name or
 * id), unique in it, with autoscaling bounds its node count stays within, of a GCP machine type.
 * It goes with its cluster.
 */
final class NodePoolType extends GcpSimType {
    private static final String MACHINE = "(e2|n1|n2|n2d|n4|c2|c2d|c3|c3d|c4|t2d|t2a|m1|m2|m3|a2|a3|g2)-(standard|highmem|highcpu)-\\d{1,3}"
            + "|e2-(micro|small|medium)|f1-micro|g1-small|(e2|n1|n2|n2d)-custom-\\d{1,3}-\\d{3,7}(-ext)?";

    NodePoolType() {
        super(NODE_POOL);
    }

    @Override
    public List<Reference> references() {
        // the cluster deletes its pools: a pool does not keep it
        return List.of(GcpRefs.to("cluster", CLUSTER, GcpRefs.CLUSTER_RESOLVER).weak());
    }

    @Override
    protected void check(Props in, SimScope scope, SimObject current) throws ProviderException {
        String name = str(in, "name");
        if (name == null || name.length() > 40 || !name.matches(RFC1035)) {
            throw invalid("Node pool name \"" + name + "\" must be 1-40 characters of lowercase letters, digits and hyphens, starting with a letter");
        }
        if (!scope.region().equals(str(in, "location"))) {
            throw invalid("Location \"" + str(in, "location") + "\" is not the provider's region " + scope.region());
        }
        SimObject cluster = GcpRefs.CLUSTER_RESOLVER.resolve(scope, str(in, "cluster"));
        if (cluster.is(SimObject.CREATING)) {
            throw failedPrecondition("Cluster is running incompatible operation: cluster " + cluster.id() + " is still being created");
        }
        Props scaling = obj(in, "autoscaling");
        long min = 0;
        long max = 1000;
        if (!scaling.isEmpty()) {
            Double lo = num(scaling, "minNodeCount");
            Double hi = num(scaling, "maxNodeCount");
            if (lo != null) min = lo.longValue();
            if (hi != null) max = hi.longValue();
            if (min < 0 || max < 1 || max > 1000 || min > max) {
                throw invalid("Invalid autoscaling bounds: minNodeCount " + min + ", maxNodeCount " + max + " (0 <= min <= max, 1 <= max <= 1000)");
            }
        }
        // the initial count is the create's only: GKE keeps the pool within its bounds afterwards
        for (String field : current == null ? new String[] {"nodeCount", "initialNodeCount"} : new String[] {"nodeCount"}) {
            Double n = num(in, field);
            if (n != null && (n < min || n > max || n != Math.rint(n))) {
                throw invalid(field + " " + n.longValue() + " is outside the autoscaling bounds " + min + ".." + max);
            }
        }
        Props node = obj(in, "nodeConfig");
        String machine = str(node, "machineType");
        if (machine != null && !machine.matches(MACHINE)) throw invalid("Invalid value for field 'nodeConfig.machineType': '" + machine + "'. Not a machine type");
        Double disk = num(node, "diskSizeGb");
        if (disk != null && (disk < 10 || disk > 65536)) throw invalid("Invalid value for field 'nodeConfig.diskSizeGb': " + disk.longValue() + ". Must be at least 10");
        if (node.containsKey("oauthScopes") && !(node.get("oauthScopes") instanceof PropertyValue.Arr)) throw invalid("nodeConfig.oauthScopes must be a list");
    }

    @Override
    public String newId(Props in, SimScope scope) {
        SimObject cluster = GcpRefs.CLUSTER_RESOLVER.resolve(scope, str(in, "cluster"));
        String clusterId = cluster != null ? cluster.id() : GcpRefs.clusterId(project(scope), str(in, "location"), GcpRefs.last(str(in, "cluster")));
        return clusterId + "/nodePools/" + str(in, "name");
    }

    @Override
    public Props computed(String id, Props in, SimScope scope) {
        SimObject cluster = GcpRefs.CLUSTER_RESOLVER.resolve(scope, str(in, "cluster"));
        List<String> groups = new ArrayList<>();
        for (char zone : new char[] {'a', 'b', 'c'}) {
            groups.add(GcpRefs.COMPUTE + "projects/" + project(scope) + "/zones/" + scope.region() + "-" + zone + "/instanceGroupManagers/gke-"
                    + GcpRefs.last(str(in, "cluster")) + "-" + str(in, "name") + "-" + scope.ids().lowerAlnum(8) + "-grp");
        }
        return Props.builder()
                .put("instanceGroupUrls", PropertyValue.strings(groups))
                .put("version", cluster == null ? null : cluster.computed().string("masterVersion"))
                .put("operation", PropertyValue.NULL)
                .build();
    }

    @Override
    public Props live(SimObject o, SimScope scope) {
        Props c = o.computed();
        if (!o.inputs().containsKey("nodeCount")) {
            PropertyValue initial = o.inputs().get("initialNodeCount");
            if (initial != null) c = c.with("nodeCount", initial);
        }
        return c;
    }
}
