package io.lifeboat.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.ResourceOptions;
import io.lifeboat.resource.Urn;

/**
 * Reads and writes Pulumi's checkpoint format ({@code {"version":3,"deployment":{…}}}), with
 * secrets encrypted, unknowns as Pulumi's sentinel, and Lifeboat's metadata (lineage, serial,
 * applied spec, checksum) under {@code deployment.metadata.lifeboat}.
 */
public final class CheckpointCodec {
    public static final String SIG = "4dabf18193072939515e22adb298388d";
    public static final String SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
    public static final String UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final SecretsCrypter crypter;

    public CheckpointCodec(SecretsCrypter crypter) {
        this.crypter = crypter;
    }

    // ---------------------------------------------------------------- writing

    public byte[] write(Snapshot snapshot) {
        ObjectNode root = F.objectNode();
        root.put("version", 3);
        ObjectNode dep = root.putObject("deployment");
        ObjectNode manifest = dep.putObject("manifest");
        manifest.put("time", snapshot.time().toString());
        manifest.put("magic", "");
        manifest.put("version", "lifeboat-0.1.0");
        ArrayNode resources = dep.putArray("resources");
        for (ResourceState r : snapshot.resources()) resources.add(resource(r));
        if (!snapshot.pending().isEmpty()) {
            ArrayNode ops = dep.putArray("pending_operations");
            for (PendingOperation p : snapshot.pending()) {
                ObjectNode op = ops.addObject();
                op.set("resource", resource(p.resource()));
                op.put("type", p.type());
            }
        }
        // The salt is written after the resources: encrypting a secret may have sealed the check value.
        ObjectNode secrets = F.objectNode();
        secrets.put("type", SecretsCrypter.PROVIDER_TYPE);
        secrets.putObject("state").put("salt", crypter.saltState());
        dep.set("secrets_providers", secrets);
        ObjectNode meta = dep.putObject("metadata").putObject("lifeboat");
        metadata(snapshot, meta);
        meta.put("checksum", "");
        meta.put("checksum", checksum(dep));
        try {
            return PRETTY.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new StateException("cannot serialise the checkpoint", e);
        }
    }

    /** A resource's state as Pulumi's ResourceV3 JSON. */
    public ObjectNode resource(ResourceState r) {
        ObjectNode n = F.objectNode();
        n.put("urn", r.urn().toString());
        n.put("custom", r.custom());
        if (r.delete()) n.put("delete", true);
        if (r.id() != null) n.put("id", r.id());
        n.put("type", r.type());
        n.set("inputs", props(r.inputs()));
        n.set("outputs", props(r.outputs()));
        if (r.parent() != null) n.put("parent", r.parent().toString());
        if (r.protect()) n.put("protect", true);
        if (r.external()) n.put("external", true);
        ArrayNode deps = n.putArray("dependencies");
        for (Urn u : r.dependencies()) deps.add(u.toString());
        if (r.provider() != null) n.put("provider", r.provider());
        ObjectNode pd = n.putObject("propertyDependencies");
        r.propertyDependencies().forEach((k, v) -> {
            ArrayNode a = pd.putArray(k);
            for (Urn u : v) a.add(u.toString());
        });
        if (!r.customTimeouts().isEmpty()) {
            ObjectNode t = n.putObject("customTimeouts");
            if (r.customTimeouts().create() != null) t.put("create", r.customTimeouts().create().toSeconds());
            if (r.customTimeouts().update() != null) t.put("update", r.customTimeouts().update().toSeconds());
            if (r.customTimeouts().delete() != null) t.put("delete", r.customTimeouts().delete().toSeconds());
        }
        return n;
    }

    public ObjectNode props(Props props) {
        ObjectNode n = F.objectNode();
        props.forEach((k, v) -> n.set(k, value(v)));
        return n;
    }

