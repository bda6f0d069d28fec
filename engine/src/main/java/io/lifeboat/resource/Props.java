package io.lifeboat.resource;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * An immutable, key-sorted map of property values: a resource's inputs or outputs. Kept as two
 * sorted arrays, not a tree: a state of 14,000 resources holds hundreds of thousands of them, most
 * with a handful of keys, and a tree costs an object per entry to build, to keep and to collect.
 */
public final class Props {
    private static final String[] NO_KEYS = new String[0];
    private static final PropertyValue[] NO_VALUES = new PropertyValue[0];
    public static final Props EMPTY = new Props(NO_KEYS, NO_VALUES);
    private final String[] keys;
    private final PropertyValue[] values;
    /** The map view {@link #asMap} gives, made when first asked for. */
    private SortedMap<String, PropertyValue> view;

    public Props(Map<String, PropertyValue> values) {
        SortedMap<String, PropertyValue> sorted = values instanceof SortedMap<String, PropertyValue> m && m.comparator() == null ? m : new TreeMap<>(values);
        int n = sorted.size();
        this.keys = n == 0 ? NO_KEYS : new String[n];
        this.values = n == 0 ? NO_VALUES : new PropertyValue[n];
        int i = 0;
        for (Map.Entry<String, PropertyValue> e : sorted.entrySet()) {
            keys[i] = java.util.Objects.requireNonNull(e.getKey(), "a property name");
            this.values[i++] = e.getValue();
        }
    }

    /** Props over these arrays, sorted by key without repeats, which no one else holds. */
    private Props(String[] keys, PropertyValue[] values) {
        this.keys = keys;
        this.values = values;
    }

    public static Builder builder() {
        return new Builder();
    }

    private int index(String key) {
        return key == null ? -1 : Arrays.binarySearch(keys, key);
    }

    public PropertyValue get(String key) {
        int i = index(key);
        return i < 0 ? null : values[i];
    }

    /** The value at a dotted path ({@code endpoint}, {@code vpcConfig.subnetIds}); null when absent. */
    public PropertyValue at(String path) {
        PropertyValue v = null;
        Props current = this;
        int from = 0;
        while (true) {
            if (current == null) return null;
            int dot = path.indexOf('.', from);
            v = current.get(dot < 0 ? path.substring(from) : path.substring(from, dot));
            while (v instanceof PropertyValue.Secret s) v = s.value();
            if (dot < 0) return v;
            current = v instanceof PropertyValue.Obj o ? o.props() : null;
            from = dot + 1;
        }
    }

    public String string(String key) {
        PropertyValue v = get(key);
        while (v instanceof PropertyValue.Secret s) v = s.value();
        return v instanceof PropertyValue.Str s ? s.value() : null;
    }

    public boolean containsKey(String key) {
        return index(key) >= 0;
    }

    /** The keys, sorted (a view). */
    public Set<String> keySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<String> iterator() {
                return Arrays.asList(keys).iterator();
            }

            @Override
            public int size() {
                return keys.length;
            }

