package io.lifeboat.providers.sim;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.lifeboat.provider.Marks;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.TypeSchema;
import io.lifeboat.provider.Values;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.spec.Cidr;

/**
 * The rules of one type of the simulated cloud, such as {@code aws:ec2/vpc:Vpc}, by the schema its
 * cloud gives it: what its ids look
 * like, what it checks, which objects it names, what it computes, how it shows itself. The
 * lifecycle every type shares (faults, asynchronous provisioning, the idempotency mark,
 * dependency checks) is {@link SimResourceType}'s; a type only says what is particular to it.
 */
public abstract class SimType {
    private static final int MAX_TAGS = 50;

    private final TypeSchema schema;
    private final String service;
    private final String noun;

    protected SimType(TypeSchema schema) {
        this.schema = schema;
        String module = schema.token().split(":")[1];
        this.service = module.substring(0, module.indexOf('/'));
        this.noun = module.substring(module.indexOf('/') + 1);
    }

    public final TypeSchema schema() {
        return schema;
    }

    public final String token() {
        return schema.token();
    }

    /** The service that serves the type: {@code ec2}, {@code iam}, {@code rds}, … */
    public final String service() {
        return service;
    }

    /** What messages call an object of this type: {@code vpc}, {@code subnet}, … */
    public String noun() {
        return noun;
    }

    /** The code the service answers with when an object of this type is not there. */
    public abstract String notFoundCode();

    /** The id of a new object; may be derived from the inputs (a name, a route's destination). */
    public abstract String newId(Props in, SimScope scope);

    /** True for a global service (IAM): its objects live in {@link SimCloud#GLOBAL}. */
    public boolean global() {
        return false;
    }

    /** The inputs that name other objects. */
    public List<Reference> references() {
        return List.of();
    }

    /** The key of the region's quota on objects of this type ({@code vpc}), or null. */
    public String quotaKey() {
        return null;
    }

    public ProviderException quotaExceeded(int limit) {
        return SimErrors.quota("LimitExceeded", "the maximum number of " + noun + "s (" + limit + ") has been reached");
    }

    /**
     * Checks what the references and uniqueness do not: formats, ranges, how this object fits
     * with others. {@code current} is the object being updated, null on create.
     */
    public void validate(Props in, SimScope scope, SimObject current) throws ProviderException {
    }

    /** What must be unique where the object lives (a name, with its scope), or null. */
    public String uniqueKey(Props in) {
        return null;
    }

    public ProviderException duplicate(Props in, SimObject existing) {
        return SimErrors.conflict("AlreadyExists", noun + " " + existing.id() + " already exists");
    }

    /** The outputs the cloud computes once, when the object is made. */
    public Props computed(String id, Props in, SimScope scope) {
        return Props.EMPTY;
    }

    /** The computed outputs after an update. */
    public Props updated(SimObject current, Props in, SimScope scope) {
        return current.computed();
    }

    /** The computed outputs as they are now (a state that follows other objects). */
    public Props live(SimObject o, SimScope scope) {
        return o.computed();
    }

    /** The outputs of optional inputs that were not given. */
    public Props outputDefaults(SimScope scope) {
        return Props.EMPTY;
    }

    /** Facts the cloud keeps on a new object besides its mark, not shown as properties (its project, the data it holds). */
    public Map<String, String> hiddenOnCreate(String id, Props in, SimScope scope) {
        return Map.of();
    }

    /** Hidden facts an update sets (a value removes none; the data a restore brought); the rest stay. */
    public Map<String, String> hiddenOnUpdate(SimObject current, Props in, SimScope scope) {
        return Map.of();
    }

    /** The status an object settles in once provisioned. */
    public String settledStatus(Props in, SimScope scope) {
        return SimObject.AVAILABLE;
    }

    /**
     * An object of the region that a create of {@code in} takes over instead of refusing it as a
     * duplicate (a secret's read-only replica, which the create promotes to a secret of its own),
     * or null. The create keeps that object's id; {@link #tookOver} then detaches what belongs to it.
     */
    public SimObject takeOver(Props in, SimScope scope) {
        return null;
    }

    /** Called, inside the create's lock, after a create took over {@code previous}. */
    public void tookOver(SimObject previous, SimScope scope) {
    }

    /** True when a create with an id already taken overwrites that object (a registry-wide setting). */
    public boolean createOverwrites() {
        return false;
    }

    /** Refuses a delete, or does what the cloud does along with it (a final snapshot, cascades). */
    public void beforeDelete(SimObject o, SimScope scope) throws ProviderException {
    }

    /**
     * Whether an update from {@code before} to {@code after} does what a create does (a backup
     * restored into the instance), and so takes a create's time rather than an update's.
     */
    public boolean updateRebuilds(Props before, Props after) {
        return false;
    }

