package io.lifeboat.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

/**
 * Property values as plan JSON carries them, in the manner of {@code terraform show -json}: real
 * JSON values, every secret the string {@code "[secret]"}, unknowns left out of the value (null in
 * a list, to keep the positions) and marked {@code true} in a separate tree.
 */
final class ValueJson {
    static final String SECRET = "[secret]";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ValueJson() {
    }

    /** The known values; null for no props. */
    static JsonNode values(Props props) {
        if (props == null) return F.nullNode();
        ObjectNode n = F.objectNode();
        props.forEach((k, v) -> {
            if (!unknown(v)) n.set(k, value(v));
        });
        return n;
    }

    /** {@code true} where a value is unknown until apply; only the parts that hold unknowns. */
    static ObjectNode unknowns(Props props) {
        ObjectNode n = F.objectNode();
        if (props != null) props.forEach((k, v) -> {
            if (v.containsUnknowns()) n.set(k, unknownTree(v));
        });
        return n;
    }

    static JsonNode value(PropertyValue v) {
        if (v == null || v instanceof PropertyValue.Null || unknown(v)) return F.nullNode();
        if (v instanceof PropertyValue.Secret) return F.textNode(SECRET);
        if (v instanceof PropertyValue.Bool b) return F.booleanNode(b.value());
        if (v instanceof PropertyValue.Num num) {
            double d = num.value();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? F.numberNode((long) d) : F.numberNode(d);
        }
        if (v instanceof PropertyValue.Str s) return F.textNode(s.value());
        if (v instanceof PropertyValue.Arr a) {
            ArrayNode n = F.arrayNode();
            for (PropertyValue i : a.items()) n.add(value(i));
            return n;
        }
        return values(((PropertyValue.Obj) v).props());
    }

    private static JsonNode unknownTree(PropertyValue v) {
        if (unknown(v)) return F.booleanNode(true);
        if (v instanceof PropertyValue.Secret s) return unknownTree(s.value());
        if (v instanceof PropertyValue.Arr a) {
            ArrayNode n = F.arrayNode();
            for (PropertyValue i : a.items()) n.add(i.containsUnknowns() ? unknownTree(i) : F.booleanNode(false));
            return n;
        }
        if (v instanceof PropertyValue.Obj o) return unknowns(o.props());
        return F.booleanNode(false);
    }

    private static boolean unknown(PropertyValue v) {
        while (v instanceof PropertyValue.Secret s) v = s.value();
        return v instanceof PropertyValue.Unknown || v instanceof PropertyValue.Ref;
    }
}
