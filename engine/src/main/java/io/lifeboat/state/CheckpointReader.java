package io.lifeboat.state;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads a checkpoint in one streaming pass over its bytes, with no tree of it: a checkpoint of
 * 12,500 resources is 26 MB of JSON, and its tree ten times that. Each resource is built from its
 * tokens by {@link ResourceReader}, which checks its shape as it reads; the small parts (manifest,
 * secrets provider, metadata) are checked by {@link CheckpointShape}. The checksum
 * ({@link CheckpointChecksum}) is over the bytes of the deployment with the checksum blank, as
 * {@link CheckpointWriter} writes them. Which problem is named when there are several is as if the
 * parts were checked in turn: JSON that does not parse, then the first part not of the shape, then
 * the checksum, then a value that cannot be read (a secret that does not open).
 */
final class CheckpointReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CheckpointReader() {
    }

    /** A reader of the fields of a checkpoint's {@code deployment}, each met with the parser on its value's first token. */
    private interface DeploymentField {
        void read(String field, JsonParser p) throws IOException, CheckpointShape.Bad;

        /** Where the deployment's object starts and ends in the checkpoint's bytes, once it is read. */
        default void deployment(int start, int end) {
        }

        /** Whether it has read all it needs: the rest of the checkpoint is then not read. */
        default boolean done() {
            return false;
        }
    }

    /** The whole checkpoint, its secrets opened by {@code codec}. */
    static Snapshot read(CheckpointCodec codec, byte[] bytes, String where) {
        Pass pass = new Pass(codec, bytes, where);
        walk(bytes, where, pass);
        if (!pass.checksumHolds()) {
            throw new DamagedCheckpointException(where, "it fails its checksum: it was changed or damaged after it was written", null);
        }
        if (pass.unreadable != null) throw pass.unreadable;
        try {
            return pass.snapshot();
        } catch (IllegalArgumentException e) {
            throw new DamagedCheckpointException(where, e.getMessage(), e);
        }
    }

    /**
     * Only the metadata: no resource is read, so no secret is opened and no passphrase needed. The
     * checkpoint is read up to the end of the metadata's own fields: a checkpoint this Lifeboat
     * writes has them before its resources (and before what it keeps of each resource), so a role
     * or a lost mark is read without the rest; one an older Lifeboat wrote, its metadata last, is
     * read through. The rest is not checked here: the full read checks it.
     */
    static StackMetadata metadata(byte[] bytes, String where) {
        MetadataOnly m = new MetadataOnly();
        walk(bytes, where, m);
        return CheckpointCodec.metadata(m.lifeboat == null ? MAPPER.missingNode() : m.lifeboat);
    }

    /** What is done with a field of {@code metadata.lifeboat}, the parser on its value: false stops the metadata's reading there. */
    private interface LifeboatField {
        boolean read(String key, JsonParser p) throws IOException, CheckpointShape.Bad;
    }

    /**
     * Reads a deployment's {@code metadata}, the parser on its first token, giving each field of
     * its {@code lifeboat} object to {@code field}; returns whether it has a lifeboat object.
     */
    private static boolean lifeboatFields(JsonParser p, LifeboatField field) throws IOException, CheckpointShape.Bad {
        if (p.currentToken() == JsonToken.VALUE_NULL) return false;
        if (p.currentToken() != JsonToken.START_OBJECT) CheckpointShape.metadata(CheckpointShape.tree(p));
        boolean found = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if (!name.equals("lifeboat") || t == JsonToken.VALUE_NULL) {
                p.skipChildren();
                continue;
            }
            if (t != JsonToken.START_OBJECT) CheckpointShape.metadata(MAPPER.createObjectNode().set("lifeboat", CheckpointShape.tree(p)));
            found = true;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                if (!field.read(key, p)) return true;
            }
        }
        return found;
    }

    /** The metadata's own fields (metadata.lifeboat but its resources), read from the deployment. */
    private static final class MetadataOnly implements DeploymentField {
        private ObjectNode lifeboat;
        private boolean done;

        @Override
        public void read(String field, JsonParser p) throws IOException, CheckpointShape.Bad {
            if (!field.equals("metadata")) {
                p.skipChildren();
                return;
            }
            done = true;
            ObjectNode own = MAPPER.createObjectNode();
            boolean found = lifeboatFields(p, (key, q) -> {
                // what is kept of each resource comes after the metadata's own fields
                if (key.equals("sources") || key.equals("resources")) return false;
                own.set(key, CheckpointShape.tree(q));
                return true;
            });
            if (!found) return;
            CheckpointShape.metadata(MAPPER.createObjectNode().set("lifeboat", own));
            lifeboat = own;
        }

        @Override
        public boolean done() {
            return done;
        }
    }

    /** The salt of the checkpoint's passphrase secrets provider; null when it has none or is not a checkpoint that can be read. */
    static String salt(byte[] bytes) {
        try (JsonParser p = MAPPER.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (!field.equals("deployment") || value != JsonToken.START_OBJECT) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    if (!name.equals("secrets_providers")) {
                        p.skipChildren();
                        continue;
                    }
                    JsonNode sp = CheckpointShape.tree(p);
                    return sp.path("type").asText("").equals(SecretsCrypter.PROVIDER_TYPE) ? sp.path("state").path("salt").asText(null) : null;
                }
                return null;
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Walks the checkpoint's top level, checking its version, and gives each field of its
     * deployment to {@code fields}. A part not of the shape, and JSON that does not parse, are
     * refused with {@link DamagedCheckpointException}; JSON that does not parse wins, so the
     * rest is read for it once a part is refused.
     */
    private static void walk(byte[] bytes, String where, DeploymentField fields) {
        CheckpointShape.Bad bad = null;
        try (JsonParser p = MAPPER.createParser(bytes)) {
            try {
                if (p.nextToken() != JsonToken.START_OBJECT) throw CheckpointShape.notAnObject(p.currentToken() == null ? null : CheckpointShape.tree(p));
                boolean version = false;
                boolean deployment = false;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    if (field.equals("version")) {
                        CheckpointShape.version(CheckpointShape.tree(p));
                        version = true;
                    } else if (field.equals("deployment")) {
                        if (value != JsonToken.START_OBJECT) CheckpointShape.deployment(CheckpointShape.tree(p));
                        deployment = true;
                        int start = offset(p);
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String name = p.currentName();
                            p.nextToken();
                            fields.read(name, p);
                            if (fields.done() && version) return;
                        }
                        fields.deployment(start, offset(p) + 1);
                    } else {
                        p.skipChildren();
                    }
                }
                if (!version) CheckpointShape.version(null);
                if (!deployment) CheckpointShape.deployment(null);
            } catch (CheckpointShape.Bad b) {
                bad = b;
                while (p.nextToken() != null) {
                    // read to the end: JSON that does not parse is named before a part of the wrong shape
                }
            }
        } catch (JsonProcessingException e) {
            throw new DamagedCheckpointException(where, "not valid JSON (" + e.getOriginalMessage().lines().findFirst().orElse("") + "); it may be truncated", e);
        } catch (IOException e) {
            throw new DamagedCheckpointException(where, "cannot be read: " + e.getMessage(), e);
        }
        if (bad != null) throw new DamagedCheckpointException(where, bad.getMessage(), null);
    }

    /**
     * The full read: resources and pending operations built as they stream past. The checksum is
     * over the bytes of the deployment with its checksum blank, when they are compact JSON as
     * Lifeboat writes them; else (a checkpoint pretty-printed, by hand or by an older Lifeboat)
     * over the deployment made compact.
     */
    private static final class Pass implements DeploymentField {
        private final byte[] bytes;
        private final String where;
        private final ResourceReader reader;
        private final List<ResourceState> resources = new ArrayList<>();
        private final List<PendingOperation> pending = new ArrayList<>();
        /** What Lifeboat keeps of resources beside Pulumi's fields, by URN (metadata.lifeboat.resources). */
        private final Map<String, CheckpointCodec.Extra> extras = new HashMap<>();
        /** Where each resource came from in the spec (metadata.lifeboat.sources): each place once, and per resource its index or -1. */
        private List<String> sourceTable;
        private int[] sourceOf;
        /** Whether the sources were read before the resources, and so given to each as it was made. */
        private boolean sourcesFirst;
        private JsonNode manifest;
        private final ObjectNode lifeboat = MAPPER.createObjectNode();
        private boolean hasLifeboat;
        private String checksum;
        private int checksumStart = -1;
        private int checksumEnd = -1;
        private int deploymentStart = -1;
        private int deploymentEnd = -1;
        /** The first value that could not be read: named only once the checksum holds. */
        private StateException unreadable;

        Pass(CheckpointCodec codec, byte[] bytes, String where) {
            this.bytes = bytes;
            this.where = where;
            this.reader = new ResourceReader(codec.crypter());
        }

        @Override
        public void read(String field, JsonParser p) throws IOException, CheckpointShape.Bad {
            switch (field) {
                case "resources", "pending_operations" -> list(field, p);
                case "metadata" -> metadata(p);
                case "manifest" -> {
                    manifest = CheckpointShape.tree(p);
                    CheckpointShape.manifest(manifest);
                }
                case "secrets_providers" -> CheckpointShape.secretsProviders(CheckpointShape.tree(p));
                default -> p.skipChildren();
            }
        }

        @Override
        public void deployment(int start, int end) {
            deploymentStart = start;
            deploymentEnd = end;
        }

        private void list(String field, JsonParser p) throws IOException, CheckpointShape.Bad {
            if (p.currentToken() == JsonToken.VALUE_NULL) return;
            if (p.currentToken() != JsonToken.START_ARRAY) CheckpointShape.list(field, CheckpointShape.tree(p));
            int i = 0;
            if (field.equals("resources")) sourcesFirst = sourceOf != null;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                String path = "deployment." + field + "[" + i + "]";
                if (field.equals("resources")) {
                    // the metadata comes first in a checkpoint this Lifeboat writes: each resource is made with its source
                    String source = sourcesFirst && i < sourceOf.length && sourceOf[i] >= 0 ? sourceTable.get(sourceOf[i]) : null;
                    ResourceState r = build(p, path, source);
                    if (r != null) resources.add(r);
                } else {
                    pendingOperation(p, path);
                }
                i++;
            }
        }

        private void pendingOperation(JsonParser p, String path) throws IOException, CheckpointShape.Bad {
            if (p.currentToken() != JsonToken.START_OBJECT) throw new CheckpointShape.Bad(path, "expected an object, found " + CheckpointShape.kind(p));
            ResourceState resource = null;
            boolean seen = false;
            String type = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (name.equals("resource") && t != JsonToken.VALUE_NULL) {
                    seen = true;
                    resource = build(p, path + ".resource", null);
                } else if (name.equals("type")) {
                    type = CheckpointShape.string(p, path + ".type");
                } else {
                    p.skipChildren();
                }
            }
            if (!seen) throw new CheckpointShape.Bad(path + ".resource", "missing");
            if (type == null) throw new CheckpointShape.Bad(path + ".type", "missing");
            if (resource != null) pending.add(new PendingOperation(resource, type));
        }

        /** A resource; null once one could not be read (kept for after the checksum). */
        private ResourceState build(JsonParser p, String path, String source) throws IOException, CheckpointShape.Bad {
            com.fasterxml.jackson.core.JsonStreamContext around = p.getParsingContext().getParent();
            try {
                return reader.read(p, path, source);
            } catch (StateException e) {
                if (unreadable == null) unreadable = new StateException(where + ": " + e.getMessage(), e);
                // on to the end of this resource, from wherever inside it the value was
                while (!(p.currentToken() == JsonToken.END_OBJECT && p.getParsingContext() == around)) {
                    if (p.nextToken() == null) throw new CheckpointShape.Bad(path, "cut short");
                }
                return null;
            }
        }

        private void metadata(JsonParser p) throws IOException, CheckpointShape.Bad {
            hasLifeboat |= lifeboatFields(p, (key, q) -> {
                if (key.equals("resources")) {
                    extras(q);
                    return true;
                }
                if (key.equals("sources")) {
                    sources(q);
                    return true;
                }
                if (key.equals("checksum") && q.currentToken() == JsonToken.VALUE_STRING) {
                    checksumStart = offset(q);
                    checksum = q.getText();
                    checksumEnd = checksumStart + checksum.length() + 2;
                }
                lifeboat.set(key, CheckpointShape.tree(q));
                return true;
            });
            CheckpointShape.metadata(MAPPER.createObjectNode().set("lifeboat", lifeboat));
        }

        /**
         * {@code metadata.lifeboat.resources}: what Lifeboat keeps of each resource
         * ({@link CheckpointCodec.Extra}), as a list of objects with their URN; as an object by URN
         * when an older Lifeboat wrote it.
         */
        private void extras(JsonParser p) throws IOException, CheckpointShape.Bad {
            String at = "deployment.metadata.lifeboat.resources";
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NULL) return;
            if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
                throw new CheckpointShape.Bad(at, "expected a list, found " + CheckpointShape.kind(p));
            }
            boolean list = t == JsonToken.START_ARRAY;
            int i = 0;
            while (list ? p.nextToken() != JsonToken.END_ARRAY : p.nextToken() == JsonToken.FIELD_NAME) {
                String urn = list ? null : p.currentName();
                String path = list ? at + "[" + i++ + "]" : at + "[" + CheckpointShape.shown(urn) + "]";
                if ((list ? p.currentToken() : p.nextToken()) != JsonToken.START_OBJECT) {
                    throw new CheckpointShape.Bad(path, "expected an object, found " + CheckpointShape.kind(p));
                }
                boolean retain = false;
                String source = null;
                String deletedWith = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    String field = path + "." + name;
                    switch (name) {
                        case "retainOnDelete" -> retain = CheckpointShape.bool(p, field);
                        case "source" -> source = CheckpointShape.string(p, field);
                        case "deletedWith" -> deletedWith = CheckpointShape.string(p, field);
                        case "urn" -> {
                            String text = CheckpointShape.string(p, field);
                            if (list) urn = text;
                        }
                        default -> p.skipChildren();
                    }
                }
                if (urn == null) throw new CheckpointShape.Bad(path + ".urn", "missing");
                extras.put(urn, new CheckpointCodec.Extra(retain, source, deletedWith));
            }
        }

        /** {@code metadata.lifeboat.sources}: {@code table}, each place once, and {@code resources}, per resource the index of its place or -1. */
        private void sources(JsonParser p) throws IOException, CheckpointShape.Bad {
            String at = "deployment.metadata.lifeboat.sources";
            if (p.currentToken() == JsonToken.VALUE_NULL) return;
            if (p.currentToken() != JsonToken.START_OBJECT) throw new CheckpointShape.Bad(at, "expected an object, found " + CheckpointShape.kind(p));
            List<String> table = List.of();
            int[] of = new int[0];
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                String field = at + "." + name;
                if (name.equals("table") || name.equals("resources")) {
                    if (t != JsonToken.START_ARRAY) throw new CheckpointShape.Bad(field, "expected a list, found " + CheckpointShape.kind(p));
                } else {
                    p.skipChildren();
                    continue;
                }
                if (name.equals("table")) {
                    List<String> read = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) read.add(CheckpointShape.string(p, field + "[" + read.size() + "]"));
                    table = read;
                } else {
                    int[] read = new int[64];
                    int n = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                            throw new CheckpointShape.Bad(field + "[" + n + "]", "expected an index in sources.table or -1, found " + CheckpointShape.kind(p));
                        }
                        if (n == read.length) read = java.util.Arrays.copyOf(read, n * 2);
                        read[n++] = p.getIntValue();
                    }
                    of = java.util.Arrays.copyOf(read, n);
                }
            }
            for (int i = 0; i < of.length; i++) {
                if (of[i] < -1 || of[i] >= table.size()) {
                    throw new CheckpointShape.Bad(at + ".resources[" + i + "]", of[i] + " is not an index in sources.table (" + table.size() + " places) nor -1");
                }
            }
            sourceTable = table;
            sourceOf = of;
        }

        /** Whether the checksum holds: first over the bytes as they are, then over the deployment made compact. */
        boolean checksumHolds() {
            if (checksum == null) return true;
            if (CheckpointChecksum.like(checksum) == null) return false;
            if (deploymentStart >= 0 && checksumStart > deploymentStart && checksumEnd <= deploymentEnd && bytes[checksumStart] == '"'
                    && bytes[checksumEnd - 1] == '"') {
                String raw = CheckpointChecksum.like(checksum).overBlanked(bytes, deploymentStart, checksumStart, checksumEnd, deploymentEnd);
                if (checksum.equals(raw)) return true;
            }
            return checksum.equals(compactChecksum(bytes, checksum));
        }

        Snapshot snapshot() {
            List<ResourceState> all = resources;
            if (sourceOf != null && sourceOf.length != resources.size()) {
                // resources taken out or added by hand (the checksum made again, or none): which source is whose is not
                // guessed at; a source only names a spec line in messages, so the resources are read without them
                if (sourcesFirst) {
                    all = new ArrayList<>(resources.size());
                    for (ResourceState r : resources) all.add(withSource(r, null));
                }
            } else if (sourceOf != null && !sourcesFirst) {
                all = new ArrayList<>(resources.size());
                for (int i = 0; i < sourceOf.length; i++) {
                    ResourceState r = resources.get(i);
                    all.add(sourceOf[i] < 0 ? r : withSource(r, sourceTable.get(sourceOf[i])));
                }
            }
            if (!extras.isEmpty()) {
                List<ResourceState> read = all;
                all = new ArrayList<>(read.size());
                for (ResourceState r : read) {
                    CheckpointCodec.Extra extra = extras.get(r.urn().toString());
                    all.add(extra == null ? r : extra.applyTo(r));
                }
            }
            Instant time = manifest != null && manifest.hasNonNull("time") ? Instant.parse(manifest.get("time").asText()) : Instant.now();
            return new Snapshot(time, all, pending, CheckpointCodec.metadata(hasLifeboat ? lifeboat : MAPPER.missingNode()));
        }
    }

    private static ResourceState withSource(ResourceState r, String source) {
        return new ResourceState(r.urn(), r.custom(), r.id(), r.inputs(), r.outputs(), r.parent(), r.protect(), r.retainOnDelete(),
                r.dependencies(), r.propertyDependencies(), r.provider(), r.delete(), r.customTimeouts(), source, r.deletedWith(), r.external());
    }

    /** Where the token the parser is on starts, in the checkpoint's bytes. */
    private static int offset(JsonParser p) {
        return (int) p.currentTokenLocation().getByteOffset();
    }


    /** The checksum, of the kind {@code like} is, of a checkpoint's deployment made compact JSON, its checksum blank. */
    private static String compactChecksum(byte[] bytes, String like) {
        try {
            JsonNode dep = MAPPER.readTree(bytes).path("deployment");
            JsonNode meta = dep.path("metadata").path("lifeboat");
            if (meta instanceof ObjectNode m) m.put("checksum", "");
            return CheckpointChecksum.like(like).update(MAPPER.writeValueAsBytes(dep)).value();
        } catch (IOException e) {
            throw new StateException("cannot compute the checkpoint checksum", e);
        }
    }
}
