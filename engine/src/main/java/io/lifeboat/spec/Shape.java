package io.lifeboat.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape a spec value must have. One description serves two readers: {@link ShapeValidator}
 * checks documents against it with positions, and {@link JsonSchemaWriter} publishes it as the
 * JSON Schema that editors use, so the two cannot disagree.
 */
public sealed interface Shape permits Shape.Obj, Shape.ListOf, Shape.MapOf, Shape.Str, Shape.Int, Shape.Bool,
        Shape.Any, Shape.StrOrObj {

    String description();

    /** A copy in which nothing is required (for a stack's overrides), except list items' keys. */
    Shape partial();

    /**
     * A key of an {@link Obj}. {@code requiredWhen}, when set, makes an optional key required
     * while another key of the same mapping has a given value (a secondary stack's pair).
     */
    record Field(Shape shape, boolean required, When requiredWhen) {
        public Field(Shape shape, boolean required) {
            this(shape, required, null);
        }
    }

    /** "while {@code key} is {@code value}". */
    record When(String key, String value) {
    }

    /** A mapping with a fixed set of keys. */
    record Obj(String description, Map<String, Field> fields) implements Shape {
        public Obj {
            fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        public Obj req(String name, Shape shape) {
            return with(name, new Field(shape, true));
        }

        public Obj opt(String name, Shape shape) {
            return with(name, new Field(shape, false));
        }

        /** An optional key that is required while {@code key} has the value {@code value}. */
        public Obj reqWhen(String name, Shape shape, String key, String value) {
            return with(name, new Field(shape, false, new When(key, value)));
        }

        private Obj with(String name, Field field) {
            Map<String, Field> copy = new LinkedHashMap<>(fields);
            copy.put(name, field);
            return new Obj(description, copy);
        }

        @Override
        public Obj partial() {
            return partialKeeping(null);
        }

        Obj partialKeeping(String key) {
            Map<String, Field> copy = new LinkedHashMap<>();
            fields.forEach((name, f) -> copy.put(name, new Field(f.shape().partial(), name.equals(key) && f.required())));
            return new Obj(description, copy);
        }
    }

    /** A list; {@code uniqueKey} names the field that identifies an item (merged by it in overrides). */
    record ListOf(String description, Shape item, int minItems, String uniqueKey, boolean uniqueItems) implements Shape {
        @Override
        public Shape partial() {
            Shape p = item instanceof Obj o && uniqueKey != null ? o.partialKeeping(uniqueKey) : item.partial();
            return new ListOf(description, p, 0, uniqueKey, uniqueItems);
        }
    }

    /** A mapping whose keys the user chooses. */
    record MapOf(String description, StringFormat keyFormat, Shape value) implements Shape {
        @Override
        public Shape partial() {
            return new MapOf(description, keyFormat, value.partial());
        }
    }

    record Str(String description, StringFormat format, List<String> allowed) implements Shape {
        public Str {
            allowed = allowed == null ? List.of() : List.copyOf(allowed);
        }

        @Override
        public Shape partial() {
            return this;
        }
    }

    record Int(String description, long min, long max) implements Shape {
        @Override
        public Shape partial() {
            return this;
        }
    }

    record Bool(String description) implements Shape {
        @Override
        public Shape partial() {
            return this;
        }
    }

    /** Anything: the properties of a raw resource, checked by its provider. */
    record Any(String description) implements Shape {
        @Override
        public Shape partial() {
            return this;
        }
    }

    /** A plain string, or a mapping (an environment value, or {@code { secret: env:NAME }}). */
    record StrOrObj(String description, Str string, Obj object) implements Shape {
        @Override
        public Shape partial() {
            return this;
        }
    }

    static Obj obj(String description) {
        return new Obj(description, Map.of());
    }

    static Str str(String description) {
        return new Str(description, null, List.of());
    }

    static Str str(String description, StringFormat format) {
        return new Str(description, format, List.of());
    }

    static Str oneOf(String description, String... allowed) {
        return new Str(description, null, List.of(allowed));
    }

    static Int integer(String description, long min, long max) {
        return new Int(description, min, max);
    }

    static Bool bool(String description) {
        return new Bool(description);
    }

    static ListOf listOf(String description, Shape item) {
        return new ListOf(description, item, 0, null, false);
    }

    static ListOf namedList(String description, Obj item) {
        return new ListOf(description, item, 0, "name", false);
    }

    static ListOf uniqueList(String description, Shape item) {
        return new ListOf(description, item, 0, null, true);
    }

    static MapOf mapOf(String description, StringFormat keyFormat, Shape value) {
        return new MapOf(description, keyFormat, value);
    }
}