            @Override
            public boolean contains(Object o) {
                return o instanceof String k && index(k) >= 0;
            }
        };
    }

    /** The values, in the order of their keys (a view). */
    public Collection<PropertyValue> values() {
        return Collections.unmodifiableList(Arrays.asList(values));
    }

    /** The entries, sorted by key (a view). */
    public Set<Map.Entry<String, PropertyValue>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, PropertyValue>> iterator() {
                return new Iterator<>() {
                    private int i;

                    @Override
                    public boolean hasNext() {
                        return i < keys.length;
                    }

                    @Override
                    public Map.Entry<String, PropertyValue> next() {
                        if (i >= keys.length) throw new java.util.NoSuchElementException();
                        Map.Entry<String, PropertyValue> e = new AbstractMap.SimpleImmutableEntry<>(keys[i], values[i]);
                        i++;
                        return e;
                    }
                };
            }

            @Override
            public int size() {
                return keys.length;
            }
        };
    }

    public void forEach(BiConsumer<String, PropertyValue> action) {
        for (int i = 0; i < keys.length; i++) action.accept(keys[i], values[i]);
    }

    public int size() {
        return keys.length;
    }

    public boolean isEmpty() {
        return keys.length == 0;
    }

    /** The properties as a sorted map that cannot be changed. */
    public Map<String, PropertyValue> asMap() {
        SortedMap<String, PropertyValue> v = view;
        if (v == null) {
            TreeMap<String, PropertyValue> m = new TreeMap<>();
            for (int i = 0; i < keys.length; i++) m.put(keys[i], values[i]);
            view = v = Collections.unmodifiableSortedMap(m);
        }
        return v;
    }

    /** The same properties with every secret unwrapped: what a provider is given. */
    public Props reveal() {
        return mapValues(v -> v == null ? null : v.reveal());
    }

    /** These props with each value as {@code f} makes it; the very same props when it changes none (keeps the keys). */
    public Props mapValues(java.util.function.UnaryOperator<PropertyValue> f) {
        PropertyValue[] out = null;
        for (int i = 0; i < values.length; i++) {
            PropertyValue r = f.apply(values[i]);
            if (r != values[i] && out == null) out = values.clone();
            if (out != null) out[i] = r;
        }
        return out == null ? this : new Props(keys, out);
    }

    public Props with(String key, PropertyValue value) {
        int i = index(java.util.Objects.requireNonNull(key, "a property name"));
        if (i >= 0) {
            PropertyValue[] v = values.clone();
            v[i] = value;
            return new Props(keys, v);
        }
        int at = -i - 1;
        String[] k = new String[keys.length + 1];
        PropertyValue[] v = new PropertyValue[keys.length + 1];
        System.arraycopy(keys, 0, k, 0, at);
        System.arraycopy(values, 0, v, 0, at);
        k[at] = key;
        v[at] = value;
        System.arraycopy(keys, at, k, at + 1, keys.length - at);
        System.arraycopy(values, at, v, at + 1, keys.length - at);
        return new Props(k, v);
    }

    public Props without(String key) {
        int i = index(key);
        if (i < 0) return this;
        String[] k = new String[keys.length - 1];
        PropertyValue[] v = new PropertyValue[keys.length - 1];
        System.arraycopy(keys, 0, k, 0, i);
        System.arraycopy(values, 0, v, 0, i);
        System.arraycopy(keys, i + 1, k, i, keys.length - i - 1);
        System.arraycopy(values, i + 1, v, i, keys.length - i - 1);
        return new Props(k, v);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof Props p && Arrays.equals(keys, p.keys) && Arrays.equals(values, p.values);
    }

    /** As a map's: the sum of its entries' (key's hash XOR value's). */
    @Override
    public int hashCode() {
        int h = 0;
        for (int i = 0; i < keys.length; i++) h += keys[i].hashCode() ^ java.util.Objects.hashCode(values[i]);
        return h;
    }

    /** As a map's: {@code {key=value, …}}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < keys.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(keys[i]).append('=').append(values[i]);
        }
        return sb.append('}').toString();
    }

    /** Builds props; keys that come in order (as a checkpoint's do) are appended, others put in their place. */
    public static final class Builder {
        private String[] keys = NO_KEYS;
        private PropertyValue[] values = NO_VALUES;
        private int size;

        public Builder put(String key, PropertyValue value) {
            if (value == null) return this;
            java.util.Objects.requireNonNull(key, "a property name");
            int at;
            if (size == 0 || keys[size - 1].compareTo(key) < 0) {
                at = size;
            } else {
                int i = Arrays.binarySearch(keys, 0, size, key);
                if (i >= 0) {
                    values[i] = value;
                    return this;
                }
                at = -i - 1;
            }
            if (size == keys.length) {
                int grown = Math.max(4, size * 2);
                keys = Arrays.copyOf(keys, grown);
                values = Arrays.copyOf(values, grown);
            }
            System.arraycopy(keys, at, keys, at + 1, size - at);
            System.arraycopy(values, at, values, at + 1, size - at);
            keys[at] = key;
            values[at] = value;
            size++;
            return this;
        }

        public Builder put(String key, String value) {
            return value == null ? this : put(key, new PropertyValue.Str(value));
        }

        public Builder put(String key, long value) {
            return put(key, new PropertyValue.Num(value));
        }

        public Builder put(String key, boolean value) {
            return put(key, new PropertyValue.Bool(value));
        }

        public Builder putAll(Props props) {
            for (int i = 0; i < props.keys.length; i++) {
                if (props.values[i] != null) put(props.keys[i], props.values[i]);
            }
            return this;
        }

        /** The props put so far; the builder may go on, and what it puts then is not in them. */
        public Props build() {
            return size == 0 ? EMPTY : new Props(Arrays.copyOf(keys, size), Arrays.copyOf(values, size));
        }
    }
}
