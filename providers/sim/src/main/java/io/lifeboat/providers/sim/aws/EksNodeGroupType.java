package io.lifeboat.providers.sim.aws;

import static io.lifeboat.program.aws.AwsSchemas.*;

import java.util.List;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.Values;
import io.lifeboat.providers.sim.Reference;
import io.lifeboat.providers.sim.SimErrors;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.providers.sim.SimScope;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

/**
 * {@code aws:eks/nodeGroup:NodeGroup}: named uniquely in its cluster, on subnets of the cluster's
 * VPC, with {@code minSize <= desiredSize <= maxSize}; its id is {@code <cluster>:<node group>}.
 */
final class EksNodeGroupType extends AwsSimType {
    EksNodeGroupType() {
        super(EKS_NODE_GROUP);
    }

    @Override
    public String notFoundCode() {
        return "ResourceNotFoundException";
    }

    @Override
    public List<Reference> references() {
        return List.of(
                Reference.to("clusterName", EKS_CLUSTER, "ResourceNotFoundException"),
                Reference.to("nodeRoleArn", IAM_ROLE, "InvalidParameterException").resolvedBy(Resolvers.ROLE_BY_ARN).weak(),
                Reference.to("subnetIds", SUBNET, "InvalidParameterException"));
    }

    @Override
    public void validate(Props in, SimScope scope, SimObject current) throws ProviderException {
        String name = str(in, "nodeGroupName");
        if (!name.matches("[0-9A-Za-z][A-Za-z0-9_-]{0,62}")) throw bad("node group name " + name + " must match [0-9A-Za-z][A-Za-z0-9\\-_]* (at most 63)");
        Props scaling = obj(in, "scalingConfig");
        if (!Values.isObj(in, "scalingConfig")) throw bad("scalingConfig must be an object with minSize, maxSize, desiredSize");
        Double min = num(scaling, "minSize");
        Double max = num(scaling, "maxSize");
        Double desired = num(scaling, "desiredSize");
        if (min == null || max == null || desired == null) throw bad("scalingConfig needs minSize, maxSize and desiredSize");
        if (min < 0 || max < 1 || min > desired || desired > max) {
            throw bad("scalingConfig must satisfy 0 <= minSize <= desiredSize <= maxSize and maxSize >= 1 (got "
                    + min.intValue() + " <= " + desired.intValue() + " <= " + max.intValue() + ")");
        }
        if (in.containsKey("instanceTypes") && strings(in, "instanceTypes").isEmpty()) throw bad("instanceTypes must name at least one instance type");
        Double disk = num(in, "diskSize");
        if (disk != null && (disk < 1 || disk > 16384)) throw bad("diskSize must be within 1..16384 GiB");
        SimObject cluster = scope.find(EKS_CLUSTER, str(in, "clusterName"));
        Props clusterVpc = cluster.inputs().get("vpcConfig") instanceof PropertyValue.Obj o ? o.props() : Props.EMPTY;
        List<String> clusterSubnets = strings(clusterVpc, "subnetIds");
        String clusterNetwork = clusterSubnets.isEmpty() ? null : vpcIdOf(scope.find(SUBNET, clusterSubnets.get(0)));
        for (String id : strings(in, "subnetIds")) {
            String network = vpcIdOf(scope.find(SUBNET, id));
            if (clusterNetwork != null && !clusterNetwork.equals(network)) {
                throw bad("subnet " + id + " is not in the VPC of cluster " + cluster.id() + " (" + clusterNetwork + ")");
            }
        }
    }

    @Override
    public String uniqueKey(Props in) {
        return str(in, "clusterName") + ":" + str(in, "nodeGroupName");
    }

    @Override
    public ProviderException duplicate(Props in, SimObject existing) {
        return SimErrors.conflict("ResourceInUseException", "NodeGroup already exists with name " + str(in, "nodeGroupName")
                + " and cluster name " + str(in, "clusterName"));
    }

    @Override
    public String newId(Props in, SimScope scope) {
        return str(in, "clusterName") + ":" + str(in, "nodeGroupName");
    }

    @Override
    public Props computed(String id, Props in, SimScope scope) {
        return Props.builder()
                .put("arn", scope.arn("eks", "nodegroup/" + str(in, "clusterName") + "/" + str(in, "nodeGroupName") + "/" + scope.ids().uuid()))
                .build();
    }

    @Override
    public Props live(SimObject o, SimScope scope) {
        return o.computed().with("status", s(EksStatus.of(o)));
    }

    @Override
    public Props outputDefaults(SimScope scope) {
        return Props.builder().put("instanceTypes", PropertyValue.strings(List.of("t3.medium"))).put("diskSize", 20).build();
    }
}
