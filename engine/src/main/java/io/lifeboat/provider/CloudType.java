package io.lifeboat.provider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/**
 * What a type of a real cloud's provider shares, whatever the cloud: its schema, waiting
 * ({@link Poll}), reading inputs and shaping outputs as the sim does (every output the schema
 * names, the inputs among them), reading back an object just made (reads lag creates), and
 * finding again by its mark the object a create made.
 */
public abstract class CloudType implements ResourceType {
    protected final TypeSchema schema;
    protected final Poll poll;

    protected CloudType(TypeSchema schema, Poll poll) {
        this.schema = Objects.requireNonNull(schema, "no schema");
        this.poll = poll;
    }

    @Override
    public final TypeSchema schema() {
        return schema;
    }

    /** Where the objects are, for messages: the provider's region. */
    protected abstract String where();

    /** Inputs as the API takes them: secrets revealed, nulls dropped. */
    protected static Props clean(Props inputs) {
        Map<String, PropertyValue> out = new LinkedHashMap<>();
        for (Map.Entry<String, PropertyValue> e : inputs.entrySet()) {
            PropertyValue v = e.getValue() == null ? null : e.getValue().reveal();
            if (v != null && !(v instanceof PropertyValue.Null)) out.put(e.getKey(), v);
        }
        return new Props(out);
    }

    /** Every output the schema names: the inputs, what the cloud computed, the id. */
    protected final Props outputs(String id, Props inputs, Props computed) {
        return Values.outputs(schema, id, clean(inputs), computed);
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
    public record View(Props seen, Props computed) {
    }

    /** The object as the cloud has it now; empty when it is gone. */
    protected abstract Optional<View> view(String id, Props given, OperationContext ctx) throws ProviderException;

    @Override
    public Optional<Observed> read(String id, Props inputs, Props outputs, OperationContext ctx) throws ProviderException {
        Optional<View> v = view(id, inputs, ctx);
        if (v.isEmpty()) return Optional.empty();
        Props in = observed(inputs, v.get().seen());
        Props.Builder computed = Props.builder();
        // what the cloud says of inputs the engine did not give (defaults) is output, not input
        v.get().seen().forEach((k, x) -> {
            if (!(x instanceof PropertyValue.Null)) computed.put(k, x);
        });
        computed.putAll(v.get().computed());
        return Optional.of(new Observed(in, outputs(id, in, computed.build())));
    }

    /** The outputs of an object just made, read once it shows up (reads lag creates). */
    protected final Created created(String id, Props inputs, OperationContext ctx) throws ProviderException {
        Optional<Observed> seen = poll.appear(ctx, "waiting for " + id + " to appear", () -> read(id, inputs, Props.EMPTY, ctx));
        if (seen.isEmpty()) throw notFound("NotFoundAfterCreate", schema.token() + " " + id + " was made in " + where() + " but cannot be read back");
        return new Created(id, seen.get().outputs());
    }

    /** The outputs of an object after a change. */
    protected final Props current(String id, Props inputs, OperationContext ctx) throws ProviderException {
        return read(id, inputs, Props.EMPTY, ctx).orElseThrow(() -> notFound("NotFound", schema.token() + " " + id + " is gone from " + where()))
                .outputs();
    }

    /** The id of the object a create with this URN made, found by its mark; empty if none. */
    protected Optional<String> idForUrn(Urn urn, Props inputs) throws ProviderException {
        return Optional.empty();
    }

    @Override
    public Optional<Created> findByUrn(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        Optional<String> id = idForUrn(urn, inputs);
        if (id.isEmpty()) return Optional.empty();
        awaitUsable(id.get(), ctx);
        return read(id.get(), inputs, Props.EMPTY, ctx).map(o -> new Created(id.get(), o.outputs()));
    }

    /** Waits until an object found again after a crash is as usable as a finished create leaves it. */
    protected void awaitUsable(String id, OperationContext ctx) throws ProviderException {
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

    protected static PropertyValue s(String value) {
        return Values.s(value);
    }

    protected static PropertyValue n(Number value) {
        return Values.n(value);
    }

    protected static PropertyValue b(Boolean value) {
        return Values.b(value);
    }

    protected static ProviderException invalid(String code, String message) {
        return new ProviderException(ProviderException.Kind.INVALID_INPUT, code, message);
    }

    protected static ProviderException notFound(String code, String message) {
        return new ProviderException(ProviderException.Kind.NOT_FOUND, code, message);
    }
}
