package io.lifeboat.providers.kubernetes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

/**
 * Property values as the JSON the API server takes, and back. Whole numbers go out as integers:
 * the API server refuses {@code 2.0} for an int32 such as {@code replicas}.
 */
final class JavaValues {
    private JavaValues() {
    }

    static Map<String, Object> toJava(Props props) {
        Map<String, Object> out = new LinkedHashMap<>();
        props.forEach((k, v) -> {
            Object j = toJava(v);
            if (j != null) out.put(k, j);
        });
        return out;
    }

    static Object toJava(PropertyValue v) {
        if (v instanceof PropertyValue.Secret s) return toJava(s.value());
        if (v instanceof PropertyValue.Str s) return s.value();
        if (v instanceof PropertyValue.Bool b) return b.value();
        if (v instanceof PropertyValue.Num n) {
            double d = n.value();
            return d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
        }
        if (v instanceof PropertyValue.Arr a) {
            List<Object> out = new ArrayList<>();
            for (PropertyValue i : a.items()) out.add(toJava(i));
            return out;
        }
        if (v instanceof PropertyValue.Obj o) return toJava(o.props());
        return null;
    }

    static Props fromJava(Map<String, Object> map) {
        return ((PropertyValue.Obj) PropertyValue.fromJava(map)).props();
    }
}
