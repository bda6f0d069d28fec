package io.lifeboat.state;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * Checks that the parts of a checkpoint's JSON have the shape Lifeboat reads, before anything is
 * taken from them: every field it needs is there with the right type. A part that is not is
 * refused by {@link Bad}, naming the first bad field by its path
 * ({@code deployment.resources[3].urn: not a URN: "x"}). The small parts are checked here as trees;
 * the streaming readers ({@link CheckpointReader}, {@link ResourceReader}) check the value their
 * parser is on with the token checks below.
 */
final class CheckpointShape {
    private CheckpointShape() {
    }

    /** A part of a checkpoint that is not of the shape Lifeboat reads: its path and what is wrong with it. */
    static final class Bad extends Exception {
        private final String path;
        private final String problem;

        Bad(String path, String problem) {
            super(path + ": " + problem);
            this.path = path;
            this.problem = problem;
        }

        /**
         * The same refusal with {@code prefix} before its path: a reader of a part gives the path
         * within it (often empty) and its caller adds where the part is, so that no path is built
         * for the parts that read well.
         */
        Bad under(String prefix) {
            return new Bad(prefix + path, problem);
        }
    }

    /** The value the parser is on, as a tree (JSON's null as {@code NullNode}): for what a refusal shows of it. */
    static JsonNode tree(JsonParser p) throws IOException {
        JsonNode n = p.readValueAsTree();
        return n == null ? NullNode.getInstance() : n;
    }

    /** What the value the parser is on is, for a refusal: {@code an object}, {@code a list}, or the value. */
    static String kind(JsonParser p) throws IOException {
        return kind(tree(p));
    }

