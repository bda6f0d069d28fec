package io.lifeboat.providers.sim;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

/** The JSON form of the files the simulated cloud keeps: objects and region state. */
final class SimJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SimJson() {
    }

    /** A line of a region's log: the object as it now is, on one line, with its newline. */
    static byte[] line(SimObject o) {
        return compact(node(o));
    }

    /** A line of a region's log saying that the object of this type and id was removed. */
    static byte[] removal(String type, String id) {
        ObjectNode n = NODES.objectNode();
        n.put("id", id);
        n.put("type", type);
        n.put("removed", true);
        return compact(n);
    }

    /** One line of a region's log (without its newline): the object it writes, or null for a removal. */
    record LogLine(String type, String id, SimObject object) {
    }

    static LogLine readLine(byte[] bytes, int off, int len) throws IOException {
        JsonNode n = MAPPER.readTree(bytes, off, len);
        if (n.path("removed").asBoolean(false)) return new LogLine(n.get("type").asText(), n.get("id").asText(), null);
        SimObject o = object(n);
        return new LogLine(o.type(), o.id(), o);
    }

    private static byte[] compact(JsonNode n) {
        try {
            byte[] json = MAPPER.writeValueAsBytes(n);
            byte[] line = java.util.Arrays.copyOf(json, json.length + 1);
            line[json.length] = '\n';
            return line;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static ObjectNode node(SimObject o) {
        ObjectNode n = NODES.objectNode();
        n.put("id", o.id());
        n.put("type", o.type());
        n.put("region", o.region());
        n.put("status", o.status());
        n.put("createdAt", o.createdAt().toString());
        if (o.transitionAt() != null) n.put("transitionAt", o.transitionAt().toString());
        if (o.nextStatus() != null) n.put("nextStatus", o.nextStatus());
        ObjectNode hidden = n.putObject("hidden");
        o.hidden().forEach(hidden::put);
        n.set("inputs", props(o.inputs()));
        n.set("computed", props(o.computed()));
        return n;
    }

    static SimObject readObject(byte[] json) throws IOException {
        return object(MAPPER.readTree(json));
    }

    private static SimObject object(JsonNode n) {
        Map<String, String> hidden = new TreeMap<>();
        JsonNode h = n.path("hidden");
        for (Iterator<Map.Entry<String, JsonNode>> it = h.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            hidden.put(e.getKey(), e.getValue().asText());
        }
        return new SimObject(n.get("id").asText(), n.get("type").asText(), n.get("region").asText(),
                n.get("status").asText(), Instant.parse(n.get("createdAt").asText()),
                n.hasNonNull("transitionAt") ? Instant.parse(n.get("transitionAt").asText()) : null,
                n.hasNonNull("nextStatus") ? n.get("nextStatus").asText() : null,
                props(n.path("inputs")), props(n.path("computed")), hidden);
    }

    static byte[] write(RegionState s) {
        ObjectNode n = NODES.objectNode();
        n.put("out", s.out());
        if (s.outSince() != null) n.put("outSince", s.outSince().toString());
        if (s.faults() != null) {
            ObjectNode f = n.putObject("faults");
            f.put("throttle", s.faults().throttleRate());
            f.put("error", s.faults().errorRate());
            f.put("latencyMs", s.faults().extraLatency().toNanos() / 1_000_000.0);
        }
        return bytes(n);
    }

    static RegionState readState(byte[] json) throws IOException {
        JsonNode n = MAPPER.readTree(json);
        Faults faults = null;
        JsonNode f = n.get("faults");
        if (f != null && f.isObject()) {
            faults = new Faults(f.path("throttle").asDouble(0), f.path("error").asDouble(0),
                    Duration.ofNanos((long) (f.path("latencyMs").asDouble(0) * 1_000_000)));
        }
        return new RegionState(n.path("out").asBoolean(false),
                n.hasNonNull("outSince") ? Instant.parse(n.get("outSince").asText()) : null, faults);
    }

    private static byte[] bytes(JsonNode n) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static ObjectNode props(Props p) {
        ObjectNode n = NODES.objectNode();
        p.forEach((k, v) -> n.set(k, value(v)));
        return n;
    }

    private static JsonNode value(PropertyValue v) {
        if (v instanceof PropertyValue.Null) return NODES.nullNode();
        if (v instanceof PropertyValue.Bool b) return NODES.booleanNode(b.value());
        if (v instanceof PropertyValue.Num num) {
            double d = num.value();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) return NODES.numberNode((long) d);
            return NODES.numberNode(d);
        }
        if (v instanceof PropertyValue.Str s) return NODES.textNode(s.value());
        if (v instanceof PropertyValue.Arr a) {
            ArrayNode arr = NODES.arrayNode();
            for (PropertyValue item : a.items()) arr.add(value(item));
            return arr;
        }
        if (v instanceof PropertyValue.Obj o) return props(o.props());
        if (v instanceof PropertyValue.Secret s) return value(s.value());
        throw new IllegalArgumentException("a cloud object cannot hold " + v + " (an unknown value or reference)");
    }

    static Props props(JsonNode n) {
        Map<String, PropertyValue> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), value(e.getValue()));
        }
        return new Props(out);
    }

    static PropertyValue value(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) return PropertyValue.NULL;
        if (n.isBoolean()) return new PropertyValue.Bool(n.asBoolean());
        if (n.isNumber()) return new PropertyValue.Num(n.asDouble());
        if (n.isTextual()) return new PropertyValue.Str(n.asText());
        if (n.isArray()) {
            List<PropertyValue> items = new ArrayList<>();
            for (JsonNode i : n) items.add(value(i));
            return new PropertyValue.Arr(items);
        }
        return new PropertyValue.Obj(props(n));
    }
}