    /** Refuses an update for reasons of the object's own (a replica cannot be changed). */
    public void beforeUpdate(SimObject o, SimScope scope) throws ProviderException {
    }

    /**
     * Carries a change into other regions (replicas) once it is done: {@code before} is null
     * after a create, {@code after} is null after a delete.
     */
    public void replicate(SimObject before, SimObject after, SimCloud cloud, Instant now) {
    }

    /** The code for a parameter the service refuses. */
    protected String badParameter() {
        switch (service) {
            case "ec2":
            case "rds":
                return "InvalidParameterValue";
            case "iam":
                return "ValidationError";
            case "sns":
                return "InvalidParameter";
            default:
                return "InvalidParameterException";
        }
    }

    protected final ProviderException bad(String message) {
        return SimErrors.invalid(badParameter(), message);
    }

    // ---- how an object shows itself

    /** The object's inputs as the engine sees them: its current values, the mark left out. */
    public final Props inputsOf(SimObject o) {
        Props.Builder b = Props.builder();
        for (Map.Entry<String, PropertyValue> e : o.inputs().entrySet()) {
            if (schema.inputs().containsKey(e.getKey())) b.put(e.getKey(), e.getValue());
        }
        Props in = b.build();
        if (schema.taggable()) {
            Props tags = tagsWithoutMark(o);
            if (tags.isEmpty() && "true".equals(o.hidden().get(SimObject.NO_TAGS))) in = in.without("tags");
            else in = in.with("tags", new PropertyValue.Obj(tags));
        } else if (schema.labelled()) {
            Props labels = Marks.userLabels(o.inputs(), schema.labels());
            if (labels.isEmpty() && "true".equals(o.hidden().get(SimObject.NO_TAGS))) in = in.without(schema.labels());
            else if (o.inputs().containsKey(schema.labels())) in = in.with(schema.labels(), new PropertyValue.Obj(labels));
        }
        return in;
    }

    /** Every output the schema names: defaults, the inputs, what the cloud computed, the id. */
    public final Props outputsOf(SimObject o, SimScope scope) {
        return Values.outputs(schema, o.id(), outputDefaults(scope), inputsOf(o), live(o, scope));
    }

    private static Props tagsWithoutMark(SimObject o) {
        return Marks.withoutMark(o.inputs().get("tags"));
    }

    /**
     * The input that carries the mark where the cloud shows it: {@code tags} for a taggable type,
     * the labels input of a labelled one; null when the mark is only kept hidden.
     */
    public final String markProperty() {
        if (schema.taggable()) return "tags";
        return schema.labelled() ? schema.labels() : null;
    }

    /**
     * The inputs as the cloud keeps them: the tags carry the mark; the labels of a labelled type
     * carry {@code lifeboat-urn: <digest of the URN>} (what the real cloud would show), and the
     * full URN is kept hidden beside it ({@link #markHidden}).
     */
    final Props markedInputs(Props in, String urn) {
        if (urn == null) return in;
        if (schema.taggable()) return Marks.markedInputs(in, urn);
        if (schema.labelled()) {
            Props labels = in.get(schema.labels()) instanceof PropertyValue.Obj o ? o.props() : Props.EMPTY;
            return in.with(schema.labels(), new PropertyValue.Obj(labels.with(TypeSchema.URN_LABEL,
                    new PropertyValue.Str(Marks.labelValue(io.lifeboat.resource.Urn.parse(urn))))));
        }
        return in;
    }

    final Map<String, String> markHidden(Props in, String urn) {
        Map<String, String> hidden = new HashMap<>();
        if (urn == null) return hidden;
        if (!schema.taggable()) hidden.put(SimObject.MARK, urn);
        String property = markProperty();
        if (property != null && !in.containsKey(property)) hidden.put(SimObject.NO_TAGS, "true");
        return hidden;
    }

    /** The error of a delete refused because {@code message}'s object still uses this one. */
    public ProviderException inUse(String message) {
        return SimErrors.dependency(message);
    }

    /** The error of a create or update naming an object ({@code value} at {@code ref}) that is not there. */
    public ProviderException missingReference(Reference ref, String value, SimScope scope) {
        return SimErrors.invalid(ref.notFoundCode(), "The " + ref.path() + " '" + value + "' does not exist in " + scope.storageRegion());
    }

    /** The error of an object ({@code id}) that is not there (an update's, or a wait's): {@code detail} says so in the sim's words. */
    public ProviderException notFound(String id, String detail) {
        return SimErrors.notFound(notFoundCode(), detail);
    }

    /** Whether a provider serves the type; false for objects only the cloud makes (RDS's final snapshots). */
    public boolean served() {
        return true;
    }