    public JsonNode value(PropertyValue v) {
        if (v instanceof PropertyValue.Null) return F.nullNode();
        if (v instanceof PropertyValue.Bool b) return F.booleanNode(b.value());
        if (v instanceof PropertyValue.Num n) {
            double d = n.value();
            return d == Math.rint(d) && Math.abs(d) < 9e15 ? F.numberNode((long) d) : F.numberNode(d);
        }
        if (v instanceof PropertyValue.Str s) return F.textNode(s.value());
        if (v instanceof PropertyValue.Unknown) return F.textNode(UNKNOWN);
        if (v instanceof PropertyValue.Arr a) {
            ArrayNode arr = F.arrayNode();
            for (PropertyValue i : a.items()) arr.add(value(i));
            return arr;
        }
        if (v instanceof PropertyValue.Obj o) return props(o.props());
        if (v instanceof PropertyValue.Secret s) {
            ObjectNode n = F.objectNode();
            n.put(SIG, SECRET_SIG);
            try {
                n.put("ciphertext", crypter.encrypt(MAPPER.writeValueAsString(plainValue(s.value()))));
            } catch (JsonProcessingException e) {
                throw new StateException("cannot serialise a secret", e);
            }
            return n;
        }
        throw new StateException("an unresolved reference " + v + " cannot be saved in the state");
    }

    /** JSON of a value with no encryption; only for the clear text inside a secret. */
    private JsonNode plainValue(PropertyValue v) {
        if (v instanceof PropertyValue.Secret s) return plainValue(s.value());
        if (v instanceof PropertyValue.Arr a) {
            ArrayNode arr = F.arrayNode();
            for (PropertyValue i : a.items()) arr.add(plainValue(i));
            return arr;
        }
        if (v instanceof PropertyValue.Obj o) {
            ObjectNode n = F.objectNode();
            o.props().forEach((k, x) -> n.set(k, plainValue(x)));
            return n;
        }
        return value(v);
    }

    private static void metadata(Snapshot s, ObjectNode meta) {
        StackMetadata m = s.metadata();
        meta.put("stack", m.stack());
        meta.put("lineage", m.lineage());
        meta.put("serial", m.serial());
        if (m.specHash() != null) meta.put("specHash", m.specHash());
        if (m.commit() != null) {
            ObjectNode c = meta.putObject("commit");
            c.put("sha", m.commit().sha());
            c.put("author", m.commit().author());
            c.put("subject", m.commit().subject());
            if (m.commit().dirty()) c.put("dirty", true);
        }
        if (m.appliedAt() != null) meta.put("appliedAt", m.appliedAt().toString());
        if (m.role() != null) meta.put("role", m.role());
        if (m.lost()) meta.put("lost", true);
        if (m.restoredFrom() != null) meta.put("restoredFrom", m.restoredFrom());
        if (m.partial()) meta.putObject("partial").put("pendingSteps", m.pendingSteps());
        ObjectNode extra = F.objectNode();
        for (ResourceState r : s.resources()) {
            ObjectNode e = extra(r);
            if (e != null) extra.set(r.urn().toString(), e);
        }
        meta.set("resources", extra);
    }

