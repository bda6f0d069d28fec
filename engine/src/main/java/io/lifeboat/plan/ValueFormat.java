package io.lifeboat.plan;

import java.util.ArrayList;
import java.util.List;

import io.lifeboat.resource.PropertyValue;

/**
 * How a property value reads in a plan: strings quoted, secrets as {@code [secret]} whatever is
 * inside, unknowns as {@code (known after apply)}, long values cut.
 */
public final class ValueFormat {
    public static final int MAX = 100;

    private ValueFormat() {
    }

    public static String show(PropertyValue v) {
        String s = render(v);
        return s.length() > MAX ? s.substring(0, MAX - 1) + "…" : s;
    }

    /**
     * A changed leaf's value: whole up to {@link #MAX} characters; a longer string is cut from the
     * left, so that its end, where versions and tags change, shows: {@code "…/etl:1.5.0"}.
     */
    public static String leaf(PropertyValue v) {
        String s = render(v);
        if (s.length() <= MAX || !(v instanceof PropertyValue.Str)) return show(v);
        return "\"…" + s.substring(s.length() - (MAX - 3));
    }

    private static String render(PropertyValue v) {
        if (v == null) return "(none)";
        if (v instanceof PropertyValue.Secret) return "[secret]";
        if (v instanceof PropertyValue.Unknown || v instanceof PropertyValue.Ref) return "(known after apply)";
        if (v instanceof PropertyValue.Str s) return "\"" + s.value().replace("\"", "\\\"") + "\"";
        if (v instanceof PropertyValue.Arr a) {
            List<String> items = new ArrayList<>();
            for (PropertyValue i : a.items()) items.add(render(i));
            return "[" + String.join(", ", items) + "]";
        }
        if (v instanceof PropertyValue.Obj o) {
            List<String> items = new ArrayList<>();
            o.props().forEach((k, x) -> items.add(k + ": " + render(x)));
            return "{" + String.join(", ", items) + "}";
        }
        return v.toString();
    }
}
