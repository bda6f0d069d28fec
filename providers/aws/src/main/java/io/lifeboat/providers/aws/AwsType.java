package io.lifeboat.providers.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.provider.CloudType;
import io.lifeboat.provider.Marks;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/**
 * What every aws type shares beyond {@link CloudType}: its schema (from {@link AwsSchemas}, the
 * sim's too), its region's clients, tags with the idempotency mark left out of {@code tags},
 * client tokens, and deletes repeated while another object holds on.
 */
public abstract class AwsType extends CloudType {
    protected final AwsClients aws;

    protected AwsType(String token, AwsClients aws) {
        super(Objects.requireNonNull(AwsSchemas.get(token), "no schema for " + token), aws.settings().poll());
        this.aws = aws;
    }

    @Override
    protected final String where() {
        return aws.region();
    }

    /** Names a call for error messages: {@code CreateVpc in us-east-1}. */
    protected final String in(String call) {
        return call + " in " + aws.region();
    }

    /** The user's tags among the inputs, the mark never among them. */
    protected static Map<String, String> userTags(Props in) {
        return Marks.userTags(in);
    }

    /** The tags to put on a new object: the user's and the idempotency mark. */
    protected static Map<String, String> markedTags(Props in, Urn urn) {
        return Marks.markedTags(in, urn);
    }

    /** Observed tags as an input value: the mark left out. */
    protected static PropertyValue tagsValue(Map<String, String> observed) {
        return Marks.withoutMark(observed);
    }

    protected static String mark(Urn urn) {
        return Marks.mark(urn);
    }

    /** The engine's list when the cloud holds the same members (AWS often lists them in another order), else the cloud's. */
    protected static List<String> sameMembers(List<String> given, List<String> seen) {
        return sameSet(given, seen) ? given : seen;
    }

    protected static boolean sameSet(List<String> a, List<String> b) {
        return new java.util.HashSet<>(a).equals(new java.util.HashSet<>(b));
    }

    /**
     * A client token (idempotency token) for a create: the same for every retry of the same
     * create of the same resource, so the service makes one object however often it is asked.
     */
    static String clientToken(Urn urn, String salt) {
        return urn == null ? null : java.util.UUID.nameUUIDFromBytes((urn + "|" + salt).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    /** True when the object's tags carry this URN's mark. */
    protected static boolean marked(Map<String, String> tags, Urn urn) {
        return Marks.marked(tags, urn);
    }

    /** What a tag update does: the keys to remove, the tags to set (the mark is never among either). */
    protected record TagChange(List<String> removed, Map<String, String> set) {
        public boolean none() {
            return removed.isEmpty() && set.isEmpty();
        }
    }

    protected static TagChange tagChange(Props oldOutputs, Props newIn) {
        Map<String, String> before = userTags(oldOutputs);
        Map<String, String> after = userTags(newIn);
        List<String> removed = new ArrayList<>();
        for (String k : before.keySet()) if (!after.containsKey(k)) removed.add(k);
        Map<String, String> set = new LinkedHashMap<>();
        after.forEach((k, v) -> {
            if (!v.equals(before.get(k))) set.put(k, v);
        });
        return new TagChange(removed, set);
    }

    /** A map of tags as one service's tag objects. */
    protected static <T> List<T> tagList(Map<String, String> tags, java.util.function.BiFunction<String, String, T> make) {
        List<T> out = new ArrayList<>();
        tags.forEach((k, v) -> out.add(make.apply(k, v)));
        return out;
    }

    /** Deletes, repeating while other objects still hold on to the object; gone already is done. */
    protected final void deleteInUse(OperationContext ctx, String what, String call, Runnable delete) throws ProviderException {
        poll.whileInUse(ctx, what, () -> {
            AwsCall.delete(in(call), delete);
            return null;
        });
    }
}