    /**
     * What Lifeboat keeps of a resource beside Pulumi's fields (in the checkpoint's metadata, and
     * in a journal entry with the resource): its retainOnDelete, deletedWith and source; null when none.
     */
    public static ObjectNode extra(ResourceState r) {
        if (!r.retainOnDelete() && r.source() == null && r.deletedWith() == null) return null;
        ObjectNode e = F.objectNode();
        if (r.retainOnDelete()) e.put("retainOnDelete", true);
        if (r.deletedWith() != null) e.put("deletedWith", r.deletedWith().toString());
        if (r.source() != null) e.put("source", r.source());
        return e;
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads a checkpoint; {@code where} names it in errors. A checkpoint that is not JSON, fails its
     * checksum or lacks a field it needs is refused with {@link DamagedCheckpointException}, naming
     * the first bad field.
     */
    public Snapshot read(byte[] bytes, String where) {
        JsonNode dep = parse(bytes, where).get("deployment");
        JsonNode meta = dep.path("metadata").path("lifeboat");
        if (meta.has("checksum")) {
            String stored = meta.get("checksum").asText();
            ObjectNode copy = ((ObjectNode) dep).deepCopy();
            ((ObjectNode) copy.path("metadata").path("lifeboat")).put("checksum", "");
            if (!stored.equals(checksum(copy))) {
                throw new DamagedCheckpointException(where, "it fails its checksum: it was changed or damaged after it was written", null);
            }
        }
        Map<String, JsonNode> extras = new LinkedHashMap<>();
        meta.path("resources").fields().forEachRemaining(e -> extras.put(e.getKey(), e.getValue()));
        List<ResourceState> resources = new ArrayList<>();
        int i = 0;
        for (JsonNode r : dep.path("resources")) {
            resources.add(resource(r, extras.get(r.path("urn").asText()), where, "deployment.resources[" + i++ + "]"));
        }
        List<PendingOperation> pending = new ArrayList<>();
        i = 0;
        for (JsonNode p : dep.path("pending_operations")) {
            pending.add(new PendingOperation(resource(p.get("resource"), null, where, "deployment.pending_operations[" + i++ + "].resource"),
                    p.path("type").asText()));
        }
        StackMetadata m = metadata(meta);
        Instant time = dep.path("manifest").has("time") ? Instant.parse(dep.path("manifest").get("time").asText()) : Instant.now();
        return new Snapshot(time, resources, pending, m);
    }

    /** Only a checkpoint's metadata: no resource is read, so no secret is opened and no passphrase needed. */
    public static StackMetadata readMetadata(byte[] bytes, String where) {
        return metadata(parse(bytes, where).get("deployment").path("metadata").path("lifeboat"));
    }

    /** The checkpoint's JSON, of the shape a checkpoint has; else refused, naming the first bad field. */
    private static JsonNode parse(byte[] bytes, String where) {
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new DamagedCheckpointException(where, "not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + "); it may be truncated", e);
        }
        String shape = CheckpointShape.problem(root).orElse(null);
        if (shape != null) throw new DamagedCheckpointException(where, shape, null);
        return root;
    }

    private static StackMetadata metadata(JsonNode meta) {
        return new StackMetadata(
                meta.path("stack").asText(null),
                meta.path("lineage").asText(java.util.UUID.randomUUID().toString()),
                meta.path("serial").asLong(0),
                meta.path("specHash").asText(null),
                commit(meta.path("commit")),
                meta.has("appliedAt") ? Instant.parse(meta.get("appliedAt").asText()) : null,
                meta.path("role").asText(null),
                meta.path("lost").asBoolean(false),
                meta.path("restoredFrom").asText(null),
                meta.path("partial").path("pendingSteps").asInt(0));
    }

    /** The applied commit; a bare sha as written before commits carried their author and subject. */
    private static AppliedCommit commit(JsonNode n) {
        if (n.isTextual()) return new AppliedCommit(n.asText(), null, null, false);
        if (!n.isObject() || !n.path("sha").isTextual()) return null;
        return new AppliedCommit(n.get("sha").asText(), n.path("author").asText(null), n.path("subject").asText(null),
                n.path("dirty").asBoolean(false));
    }

    /** A codec for a checkpoint: its own secrets salt, or a fresh one when it has none. */
    public static CheckpointCodec forCheckpoint(byte[] bytes, java.util.function.Supplier<char[]> passphrase) {
        String salt = saltOf(bytes);
        return new CheckpointCodec(salt == null ? SecretsCrypter.fresh(passphrase) : SecretsCrypter.existing(passphrase, salt));
    }

