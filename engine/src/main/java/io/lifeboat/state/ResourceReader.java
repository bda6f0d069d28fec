package io.lifeboat.state;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.ResourceOptions;
import io.lifeboat.resource.Urn;

/**
 * Reads one resource of a checkpoint (Pulumi's ResourceV3 JSON) from the tokens of a parser,
 * checking its shape as it goes: every field it needs is there with the right type, URNs parse,
 * the type is its URN's. The first bad field is refused by {@link CheckpointShape.Bad}, by its path.
 * Its secrets are opened by the stack's crypter. Fields Lifeboat does not use are skipped. One
 * reader serves one checkpoint or journal, sharing the URNs it parses.
 */
final class ResourceReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final SecretsCrypter crypter;
    private final Map<String, Urn> urns = new HashMap<>();

    ResourceReader(SecretsCrypter crypter) {
        this.crypter = crypter;
    }

    /**
     * The resource whose object the parser is on (its first token), read to its last token. A
     * value that cannot be read (a secret that does not open) is refused by a StateException
     * naming the resource.
     */
    ResourceState read(JsonParser p, String path) throws IOException, CheckpointShape.Bad {
        return read(p, path, null);
    }

    /** As {@link #read(JsonParser, String)}, the resource having come from {@code source} in the spec (or null). */
    ResourceState read(JsonParser p, String path, String source) throws IOException, CheckpointShape.Bad {
        if (p.currentToken() != JsonToken.START_OBJECT) throw new CheckpointShape.Bad(path, "expected an object, found " + CheckpointShape.kind(p));
        Urn urn = null;
        String type = null;
        boolean custom = false;
        boolean delete = false;
        boolean protect = false;
        boolean external = false;
        String id = null;
        Props inputs = Props.EMPTY;
        Props outputs = Props.EMPTY;
        Urn parent = null;
        List<Urn> deps = List.of();
        Map<String, List<Urn>> pd = Map.of();
        String provider = null;
        ResourceOptions.CustomTimeouts timeouts = ResourceOptions.CustomTimeouts.NONE;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            // each part is read with its path within it ("" for itself); the path is built only for a refusal
            try {
                switch (field) {
                    case "urn" -> urn = urn(p, "", true);
                    case "type" -> type = CheckpointShape.string(p, "");
                    case "custom" -> custom = CheckpointShape.bool(p, "");
                    case "delete" -> delete = CheckpointShape.bool(p, "");
                    case "protect" -> protect = CheckpointShape.bool(p, "");
                    case "external" -> external = CheckpointShape.bool(p, "");
                    case "id" -> id = CheckpointShape.string(p, "");
                    case "inputs", "outputs" -> {
                        Props read = props(p, path, field, urn);
                        if (field.equals("inputs")) inputs = read;
                        else outputs = read;
                    }
                    case "parent" -> parent = urn(p, "", false);
                    case "dependencies" -> deps = urns(p);
                    case "propertyDependencies" -> pd = propertyDependencies(p);
                    case "provider" -> provider = provider(p, "");
                    case "customTimeouts" -> timeouts = timeouts(p, "");
                    default -> p.skipChildren();
                }
            } catch (CheckpointShape.Bad e) {
                throw e.under(path + "." + field);
            }
        }
        if (urn == null) throw new CheckpointShape.Bad(path + ".urn", "missing: every resource needs a URN");
        if (type == null) throw new CheckpointShape.Bad(path + ".type", "missing");
        if (!type.equals(urn.type())) {
            throw new CheckpointShape.Bad(path + ".type", CheckpointShape.shown(type) + " is not the type its URN names (" + urn.type() + ")");
        }
        return new ResourceState(urn, custom, id, inputs, outputs, parent, protect, false, deps, pd, provider, delete, timeouts, source, null,
                external);
    }

    private Urn urn(JsonParser p, String path, boolean required) throws IOException, CheckpointShape.Bad {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            if (required) throw new CheckpointShape.Bad(path, "missing: every resource needs a URN");
            return null;
        }
        if (p.currentToken() != JsonToken.VALUE_STRING) throw new CheckpointShape.Bad(path, "not a URN: " + CheckpointShape.shown(CheckpointShape.tree(p)));
        String text = p.getText();
        Urn u = urns.get(text);
        if (u != null) return u;
        try {
            u = Urn.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CheckpointShape.Bad(path, "not a URN: " + CheckpointShape.shown(text));
        }
        urns.put(text, u);
        return u;
    }

    private List<Urn> urns(JsonParser p) throws IOException, CheckpointShape.Bad {
        if (p.currentToken() == JsonToken.VALUE_NULL) return List.of();
        if (p.currentToken() != JsonToken.START_ARRAY) throw new CheckpointShape.Bad("", "expected a list, found " + CheckpointShape.kind(p));
        List<Urn> out = new ArrayList<>();
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            try {
                out.add(urn(p, "", true));
            } catch (CheckpointShape.Bad e) {
                throw e.under("[" + i + "]");
            }
            i++;
        }
        return out;
    }

    private Map<String, List<Urn>> propertyDependencies(JsonParser p) throws IOException, CheckpointShape.Bad {
        if (p.currentToken() == JsonToken.VALUE_NULL) return Map.of();
        if (p.currentToken() != JsonToken.START_OBJECT) throw new CheckpointShape.Bad("", "expected an object, found " + CheckpointShape.kind(p));
        Map<String, List<Urn>> out = new TreeMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            try {
                out.put(key, urns(p));
            } catch (CheckpointShape.Bad e) {
                throw e.under("." + key);
            }
        }
        return out;
    }

    private String provider(JsonParser p, String path) throws IOException, CheckpointShape.Bad {
        String provider = CheckpointShape.string(p, path);
        if (provider == null) return null;
        int cut = provider.lastIndexOf("::");
        boolean parses = cut >= 0;
        if (parses) {
            try {
                Urn.parse(provider.substring(0, cut));
            } catch (IllegalArgumentException e) {
                parses = false;
            }
        }
        if (!parses) throw new CheckpointShape.Bad(path, "not a provider reference <urn>::<id>: " + CheckpointShape.shown(provider));
        return provider;
    }

    private static ResourceOptions.CustomTimeouts timeouts(JsonParser p, String path) throws IOException, CheckpointShape.Bad {
        if (p.currentToken() == JsonToken.VALUE_NULL) return ResourceOptions.CustomTimeouts.NONE;
        if (p.currentToken() != JsonToken.START_OBJECT) throw new CheckpointShape.Bad(path, "expected an object, found " + CheckpointShape.kind(p));
        Duration create = null;
        Duration update = null;
        Duration delete = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken t = p.nextToken();
            if (!key.equals("create") && !key.equals("update") && !key.equals("delete")) {
                p.skipChildren();
                continue;
            }
            if (t == JsonToken.VALUE_NULL) continue;
            if (!t.isNumeric()) throw new CheckpointShape.Bad(path + "." + key, "expected seconds, found " + CheckpointShape.shown(CheckpointShape.tree(p)));
            Duration d = Duration.ofMillis((long) (p.getDoubleValue() * 1000));
            switch (key) {
                case "create" -> create = d;
                case "update" -> update = d;
                default -> delete = d;
            }
        }
        return new ResourceOptions.CustomTimeouts(create, update, delete);
    }

    /** A resource's inputs or outputs; one that cannot be read names where it is and the resource (by its URN when it came first). */
    private Props props(JsonParser p, String path, String field, Urn urn) throws IOException, CheckpointShape.Bad {
        if (p.currentToken() == JsonToken.VALUE_NULL) return Props.EMPTY;
        if (p.currentToken() != JsonToken.START_OBJECT) throw new CheckpointShape.Bad("", "expected an object, found " + CheckpointShape.kind(p));
        try {
            return fields(p);
        } catch (StateException e) {
            throw new StateException(path + "." + field + (urn == null ? "" : " (" + urn + ")") + ": " + e.getMessage(), e);
        }
    }

    /** The fields of the object the parser is on, read to its end. */
    private Props fields(JsonParser p) throws IOException {
        Props.Builder out = Props.builder();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            out.put(key, value(p));
        }
        return out.build();
    }

    /** The value whose first token the parser is on: Pulumi's property value JSON (secrets, the unknown sentinel). */
    PropertyValue value(JsonParser p) throws IOException {
        switch (p.currentToken()) {
            case VALUE_NULL:
                return PropertyValue.NULL;
            case VALUE_TRUE:
                return new PropertyValue.Bool(true);
            case VALUE_FALSE:
                return new PropertyValue.Bool(false);
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new PropertyValue.Num(p.getDoubleValue());
            case VALUE_STRING: {
                String s = p.getText();
                return CheckpointCodec.UNKNOWN.equals(s) ? PropertyValue.UNKNOWN : new PropertyValue.Str(s);
            }
            case START_ARRAY: {
                List<PropertyValue> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) items.add(value(p));
                return new PropertyValue.Arr(items);
            }
            case START_OBJECT: {
                Props fields = fields(p);
                return fields.get(CheckpointCodec.SIG) instanceof PropertyValue.Str sig && sig.value().equals(CheckpointCodec.SECRET_SIG)
                        ? secret(fields) : new PropertyValue.Obj(fields);
            }
            default:
                throw new StateException("a property value in the state is not JSON: " + p.currentToken());
        }
    }

    /** A secret: its clear text (from {@code plaintext}, or opened from {@code ciphertext}) read as a value. */
    private PropertyValue secret(Props fields) throws IOException {
        String plain;
        if (fields.get("plaintext") instanceof PropertyValue.Str s) {
            plain = s.value();
        } else {
            plain = crypter.decrypt(fields.get("ciphertext") instanceof PropertyValue.Str s ? s.value() : "");
        }
        try (JsonParser inner = MAPPER.createParser(plain)) {
            if (inner.nextToken() == null) throw new StateException("a secret in the state does not hold JSON");
            return new PropertyValue.Secret(value(inner));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new StateException("a secret in the state does not hold JSON", e);
        }
    }
}