    /** Whether objects of the type hold images (a registry's repository), which the sim lets a person push and copy. */
    public boolean holdsImages() {
        return false;
    }

    /** A prefix of tag keys the cloud keeps for itself ({@code aws:}); null when none is. */
    protected String reservedTagPrefix() {
        return null;
    }

    /**
     * GCP's label rules, for a labelled type: at most 64 labels (the mark among them); keys of
     * 1..63 characters of {@code [a-z0-9_-]} starting with a lowercase letter; values of at most
     * 63 such characters, empty allowed. Other labels of a type (Cloud SQL's
     * {@code settings.userLabels}) are checked by {@link #checkLabelMap}.
     */
    final void checkLabels(Props in) throws ProviderException {
        if (!schema.labelled() || !in.containsKey(schema.labels())) return;
        checkLabelMap(in.get(schema.labels()), schema.labels(), 1);
    }

    /** {@code reserved}: how many of the 64 labels the cloud's mark takes. */
    protected final void checkLabelMap(PropertyValue labels, String property, int reserved) throws ProviderException {
        if (labels == null || labels instanceof PropertyValue.Null) return;
        if (!(labels instanceof PropertyValue.Obj o)) throw labelError(property + " must be a map of strings");
        int count = 0;
        for (Map.Entry<String, PropertyValue> e : o.props().entrySet()) {
            String key = e.getKey();
            if (key.equals(TypeSchema.URN_LABEL)) continue;
            count++;
            if (!(e.getValue() instanceof PropertyValue.Str s)) throw labelError("Label value of '" + key + "' must be a string");
            if (key.isEmpty() || key.length() > 63 || !key.matches("[a-z][a-z0-9_-]*")) {
                throw labelError("Invalid label key '" + key + "': keys must be 1-63 characters, start with a lowercase letter and contain only "
                        + "lowercase letters, digits, underscores and dashes");
            }
            if (s.value().length() > 63 || !s.value().matches("[a-z0-9_-]*")) {
                throw labelError("Invalid label value '" + s.value() + "' of '" + key + "': values must be at most 63 characters of lowercase "
                        + "letters, digits, underscores and dashes");
            }
        }
        if (count + reserved > 64) throw labelError("A resource can have at most 64 labels (" + property + " has " + (count + reserved) + ")");
    }

    /** The error of labels the cloud refuses. */
    protected ProviderException labelError(String message) {
        return bad(message);
    }

    /** The tags rules of the real cloud: a map of strings, at most 50, keys not in the cloud's own namespace. */
    final void checkTags(Props in) throws ProviderException {
        if (!schema.taggable() || !in.containsKey("tags")) return;
        PropertyValue tags = in.get("tags");
        if (tags instanceof PropertyValue.Null) return;
        if (!(tags instanceof PropertyValue.Obj o)) throw bad("tags must be a map of strings");
        if (o.props().size() > MAX_TAGS) throw bad("a resource can have at most " + MAX_TAGS + " tags");
        for (Map.Entry<String, PropertyValue> e : o.props().entrySet()) {
            if (!(e.getValue() instanceof PropertyValue.Str s)) throw bad("tag " + e.getKey() + " must be a string");
            if (e.getKey().isEmpty() || e.getKey().length() > 128) throw bad("tag keys are 1 to 128 characters: " + e.getKey());
            if (s.value().length() > 256) throw bad("tag values are at most 256 characters (" + e.getKey() + ")");
            String reserved = reservedTagPrefix();
            if (reserved != null && e.getKey().toLowerCase(java.util.Locale.ROOT).startsWith(reserved)) {
                throw bad("tag keys may not start with " + reserved + " (" + e.getKey() + ")");
            }
        }
    }

    // ---- reading inputs

    protected static String str(Props in, String key) {
        return Values.str(in, key);
    }

    protected static boolean bool(Props in, String key, boolean fallback) {
        return Values.bool(in, key, fallback);
    }

    /** A number input; null when absent or not a number. */
    protected static Double num(Props in, String key) {
        return Values.num(in, key);
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

    /** A CIDR block input, canonical (no host bits), with a prefix within {@code min..max}. */
    protected final Cidr cidr(Props in, String key, int min, int max, String rangeCode) throws ProviderException {
        String text = str(in, key);
        Cidr c = Cidr.parse(text);
        if (c == null || !c.isCanonical()) throw bad("Value (" + text + ") for parameter " + key + " is invalid. This is not a valid CIDR block.");
        if (c.prefix() < min || c.prefix() > max) {
            throw SimErrors.invalid(rangeCode, "The CIDR '" + text + "' is invalid: the netmask must be between /" + min + " and /" + max + ".");
        }
        return c;
    }
}
