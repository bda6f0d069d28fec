package io.lifeboat.providers.aws;

import java.util.Map;
import java.util.Optional;

import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Subscription;

/**
 * {@code aws:sns/topicSubscription:TopicSubscription}: an e-mail address on an alert topic, its id
 * the subscription ARN (returned at once; the address confirms later, {@code pendingConfirmation}
 * until then). Subscriptions take no tags: the topic, protocol and address find one again.
 */
final class SnsSubscriptionType extends AwsType {
    SnsSubscriptionType(AwsClients aws) {
        super(AwsSchemas.SNS_SUBSCRIPTION, aws);
    }

    private SnsClient sns() {
        return aws.sns();
    }

    @Override
    public Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        Props in = clean(inputs);
        String arn = poll.consistent(ctx, "subscribing " + str(in, "protocol") + " to " + str(in, "topic"), () -> AwsCall.run(in("Subscribe"),
                () -> sns().subscribe(r -> r.topicArn(str(in, "topic")).protocol(str(in, "protocol")).endpoint(str(in, "endpoint"))
                        .returnSubscriptionArn(true)).subscriptionArn()));
        return created(arn, in, ctx);
    }

    @Override
    protected Optional<View> view(String id, Props given, OperationContext ctx) throws ProviderException {
        Optional<Map<String, String>> found = AwsCall.find(in("GetSubscriptionAttributes"),
                () -> sns().getSubscriptionAttributes(r -> r.subscriptionArn(id)).attributes());
        if (found.isEmpty()) return Optional.empty();
        Map<String, String> a = found.get();
        Props seen = Props.builder().put("topic", a.get("TopicArn")).put("protocol", a.get("Protocol")).put("endpoint", a.get("Endpoint")).build();
        return Optional.of(new View(seen, Props.builder().put("arn", id)
                .put("pendingConfirmation", "true".equalsIgnoreCase(a.getOrDefault("PendingConfirmation", "false"))).build()));
    }

    @Override
    public Props update(String id, Props oldOutputs, Props newInputs, OperationContext ctx) throws ProviderException {
        return current(id, clean(newInputs), ctx);
    }

    @Override
    public void delete(String id, Props outputs, OperationContext ctx) throws ProviderException {
        try {
            AwsCall.delete(in("Unsubscribe"), () -> sns().unsubscribe(r -> r.subscriptionArn(id)));
        } catch (ProviderException e) {
            // an address that never confirmed cannot be unsubscribed; SNS drops it after three days
            if (e.kind() != ProviderException.Kind.INVALID_INPUT || !bool(outputs, "pendingConfirmation", false)) throw e;
        }
    }

    @Override
    protected Optional<String> idForUrn(Urn urn, Props inputs) throws ProviderException {
        Props in = clean(inputs);
        String topic = str(in, "topic");
        if (topic == null) return Optional.empty();
        Optional<java.util.List<Subscription>> subs = AwsCall.find(in("ListSubscriptionsByTopic"),
                () -> sns().listSubscriptionsByTopicPaginator(r -> r.topicArn(topic)).subscriptions().stream().toList());
        if (subs.isEmpty()) return Optional.empty();
        for (Subscription s : subs.get()) {
            if (s.protocol().equals(str(in, "protocol")) && s.endpoint().equals(str(in, "endpoint")) && s.subscriptionArn().startsWith("arn:")) {
                return Optional.of(s.subscriptionArn());
            }
        }
        return Optional.empty();
    }
}
