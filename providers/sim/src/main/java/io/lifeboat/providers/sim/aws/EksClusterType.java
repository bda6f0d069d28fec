package io.lifeboat.providers.sim.aws;

import static io.lifeboat.program.aws.AwsSchemas.*;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.Values;
import io.lifeboat.providers.sim.Reference;
import io.lifeboat.providers.sim.SimErrors;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.providers.sim.SimScope;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

/**
 * {@code aws:eks/cluster:Cluster}: named uniquely in the region, on subnets of one VPC in at least
 * two zones; upgrades one minor Kubernetes version at a time.
 */
final class EksClusterType extends AwsSimType {
    static final List<String> VERSIONS = List.of("1.28", "1.29", "1.30", "1.31", "1.32", "1.33");
    static final String DEFAULT_VERSION = "1.31";

    EksClusterType() {
        super(EKS_CLUSTER);
    }

    @Override
    public String notFoundCode() {
        return "ResourceNotFoundException";
    }

    @Override
    public List<Reference> references() {
        return List.of(
                Reference.to("roleArn", IAM_ROLE, "InvalidParameterException").resolvedBy(Resolvers.ROLE_BY_ARN).weak(),
                Reference.to("vpcConfig.subnetIds", SUBNET, "InvalidParameterException"),
                Reference.to("vpcConfig.securityGroupIds", SECURITY_GROUP, "InvalidParameterException")
                        .resolvedBy(Resolvers.SECURITY_GROUP_OR_DEFAULT));
    }

    @Override
    public void validate(Props in, SimScope scope, SimObject current) throws ProviderException {
        String name = str(in, "name");
        if (!name.matches("[0-9A-Za-z][A-Za-z0-9_-]{0,99}")) throw bad("cluster name " + name + " must match [0-9A-Za-z][A-Za-z0-9\\-_]* (at most 100)");
        String version = str(in, "version");
        if (version != null && !VERSIONS.contains(version)) {
            throw bad("unsupported Kubernetes version " + version + " (supported: " + String.join(", ", VERSIONS) + ")");
        }
        if (current != null && version != null) {
            String was = current.inputs().string("version");
            if (was == null) was = DEFAULT_VERSION;
            int from = VERSIONS.indexOf(was);
            int to = VERSIONS.indexOf(version);
            if (to < from) throw bad("Kubernetes versions cannot be downgraded (" + was + " to " + version + ")");
            if (to > from + 1) throw bad("Kubernetes upgrades go one minor version at a time (" + was + " to " + version + ")");
        }
        Props vpcConfig = obj(in, "vpcConfig");
        if (!Values.isObj(in, "vpcConfig")) throw bad("vpcConfig must be an object with subnetIds");
        checkSubnets(scope, strings(vpcConfig, "subnetIds"));
    }

    private void checkSubnets(SimScope scope, List<String> subnetIds) throws ProviderException {
        Set<String> zones = new HashSet<>();
        Set<String> networks = new HashSet<>();
        for (String id : subnetIds) {
            SimObject subnet = scope.find(SUBNET, id);
            zones.add(subnet.inputs().string("availabilityZone"));
            networks.add(subnet.inputs().string("vpcId"));
        }
        if (networks.size() > 1) throw bad("the subnets of a cluster must all be in one VPC, got " + networks);
        if (zones.size() < 2) {
            throw bad("Subnets specified must be in at least two different AZs (got " + (zones.isEmpty() ? "none" : String.join(", ", zones)) + ")");
        }
    }

    @Override
    public String uniqueKey(Props in) {
        return str(in, "name");
    }

    @Override
    public ProviderException duplicate(Props in, SimObject existing) {
        return SimErrors.conflict("ResourceInUseException", "Cluster already exists with name: " + str(in, "name"));
    }

    @Override
    public String newId(Props in, SimScope scope) {
        return str(in, "name");
    }

    @Override
    public Props computed(String id, Props in, SimScope scope) {
        return Props.builder()
                .put("arn", scope.arn("eks", "cluster/" + id))
                .put("endpoint", "https://" + scope.ids().upperHex(32) + ".gr7." + scope.region() + ".eks.amazonaws.com")
                .put("certificateAuthority", PropertyValue.fromJava(java.util.Map.of("data", scope.ids().certificateAuthorityData())))
                .put("platformVersion", "eks.7")
                .put("createdAt", scope.now().toString())
                .put("identity", PropertyValue.fromJava(java.util.Map.of("oidc", java.util.Map.of("issuer",
                        "https://oidc.eks." + scope.region() + ".amazonaws.com/id/" + scope.ids().upperHex(32)))))
                .build();
    }

    @Override
    public Props updated(SimObject current, Props in, SimScope scope) {
        String was = current.inputs().string("version");
        String now = str(in, "version");
        if (now != null && !now.equals(was)) return current.computed().with("platformVersion", s("eks.1"));
        return current.computed();
    }

    /** The cluster's Kubernetes objects go with it. */
    @Override
    public void beforeDelete(SimObject o, SimScope scope) throws ProviderException {
        io.lifeboat.providers.sim.SimKubernetesType.deleteAllOf(o.id(), scope);
    }

    @Override
    public Props live(SimObject o, SimScope scope) {
        return o.computed().with("status", s(EksStatus.of(o)));
    }

    @Override
    public Props outputDefaults(SimScope scope) {
        return Props.builder().put("version", DEFAULT_VERSION).build();
    }
}
