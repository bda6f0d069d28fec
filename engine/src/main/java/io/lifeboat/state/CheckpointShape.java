package io.lifeboat.state;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.lifeboat.resource.Urn;

/**
 * Checks that a checkpoint's JSON has the shape Lifeboat reads, before anything is taken from it:
 * every field it needs is there with the right type, and URNs parse. The answer is the first bad
 * field by its path ({@code deployment.resources[3].urn: not a URN: "x"}).
 */
final class CheckpointShape {
    private CheckpointShape() {
    }

    /** The first problem of a checkpoint, as {@code path: what is wrong}; empty when it has the shape. */
    static Optional<String> problem(JsonNode root) {
        try {
            check(root);
            return Optional.empty();
        } catch (Bad b) {
            return Optional.of(b.getMessage());
        }
    }

    private static final class Bad extends Exception {
        Bad(String path, String problem) {
            super(path + ": " + problem);
        }
    }

    private static void check(JsonNode root) throws Bad {
        if (root == null || !root.isObject()) throw new Bad("(top level)", "expected an object {\"version\":3,\"deployment\":{…}}, found " + kind(root));
        JsonNode version = root.get("version");
        if (version == null || !version.isInt() || version.asInt() != 3) {
            throw new Bad("version", "expected 3 (a Pulumi checkpoint of version 3), found " + shown(version));
        }
        JsonNode dep = object(root, "deployment", "deployment", true);
        JsonNode manifest = object(dep, "manifest", "deployment.manifest", false);
        if (manifest != null) instant(manifest, "time", "deployment.manifest.time");
        JsonNode resources = array(dep, "resources", "deployment.resources");
        if (resources != null) {
            for (int i = 0; i < resources.size(); i++) resource(resources.get(i), "deployment.resources[" + i + "]");
        }
        JsonNode pending = array(dep, "pending_operations", "deployment.pending_operations");
        if (pending != null) {
            for (int i = 0; i < pending.size(); i++) {
                String path = "deployment.pending_operations[" + i + "]";
                JsonNode op = pending.get(i);
                if (!op.isObject()) throw new Bad(path, "expected an object, found " + kind(op));
                resource(object(op, "resource", path + ".resource", true), path + ".resource");
                string(op, "type", path + ".type", true);
            }
        }
        JsonNode secrets = object(dep, "secrets_providers", "deployment.secrets_providers", false);
        if (secrets != null) {
            String type = string(secrets, "type", "deployment.secrets_providers.type", true);
            if (SecretsCrypter.PROVIDER_TYPE.equals(type)) {
                JsonNode state = object(secrets, "state", "deployment.secrets_providers.state", true);
                String salt = string(state, "salt", "deployment.secrets_providers.state.salt", true);
                if (!salt.startsWith("v1:") || salt.split(":").length < 2) {
                    throw new Bad("deployment.secrets_providers.state.salt", "expected v1:<salt>, found " + shown(state.get("salt")));
                }
            }
        }
        JsonNode metadata = object(dep, "metadata", "deployment.metadata", false);
        if (metadata != null) lifeboat(object(metadata, "lifeboat", "deployment.metadata.lifeboat", false));
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
        JsonNode extras = object(meta, "resources", p + "resources", false);
        if (extras != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = extras.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String path = p + "resources[" + shown(e.getKey()) + "]";
                if (!e.getValue().isObject()) throw new Bad(path, "expected an object, found " + kind(e.getValue()));
                bool(e.getValue(), "retainOnDelete", path + ".retainOnDelete");
                string(e.getValue(), "source", path + ".source", false);
            }
        }
    }

    private static void resource(JsonNode r, String path) throws Bad {
        if (!r.isObject()) throw new Bad(path, "expected an object, found " + kind(r));
        Urn urn = urn(r.get("urn"), path + ".urn", true);
        String type = string(r, "type", path + ".type", true);
        if (!type.equals(urn.type())) throw new Bad(path + ".type", shown(r.get("type")) + " is not the type its URN names (" + urn.type() + ")");
        bool(r, "custom", path + ".custom");
        bool(r, "delete", path + ".delete");
        bool(r, "protect", path + ".protect");
        string(r, "id", path + ".id", false);
        object(r, "inputs", path + ".inputs", false);
        object(r, "outputs", path + ".outputs", false);
        urn(r.get("parent"), path + ".parent", false);
        JsonNode deps = array(r, "dependencies", path + ".dependencies");
        if (deps != null) for (int i = 0; i < deps.size(); i++) urn(deps.get(i), path + ".dependencies[" + i + "]", true);
        JsonNode pd = object(r, "propertyDependencies", path + ".propertyDependencies", false);
        if (pd != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = pd.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String at = path + ".propertyDependencies." + e.getKey();
                JsonNode list = array(pd, e.getKey(), at);
                for (int i = 0; i < list.size(); i++) urn(list.get(i), at + "[" + i + "]", true);
            }
        }
        String provider = string(r, "provider", path + ".provider", false);
        if (provider != null) {
            int cut = provider.lastIndexOf("::");
            if (cut < 0 || !parses(provider.substring(0, cut))) {
                throw new Bad(path + ".provider", "not a provider reference <urn>::<id>: " + shown(r.get("provider")));
            }
        }
        JsonNode timeouts = object(r, "customTimeouts", path + ".customTimeouts", false);
        if (timeouts != null) {
            for (String k : new String[] {"create", "update", "delete"}) {
                JsonNode t = timeouts.get(k);
                if (t != null && !t.isNull() && !t.isNumber()) throw new Bad(path + ".customTimeouts." + k, "expected seconds, found " + shown(t));
            }
        }
    }

    private static Urn urn(JsonNode n, String path, boolean required) throws Bad {
        if (n == null || n.isNull()) {
            if (required) throw new Bad(path, "missing: every resource needs a URN");
            return null;
        }
        if (!n.isTextual() || !parses(n.asText())) throw new Bad(path, "not a URN: " + shown(n));
        return Urn.parse(n.asText());
    }

    private static boolean parses(String text) {
        try {
            Urn.parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
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

    private static JsonNode array(JsonNode parent, String key, String path) throws Bad {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) return null;
        if (!n.isArray()) throw new Bad(path, "expected a list, found " + kind(n));
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

    private static String kind(JsonNode n) {
        if (n == null || n.isMissingNode()) return "nothing";
        if (n.isObject()) return "an object";
        if (n.isArray()) return "a list";
        return shown(n);
    }

    /** A value as JSON, cut short: {@code "x"}, {@code 42}. */
    private static String shown(JsonNode n) {
        if (n == null) return "nothing";
        String s = n.toString();
        return s.length() > 80 ? s.substring(0, 77) + "…" : s;
    }

    private static String shown(String s) {
        return shown(com.fasterxml.jackson.databind.node.TextNode.valueOf(s));
    }
}
