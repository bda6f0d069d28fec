package io.lifeboat.providers.sim.aws;

import static io.lifeboat.program.aws.AwsSchemas.SNS_SUBSCRIPTION;
import static io.lifeboat.program.aws.AwsSchemas.SNS_TOPIC;

import java.util.List;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.providers.sim.Reference;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.providers.sim.SimScope;
import io.lifeboat.resource.Props;

/**
 * {@code aws:sns/topicSubscription:TopicSubscription}: its id its ARN; an email or web endpoint
 * stays pending until its owner confirms it (see {@code SimAdmin.confirmSubscription}).
 */
final class SnsSubscriptionType extends AwsSimType {
    private static final List<String> PROTOCOLS = List.of("email", "email-json", "http", "https", "sqs", "lambda", "sms", "application", "firehose");

    SnsSubscriptionType() {
        super(SNS_SUBSCRIPTION);
    }

    @Override
    public String notFoundCode() {
        return "NotFound";
    }

    @Override
    public List<Reference> references() {
        return List.of(Reference.to("topic", SNS_TOPIC, "NotFound").weak());
    }

    @Override
    public void validate(Props in, SimScope scope, SimObject current) throws ProviderException {
        String protocol = str(in, "protocol");
        if (!PROTOCOLS.contains(protocol)) throw bad("Invalid parameter: Protocol " + protocol + " (" + String.join(", ", PROTOCOLS) + ")");
        String endpoint = str(in, "endpoint");
        if (protocol.startsWith("email") && !endpoint.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) throw bad("Invalid parameter: Email address " + endpoint);
        if (protocol.startsWith("http") && !endpoint.startsWith(protocol + "://")) throw bad("Invalid parameter: Endpoint must match the protocol " + protocol);
    }

    @Override
    public String newId(Props in, SimScope scope) {
        String topic = str(in, "topic");
        return topic + ":" + scope.ids().uuid();
    }

    @Override
    public Props computed(String id, Props in, SimScope scope) {
        return Props.builder().put("arn", id).put("ownerId", scope.account()).build();
    }

    @Override
    public Props live(SimObject o, SimScope scope) {
        String protocol = o.inputs().string("protocol");
        boolean needsConfirmation = protocol != null && (protocol.startsWith("email") || protocol.startsWith("http"));
        boolean pending = needsConfirmation && !o.hidden().containsKey(SimObject.CONFIRMED);
        return o.computed().with("pendingConfirmation", new io.lifeboat.resource.PropertyValue.Bool(pending));
    }
}