    /** The boolean the parser is on; null is false. */
    static boolean bool(JsonParser p, String path) throws IOException, Bad {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_TRUE) return true;
        if (t == JsonToken.VALUE_FALSE || t == JsonToken.VALUE_NULL) return false;
        throw new Bad(path, "expected true or false, found " + shown(tree(p)));
    }

    /** The string the parser is on, or null for JSON's null. */
    static String string(JsonParser p, String path) throws IOException, Bad {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) return null;
        if (t != JsonToken.VALUE_STRING) throw new Bad(path, "expected a string, found " + kind(p));
        return p.getText();
    }

    /** The top level, given as what was found instead of an object. */
    static Bad notAnObject(JsonNode found) {
        return new Bad("(top level)", "expected an object {\"version\":3,\"deployment\":{…}}, found " + kind(found));
    }

    static void version(JsonNode version) throws Bad {
        if (version == null || !version.isInt() || version.asInt() != 3) {
            throw new Bad("version", "expected 3 (a Pulumi checkpoint of version 3), found " + shown(version));
        }
    }

    /** {@code deployment}'s value, as the token that opens it shows it. */
    static void deployment(JsonNode found) throws Bad {
        if (found == null || found.isNull()) throw new Bad("deployment", "missing");
        if (!found.isObject()) throw new Bad("deployment", "expected an object, found " + kind(found));
    }

    static void manifest(JsonNode manifest) throws Bad {
        if (present(manifest, "deployment.manifest")) instant(manifest, "time", "deployment.manifest.time");
    }

    /** A field of {@code deployment} that holds a list ({@code resources}, {@code pending_operations}), as the token that opens it shows it. */
    static void list(String field, JsonNode found) throws Bad {
        if (!found.isArray()) throw new Bad("deployment." + field, "expected a list, found " + kind(found));
    }

    static void secretsProviders(JsonNode secrets) throws Bad {
        if (!present(secrets, "deployment.secrets_providers")) return;
        String type = string(secrets, "type", "deployment.secrets_providers.type", true);
        if (SecretsCrypter.PROVIDER_TYPE.equals(type)) {
            JsonNode state = object(secrets, "state", "deployment.secrets_providers.state", true);
            String salt = string(state, "salt", "deployment.secrets_providers.state.salt", true);
            if (!salt.startsWith("v1:") || salt.split(":").length < 2) {
                throw new Bad("deployment.secrets_providers.state.salt", "expected v1:<salt>, found " + shown(state.get("salt")));
            }
        }
    }

    static void metadata(JsonNode metadata) throws Bad {
        if (present(metadata, "deployment.metadata")) lifeboat(object(metadata, "lifeboat", "deployment.metadata.lifeboat", false));
    }

    /** Whether an optional object is there; one that is there but not an object is refused. */
    private static boolean present(JsonNode n, String path) throws Bad {
        if (n == null || n.isNull()) return false;
        if (!n.isObject()) throw new Bad(path, "expected an object, found " + kind(n));
        return true;
    }

    private static void lifeboat(JsonNode meta) throws Bad {
        if (meta == null) return;
        String p = "deployment.metadata.lifeboat.";
        string(meta, "stack", p + "stack", false);
        string(meta, "lineage", p + "lineage", false);
        JsonNode serial = meta.get("serial");
        if (serial != null && !(serial.canConvertToLong() && serial.isIntegralNumber() && serial.asLong() >= 0)) {
            throw new Bad(p + "serial", "expected a whole number of 0 or more, found " + shown(serial));
        }
        string(meta, "specHash", p + "specHash", false);
        string(meta, "checksum", p + "checksum", false);
        JsonNode commit = meta.get("commit");
        if (commit != null && !commit.isNull() && !commit.isTextual()) {
            if (!commit.isObject()) throw new Bad(p + "commit", "expected an object {sha, author, subject}, found " + kind(commit));
            string(commit, "sha", p + "commit.sha", true);
        }
        instant(meta, "appliedAt", p + "appliedAt");
        String role = string(meta, "role", p + "role", false);
        if (role != null && !role.equals("primary") && !role.equals("secondary")) {
            throw new Bad(p + "role", "expected \"primary\" or \"secondary\", found " + shown(meta.get("role")));
        }
        bool(meta, "lost", p + "lost");
        string(meta, "restoredFrom", p + "restoredFrom", false);
        // its resources (what Lifeboat keeps of each) are checked as they stream past (CheckpointReader)
    }

    private static JsonNode object(JsonNode parent, String key, String path, boolean required) throws Bad {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) {
            if (required) throw new Bad(path, "missing");
            return null;
        }
        if (!n.isObject()) throw new Bad(path, "expected an object, found " + kind(n));
        return n;
    }

    private static String string(JsonNode parent, String key, String path, boolean required) throws Bad {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) {
            if (required) throw new Bad(path, "missing");
            return null;
        }
        if (!n.isTextual()) throw new Bad(path, "expected a string, found " + kind(n));
        return n.asText();
    }

    private static void bool(JsonNode parent, String key, String path) throws Bad {
        JsonNode n = parent.get(key);
        if (n != null && !n.isNull() && !n.isBoolean()) throw new Bad(path, "expected true or false, found " + shown(n));
    }

    private static void instant(JsonNode parent, String key, String path) throws Bad {
        String s = string(parent, key, path, false);
        if (s == null) return;
        try {
            Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new Bad(path, "not a time (ISO-8601, e.g. 2026-11-22T10:00:00Z): " + shown(parent.get(key)));
        }
    }

    static String kind(JsonNode n) {
        if (n == null || n.isMissingNode()) return "nothing";
        if (n.isObject()) return "an object";
        if (n.isArray()) return "a list";
        return shown(n);
    }

    /** A value as JSON, cut short: {@code "x"}, {@code 42}. */
    static String shown(JsonNode n) {
        if (n == null) return "nothing";
        String s = n.toString();
        return s.length() > 80 ? s.substring(0, 77) + "…" : s;
    }

    static String shown(String s) {
        return shown(com.fasterxml.jackson.databind.node.TextNode.valueOf(s));
    }
}
