package io.lifeboat.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lifeboat.resource.PropertyValue;

/**
 * A property value as a JSON value for machines: whole (never cut), secrets as the string
 * {@code "[secret]"} whatever is inside, values not known yet as null.
 */
public final class ValueJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ValueJson() {
    }

    public static JsonNode of(PropertyValue v) {
        if (v == null || v instanceof PropertyValue.Null || v instanceof PropertyValue.Unknown || v instanceof PropertyValue.Ref) return F.nullNode();
        if (v instanceof PropertyValue.Secret) return F.textNode("[secret]");
        if (v instanceof PropertyValue.Bool b) return F.booleanNode(b.value());
        if (v instanceof PropertyValue.Num n) {
            return n.value() == Math.rint(n.value()) && Math.abs(n.value()) < 1e15 ? F.numberNode((long) n.value()) : F.numberNode(n.value());
        }
        if (v instanceof PropertyValue.Str s) return F.textNode(s.value());
        if (v instanceof PropertyValue.Arr a) {
            ArrayNode out = F.arrayNode();
            for (PropertyValue i : a.items()) out.add(of(i));
            return out;
        }
        PropertyValue.Obj o = (PropertyValue.Obj) v;
        ObjectNode out = F.objectNode();
        o.props().forEach((k, x) -> out.set(k, of(x)));
        return out;
    }
}
