package io.lifeboat.providers.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.DescribeRegistryResponse;
import software.amazon.awssdk.services.ecr.model.ReplicationConfiguration;
import software.amazon.awssdk.services.ecr.model.ReplicationDestination;
import software.amazon.awssdk.services.ecr.model.ReplicationRule;

/**
 * {@code aws:ecr/replicationConfiguration:ReplicationConfiguration}: the registry's replication
 * rules (one per registry and region, its id the registry id); destinations without a registry
 * id go to this account's registry. Deleting it clears the rules.
 */
final class EcrReplicationType extends AwsType {
    EcrReplicationType(AwsClients aws) {
        super(AwsSchemas.ECR_REPLICATION, aws);
    }

    private EcrClient ecr() {
        return aws.ecr();
    }

    @Override
    public Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        Props in = clean(inputs);
        String registry = registry().registryId();
        put(in, registry);
        return created(registry, in, ctx);
    }

    private DescribeRegistryResponse registry() throws ProviderException {
        return AwsCall.run(in("DescribeRegistry"), () -> ecr().describeRegistry(r -> { }));
    }

    private void put(Props in, String registry) throws ProviderException {
        List<ReplicationRule> rules = new ArrayList<>();
        for (Props rule : objects(obj(in, "replicationConfiguration"), "rules")) {
            List<ReplicationDestination> to = new ArrayList<>();
            for (Props d : objects(rule, "destinations")) {
                String target = str(d, "registryId") == null ? registry : str(d, "registryId");
                to.add(ReplicationDestination.builder().region(str(d, "region")).registryId(target).build());
            }
            rules.add(ReplicationRule.builder().destinations(to).build());
        }
        ReplicationConfiguration config = ReplicationConfiguration.builder().rules(rules).build();
        AwsCall.run(in("PutReplicationConfiguration"), () -> ecr().putReplicationConfiguration(r -> r.replicationConfiguration(config)));
    }

    @Override
    protected Optional<View> view(String id, Props given, OperationContext ctx) throws ProviderException {
        DescribeRegistryResponse r = registry();
        if (r.replicationConfiguration() == null || r.replicationConfiguration().rules().isEmpty()) return Optional.empty();
        List<Object> rules = new ArrayList<>();
        for (ReplicationRule rule : r.replicationConfiguration().rules()) {
            List<Object> to = new ArrayList<>();
            for (ReplicationDestination d : rule.destinations()) {
                to.add(d.registryId() == null || d.registryId().equals(r.registryId()) ? Map.of("region", d.region())
                        : Map.of("region", d.region(), "registryId", d.registryId()));
            }
            rules.add(Map.of("destinations", to));
        }
        Props seen = Props.builder().put("replicationConfiguration", PropertyValue.fromJava(Map.of("rules", rules))).build();
        return Optional.of(new View(seen, Props.builder().put("registryId", r.registryId()).build()));
    }

    @Override
    public Props update(String id, Props oldOutputs, Props newInputs, OperationContext ctx) throws ProviderException {
        Props in = clean(newInputs);
        put(in, id);
        return current(id, in, ctx);
    }

    @Override
    public void delete(String id, Props outputs, OperationContext ctx) throws ProviderException {
        ReplicationConfiguration none = ReplicationConfiguration.builder().rules(List.of()).build();
        AwsCall.delete(in("PutReplicationConfiguration"), () -> ecr().putReplicationConfiguration(r -> r.replicationConfiguration(none)));
    }
}
