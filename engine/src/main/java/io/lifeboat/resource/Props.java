package io.lifeboat.resource;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/** An immutable, key-sorted map of property values: a resource's inputs or outputs. */
public final class Props {
    public static final Props EMPTY = new Props(Map.of());
    private final SortedMap<String, PropertyValue> values;

    public Props(Map<String, PropertyValue> values) {
        this(new TreeMap<>(values));
    }

    /** Props over {@code values}, which no one else holds (a copy made here, or a builder's that it will not change). */
    private Props(TreeMap<String, PropertyValue> owned) {
        this.values = Collections.unmodifiableSortedMap(owned);
    }

    public static Builder builder() {
        return new Builder();
    }

    public PropertyValue get(String key) {
        return values.get(key);
    }

    /** The value at a dotted path ({@code endpoint}, {@code vpcConfig.subnetIds}); null when absent. */
    public PropertyValue at(String path) {
        PropertyValue v = null;
        Props current = this;
        for (String part : path.split("\\.")) {
            if (current == null) return null;
            v = current.get(part);
            while (v instanceof PropertyValue.Secret s) v = s.value();
            current = v instanceof PropertyValue.Obj o ? o.props() : null;
        }
        return v;
    }

    public String string(String key) {
        PropertyValue v = values.get(key);
        while (v instanceof PropertyValue.Secret s) v = s.value();
        return v instanceof PropertyValue.Str s ? s.value() : null;
    }

    public boolean containsKey(String key) {
        return values.containsKey(key);
    }

    public Set<String> keySet() {
        return values.keySet();
    }

    public Collection<PropertyValue> values() {
        return values.values();
    }

    public Set<Map.Entry<String, PropertyValue>> entrySet() {
        return values.entrySet();
    }

    public void forEach(BiConsumer<String, PropertyValue> action) {
        values.forEach(action);
    }

    public int size() {
        return values.size();
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public Map<String, PropertyValue> asMap() {
        return values;
    }

    /** The same properties with every secret unwrapped: what a provider is given. */
    public Props reveal() {
        boolean secrets = false;
        for (PropertyValue v : values.values()) secrets |= v.containsSecrets();
        if (!secrets) return this;
        TreeMap<String, PropertyValue> out = new TreeMap<>();
        values.forEach((k, v) -> out.put(k, v.reveal()));
        return new Props(out);
    }

    public Props with(String key, PropertyValue value) {
        TreeMap<String, PropertyValue> copy = new TreeMap<>(values);
        copy.put(key, value);
        return new Props(copy);
    }

    public Props without(String key) {
        if (!values.containsKey(key)) return this;
        TreeMap<String, PropertyValue> copy = new TreeMap<>(values);
        copy.remove(key);
        return new Props(copy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Props p && values.equals(p.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }

    /** Builds props; {@link #build} hands over what it holds, and a builder used again after it starts on a copy. */
    public static final class Builder {
        private TreeMap<String, PropertyValue> values = new TreeMap<>();
        private boolean built;

        private TreeMap<String, PropertyValue> values() {
            if (built) {
                values = new TreeMap<>(values);
                built = false;
            }
            return values;
        }

        public Builder put(String key, PropertyValue value) {
            if (value != null) values().put(key, value);
            return this;
        }

        public Builder put(String key, String value) {
            if (value != null) values().put(key, new PropertyValue.Str(value));
            return this;
        }

        public Builder put(String key, long value) {
            values().put(key, new PropertyValue.Num(value));
            return this;
        }

        public Builder put(String key, boolean value) {
            values().put(key, new PropertyValue.Bool(value));
            return this;
        }

        public Builder putAll(Props props) {
            values().putAll(props.asMap());
            return this;
        }

        public Props build() {
            built = true;
            return new Props(values);
        }
    }
}
