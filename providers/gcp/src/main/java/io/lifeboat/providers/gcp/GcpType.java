package io.lifeboat.providers.gcp;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lifeboat.program.gcp.GcpSchemas;
import io.lifeboat.provider.CloudType;
import io.lifeboat.provider.Marks;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.TypeSchema;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/**
 * What every gcp type shares beyond {@link CloudType}: its schema (from {@link GcpSchemas}, the
 * sim's too), the project's clients, operations to wait for, the URN's label on every object
 * that keeps labels, request ids, and references compared as GCP compares them (a self link, a
 * path and a name of the same object are one).
 */
abstract class GcpType extends CloudType {
    static final String COMPUTE = "https://www.googleapis.com/compute/v1/";

    protected final GcpClients gcp;
    protected final Operations operations;
    private final java.util.concurrent.ConcurrentHashMap<String, Integer> answered = new java.util.concurrent.ConcurrentHashMap<>();

    protected GcpType(String token, GcpClients gcp) {
        super(Objects.requireNonNull(GcpSchemas.get(token), "no schema for " + token), gcp.settings().poll());
        this.gcp = gcp;
        this.operations = new Operations(gcp, poll);
    }

    @Override
    protected final String where() {
        return "project " + gcp.project() + ", " + gcp.region();
    }

    protected final String project() {
        return gcp.project();
    }

    protected final String region() {
        return gcp.region();
    }

