package io.lifeboat.providers.aws;

import java.util.Map;
import java.util.Optional;

import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Nodegroup;
import software.amazon.awssdk.services.eks.model.NodegroupScalingConfig;

/**
 * {@code aws:eks/nodeGroup:NodeGroup}: a managed node group, its id {@code cluster:name} (the
 * sim's and Pulumi's); waited for until ACTIVE, after a create and after a scaling change.
 */
final class EksNodeGroupType extends AwsType {
    EksNodeGroupType(AwsClients aws) {
        super(AwsSchemas.EKS_NODE_GROUP, aws);
    }

    private EksClient eks() {
        return aws.eks();
    }

    private static String[] split(String id) {
        int colon = id.indexOf(':');
        return colon < 0 ? new String[] {id, id} : new String[] {id.substring(0, colon), id.substring(colon + 1)};
    }

    private static NodegroupScalingConfig scaling(Props in) {
        Props s = obj(in, "scalingConfig");
        return NodegroupScalingConfig.builder().minSize(integer(s, "minSize")).maxSize(integer(s, "maxSize")).desiredSize(integer(s, "desiredSize")).build();
    }

    @Override
    public Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        Props in = clean(inputs);
        String cluster = str(in, "clusterName");
        String name = str(in, "nodeGroupName");
        poll.consistent(ctx, "creating node group " + name, () -> AwsCall.run(in("CreateNodegroup"), () -> eks().createNodegroup(r -> r
                .clusterName(cluster).nodegroupName(name).nodeRole(str(in, "nodeRoleArn")).subnets(strings(in, "subnetIds"))
                .instanceTypes(strings(in, "instanceTypes")).diskSize(integer(in, "diskSize")).scalingConfig(scaling(in))
                .tags(markedTags(in, urn)).clientRequestToken(clientToken(urn, cluster + ":" + name)))));
        String id = cluster + ":" + name;
        awaitActive(id, ctx);
        return created(id, in, ctx);
    }

    private void awaitActive(String id, OperationContext ctx) throws ProviderException {
        poll.until(ctx, "waiting for node group " + id + " to be ACTIVE", () -> {
            Optional<Nodegroup> g = describe(id);
            String status = g.map(Nodegroup::statusAsString).orElse("CREATING");
            if ("ACTIVE".equals(status)) return Optional.of(status);
            if (status.matches("CREATE_FAILED|DEGRADED")) {
                throw invalid("NodegroupFailed", "EKS node group " + id + " in " + aws.region() + " is " + status
                        + (g.get().health() != null ? ": " + g.get().health().issues() : ""));
            }
            return Optional.empty();
        });
    }

    private Optional<Nodegroup> describe(String id) throws ProviderException {
        String[] parts = split(id);
        return AwsCall.find(in("DescribeNodegroup"), () -> eks().describeNodegroup(r -> r.clusterName(parts[0]).nodegroupName(parts[1])).nodegroup());
    }

    @Override
    protected Optional<View> view(String id, Props given, OperationContext ctx) throws ProviderException {
        Optional<Nodegroup> found = describe(id);
        if (found.isEmpty() || "DELETING".equals(found.get().statusAsString())) return Optional.empty();
        Nodegroup g = found.get();
        Props.Builder seen = Props.builder().put("clusterName", g.clusterName()).put("nodeGroupName", g.nodegroupName())
                .put("nodeRoleArn", g.nodeRole()).put("tags", tagsValue(g.tags() == null ? Map.of() : g.tags()));
        if (g.subnets() != null) seen.put("subnetIds", PropertyValue.strings(sameMembers(strings(given, "subnetIds"), g.subnets())));
        if (g.instanceTypes() != null && !g.instanceTypes().isEmpty()) seen.put("instanceTypes", PropertyValue.strings(g.instanceTypes()));
        if (g.diskSize() != null) seen.put("diskSize", g.diskSize());
        if (g.scalingConfig() != null) {
            seen.put("scalingConfig", new PropertyValue.Obj(Props.builder().put("minSize", g.scalingConfig().minSize())
                    .put("maxSize", g.scalingConfig().maxSize()).put("desiredSize", g.scalingConfig().desiredSize()).build()));
        }
        return Optional.of(new View(seen.build(), Props.builder().put("arn", g.nodegroupArn()).put("status", g.statusAsString()).build()));
    }

    @Override
    public Props update(String id, Props oldOutputs, Props newInputs, OperationContext ctx) throws ProviderException {
        Props in = clean(newInputs);
        String[] parts = split(id);
        if (!obj(in, "scalingConfig").equals(obj(clean(oldOutputs), "scalingConfig"))) {
            AwsCall.run(in("UpdateNodegroupConfig"), () -> eks().updateNodegroupConfig(r -> r.clusterName(parts[0]).nodegroupName(parts[1])
                    .scalingConfig(scaling(in))));
            poll.until(ctx, "waiting for node group " + id + " to scale", () -> {
                Optional<Nodegroup> g = describe(id);
                return g.isPresent() && "ACTIVE".equals(g.get().statusAsString()) ? Optional.of(Boolean.TRUE) : Optional.empty();
            });
        }
        EksClusterType.retag(this, eks(), str(oldOutputs, "arn"), tagChange(oldOutputs, in));
        return current(id, in, ctx);
    }

    @Override
    public void delete(String id, Props outputs, OperationContext ctx) throws ProviderException {
        String[] parts = split(id);
        deleteInUse(ctx, "deleting node group " + id, "DeleteNodegroup", () -> eks().deleteNodegroup(r -> r.clusterName(parts[0]).nodegroupName(parts[1])));
        poll.until(ctx, "waiting for node group " + id + " to be deleted",
                () -> describe(id).isEmpty() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    @Override
    protected void awaitUsable(String id, OperationContext ctx) throws ProviderException {
        awaitActive(id, ctx);
    }

    @Override
    protected Optional<String> idForUrn(Urn urn, Props inputs) throws ProviderException {
        Props in = clean(inputs);
        if (str(in, "clusterName") == null || str(in, "nodeGroupName") == null) return Optional.empty();
        String id = str(in, "clusterName") + ":" + str(in, "nodeGroupName");
        Optional<Nodegroup> g = describe(id);
        return g.isPresent() && g.get().tags() != null && marked(g.get().tags(), urn) ? Optional.of(id) : Optional.empty();
    }
}
