package io.lifeboat.providers.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.ReplicaRegionType;
import software.amazon.awssdk.services.secretsmanager.model.ReplicationStatusType;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * {@code aws:secretsmanager/secret:Secret}: a secret (its id its ARN) with a read-only replica in
 * each region of {@code replicas}, which outlives an outage of this region. Its value is a
 * {@link SecretVersionType}. Deleting it removes the replicas first, as Secrets Manager requires.
 */
final class SecretType extends AwsType {
    SecretType(AwsClients aws) {
        super(AwsSchemas.SECRET, aws);
    }

    private SecretsManagerClient sm() {
        return aws.secrets();
    }

    private static List<Tag> tags(Map<String, String> map) {
        return tagList(map, (k, v) -> Tag.builder().key(k).value(v).build());
    }

    private static List<String> replicaRegions(Props in) {
        List<String> out = new ArrayList<>();
        for (Props r : objects(in, "replicas")) if (str(r, "region") != null) out.add(str(r, "region"));
        return out;
    }

    private static List<ReplicaRegionType> replicaTypes(List<String> regions) {
        List<ReplicaRegionType> out = new ArrayList<>();
        for (String r : regions) out.add(ReplicaRegionType.builder().region(r).build());
        return out;
    }

    /**
     * Creates the secret; where this region holds a replica of that name (the pair's secret,
     * replicated here before a failover), promotes the replica to a secret of its own
     * (StopReplicationToReplica) and takes it over, so its key material never leaves the region.
     */
    @Override
    public Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        Props in = clean(inputs);
        List<String> replicas = replicaRegions(in);
        String name = str(in, "name");
        String arn;
        try {
            arn = AwsCall.run(in("CreateSecret"), () -> sm().createSecret(r -> r.name(name).description(str(in, "description"))
                    .tags(tags(markedTags(in, urn))).addReplicaRegions(replicas.isEmpty() ? null : replicaTypes(replicas))).arn());
        } catch (ProviderException e) {
            if (e.kind() != ProviderException.Kind.CONFLICT) throw e;
            Optional<DescribeSecretResponse> replica = describe(name)
                    .filter(d -> d.primaryRegion() != null && !d.primaryRegion().equals(aws.region()));
            if (replica.isEmpty()) throw e;
            return takeOver(replica.get(), urn, in, ctx);
        }
        return created(arn, in, ctx);
    }

    private Created takeOver(DescribeSecretResponse replica, Urn urn, Props in, OperationContext ctx) throws ProviderException {
        String arn = replica.arn();
        AwsCall.run(in("StopReplicationToReplica"), () -> sm().stopReplicationToReplica(r -> r.secretId(arn)));
        AwsCall.run(in("TagResource"), () -> sm().tagResource(r -> r.secretId(arn).tags(tags(markedTags(in, urn)))));
        if (str(in, "description") != null) {
            AwsCall.run(in("UpdateSecret"), () -> sm().updateSecret(r -> r.secretId(arn).description(str(in, "description"))));
        }
        List<String> replicas = replicaRegions(in);
        if (!replicas.isEmpty()) {
            AwsCall.run(in("ReplicateSecretToRegions"), () -> sm().replicateSecretToRegions(r -> r.secretId(arn).addReplicaRegions(replicaTypes(replicas))));
        }
        return created(arn, in, ctx);
    }

    private Optional<DescribeSecretResponse> describe(String id) throws ProviderException {
        Optional<DescribeSecretResponse> d = AwsCall.find(in("DescribeSecret"), () -> sm().describeSecret(r -> r.secretId(id)));
        return d.filter(s -> s.deletedDate() == null);
    }

    private static Map<String, String> tagMap(List<Tag> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tags != null) for (Tag t : tags) out.put(t.key(), t.value());
        return out;
    }

    @Override
    protected Optional<View> view(String id, Props given, OperationContext ctx) throws ProviderException {
        Optional<DescribeSecretResponse> found = describe(id);
        if (found.isEmpty()) return Optional.empty();
        DescribeSecretResponse s = found.get();
        List<String> regions = new ArrayList<>();
        for (ReplicationStatusType r : s.replicationStatus()) regions.add(r.region());
        List<String> wanted = replicaRegions(clean(given));
        List<String> order = sameMembers(wanted, regions);
        List<Object> replicas = new ArrayList<>();
        for (String r : order) replicas.add(Map.of("region", r));
        Props.Builder seen = Props.builder().put("name", s.name()).put("tags", tagsValue(tagMap(s.tags())));
        if (!replicas.isEmpty() || given.containsKey("replicas")) seen.put("replicas", PropertyValue.fromJava(replicas));
        if (s.description() != null || given.containsKey("description")) seen.put("description", s(s.description()));
        return Optional.of(new View(seen.build(), Props.builder().put("arn", s.arn()).build()));
    }

    @Override
    public Props update(String id, Props oldOutputs, Props newInputs, OperationContext ctx) throws ProviderException {
        Props in = clean(newInputs);
        if (!java.util.Objects.equals(str(in, "description"), str(oldOutputs, "description"))) {
            AwsCall.run(in("UpdateSecret"), () -> sm().updateSecret(r -> r.secretId(id).description(str(in, "description") == null ? "" : str(in, "description"))));
        }
        List<String> before = replicaRegions(clean(oldOutputs));
        List<String> after = replicaRegions(in);
        List<String> added = new ArrayList<>(after);
        added.removeAll(before);
        List<String> removed = new ArrayList<>(before);
        removed.removeAll(after);
        if (!added.isEmpty()) AwsCall.run(in("ReplicateSecretToRegions"), () -> sm().replicateSecretToRegions(r -> r.secretId(id).addReplicaRegions(replicaTypes(added))));
        if (!removed.isEmpty()) AwsCall.run(in("RemoveRegionsFromReplication"), () -> sm().removeRegionsFromReplication(r -> r.secretId(id).removeReplicaRegions(removed)));
        TagChange change = tagChange(oldOutputs, in);
        if (!change.removed().isEmpty()) AwsCall.run(in("UntagResource"), () -> sm().untagResource(r -> r.secretId(id).tagKeys(change.removed())));
        if (!change.set().isEmpty()) AwsCall.run(in("TagResource"), () -> sm().tagResource(r -> r.secretId(id).tags(tags(change.set()))));
        return current(id, in, ctx);
    }

    @Override
    public void delete(String id, Props outputs, OperationContext ctx) throws ProviderException {
        Optional<DescribeSecretResponse> found = describe(id);
        if (found.isEmpty()) return;
        List<String> regions = new ArrayList<>();
        for (ReplicationStatusType r : found.get().replicationStatus()) regions.add(r.region());
        if (!regions.isEmpty()) {
            AwsCall.delete(in("RemoveRegionsFromReplication"), () -> sm().removeRegionsFromReplication(r -> r.secretId(id).removeReplicaRegions(regions)));
        }
        Integer window = integer(outputs, "recoveryWindowInDays");
        boolean now = window != null && window == 0;
        AwsCall.delete(in("DeleteSecret"), () -> sm().deleteSecret(r -> r.secretId(id).forceDeleteWithoutRecovery(now ? Boolean.TRUE : null)
                .recoveryWindowInDays(now || window == null ? null : window.longValue())));
    }

    @Override
    protected Optional<String> idForUrn(Urn urn, Props inputs) throws ProviderException {
        String name = str(clean(inputs), "name");
        if (name == null) return Optional.empty();
        Optional<DescribeSecretResponse> s = describe(name);
        return s.isPresent() && marked(tagMap(s.get().tags()), urn) ? Optional.of(s.get().arn()) : Optional.empty();
    }
}