    /**
     * A request id for a call that takes one (Compute's inserts): the same for every try of one
     * step's call whose answer never came (a lost answer: the API does it once however often it
     * is asked), a new one once an answer came back refusing it (so a retry is a new request,
     * not the old failure again), and another for the next step (a replacement's create).
     */
    protected final String requestId(OperationContext ctx, String call) {
        String seed = seed(ctx, call);
        int generation = answered.getOrDefault(seed, 0);
        return UUID.nameUUIDFromBytes((seed + "|" + generation).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** What one step's call is known by: its resource, the call, the step's deadline. */
    private static String seed(OperationContext ctx, String call) {
        return (ctx == null || ctx.urn() == null ? "" : ctx.urn().toString()) + "|" + call + "|" + (ctx == null ? "" : ctx.deadline());
    }

    /** Notes that a call with a request id was answered with a refusal: its next try is a new request. */
    protected final void refusedOnce(OperationContext ctx, String call, ProviderException e) {
        if (e.kind() == ProviderException.Kind.UNAVAILABLE || e.kind() == ProviderException.Kind.TIMEOUT) return; // no answer came
        answered.merge(seed(ctx, call), 1, Integer::sum);
    }

    /**
     * The object as one get answers it, as JSON; empty when it is gone. The types read that way
     * say what it holds in {@link #seen}; the others read it in {@link #view} themselves.
     */
    protected Optional<JsonNode> get(String id) throws ProviderException {
        throw new UnsupportedOperationException(schema.token() + " is not read by one get");
    }

    /** What the object's JSON says of its inputs ({@code given}: the inputs the engine gave, cleaned) and outputs. */
    protected View seen(String id, JsonNode o, Props given) throws ProviderException {
        throw new UnsupportedOperationException(schema.token() + " is not read by one get");
    }

    @Override
    protected Optional<View> view(String id, Props given, OperationContext ctx) throws ProviderException {
        Optional<JsonNode> got = get(id);
        return got.isEmpty() ? Optional.empty() : Optional.of(seen(id, got.get(), clean(given)));
    }

    /** The labels to put on a new or changed object: the user's (the schema's labels input) and, for a URN, its mark. */
    protected final ObjectNode labels(Props in, Urn urn, String existingMark) {
        return labels(in, schema.labels(), urn, existingMark);
    }

    /** The labels to put on an object, the user's read from {@code property} of {@code in}. */
    protected static ObjectNode labels(Props in, String property, Urn urn, String existingMark) {
        ObjectNode out = ApiJson.object();
        Marks.userLabels(in, property).forEach((k, v) -> out.set(k, ApiJson.json(v)));
        if (urn != null) out.put(TypeSchema.URN_LABEL, Marks.labelValue(urn));
        else if (existingMark != null) out.put(TypeSchema.URN_LABEL, existingMark);
        return out;
    }

    /** Observed labels as the input value: the mark left out. */
    protected static PropertyValue labelsSeen(JsonNode labels) {
        Map<String, PropertyValue> out = new LinkedHashMap<>();
        if (labels != null && labels.isObject()) {
            labels.fields().forEachRemaining(e -> {
                if (!e.getKey().equals(TypeSchema.URN_LABEL)) out.put(e.getKey(), new PropertyValue.Str(e.getValue().asText()));
            });
        }
        return new PropertyValue.Obj(new Props(new java.util.TreeMap<>(out)));
    }

    /** True when the labels carry this URN's mark. */
    protected static boolean marked(JsonNode labels, Urn urn) {
        return labels != null && Marks.labelValue(urn).equals(labels.path(TypeSchema.URN_LABEL).asText(null));
    }

    protected static String markOf(JsonNode labels) {
        return labels == null ? null : labels.path(TypeSchema.URN_LABEL).asText(null);
    }

    /** The last part of a path or link: the name. */
    static String last(String value) {
        return value == null ? null : Operations.last(value);
    }

    /** A global compute object's self link: a name, a path or a link as given. */
    protected final String globalLink(String collection, String value) {
        if (value == null) return null;
        if (value.startsWith("https://")) return value;
        if (value.startsWith("projects/")) return COMPUTE + value;
        return COMPUTE + "projects/" + project() + "/global/" + collection + "/" + value;
    }

    /**
     * The given reference when the cloud's names the same object (GCP answers with full self
     * links where a name or a path was given), else the cloud's.
     */
    protected static PropertyValue sameRef(Props given, String key, String seen) {
        String g = str(given, key);
        if (seen == null || seen.isEmpty()) return PropertyValue.NULL;
        if (g != null && last(g).equals(last(seen)) && (projectIn(g) == null || projectIn(seen) == null || Objects.equals(projectIn(g), projectIn(seen)))) {
            return new PropertyValue.Str(g);
        }
        return new PropertyValue.Str(seen);
    }

    static String projectIn(String value) {
        int at = value.indexOf("projects/");
        if (at < 0) return null;
        String rest = value.substring(at + "projects/".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    /** A value from JSON, or null for none. */
    protected static PropertyValue v(JsonNode n) {
        return n == null || n.isMissingNode() || n.isNull() ? PropertyValue.NULL : ApiJson.value(n);
    }

    /** An int64 that JSON carries as a string (Compute's ids). */
    protected static PropertyValue num(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) return PropertyValue.NULL;
        try {
            return new PropertyValue.Num(Double.parseDouble(n.asText()));
        } catch (NumberFormatException e) {
            return new PropertyValue.Str(n.asText());
        }
    }

    /**
     * What the API says of a value, in the shape the engine gave it: for an object, the keys
     * given, each as the API has it (the API's own defaults for keys not given are not inputs);
     * for anything else the API's value.
     */
    protected static PropertyValue like(PropertyValue given, JsonNode seen) {
        if (given instanceof PropertyValue.Obj o) {
            Props.Builder out = Props.builder();
            o.props().forEach((k, x) -> {
                PropertyValue sub = like(x, seen == null ? null : seen.get(k));
                if (!(sub instanceof PropertyValue.Null)) out.put(k, sub);
            });
            return new PropertyValue.Obj(out.build());
        }
        if (given instanceof PropertyValue.Num && seen != null && seen.isTextual()) return num(seen); // int64 as a string
        return v(seen);
    }

    /** The object at {@code key} of the inputs as JSON (empty when absent). */
    protected static ObjectNode jsonObj(Props in, String key) {
        return ApiJson.json(obj(in, key));
    }

    protected static ProviderException refused(String code, String message) {
        return new ProviderException(ProviderException.Kind.INVALID_INPUT, code, message);
    }
}
