package io.lifeboat.providers.sim;

import java.util.ArrayList;
import java.util.List;

import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

/**
 * An input that names another object, such as a subnet's {@code vpcId}: the object must exist
 * when this one is created or updated (else the call fails with {@code notFoundCode}), and when
 * {@code blocksDelete} the other object cannot be deleted while this one names it.
 *
 * @param path     the input, dotted into objects; lists on the way are walked item by item
 *                 ({@code vpcConfig.subnetIds})
 * @param resolver how a value finds its object (by id in the same region unless told otherwise)
 */
public record Reference(String path, String targetType, String notFoundCode, boolean blocksDelete, Resolver resolver,
                        java.util.function.UnaryOperator<String> canonical) {

    public Reference(String path, String targetType, String notFoundCode, boolean blocksDelete, Resolver resolver) {
        this(path, targetType, notFoundCode, blocksDelete, resolver, java.util.function.UnaryOperator.identity());
    }

    /** Finds the object a value names; null when there is none. */
    public interface Resolver {
        SimObject resolve(SimScope scope, String value);
    }

    /** A reference by id to an object of the same region that cannot be deleted while referenced. */
    public static Reference to(String path, String targetType, String notFoundCode) {
        return new Reference(path, targetType, notFoundCode, true, (scope, value) -> scope.find(targetType, value));
    }

    /** This reference, but the object it names may be deleted while it is referenced. */
    public Reference weak() {
        return new Reference(path, targetType, notFoundCode, false, resolver, canonical);
    }

    public Reference resolvedBy(Resolver r) {
        return new Reference(path, targetType, notFoundCode, blocksDelete, r, canonical);
    }

    /**
     * This reference, its values and the ids of its targets compared by {@code key} (a GCP
     * reference names its object by self link, id or name: all three come to one key).
     */
    public Reference keyedBy(java.util.function.UnaryOperator<String> key) {
        return new Reference(path, targetType, notFoundCode, blocksDelete, resolver, key);
    }

    /** The key a value or a target's id is compared by. */
    public String key(String value) {
        return canonical.apply(value);
    }

    /** The keys of the values at the path in these inputs. */
    public List<String> keysIn(Props inputs) {
        List<String> out = new ArrayList<>();
        for (String v : valuesIn(inputs)) out.add(key(v));
        return out;
    }

    /** The string values at the path in these inputs. */
    public List<String> valuesIn(Props inputs) {
        List<String> out = new ArrayList<>();
        collect(new PropertyValue.Obj(inputs), path.split("\\."), 0, out);
        return out;
    }

    private static void collect(PropertyValue v, String[] parts, int i, List<String> out) {
        while (v instanceof PropertyValue.Secret s) v = s.value();
        if (v instanceof PropertyValue.Arr a) {
            for (PropertyValue item : a.items()) collect(item, parts, i, out);
            return;
        }
        if (i == parts.length) {
            if (v instanceof PropertyValue.Str s && !s.value().isEmpty()) out.add(s.value());
            return;
        }
        if (v instanceof PropertyValue.Obj o) {
            PropertyValue next = o.props().get(parts[i]);
            if (next != null) collect(next, parts, i + 1, out);
        }
    }
}