    /** The salt of the checkpoint's passphrase secrets provider, or null. */
    public static String saltOf(byte[] bytes) {
        try {
            JsonNode sp = MAPPER.readTree(bytes).path("deployment").path("secrets_providers");
            return sp.path("type").asText("").equals(SecretsCrypter.PROVIDER_TYPE) ? sp.path("state").path("salt").asText(null) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** A resource of a checkpoint; a secret in it that does not open is refused naming where it is. */
    private ResourceState resource(JsonNode n, JsonNode extra, String where, String path) {
        try {
            return resource(n, extra);
        } catch (StateException e) {
            throw new StateException(where + ": " + path + " (" + n.path("urn").asText() + "): " + e.getMessage(), e);
        }
    }

    public ResourceState resource(JsonNode n, JsonNode extra) {
        Urn urn = Urn.parse(n.path("urn").asText());
        List<Urn> deps = new ArrayList<>();
        for (JsonNode d : n.path("dependencies")) deps.add(Urn.parse(d.asText()));
        Map<String, List<Urn>> pd = new TreeMap<>();
        n.path("propertyDependencies").fields().forEachRemaining(e -> {
            List<Urn> l = new ArrayList<>();
            for (JsonNode d : e.getValue()) l.add(Urn.parse(d.asText()));
            pd.put(e.getKey(), l);
        });
        JsonNode t = n.path("customTimeouts");
        ResourceOptions.CustomTimeouts timeouts = new ResourceOptions.CustomTimeouts(seconds(t, "create"), seconds(t, "update"),
                seconds(t, "delete"));
        return new ResourceState(urn, n.path("custom").asBoolean(), n.hasNonNull("id") ? n.get("id").asText() : null,
                props(n.path("inputs")), props(n.path("outputs")),
                n.hasNonNull("parent") ? Urn.parse(n.get("parent").asText()) : null,
                n.path("protect").asBoolean(false),
                extra != null && extra.path("retainOnDelete").asBoolean(false),
                deps, pd, n.hasNonNull("provider") ? n.get("provider").asText() : null,
                n.path("delete").asBoolean(false), timeouts,
                extra != null && extra.hasNonNull("source") ? extra.get("source").asText() : null,
                extra != null && extra.hasNonNull("deletedWith") ? Urn.parse(extra.get("deletedWith").asText()) : null,
                n.path("external").asBoolean(false));
    }

    private static Duration seconds(JsonNode t, String key) {
        return t.hasNonNull(key) ? Duration.ofMillis((long) (t.get(key).asDouble() * 1000)) : null;
    }

    public Props props(JsonNode n) {
        Map<String, PropertyValue> out = new TreeMap<>();
        if (n != null && n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), value(e.getValue()));
            }
        }
        return new Props(out);
    }

    public PropertyValue value(JsonNode n) {
        if (n == null || n.isNull()) return PropertyValue.NULL;
        if (n.isBoolean()) return new PropertyValue.Bool(n.asBoolean());
        if (n.isNumber()) return new PropertyValue.Num(n.asDouble());
        if (n.isTextual()) return UNKNOWN.equals(n.asText()) ? PropertyValue.UNKNOWN : new PropertyValue.Str(n.asText());
        if (n.isArray()) {
            List<PropertyValue> items = new ArrayList<>();
            for (JsonNode i : n) items.add(value(i));
            return new PropertyValue.Arr(items);
        }
        if (SECRET_SIG.equals(n.path(SIG).asText())) {
            try {
                String plain = n.has("plaintext") ? n.get("plaintext").asText() : crypter.decrypt(n.path("ciphertext").asText());
                return new PropertyValue.Secret(value(MAPPER.readTree(plain)));
            } catch (JsonProcessingException e) {
                throw new StateException("a secret in the state does not hold JSON", e);
            }
        }
        return new PropertyValue.Obj(props(n));
    }

    private static String checksum(JsonNode deployment) {
        try {
            byte[] canonical = MAPPER.writeValueAsString(deployment).getBytes(StandardCharsets.UTF_8);
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new StateException("cannot compute the checkpoint checksum", e);
        }
    }
}
