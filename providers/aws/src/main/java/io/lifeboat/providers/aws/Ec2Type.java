package io.lifeboat.providers.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.TypeSchema;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** What the EC2 types share: tags given at creation (the mark among them), tag updates, finding by the mark. */
abstract class Ec2Type extends AwsType {
    private final software.amazon.awssdk.services.ec2.model.ResourceType kind;

    Ec2Type(String token, AwsClients aws, software.amazon.awssdk.services.ec2.model.ResourceType kind) {
        super(token, aws);
        this.kind = kind;
    }

    protected final Ec2Client ec2() {
        return aws.ec2();
    }

    /** The tags of a new object, given in its create call so that it never exists unmarked. */
    protected final TagSpecification tagSpec(Props in, Urn urn) {
        return TagSpecification.builder().resourceType(kind).tags(tags(markedTags(in, urn))).build();
    }

    protected static List<Tag> tags(Map<String, String> map) {
        return tagList(map, (k, v) -> Tag.builder().key(k).value(v).build());
    }

    protected static Map<String, String> tagMap(List<Tag> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tags != null) for (Tag t : tags) out.put(t.key(), t.value());
        return out;
    }

    protected static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    protected static Filter markFilter(Urn urn) {
        return filter("tag:" + TypeSchema.URN_TAG, urn.toString());
    }

    protected static AttributeBooleanValue on(boolean value) {
        return AttributeBooleanValue.builder().value(value).build();
    }

    /** Brings the user's tags to what {@code newIn} asks; the mark stays. */
    protected final void updateTags(String id, Props oldOutputs, Props newIn) throws ProviderException {
        TagChange change = tagChange(oldOutputs, newIn);
        List<Tag> gone = new ArrayList<>();
        for (String k : change.removed()) gone.add(Tag.builder().key(k).build());
        if (!gone.isEmpty()) AwsCall.exec(in("DeleteTags"), () -> ec2().deleteTags(r -> r.resources(id).tags(gone)));
        if (!change.set().isEmpty()) AwsCall.exec(in("CreateTags"), () -> ec2().createTags(r -> r.resources(id).tags(tags(change.set()))));
    }

    /** What most EC2 objects can change in place: their tags. */
    @Override
    public Props update(String id, Props oldOutputs, Props newInputs, io.lifeboat.provider.OperationContext ctx) throws ProviderException {
        Props in = clean(newInputs);
        updateTags(id, oldOutputs, in);
        return current(id, in, ctx);
    }

    protected final String arn(String ownerId, String path) {
        return "arn:aws:ec2:" + aws.region() + ":" + ownerId + ":" + path;
    }
}
