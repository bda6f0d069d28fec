package io.lifeboat.state;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/**
 * Writes a checkpoint as compact JSON, streamed from the snapshot with no tree in between: its
 * checksum is then over the very bytes of the deployment (with the checksum blank), which
 * {@link CheckpointReader} hashes as they are. The secrets provider comes before the resources, so
 * that a reader has the salt, and can derive the key, before the first secret. Also writes
 * resources and property values for journal entries and plan files.
 */
final class CheckpointWriter {
    private static final JsonFactory JSON = new JsonFactory();

    private final SecretsCrypter crypter;

    CheckpointWriter(SecretsCrypter crypter) {
        this.crypter = crypter;
    }

    byte[] checkpoint(Snapshot snapshot) {
        // The salt goes first: when the snapshot holds a secret, the key is derived now so that the
        // salt is written with its sealed check value.
        if (holdsSecrets(snapshot)) crypter.unlock();
        ByteArrayOutputStream buf = new ByteArrayOutputStream(Math.max(4096, snapshot.resources().size() * 2048));
        int deploymentStart;
        int checksumEnd;
        try (JsonGenerator g = JSON.createGenerator(buf)) {
            g.writeStartObject();
            g.writeNumberField("version", 3);
            g.writeFieldName("deployment");
            g.writeStartObject();
            g.flush();
            deploymentStart = buf.size() - 1;
            g.writeObjectFieldStart("manifest");
            g.writeStringField("time", snapshot.time().toString());
            g.writeStringField("magic", "");
            g.writeStringField("version", "lifeboat-0.1.0");
            g.writeEndObject();
            g.writeObjectFieldStart("secrets_providers");
            g.writeStringField("type", SecretsCrypter.PROVIDER_TYPE);
            g.writeObjectFieldStart("state");
            g.writeStringField("salt", crypter.saltState());
            g.writeEndObject();
            g.writeEndObject();
            // the metadata before the resources: a reader of the metadata alone (a stack's role, whether it is lost) stops there
            g.writeObjectFieldStart("metadata");
            g.writeObjectFieldStart("lifeboat");
            metadata(g, snapshot);
            g.writeStringField("checksum", "");
            g.flush();
            checksumEnd = buf.size();
            extras(g, snapshot);
            g.writeEndObject();
            g.writeEndObject();
            g.writeArrayFieldStart("resources");
            for (ResourceState r : snapshot.resources()) resource(g, r);
            g.writeEndArray();
            if (!snapshot.pending().isEmpty()) {
                g.writeArrayFieldStart("pending_operations");
                for (PendingOperation p : snapshot.pending()) {
                    g.writeStartObject();
                    g.writeFieldName("resource");
                    resource(g, p.resource());
                    g.writeStringField("type", p.type());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new StateException("cannot serialise the checkpoint", e);
        }
        return sealed(buf.toByteArray(), deploymentStart, checksumEnd);
    }

    /**
     * A checkpoint written with its checksum blank ({@code ""} ending at {@code blankEnd}), with
     * the checksum of its deployment (from {@code deploymentStart} to before the root's closing
     * brace) in its place.
     */
    private static byte[] sealed(byte[] blank, int deploymentStart, int blankEnd) {
        String sum = CheckpointChecksum.written().update(blank, deploymentStart, blank.length - 1 - deploymentStart).value();
        byte[] checksum = ("\"" + sum + "\"").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int blankStart = blankEnd - CheckpointChecksum.BLANK.length;
        byte[] out = new byte[blank.length - CheckpointChecksum.BLANK.length + checksum.length];
        System.arraycopy(blank, 0, out, 0, blankStart);
        System.arraycopy(checksum, 0, out, blankStart, checksum.length);
        System.arraycopy(blank, blankEnd, out, blankStart + checksum.length, blank.length - blankEnd);
        return out;
    }

    /**
     * {@code old}, a checkpoint this Lifeboat wrote, with {@code metadata} in place of the
     * metadata's own fields and its checksum made again: its manifest, secrets provider and
     * resources are kept byte for byte,
     * neither parsed nor their secrets opened, so marking a stack of 14,000 resources lost takes
     * a copy of its bytes and a CRC-32, not 0.4 s of writing them out again. Null when {@code old}
     * is not laid out as {@link #checkpoint} lays it out (an older Lifeboat's, or changed by
     * hand), or fails its checksum: the caller then writes the snapshot whole.
     */
    static byte[] withMetadata(byte[] old, StackMetadata metadata) {
        Layout at = Layout.of(old);
        if (at == null) return null;
        ByteArrayOutputStream own = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JSON.createGenerator(own)) {
            // a field of an object being written: the generator wants the object open
            g.writeStartObject();
            metadata(g, metadata);
            g.writeStringField("checksum", "");
            g.writeEndObject();
        } catch (IOException e) {
            throw new StateException("cannot serialise the checkpoint's metadata", e);
        }
        byte[] fields = own.toByteArray();
        // without the braces of the object it was written in
        int fieldsLength = fields.length - 2;
        byte[] out = new byte[at.ownStart + fieldsLength + (old.length - at.checksumEnd)];
        System.arraycopy(old, 0, out, 0, at.ownStart);
        System.arraycopy(fields, 1, out, at.ownStart, fieldsLength);
        System.arraycopy(old, at.checksumEnd, out, at.ownStart + fieldsLength, old.length - at.checksumEnd);
        return sealed(out, at.deploymentStart, at.ownStart + fieldsLength);
    }

    /**
     * Where a checkpoint laid out by {@link #checkpoint} has its deployment, the metadata's own
     * fields and the end of its checksum, found by reading up to the checksum; null for any other
     * layout, and for one that fails its checksum.
     */
    private record Layout(int deploymentStart, int ownStart, int checksumEnd) {
        static Layout of(byte[] bytes) {
            if (bytes.length < 2 || bytes[bytes.length - 1] != '}') return null;
            try (com.fasterxml.jackson.core.JsonParser p = JSON.createParser(bytes)) {
                if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) return null;
                int deploymentStart = -1;
                while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    com.fasterxml.jackson.core.JsonToken value = p.nextToken();
                    if (!field.equals("deployment")) {
                        p.skipChildren();
                        continue;
                    }
                    if (value != com.fasterxml.jackson.core.JsonToken.START_OBJECT) return null;
                    deploymentStart = offset(p);
                    while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        com.fasterxml.jackson.core.JsonToken t = p.nextToken();
                        // the resources come after the metadata in this layout
                        if (name.equals("resources") || name.equals("pending_operations")) return null;
                        if (!name.equals("metadata")) {
                            p.skipChildren();
                            continue;
                        }
                        if (t != com.fasterxml.jackson.core.JsonToken.START_OBJECT) return null;
                        if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.FIELD_NAME || !p.currentName().equals("lifeboat")) return null;
                        if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) return null;
                        int ownStart = offset(p) + 1;
                        while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                            String key = p.currentName();
                            com.fasterxml.jackson.core.JsonToken v = p.nextToken();
                            if (!key.equals("checksum")) {
                                // past the own fields, only what is kept of the resources may follow the checksum
                                if (key.equals("sources") || key.equals("resources")) return null;
                                p.skipChildren();
                                continue;
                            }
                            if (v != com.fasterxml.jackson.core.JsonToken.VALUE_STRING) return null;
                            String stored = p.getText();
                            int valueStart = offset(p);
                            int checksumEnd = valueStart + stored.length() + 2;
                            if (!stored.startsWith("crc32:") || bytes[valueStart] != '"' || bytes[checksumEnd - 1] != '"') return null;
                            if (!followedOnlyByWhatIsKeptOfResources(p)) return null;
                            String held = CheckpointChecksum.written().overBlanked(bytes, deploymentStart, valueStart, checksumEnd, bytes.length - 1);
                            return held.equals(stored) ? new Layout(deploymentStart, ownStart, checksumEnd) : null;
                        }
                        return null;
                    }
                    return null;
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        }

        private static boolean followedOnlyByWhatIsKeptOfResources(com.fasterxml.jackson.core.JsonParser p) throws IOException {
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String key = p.currentName();
                if (!key.equals("sources") && !key.equals("resources")) return false;
                p.nextToken();
                p.skipChildren();
            }
            return true;
        }

        private static int offset(com.fasterxml.jackson.core.JsonParser p) {
            return (int) p.currentTokenLocation().getByteOffset();
        }
    }

    private static boolean holdsSecrets(Snapshot s) {
        for (ResourceState r : s.resources()) if (holdsSecrets(r)) return true;
        for (PendingOperation p : s.pending()) if (holdsSecrets(p.resource())) return true;
        return false;
    }

    private static boolean holdsSecrets(ResourceState r) {
        return holdsSecrets(r.inputs()) || holdsSecrets(r.outputs());
    }

    private static boolean holdsSecrets(Props props) {
        for (PropertyValue v : props.values()) if (v.containsSecrets()) return true;
        return false;
    }

    /** A resource's state as Pulumi's ResourceV3 JSON. */
    void resource(JsonGenerator g, ResourceState r) throws IOException {
        g.writeStartObject();
        g.writeStringField("urn", r.urn().toString());
        g.writeBooleanField("custom", r.custom());
        if (r.delete()) g.writeBooleanField("delete", true);
        if (r.id() != null) g.writeStringField("id", r.id());
        g.writeStringField("type", r.type());
        g.writeFieldName("inputs");
        props(g, r.inputs(), false);
        g.writeFieldName("outputs");
        props(g, r.outputs(), false);
        if (r.parent() != null) g.writeStringField("parent", r.parent().toString());
        if (r.protect()) g.writeBooleanField("protect", true);
        if (r.external()) g.writeBooleanField("external", true);
        // as Pulumi does (omitempty), no empty list of dependencies and no empty map of them
        if (!r.dependencies().isEmpty()) {
            g.writeArrayFieldStart("dependencies");
            for (Urn u : r.dependencies()) g.writeString(u.toString());
            g.writeEndArray();
        }
        if (r.provider() != null) g.writeStringField("provider", r.provider());
        if (!r.propertyDependencies().isEmpty()) {
            g.writeObjectFieldStart("propertyDependencies");
            for (Map.Entry<String, List<Urn>> e : r.propertyDependencies().entrySet()) {
                g.writeArrayFieldStart(e.getKey());
                for (Urn u : e.getValue()) g.writeString(u.toString());
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        if (!r.customTimeouts().isEmpty()) {
            g.writeObjectFieldStart("customTimeouts");
            if (r.customTimeouts().create() != null) g.writeNumberField("create", r.customTimeouts().create().toSeconds());
            if (r.customTimeouts().update() != null) g.writeNumberField("update", r.customTimeouts().update().toSeconds());
            if (r.customTimeouts().delete() != null) g.writeNumberField("delete", r.customTimeouts().delete().toSeconds());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    void props(JsonGenerator g, Props props) throws IOException {
        props(g, props, false);
    }

    private void props(JsonGenerator g, Props props, boolean plain) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, PropertyValue> e : props.entrySet()) {
            g.writeFieldName(e.getKey());
            value(g, e.getValue(), plain);
        }
        g.writeEndObject();
    }

    /**
     * A property value as Pulumi's JSON: secrets sealed ({@code plain}: unwrapped, for the clear
     * text inside a secret), unknowns as the sentinel. A reference that was never resolved cannot be saved.
     */
    void value(JsonGenerator g, PropertyValue v, boolean plain) throws IOException {
        if (v instanceof PropertyValue.Null) {
            g.writeNull();
        } else if (v instanceof PropertyValue.Bool b) {
            g.writeBoolean(b.value());
        } else if (v instanceof PropertyValue.Num n) {
            double d = n.value();
            if (d == Math.rint(d) && Math.abs(d) < 9e15) g.writeNumber((long) d);
            else g.writeNumber(d);
        } else if (v instanceof PropertyValue.Str s) {
            g.writeString(s.value());
        } else if (v instanceof PropertyValue.Unknown) {
            g.writeString(CheckpointCodec.UNKNOWN);
        } else if (v instanceof PropertyValue.Arr a) {
            g.writeStartArray();
            for (PropertyValue i : a.items()) value(g, i, plain);
            g.writeEndArray();
        } else if (v instanceof PropertyValue.Obj o) {
            props(g, o.props(), plain);
        } else if (v instanceof PropertyValue.Secret s && plain) {
            value(g, s.value(), true);
        } else if (v instanceof PropertyValue.Secret s) {
            StringWriter clear = new StringWriter();
            try (JsonGenerator inner = JSON.createGenerator(clear)) {
                value(inner, s.value(), true);
            }
            g.writeStartObject();
            g.writeStringField(CheckpointCodec.SIG, CheckpointCodec.SECRET_SIG);
            g.writeStringField("ciphertext", crypter.encrypt(clear.toString()));
            g.writeEndObject();
        } else {
            throw new StateException("an unresolved reference " + v + " cannot be saved in the state");
        }
    }

    private static void metadata(JsonGenerator g, Snapshot s) throws IOException {
        metadata(g, s.metadata());
    }

    private static void metadata(JsonGenerator g, StackMetadata m) throws IOException {
        g.writeStringField("stack", m.stack());
        g.writeStringField("lineage", m.lineage());
        g.writeNumberField("serial", m.serial());
        if (m.specHash() != null) g.writeStringField("specHash", m.specHash());
        if (m.commit() != null) {
            g.writeObjectFieldStart("commit");
            g.writeStringField("sha", m.commit().sha());
            g.writeStringField("author", m.commit().author());
            g.writeStringField("subject", m.commit().subject());
            if (m.commit().dirty()) g.writeBooleanField("dirty", true);
            g.writeEndObject();
        }
        if (m.appliedAt() != null) g.writeStringField("appliedAt", m.appliedAt().toString());
        if (m.role() != null) g.writeStringField("role", m.role());
        if (m.lost()) g.writeBooleanField("lost", true);
        if (m.restoredFrom() != null) g.writeStringField("restoredFrom", m.restoredFrom());
        if (m.partial()) {
            g.writeObjectFieldStart("partial");
            g.writeNumberField("pendingSteps", m.pendingSteps());
            g.writeEndObject();
        }
    }

    /**
     * What Lifeboat keeps of the resources beside Pulumi's fields. Where each came from in the
     * spec is {@code sources}: each place once ({@code table}) and, per resource in the order of
     * {@code deployment.resources}, the index of its place in it or -1 ({@code resources}); a
     * place names 2 resources on average, and a URN per resource would cost 150 bytes a resource.
     * The rarer options are a list of objects, each with its resource's URN.
     */
    private static void extras(JsonGenerator g, Snapshot s) throws IOException {
        Map<String, Integer> table = new java.util.LinkedHashMap<>();
        int[] of = new int[s.resources().size()];
        int i = 0;
        for (ResourceState r : s.resources()) {
            of[i++] = r.source() == null ? -1 : table.computeIfAbsent(r.source(), k -> table.size());
        }
        if (!table.isEmpty()) {
            g.writeObjectFieldStart("sources");
            g.writeArrayFieldStart("table");
            for (String source : table.keySet()) g.writeString(source);
            g.writeEndArray();
            g.writeArrayFieldStart("resources");
            for (int index : of) g.writeNumber(index);
            g.writeEndArray();
            g.writeEndObject();
        }
        // a list, the URN a value: a map keyed by 14,000 URNs costs the parser a name table of them
        g.writeArrayFieldStart("resources");
        for (ResourceState r : s.resources()) {
            if (!r.retainOnDelete() && r.deletedWith() == null) continue;
            g.writeStartObject();
            g.writeStringField("urn", r.urn().toString());
            optionFields(g, r);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    static boolean hasExtra(ResourceState r) {
        return r.retainOnDelete() || r.source() != null || r.deletedWith() != null;
    }

    /** What Lifeboat keeps of a resource beside Pulumi's fields: its retainOnDelete, deletedWith and source. */
    static void extra(JsonGenerator g, ResourceState r) throws IOException {
        g.writeStartObject();
        extraFields(g, r);
        g.writeEndObject();
    }

    private static void extraFields(JsonGenerator g, ResourceState r) throws IOException {
        optionFields(g, r);
        if (r.source() != null) g.writeStringField("source", r.source());
    }

    /** The options Lifeboat keeps of a resource: its retainOnDelete and deletedWith. */
    private static void optionFields(JsonGenerator g, ResourceState r) throws IOException {
        if (r.retainOnDelete()) g.writeBooleanField("retainOnDelete", true);
        if (r.deletedWith() != null) g.writeStringField("deletedWith", r.deletedWith().toString());
    }
}
