package io.lifeboat.state;

import java.io.IOException;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;

import io.lifeboat.resource.PropertyValue;
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
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SecretsCrypter crypter;

    public CheckpointCodec(SecretsCrypter crypter) {
        this.crypter = crypter;
    }

    SecretsCrypter crypter() {
        return crypter;
    }

    // ---------------------------------------------------------------- writing

    /** The checkpoint of {@code snapshot}: compact JSON, its secrets sealed, its checksum over its deployment ({@link CheckpointWriter}). */
    public byte[] write(Snapshot snapshot) {
        return new CheckpointWriter(crypter).checkpoint(snapshot);
    }

    /** A resource's state as Pulumi's ResourceV3 JSON, written by {@code g}, without what Lifeboat keeps beside ({@link #writeExtra}). */
    void writeResource(JsonGenerator g, ResourceState r) throws IOException {
        new CheckpointWriter(crypter).resource(g, r);
    }

    /** Properties as the state's JSON, written by {@code g}: secrets sealed, unknowns as the sentinel. */
    void writeProps(JsonGenerator g, io.lifeboat.resource.Props props) throws IOException {
        new CheckpointWriter(crypter).props(g, props);
    }

    /** Writes what Lifeboat keeps of a resource beside Pulumi's fields (retainOnDelete, deletedWith, source), when it keeps any; else nothing. */
    static void writeExtra(JsonGenerator g, String field, ResourceState r) throws IOException {
        if (!CheckpointWriter.hasExtra(r)) return;
        g.writeFieldName(field);
        CheckpointWriter.extra(g, r);
    }

    /** A property value as the state's JSON: secrets sealed, unknowns as the sentinel. */
    public JsonNode value(PropertyValue v) {
        try (TokenBuffer tokens = new TokenBuffer(MAPPER, false)) {
            new CheckpointWriter(crypter).value(tokens, v, false);
            return MAPPER.readTree(tokens.asParser());
        } catch (IOException e) {
            throw new StateException("cannot serialise a value: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads a checkpoint; {@code where} names it in errors. A checkpoint that is not JSON, fails its
     * checksum or lacks a field it needs is refused with {@link DamagedCheckpointException}, naming
     * the first bad field.
     */
    public Snapshot read(byte[] bytes, String where) {
        return CheckpointReader.read(this, bytes, where);
    }

    /** Only a checkpoint's metadata: no resource is read, so no secret is opened and no passphrase needed. */
    public static StackMetadata readMetadata(byte[] bytes, String where) {
        return CheckpointReader.metadata(bytes, where);
    }

    static StackMetadata metadata(JsonNode meta) {
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
        return CheckpointReader.salt(bytes);
    }

    /**
     * A resource as a journal entry holds it (Pulumi's ResourceV3 JSON) with what Lifeboat keeps
     * of it beside ({@link #writeExtra}, or null); one not of a checkpoint resource's shape is refused.
     */
    public ResourceState resource(JsonNode n, JsonNode extra) {
        if (n == null || !n.isObject()) throw new StateException("a resource in the journal is not an object");
        try (JsonParser p = MAPPER.treeAsTokens(n)) {
            p.nextToken();
            ResourceState r = new ResourceReader(crypter).read(p, "resource");
            return extra == null ? r : Extra.of(extra).applyTo(r);
        } catch (CheckpointShape.Bad e) {
            throw new StateException("a resource in the journal is not of a checkpoint resource's shape: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StateException("a resource in the journal cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * What Lifeboat keeps of a resource beside Pulumi's fields: in the checkpoint's metadata
     * ({@code metadata.lifeboat.resources}, by URN) and in a journal entry ({@code extra}).
     *
     * @param deletedWith a URN, or null
     */
    record Extra(boolean retainOnDelete, String source, String deletedWith) {
        static Extra of(JsonNode n) {
            return new Extra(n.path("retainOnDelete").asBoolean(false), n.hasNonNull("source") ? n.get("source").asText() : null,
                    n.hasNonNull("deletedWith") ? n.get("deletedWith").asText() : null);
        }

        /** The resource, read without what Lifeboat keeps of it, given this. */
        ResourceState applyTo(ResourceState r) {
            return new ResourceState(r.urn(), r.custom(), r.id(), r.inputs(), r.outputs(), r.parent(), r.protect(), retainOnDelete,
                    r.dependencies(), r.propertyDependencies(), r.provider(), r.delete(), r.customTimeouts(), source != null ? source : r.source(),
                    deletedWith == null ? null : Urn.parse(deletedWith), r.external());
        }
    }

    /** A property value as the state's JSON holds it (secrets sealed, unknowns as the sentinel). */
    public PropertyValue value(JsonNode n) {
        if (n == null) return PropertyValue.NULL;
        try (JsonParser p = MAPPER.treeAsTokens(n)) {
            p.nextToken();
            return new ResourceReader(crypter).value(p);
        } catch (IOException e) {
            throw new StateException("a value in the state cannot be read: " + e.getMessage(), e);
        }
    }
}
