package io.lifeboat.providers.gcp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.api.client.json.GenericJson;
import com.google.api.client.json.gson.GsonFactory;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;

import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

/**
 * The one shape the gcp types work in: an API object as JSON (the REST form every Google API
 * documents), turned to and from the engine's properties, the clients' protobuf messages
 * ({@link JsonFormat}, which follows the API's JSON names) and the discovery clients' models.
 */
public final class ApiJson {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

    private ApiJson() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** A property value as JSON, secrets revealed (only ever sent to the API). */
    public static JsonNode json(PropertyValue v) {
        PropertyValue value = v == null ? PropertyValue.NULL : v.reveal();
        if (value instanceof PropertyValue.Str s) return MAPPER.getNodeFactory().textNode(s.value());
        if (value instanceof PropertyValue.Bool b) return MAPPER.getNodeFactory().booleanNode(b.value());
        if (value instanceof PropertyValue.Num n) {
            double d = n.value();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? MAPPER.getNodeFactory().numberNode((long) d) : MAPPER.getNodeFactory().numberNode(d);
        }
        if (value instanceof PropertyValue.Arr a) {
            ArrayNode out = MAPPER.createArrayNode();
            for (PropertyValue item : a.items()) out.add(json(item));
            return out;
        }
        if (value instanceof PropertyValue.Obj o) return json(o.props());
        return MAPPER.getNodeFactory().nullNode();
    }

    public static ObjectNode json(Props props) {
        ObjectNode out = object();
        props.forEach((k, x) -> {
            if (x != null && !(x instanceof PropertyValue.Null)) out.set(k, json(x));
        });
        return out;
    }

    /** JSON as a property value. */
    public static PropertyValue value(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) return PropertyValue.NULL;
        if (n.isTextual()) return new PropertyValue.Str(n.asText());
        if (n.isBoolean()) return new PropertyValue.Bool(n.asBoolean());
        if (n.isNumber()) return new PropertyValue.Num(n.asDouble());
        if (n.isArray()) {
            List<PropertyValue> items = new ArrayList<>();
            for (JsonNode item : n) items.add(value(item));
            return new PropertyValue.Arr(items);
        }
        return new PropertyValue.Obj(props(n));
    }

    public static Props props(JsonNode n) {
        Map<String, PropertyValue> out = new TreeMap<>();
        if (n != null && n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), value(e.getValue()));
            }
        }
        return new Props(out);
    }

    /** A protobuf message as its JSON (the API's REST form). */
    public static ObjectNode json(Message message) {
        try {
            return (ObjectNode) MAPPER.readTree(PRINTER.print(message));
        } catch (IOException e) {
            throw new IllegalStateException("cannot print " + message.getDescriptorForType().getFullName() + ": " + e.getMessage(), e);
        }
    }

    /** JSON into a message builder (fields it does not know are left out). */
    @SuppressWarnings("unchecked")
    public static <B extends Message.Builder> B merge(JsonNode json, B builder) {
        try {
            PARSER.merge(MAPPER.writeValueAsString(json), builder);
            return builder;
        } catch (InvalidProtocolBufferException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not a " + builder.getDescriptorForType().getFullName() + ": " + e.getMessage(), e);
        }
    }

    /** A discovery client's model as JSON. */
    public static ObjectNode json(GenericJson model) {
        try {
            return (ObjectNode) MAPPER.readTree(GsonFactory.getDefaultInstance().toString(model));
        } catch (IOException e) {
            throw new IllegalStateException("cannot print " + model.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** JSON as a discovery client's model. */
    public static <T extends GenericJson> T model(JsonNode json, Class<T> type) {
        try {
            return GsonFactory.getDefaultInstance().fromString(MAPPER.writeValueAsString(json), type);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
