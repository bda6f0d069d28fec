package io.lifeboat.provider;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

/**
 * Reading a type's inputs and shaping its outputs, the same for every provider (the sim and the
 * clouds): absent or mistyped values read as null (an object as {@link Props#EMPTY}, a list as
 * empty), secrets read through.
 */
public final class Values {
    private Values() {
    }

    /** A string input, secret or not; null when absent or not a string. */
    public static String str(Props in, String key) {
        return in.string(key);
    }

    /** A boolean input; null when absent or not a boolean. */
    public static Boolean bool(Props in, String key) {
        return in.get(key) instanceof PropertyValue.Bool b ? b.value() : null;
    }

    public static boolean bool(Props in, String key, boolean fallback) {
        Boolean b = bool(in, key);
        return b == null ? fallback : b;
    }

    /** A whole number input, given as a number or as digits; null otherwise. */
    public static Integer integer(Props in, String key) {
        PropertyValue v = in.get(key);
        if (v instanceof PropertyValue.Num n) return (int) n.value();
        if (v instanceof PropertyValue.Str s && s.value().matches("-?\\d+")) return Integer.parseInt(s.value());
        return null;
    }

    /** A number input, given as a number or as a numeral; null otherwise. */
    public static Double num(Props in, String key) {
        PropertyValue v = in.get(key);
        if (v instanceof PropertyValue.Num n) return n.value();
        if (v instanceof PropertyValue.Str s) {
            try {
                return Double.parseDouble(s.value());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** The strings of a list input (secret ones read through); empty when absent or not a list. */
    public static List<String> strings(Props in, String key) {
        List<String> out = new ArrayList<>();
        if (in.get(key) instanceof PropertyValue.Arr a) {
            for (PropertyValue v : a.items()) {
                if (v.reveal() instanceof PropertyValue.Str s) out.add(s.value());
            }
        }
        return out;
    }

    /** True when the input is an object (given, and of the right shape). */
    public static boolean isObj(Props in, String key) {
        return in.get(key) instanceof PropertyValue.Obj;
    }

    /** An object input; {@link Props#EMPTY} when absent or not an object (never null: see {@link #isObj}). */
    public static Props obj(Props in, String key) {
        return in.get(key) instanceof PropertyValue.Obj o ? o.props() : Props.EMPTY;
    }

    /** The objects of a list input; empty when absent or not a list. */
    public static List<Props> objects(Props in, String key) {
        List<Props> out = new ArrayList<>();
        if (in.get(key) instanceof PropertyValue.Arr a) {
            for (PropertyValue v : a.items()) {
                if (v instanceof PropertyValue.Obj o) out.add(o.props());
            }
        }
        return out;
    }

    /** A string value; null as {@link PropertyValue#NULL}. */
    public static PropertyValue s(String value) {
        return value == null ? PropertyValue.NULL : new PropertyValue.Str(value);
    }

    public static PropertyValue n(Number value) {
        return value == null ? PropertyValue.NULL : new PropertyValue.Num(value.doubleValue());
    }

    public static PropertyValue b(Boolean value) {
        return value == null ? PropertyValue.NULL : new PropertyValue.Bool(value);
    }

    /**
     * Every output the schema names: null for those nothing gives, then each of {@code layers}
     * in turn (a later one wins: defaults, the inputs, what the cloud computed), the id, and for
     * a taggable type the user's tags and for a labelled one its labels, the mark never among them.
     */
    public static Props outputs(TypeSchema schema, String id, Props... layers) {
        Map<String, PropertyValue> out = new HashMap<>();
        for (String name : schema.outputs()) out.put(name, PropertyValue.NULL);
        for (Props layer : layers) out.putAll(layer.asMap());
        out.put("id", new PropertyValue.Str(id));
        if (schema.taggable()) out.put("tags", PropertyValue.fromJava(new java.util.TreeMap<>(Marks.userTags(new Props(out)))));
        if (schema.labelled() && out.get(schema.labels()) instanceof PropertyValue.Obj) {
            out.put(schema.labels(), new PropertyValue.Obj(Marks.userLabels(new Props(out), schema.labels())));
        }
        return new Props(out);
    }
}
