package io.lifeboat.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.lifeboat.resource.PropertyValue;

/**
 * The leaves that differ inside one changed property, each with its full path, as Terraform shows
 * them: {@code spec.template.spec.containers[name=etl].image}. Objects are compared key by key;
 * lists whose elements are all objects with a unique {@code name} are matched by name (shown
 * {@code [name=etl]}), other lists by index ({@code [0]}); a key that is not a plain identifier is
 * quoted ({@code labels["app.kubernetes.io/name"]}). An added or removed key or element is one
 * leaf holding its whole value. Nothing under a secret is looked into: a changed secret is one
 * leaf, shown as {@code [secret]} on both sides.
 */
public final class LeafDiff {
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private LeafDiff() {
    }

    public enum Kind { ADDED, DELETED, MODIFIED }

    /**
     * One changed leaf. {@code keys} locates it for machines: property names and list indexes
     * (into the new list, or the old one for a deleted element); {@code before} is null when added,
     * {@code after} null when deleted.
     */
    public record Leaf(String path, List<Object> keys, Kind kind, PropertyValue before, PropertyValue after) {
        public Leaf {
            keys = List.copyOf(keys);
        }
    }

    /** The changed leaves of a top-level property change; never empty for a real change. */
    public static List<Leaf> of(PropertyChange c) {
        return between(c.path(), c.before(), c.after());
    }

    /** The changed leaves between two values of the property {@code key} (either may be null: absent). */
    public static List<Leaf> between(String key, PropertyValue before, PropertyValue after) {
        List<Leaf> out = new ArrayList<>();
        walk(key(key, true), List.of(key), before, after, out);
        return out;
    }

    private static void walk(String path, List<Object> keys, PropertyValue a, PropertyValue b, List<Leaf> out) {
        if (a == null && b == null) return;
        if (a == null) {
            out.add(new Leaf(path, keys, Kind.ADDED, null, b));
            return;
        }
        if (b == null) {
            out.add(new Leaf(path, keys, Kind.DELETED, a, null));
            return;
        }
        if (!b.containsUnknowns() && !a.containsUnknowns() && Differ.same(a, b)) return;
        if (a instanceof PropertyValue.Secret || b instanceof PropertyValue.Secret) {
            out.add(new Leaf(path, keys, Kind.MODIFIED, secret(a), secret(b)));
        } else if (a instanceof PropertyValue.Obj x && b instanceof PropertyValue.Obj y) {
            TreeSet<String> names = new TreeSet<>(x.props().keySet());
            names.addAll(y.props().keySet());
            for (String k : names) walk(path + key(k, false), append(keys, k), x.props().get(k), y.props().get(k), out);
        } else if (a instanceof PropertyValue.Arr x && b instanceof PropertyValue.Arr y) {
            Map<String, Integer> oldNames = names(x.items());
            Map<String, Integer> newNames = names(y.items());
            if (oldNames != null && newNames != null) {
                byName(path, keys, x.items(), oldNames, y.items(), newNames, out);
            } else {
                byIndex(path, keys, x.items(), y.items(), out);
            }
        } else {
            out.add(new Leaf(path, keys, Kind.MODIFIED, a, b));
        }
    }

    private static void byIndex(String path, List<Object> keys, List<PropertyValue> a, List<PropertyValue> b, List<Leaf> out) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            walk(path + "[" + i + "]", append(keys, i), i < a.size() ? a.get(i) : null, i < b.size() ? b.get(i) : null, out);
        }
    }

    /** New elements in their order, matched to the old element of the same name; then the old ones gone. */
    private static void byName(String path, List<Object> keys, List<PropertyValue> a, Map<String, Integer> oldNames,
                               List<PropertyValue> b, Map<String, Integer> newNames, List<Leaf> out) {
        for (int i = 0; i < b.size(); i++) {
            String name = nameOf(b.get(i));
            Integer old = oldNames.get(name);
            walk(path + "[name=" + name + "]", append(keys, i), old == null ? null : a.get(old), b.get(i), out);
        }
        for (int i = 0; i < a.size(); i++) {
            String name = nameOf(a.get(i));
            if (!newNames.containsKey(name)) walk(path + "[name=" + name + "]", append(keys, i), a.get(i), null, out);
        }
    }

    /** Each element's name and index when every element is an object with a unique plain {@code name}; else null. */
    private static Map<String, Integer> names(List<PropertyValue> items) {
        Map<String, Integer> out = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String name = nameOf(items.get(i));
            if (name == null || !seen.add(name)) return null;
            out.put(name, i);
        }
        return out;
    }

    private static String nameOf(PropertyValue v) {
        return v instanceof PropertyValue.Obj o && o.props().get("name") instanceof PropertyValue.Str s ? s.value() : null;
    }

    /** A value seen beside a secret is shown as one too: which side was secret says nothing of the other. */
    private static PropertyValue secret(PropertyValue v) {
        return v instanceof PropertyValue.Secret ? v : new PropertyValue.Secret(v);
    }

    private static String key(String k, boolean first) {
        if (PLAIN_KEY.matcher(k).matches()) return first ? k : "." + k;
        return "[\"" + k.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    }

    private static List<Object> append(List<Object> keys, Object k) {
        List<Object> out = new ArrayList<>(keys.size() + 1);
        out.addAll(keys);
        out.add(k);
        return out;
    }
}
