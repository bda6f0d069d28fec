package io.lifeboat.providers.sim.aws;

import static io.lifeboat.program.aws.AwsSchemas.ECR_REPLICATION;

import java.util.List;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.Values;
import io.lifeboat.providers.sim.SimCloud;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.providers.sim.SimScope;
import io.lifeboat.resource.Props;

/**
 * {@code aws:ecr/replicationConfiguration:ReplicationConfiguration}: the registry's one
 * replication setting per region, so its id is the registry's (the account); putting it again
 * overwrites it, as the real call does.
 */
final class EcrReplicationType extends AwsSimType {
    EcrReplicationType() {
        super(ECR_REPLICATION);
    }

    @Override
    public String notFoundCode() {
        return "ValidationException";
    }

    @Override
    public boolean createOverwrites() {
        return true;
    }

    @Override
    public void validate(Props in, SimScope scope, SimObject current) throws ProviderException {
        Props config = obj(in, "replicationConfiguration");
        if (!Values.isObj(in, "replicationConfiguration")) throw bad("replicationConfiguration must be an object with rules");
        List<Props> rules = objects(config, "rules");
        if (rules.size() > 10) throw bad("a registry has at most 10 replication rules");
        for (Props rule : rules) {
            List<Props> destinations = objects(rule, "destinations");
            if (destinations.isEmpty() || destinations.size() > 25) throw bad("a replication rule has 1 to 25 destinations");
            for (Props d : destinations) {
                String region = d.string("region");
                String registry = d.string("registryId");
                if (!SimCloud.validRegionName(region) || SimCloud.GLOBAL.equals(region)) throw bad("Invalid destination region: " + region);
                boolean ownRegistry = registry == null || registry.equals(scope.account());
                if (ownRegistry && region.equals(scope.region())) {
                    throw bad("Replication destination cannot be the source registry's own region (" + region + ")");
                }
            }
        }
    }

    @Override
    public String newId(Props in, SimScope scope) {
        return scope.account();
    }

    @Override
    public Props computed(String id, Props in, SimScope scope) {
        return Props.builder().put("registryId", scope.account()).build();
    }
}
