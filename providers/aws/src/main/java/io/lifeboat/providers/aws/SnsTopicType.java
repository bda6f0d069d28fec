package io.lifeboat.providers.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Tag;
import software.amazon.awssdk.services.sns.model.Topic;

/** {@code aws:sns/topic:Topic}: an alert route, its id its ARN. */
final class SnsTopicType extends AwsType {
    SnsTopicType(AwsClients aws) {
        super(AwsSchemas.SNS_TOPIC, aws);
    }

    private SnsClient sns() {
        return aws.sns();
    }

    private static List<Tag> tags(Map<String, String> map) {
        return tagList(map, (k, v) -> Tag.builder().key(k).value(v).build());
    }

    private Map<String, String> tagsOf(String arn) throws ProviderException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Tag t : AwsCall.run(in("ListTagsForResource"), () -> sns().listTagsForResource(r -> r.resourceArn(arn)).tags())) out.put(t.key(), t.value());
        return out;
    }

    @Override
    public Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        Props in = clean(inputs);
        String arn = AwsCall.run(in("CreateTopic"), () -> sns().createTopic(r -> r.name(str(in, "name")).tags(tags(markedTags(in, urn)))).topicArn());
        return created(arn, in, ctx);
    }

    @Override
    protected Optional<View> view(String id, Props given, OperationContext ctx) throws ProviderException {
        Optional<Map<String, String>> attributes = AwsCall.find(in("GetTopicAttributes"), () -> sns().getTopicAttributes(r -> r.topicArn(id)).attributes());
        if (attributes.isEmpty()) return Optional.empty();
        String name = id.substring(id.lastIndexOf(':') + 1);
        return Optional.of(new View(Props.builder().put("name", name).put("tags", tagsValue(tagsOf(id))).build(),
                Props.builder().put("arn", id).build()));
    }

    @Override
    public Props update(String id, Props oldOutputs, Props newInputs, OperationContext ctx) throws ProviderException {
        Props in = clean(newInputs);
        TagChange change = tagChange(oldOutputs, in);
        if (!change.removed().isEmpty()) AwsCall.run(in("UntagResource"), () -> sns().untagResource(r -> r.resourceArn(id).tagKeys(change.removed())));
        if (!change.set().isEmpty()) AwsCall.run(in("TagResource"), () -> sns().tagResource(r -> r.resourceArn(id).tags(tags(change.set()))));
        return current(id, in, ctx);
    }

    @Override
    public void delete(String id, Props outputs, OperationContext ctx) throws ProviderException {
        AwsCall.delete(in("DeleteTopic"), () -> sns().deleteTopic(r -> r.topicArn(id)));
    }

    @Override
    protected Optional<String> idForUrn(Urn urn, Props inputs) throws ProviderException {
        String name = str(clean(inputs), "name");
        if (name == null) return Optional.empty();
        for (Topic t : AwsCall.run(in("ListTopics"), () -> sns().listTopicsPaginator(r -> { }).topics().stream().toList())) {
            if (t.topicArn().endsWith(":" + name) && marked(tagsOf(t.topicArn()), urn)) return Optional.of(t.topicArn());
        }
        return Optional.empty();
    }
}
