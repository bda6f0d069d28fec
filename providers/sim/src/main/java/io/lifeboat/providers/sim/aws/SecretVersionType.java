package io.lifeboat.providers.sim.aws;

import static io.lifeboat.program.aws.AwsSchemas.SECRET;
import static io.lifeboat.program.aws.AwsSchemas.SECRET_VERSION;

import java.time.Instant;
import java.util.List;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.providers.sim.Reference;
import io.lifeboat.providers.sim.SimCloud;
import io.lifeboat.providers.sim.SimErrors;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.providers.sim.SimScope;
import io.lifeboat.resource.Props;

/**
 * {@code aws:secretsmanager/secretVersion:SecretVersion}: a value of a secret, its id
 * {@code <secret ARN>|<version id>}; copied to the secret's replicas.
 */
final class SecretVersionType extends AwsSimType {
    SecretVersionType() {
        super(SECRET_VERSION);
    }

    @Override
    public String notFoundCode() {
        return "ResourceNotFoundException";
    }

    @Override
    public List<Reference> references() {
        return List.of(Reference.to("secretId", SECRET, "ResourceNotFoundException").resolvedBy(Resolvers.SECRET_BY_ARN_OR_NAME).weak());
    }

    @Override
    public void validate(Props in, SimScope scope, SimObject current) throws ProviderException {
        String value = str(in, "secretString");
        if (value == null || value.isEmpty()) throw bad("secretString must not be empty");
        if (value.length() > 65536) throw bad("secretString is at most 65536 characters");
        SimObject secret = Resolvers.SECRET_BY_ARN_OR_NAME.resolve(scope, str(in, "secretId"));
        if (secret.hidden().containsKey(SecretType.REPLICA_OF)) {
            throw SimErrors.invalid("InvalidRequestException", "cannot put a value on " + secret.id() + ", a replica; put it on the primary "
                    + secret.hidden().get(SecretType.REPLICA_OF));
        }
    }

    @Override
    public void beforeDelete(SimObject o, SimScope scope) throws ProviderException {
        SecretType.refuseReplica(o, "deleted");
    }

    @Override
    public String newId(Props in, SimScope scope) {
        SimObject secret = Resolvers.SECRET_BY_ARN_OR_NAME.resolve(scope, str(in, "secretId"));
        return secret.id() + "|" + scope.ids().uuid();
    }

    @Override
    public Props computed(String id, Props in, SimScope scope) {
        int bar = id.lastIndexOf('|');
        return Props.builder()
                .put("arn", id.substring(0, bar))
                .put("versionId", id.substring(bar + 1))
                .put("versionStages", io.lifeboat.resource.PropertyValue.strings(List.of("AWSCURRENT")))
                .build();
    }

    @Override
    public void replicate(SimObject before, SimObject after, SimCloud cloud, Instant now) {
        Replicas.sync(before, after, cloud, now);
    }
}
