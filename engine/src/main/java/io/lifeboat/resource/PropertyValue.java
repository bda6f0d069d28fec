package io.lifeboat.resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A resource property: Pulumi's property value model. Besides plain JSON-like values it has
 * {@link Secret} (encrypted at rest, {@code [secret]} in every rendering), {@link Unknown} (an
 * output not known until apply) and {@link Ref} (an input that takes another resource's output,
 * resolved by the engine).
 */
public sealed interface PropertyValue permits PropertyValue.Null, PropertyValue.Bool, PropertyValue.Num,
        PropertyValue.Str, PropertyValue.Arr, PropertyValue.Obj, PropertyValue.Secret, PropertyValue.Unknown,
        PropertyValue.Ref {

    Null NULL = new Null();
    Unknown UNKNOWN = new Unknown();

    record Null() implements PropertyValue {
        @Override
        public String toString() {
            return "null";
        }
    }

    record Bool(boolean value) implements PropertyValue {
        @Override
        public String toString() {
            return String.valueOf(value);
        }
    }

    record Num(double value) implements PropertyValue {
        @Override
        public String toString() {
            return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.valueOf(value);
        }
    }

    record Str(String value) implements PropertyValue {
        @Override
        public String toString() {
            return value;
        }
    }

    record Arr(List<PropertyValue> items) implements PropertyValue {
        public Arr {
            items = List.copyOf(items);
        }
    }

    record Obj(Props props) implements PropertyValue {
    }

    record Secret(PropertyValue value) implements PropertyValue {
        @Override
        public String toString() {
            return "[secret]";
        }
    }

    record Unknown() implements PropertyValue {
        @Override
        public String toString() {
            return "(known after apply)";
        }
    }

    /**
     * The output {@code property} (a dotted path) of resource {@code target}, followed by
     * {@code suffix} when it is not empty (an image reference: a repository URL and a tag).
     */
    record Ref(Urn target, String property, String suffix) implements PropertyValue {
        public Ref {
            suffix = suffix == null ? "" : suffix;
        }

        public Ref(Urn target, String property) {
            this(target, property, "");
        }

        /** The referred value once known, with the suffix appended; unknown stays unknown. */
        public PropertyValue complete(PropertyValue resolved) {
            if (suffix.isEmpty() || resolved == null) return resolved;
            if (resolved instanceof Str s) return new Str(s.value() + suffix);
            if (resolved instanceof Secret sec) return new Secret(complete(sec.value()));
            return resolved;
        }

        @Override
        public String toString() {
            return "${" + target.name() + "." + property + "}" + suffix;
        }
    }

    static Str of(String s) {
        return new Str(s);
    }

    static Num of(double n) {
        return new Num(n);
    }

    static Bool of(boolean b) {
        return new Bool(b);
    }

    static Arr list(PropertyValue... items) {
        return new Arr(List.of(items));
    }

    static Arr strings(List<String> items) {
        List<PropertyValue> out = new ArrayList<>(items.size());
        for (String s : items) out.add(new Str(s));
        return new Arr(out);
    }

    /** Converts plain Java values (String, Number, Boolean, null, List, Map) into a property value. */
    static PropertyValue fromJava(Object value) {
        if (value == null) return NULL;
        if (value instanceof PropertyValue p) return p;
        if (value instanceof String s) return new Str(s);
        if (value instanceof Number n) return new Num(n.doubleValue());
        if (value instanceof Boolean b) return new Bool(b);
        if (value instanceof List<?> l) {
            List<PropertyValue> items = new ArrayList<>(l.size());
            for (Object o : l) items.add(fromJava(o));
            return new Arr(items);
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, PropertyValue> out = new TreeMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) out.put(String.valueOf(e.getKey()), fromJava(e.getValue()));
            return new Obj(new Props(out));
        }
        throw new IllegalArgumentException("not a property value: " + value.getClass());
    }

    /** True when this value or anything inside it is unknown (or an unresolved reference). */
    default boolean containsUnknowns() {
        if (this instanceof Unknown || this instanceof Ref) return true;
        if (this instanceof Secret s) return s.value().containsUnknowns();
        if (this instanceof Arr a) {
            for (PropertyValue v : a.items()) if (v.containsUnknowns()) return true;
        }
        if (this instanceof Obj o) {
            for (PropertyValue v : o.props().values()) if (v.containsUnknowns()) return true;
        }
        return false;
    }

    /** True when this value or anything inside it is secret. */
    default boolean containsSecrets() {
        if (this instanceof Secret) return true;
        if (this instanceof Arr a) {
            for (PropertyValue v : a.items()) if (v.containsSecrets()) return true;
        }
        if (this instanceof Obj o) {
            for (PropertyValue v : o.props().values()) if (v.containsSecrets()) return true;
        }
        return false;
    }

    /** This value with secrets unwrapped (for comparison, and for handing to a provider). */
    default PropertyValue reveal() {
        if (!containsSecrets()) return this;
        if (this instanceof Secret s) return s.value().reveal();
        if (this instanceof Arr a) {
            List<PropertyValue> items = new ArrayList<>();
            for (PropertyValue v : a.items()) items.add(v.reveal());
            return new Arr(items);
        }
        if (this instanceof Obj o) {
            Map<String, PropertyValue> out = new TreeMap<>();
            o.props().forEach((k, v) -> out.put(k, v.reveal()));
            return new Obj(new Props(out));
        }
        return this;
    }
}
