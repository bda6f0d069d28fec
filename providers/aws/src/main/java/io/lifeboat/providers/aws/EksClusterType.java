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
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.VpcConfigRequest;

/**
 * {@code aws:eks/cluster:Cluster}: made with a client request token, waited for until ACTIVE;
 * its outputs are the sim's ({@code endpoint}, {@code certificateAuthority.data}, {@code status},
 * …), which the Kubernetes provider connects through. Version upgrades wait too.
 */
final class EksClusterType extends AwsType {
    EksClusterType(AwsClients aws) {
        super(AwsSchemas.EKS_CLUSTER, aws);
    }

    private EksClient eks() {
        return aws.eks();
    }

    @Override
    public Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        Props in = clean(inputs);
        String name = str(in, "name");
        Props vpc = obj(in, "vpcConfig");
        VpcConfigRequest config = VpcConfigRequest.builder().subnetIds(strings(vpc, "subnetIds")).securityGroupIds(strings(vpc, "securityGroupIds"))
                .endpointPrivateAccess(bool(vpc, "endpointPrivateAccess")).endpointPublicAccess(bool(vpc, "endpointPublicAccess")).build();
        poll.consistent(ctx, "creating cluster " + name, () -> AwsCall.run(in("CreateCluster"), () -> eks().createCluster(r -> r.name(name)
                .roleArn(str(in, "roleArn")).version(str(in, "version")).resourcesVpcConfig(config).tags(markedTags(in, urn))
                .clientRequestToken(clientToken(urn, name)))));
        awaitActive(name, ctx);
        return created(name, in, ctx);
    }

    private void awaitActive(String name, OperationContext ctx) throws ProviderException {
        poll.until(ctx, "waiting for cluster " + name + " to be ACTIVE", () -> {
            Optional<Cluster> c = describe(name);
            String status = c.map(Cluster::statusAsString).orElse("CREATING");
            if ("ACTIVE".equals(status)) return Optional.of(status);
            if ("FAILED".equals(status)) throw invalid("ClusterFailed", "EKS cluster " + name + " in " + aws.region() + " failed to provision");
            return Optional.empty();
        });
    }

    private Optional<Cluster> describe(String name) throws ProviderException {
        return AwsCall.find(in("DescribeCluster"), () -> eks().describeCluster(r -> r.name(name)).cluster());
    }

    @Override
    protected Optional<View> view(String id, Props given, OperationContext ctx) throws ProviderException {
        Optional<Cluster> found = describe(id);
        if (found.isEmpty() || "DELETING".equals(found.get().statusAsString())) return Optional.empty();
        Cluster c = found.get();
        Props.Builder vpc = Props.builder();
        if (c.resourcesVpcConfig() != null) {
            vpc.put("subnetIds", PropertyValue.strings(c.resourcesVpcConfig().subnetIds()))
                    .put("securityGroupIds", PropertyValue.strings(c.resourcesVpcConfig().securityGroupIds()))
                    .put("endpointPrivateAccess", Boolean.TRUE.equals(c.resourcesVpcConfig().endpointPrivateAccess()))
                    .put("endpointPublicAccess", Boolean.TRUE.equals(c.resourcesVpcConfig().endpointPublicAccess()));
        }
        Props givenVpc = obj(clean(given), "vpcConfig");
        Props seenVpc = vpc.build();
        Props seen = Props.builder().put("name", c.name()).put("roleArn", c.roleArn()).put("version", c.version())
                // the engine's vpcConfig when the cloud's holds the same (AWS may list subnets in another order)
                .put("vpcConfig", new PropertyValue.Obj(sameVpc(givenVpc, seenVpc) ? givenVpc : seenVpc))
                .put("tags", tagsValue(c.tags() == null ? Map.of() : c.tags())).build();
        Props computed = Props.builder().put("arn", c.arn()).put("endpoint", c.endpoint())
                .put("certificateAuthority", PropertyValue.fromJava(Map.of("data", c.certificateAuthority() == null
                        || c.certificateAuthority().data() == null ? "" : c.certificateAuthority().data())))
                .put("status", c.statusAsString()).put("platformVersion", c.platformVersion())
                .put("createdAt", c.createdAt() == null ? null : c.createdAt().toString()).build();
        return Optional.of(new View(seen, computed));
    }

    private static boolean sameVpc(Props given, Props seen) {
        if (given.isEmpty()) return false;
        for (String key : new String[] {"subnetIds", "securityGroupIds"}) {
            if (!sameSet(strings(given, key), strings(seen, key))) return false;
        }
        return true;
    }

    @Override
    public Props update(String id, Props oldOutputs, Props newInputs, OperationContext ctx) throws ProviderException {
        Props in = clean(newInputs);
        String version = str(in, "version");
        if (version != null && !version.equals(str(oldOutputs, "version"))) {
            AwsCall.run(in("UpdateClusterVersion"), () -> eks().updateClusterVersion(r -> r.name(id).version(version)
                    .clientRequestToken(clientToken(ctx.urn(), "version-" + version))));
            poll.until(ctx, "waiting for cluster " + id + " to reach " + version, () -> {
                Optional<Cluster> c = describe(id);
                return c.isPresent() && version.equals(c.get().version()) && "ACTIVE".equals(c.get().statusAsString())
                        ? Optional.of(Boolean.TRUE) : Optional.empty();
            });
        }
        updateTags(id, oldOutputs, in);
        return current(id, in, ctx);
    }

    private void updateTags(String id, Props oldOutputs, Props in) throws ProviderException {
        retag(this, eks(), str(oldOutputs, "arn"), tagChange(oldOutputs, in));
    }

    /** EKS tags hang off the ARN (clusters and node groups alike). */
    static void retag(AwsType type, EksClient eks, String arn, TagChange change) throws ProviderException {
        if (change.none() || arn == null) return;
        if (!change.removed().isEmpty()) AwsCall.run(type.in("UntagResource"), () -> eks.untagResource(r -> r.resourceArn(arn).tagKeys(change.removed())));
        if (!change.set().isEmpty()) AwsCall.run(type.in("TagResource"), () -> eks.tagResource(r -> r.resourceArn(arn).tags(change.set())));
    }

    @Override
    public void delete(String id, Props outputs, OperationContext ctx) throws ProviderException {
        deleteInUse(ctx, "deleting cluster " + id, "DeleteCluster", () -> eks().deleteCluster(r -> r.name(id)));
        poll.until(ctx, "waiting for cluster " + id + " to be deleted",
                () -> describe(id).isEmpty() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    @Override
    protected Optional<String> idForUrn(Urn urn, Props inputs) throws ProviderException {
        String name = str(clean(inputs), "name");
        if (name == null) return Optional.empty();
        Optional<Cluster> c = describe(name);
        return c.isPresent() && c.get().tags() != null && marked(c.get().tags(), urn) ? Optional.of(name) : Optional.empty();
    }

    @Override
    protected void awaitUsable(String id, OperationContext ctx) throws ProviderException {
        awaitActive(id, ctx);
    }
}
