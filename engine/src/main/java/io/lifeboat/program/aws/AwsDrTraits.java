package io.lifeboat.program.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.program.DrTraits;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import io.lifeboat.spec.Stack;
import io.lifeboat.state.ResourceState;
import io.lifeboat.state.Snapshot;

/** AWS's answers: RDS backup replication, Secrets Manager replicas, ECR, hand-made routes and rules, SNS and peering. */
final class AwsDrTraits implements DrTraits {
    @Override
    public String databaseCopies() {
        return AwsSchemas.DB_BACKUP_REPLICATION;
    }

    /** A replication of automated backups keeps them in the region of the provider it was made through (the pair's). */
    @Override
    public String copiesHeldIn(Snapshot state, ResourceState copies) {
        return DrTraits.providerRegion(state, copies);
    }

    @Override
    public Named database() {
        return new Named(AwsSchemas.DB_INSTANCE, "identifier");
    }

    @Override
    public String replicaSourceInput() {
        return "replicateSourceDb";
    }

    @Override
    public boolean restoredFromBackup(ResourceState database) {
        return database.inputs().containsKey("restoreToPointInTime") || database.inputs().containsKey("snapshotIdentifier");
    }

    /** A cross-region replica names its source by ARN. */
    @Override
    public String replicaSourceIn(Snapshot primaryState) {
        ResourceState db = databaseIn(primaryState);
        return db == null ? null : db.outputs().string("arn");
    }

    @Override
    public Named replicatedSecret() {
        return new Named(AwsSchemas.SECRET, "name");
    }

    /** A secret's replicas are listed by region in its {@code replicas} input. */
    @Override
    public boolean replicatedInto(ResourceState secret, String region) {
        for (io.lifeboat.resource.Props replica : io.lifeboat.provider.Values.objects(secret.inputs().reveal(), "replicas")) {
            if (region.equals(replica.string("region"))) return true;
        }
        return false;
    }

    @Override
    public Named imageRepository() {
        return new Named(AwsSchemas.ECR_REPOSITORY, "name");
    }

    @Override
    public Urn regionProvider(Stack stack) {
        return new Urn(stack.name(), "lifeboat", Urn.providerType("aws"), "aws-" + stack.region());
    }

    @Override
    public Props regionProviderConfig(Stack stack) {
        return providerConfig(stack.region(), stack.endpoint());
    }

    /** The aws provider's configuration for a region, through the stack's endpoint. */
    static Props providerConfig(String region, String endpoint) {
        Props.Builder config = Props.builder().put("region", region);
        if (endpoint != null) config.put("endpoint", endpoint);
        return config.build();
    }

    @Override
    public String regionProbe() {
        return AwsSchemas.VPC;
    }

    @Override
    public Map<String, String> capturable() {
        // on AWS routes carry no mark, so they are told apart by what the state holds
        return Map.of(AwsSchemas.ROUTE, "routeTableId", AwsSchemas.SECURITY_GROUP_RULE, "securityGroupId");
    }

    @Override
    public List<String> personActions(Snapshot survivorState, Stack lost, Stack survivor) {
        List<String> actions = new ArrayList<>();
        for (ResourceState r : survivorState.cloudResources()) {
            if (!r.type().equals(AwsSchemas.SNS_SUBSCRIPTION) || r.delete()) continue;
            PropertyValue pending = r.outputs().get("pendingConfirmation");
            if (pending != null && pending.reveal().toString().equals("true")) {
                actions.add("have " + r.inputs().string("endpoint") + " confirm the alert subscription e-mail from AWS (" + r.id() + ")");
            }
        }
        for (ResourceState r : survivorState.cloudResources()) {
            if (!r.type().equals(AwsSchemas.VPC_PEERING) || r.delete()) continue;
            String status = r.outputs().string("acceptStatus");
            if (status != null && !status.equals("active")) {
                String peerRegion = r.inputs().string("peerRegion");
                actions.add("accept VPC peering " + r.id() + " from " + survivor.region() + " in account " + r.inputs().string("peerOwnerId")
                        + " (peer VPC " + r.inputs().string("peerVpcId") + " in " + peerRegion + ")"
                        + (lost != null && lost.region().equals(peerRegion) ? "; the peer sits in the lost region, so this waits until it is back" : ""));
            }
        }
        return actions;
    }
}
