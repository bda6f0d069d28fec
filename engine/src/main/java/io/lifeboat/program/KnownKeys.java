package io.lifeboat.program;

import java.util.HashMap;
import java.util.Map;

import io.lifeboat.resource.PropertyValue;
import io.lifeboat.state.ResourceState;
import io.lifeboat.state.Snapshot;

/**
 * API key material that already exists, by the name of the resource that holds it
 * ({@code <deployment>-<key>}, the same in both stacks of a pair; its type and input are the
 * cloud's, see {@link Cloud#knownKeys}). A program reuses it and makes
 * new material only for a key that has none anywhere: the material is made once and survives every
 * failover, failback and promotion, so clients keep working.
 */
public final class KnownKeys {
    public static final KnownKeys NONE = new KnownKeys(Map.of(), null);

    private final Map<String, PropertyValue> material;
    private final String unreadable;

    private KnownKeys(Map<String, PropertyValue> material, String unreadable) {
        this.material = material;
        this.unreadable = unreadable;
    }

    /**
     * The material the stack's own state holds, then what its pair's holds: the {@code input}
     * of each resource of {@code type}.
     *
     * @param pair       the pair's state, or null when there is none or it could not be read
     * @param unreadable why the pair's state could not be read, or null
     */
    public static KnownKeys of(Snapshot own, Snapshot pair, String unreadable, String type, String input) {
        return of(own, pair, unreadable, Map.of(type, input));
    }

    /** The material held in each type's input ({@code inputByType}), as {@link #of(Snapshot, Snapshot, String, String, String)} finds one. */
    public static KnownKeys of(Snapshot own, Snapshot pair, String unreadable, Map<String, String> inputByType) {
        Map<String, PropertyValue> m = new HashMap<>();
        for (Map.Entry<String, String> e : inputByType.entrySet()) {
            if (pair != null) collect(pair, e.getKey(), e.getValue(), m);
            if (own != null) collect(own, e.getKey(), e.getValue(), m);
        }
        return new KnownKeys(m, unreadable);
    }

    private static void collect(Snapshot s, String type, String input, Map<String, PropertyValue> into) {
        for (ResourceState r : s.resources()) {
            if (r.delete() || !r.type().equals(type)) continue;
            PropertyValue v = r.inputs().get(input);
            if (v != null && !v.containsUnknowns()) into.put(r.urn().name(), v);
        }
    }

    /** Whether a state of the pair holds material for {@code name}. */
    public boolean holds(String name) {
        return material.containsKey(name);
    }

    /**
     * The material of a key: the existing one, or new material when no state of the pair holds
     * any. Refuses to make new material while the pair's state, which may hold it, cannot be read.
     */
    public PropertyValue materialFor(String name, java.util.function.Supplier<String> fresh) {
        PropertyValue known = material.get(name);
        if (known != null) return known instanceof PropertyValue.Secret ? known : new PropertyValue.Secret(known);
        if (unreadable != null) {
            throw new io.lifeboat.state.StateException("API key " + name + " has no material in this stack's state, and the pair's state, "
                    + "which may hold it, cannot be read (" + unreadable + "); new material would break every client of the key. "
                    + "Make the pair's state readable and run the command again");
        }
        return new PropertyValue.Secret(PropertyValue.of(fresh.get()));
    }
}
