package io.lifeboat.providers.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.provider.Marks;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.provider.TypeSchema;
import io.lifeboat.provider.Values;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/**
 * What every aws type shares: its schema (from {@link AwsSchemas}, the sim's too), its region's
 * clients, waiting, and reading inputs and shaping outputs as the sim does (every output the
 * schema names, the inputs among them, the idempotency mark left out of {@code tags}).
 */
public abstract class AwsType implements ResourceType {
    protected final TypeSchema schema;
    protected final AwsClients aws;
    protected final Poll poll;

    protected AwsType(String token, AwsClients aws) {
        this.schema = Objects.requireNonNull(AwsSchemas.get(token), "no schema for " + token);
        this.aws = aws;
        this.poll = new Poll(aws.settings());
    }

    @Override
    public final TypeSchema schema() {
        return schema;
    }

    /** Names a call for error messages: {@code CreateVpc in us-east-1}. */
    protected final String in(String call) {
        return call + " in " + aws.region();
    }

    /** Inputs as the API takes them: secrets revealed, nulls dropped. */
    protected static Props clean(Props inputs) {
        Map<String, PropertyValue> out = new LinkedHashMap<>();
        for (Map.Entry<String, PropertyValue> e : inputs.entrySet()) {
            PropertyValue v = e.getValue() == null ? null : e.getValue().reveal();
            if (v != null && !(v instanceof PropertyValue.Null)) out.put(e.getKey(), v);
        }
        return new Props(out);
    }

    /** Every output the schema names: the inputs, what the cloud computed, the id; tags without the mark. */
    protected final Props outputs(String id, Props inputs, Props computed) {
        return Values.outputs(schema, id, clean(inputs), computed);
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

    protected static String str(Props in, String key) {
        return Values.str(in, key);
    }

    protected static Boolean bool(Props in, String key) {
        return Values.bool(in, key);
    }

    protected static boolean bool(Props in, String key, boolean fallback) {
        return Values.bool(in, key, fallback);
    }

    protected static Integer integer(Props in, String key) {
        return Values.integer(in, key);
    }

    protected static List<String> strings(Props in, String key) {
        return Values.strings(in, key);
    }

    protected static Props obj(Props in, String key) {
        return Values.obj(in, key);
    }

    protected static List<Props> objects(Props in, String key) {
        return Values.objects(in, key);
    }

    /** The engine's list when the cloud holds the same members (AWS often lists them in another order), else the cloud's. */
    protected static List<String> sameMembers(List<String> given, List<String> seen) {
        return sameSet(given, seen) ? given : seen;
    }

    protected static boolean sameSet(List<String> a, List<String> b) {
        return new java.util.HashSet<>(a).equals(new java.util.HashSet<>(b));
    }

    protected static PropertyValue s(String value) {
        return Values.s(value);
    }

    protected static PropertyValue n(Number value) {
        return Values.n(value);
    }

    protected static PropertyValue b(Boolean value) {
        return Values.b(value);
    }

    /**
     * The observed inputs: what the engine gave, with what the cloud says of those inputs put
     * over it (all of what it says when the engine gave nothing: an import).
     */
    protected static Props observed(Props given, Props seen) {
        Props out = clean(given);
        boolean all = out.isEmpty();
        for (Map.Entry<String, PropertyValue> e : seen.entrySet()) {
            if (!all && !out.containsKey(e.getKey())) continue;
            if (e.getValue() instanceof PropertyValue.Null) out = out.without(e.getKey());
            else out = out.with(e.getKey(), e.getValue());
        }
        return out;
    }

    /** What the cloud says of an object: its inputs as seen (over the given ones) and what it computed. */
    protected record View(Props seen, Props computed) {
    }

    /** The object as the cloud has it now; empty when it is gone. */
    protected abstract java.util.Optional<View> view(String id, Props given, io.lifeboat.provider.OperationContext ctx) throws ProviderException;

    @Override
    public java.util.Optional<Observed> read(String id, Props inputs, Props outputs, io.lifeboat.provider.OperationContext ctx)
            throws ProviderException {
        java.util.Optional<View> v = view(id, inputs, ctx);
        if (v.isEmpty()) return java.util.Optional.empty();
        Props in = observed(inputs, v.get().seen());
        Props.Builder computed = Props.builder();
        // what the cloud says of inputs the engine did not give (defaults) is output, not input
        v.get().seen().forEach((k, x) -> {
            if (!(x instanceof PropertyValue.Null)) computed.put(k, x);
        });
        computed.putAll(v.get().computed());
        return java.util.Optional.of(new Observed(in, outputs(id, in, computed.build())));
    }

    /** The outputs of an object just made, read once it shows up (reads lag creates). */
    protected final Created created(String id, Props inputs, io.lifeboat.provider.OperationContext ctx) throws ProviderException {
        java.util.Optional<Observed> seen = poll.appear(ctx, "waiting for " + id + " to appear", () -> read(id, inputs, Props.EMPTY, ctx));
        if (seen.isEmpty()) throw notFound("NotFoundAfterCreate", schema.token() + " " + id + " was made in " + aws.region() + " but cannot be read back");
        return new Created(id, seen.get().outputs());
    }

    /** The outputs of an object after a change. */
    protected final Props current(String id, Props inputs, io.lifeboat.provider.OperationContext ctx) throws ProviderException {
        return read(id, inputs, Props.EMPTY, ctx).orElseThrow(() -> notFound("NotFound", schema.token() + " " + id + " is gone from " + aws.region()))
                .outputs();
    }

    /** The id of the object a create with this URN made, found by its mark; empty if none. */
    protected java.util.Optional<String> idForUrn(Urn urn, Props inputs) throws ProviderException {
        return java.util.Optional.empty();
    }

    @Override
    public java.util.Optional<Created> findByUrn(Urn urn, Props inputs, io.lifeboat.provider.OperationContext ctx) throws ProviderException {
        java.util.Optional<String> id = idForUrn(urn, inputs);
        if (id.isEmpty()) return java.util.Optional.empty();
        awaitUsable(id.get(), ctx);
        return read(id.get(), inputs, Props.EMPTY, ctx).map(o -> new Created(id.get(), o.outputs()));
    }

    /** Waits until an object found again after a crash is as usable as a finished create leaves it. */
    protected void awaitUsable(String id, io.lifeboat.provider.OperationContext ctx) throws ProviderException {
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

    protected static ProviderException invalid(String code, String message) {
        return new ProviderException(ProviderException.Kind.INVALID_INPUT, code, message);
    }

    protected static ProviderException notFound(String code, String message) {
        return new ProviderException(ProviderException.Kind.NOT_FOUND, code, message);
    }
}
