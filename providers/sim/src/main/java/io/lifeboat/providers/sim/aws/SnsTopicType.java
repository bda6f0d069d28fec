package io.lifeboat.providers.sim.aws;

import static io.lifeboat.program.aws.AwsSchemas.SNS_SUBSCRIPTION;
import static io.lifeboat.program.aws.AwsSchemas.SNS_TOPIC;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.providers.sim.SimErrors;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.providers.sim.SimScope;
import io.lifeboat.resource.Props;

/**
 * {@code aws:sns/topic:Topic}: its id its ARN. The real CreateTopic returns an existing topic of
 * the same name; the sim refuses the second one, so two stacks cannot share a topic unknowingly.
 * Deleting a topic deletes its subscriptions.
 */
final class SnsTopicType extends AwsSimType {
    SnsTopicType() {
        super(SNS_TOPIC);
    }

    @Override
    public String notFoundCode() {
        return "NotFound";
    }

    @Override
    public void validate(Props in, SimScope scope, SimObject current) throws ProviderException {
        String name = str(in, "name");
        if (!name.matches("[A-Za-z0-9_-]{1,256}(\\.fifo)?")) {
            throw bad("Invalid parameter: Topic Name must be 1 to 256 letters, digits, hyphens or underscores: " + name);
        }
    }

    @Override
    public String uniqueKey(Props in) {
        return str(in, "name");
    }

    @Override
    public ProviderException duplicate(Props in, SimObject existing) {
        return SimErrors.conflict("InvalidParameter", "Invalid parameter: Topic " + existing.id() + " already exists");
    }

    @Override
    public String newId(Props in, SimScope scope) {
        return scope.arn("sns", str(in, "name"));
    }

    @Override
    public Props computed(String id, Props in, SimScope scope) {
        return Props.builder().put("arn", id).build();
    }

    @Override
    public void beforeDelete(SimObject o, SimScope scope) {
        for (SimObject sub : scope.all(SNS_SUBSCRIPTION)) {
            if (o.id().equals(sub.inputs().string("topic"))) scope.remove(sub);
        }
    }
}
