package io.lifeboat.program;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.lifeboat.resource.PropertyValue;
import io.lifeboat.state.ResourceState;
import io.lifeboat.state.Snapshot;

/**
 * Key material that already exists (an API key's, a hot pair's database password), by the name
 * of the resource that holds it ({@code <deployment>-<key>}, {@code metadata}: the same in both
 * stacks of a pair; its type and input are the cloud's, see {@link Cloud#knownKeys}). A program
 * reuses it and makes new material only for a key that has none anywhere: the material is made
 * once and survives every failover, failback and promotion, so clients keep working.
 *
 * <p>The stack's own state is asked first; its pair's state is read only when the own one lacks
 * a key asked for (a stack that took over from its pair), since reading a large state is most of
 * a small operation's cost.
 */
public final class KnownKeys {
    public static final KnownKeys NONE = new KnownKeys(Map.of(), Map.of(), () -> Pair.NONE);

    /** The pair's state as read when first needed: null when there is none, {@code unreadable} saying why it could not be read. */
    public record Pair(Snapshot state, String unreadable) {
        public static final Pair NONE = new Pair(null, null);
    }

    private final Map<String, PropertyValue> own;
    private final Map<String, String> inputByType;
    private final Supplier<Pair> pair;
    private Map<String, PropertyValue> pairMaterial;
    private String unreadable;

    private KnownKeys(Map<String, PropertyValue> own, Map<String, String> inputByType, Supplier<Pair> pair) {
        this.own = own;
        this.inputByType = inputByType;
        this.pair = pair;
    }

    /**
     * The material held in each type's input ({@code inputByType}) by the stack's own state, then
     * by its pair's, read from {@code pair} only when the own state lacks a key asked for.
     *
     * @param own the stack's own state, or null
     */
    public static KnownKeys of(Snapshot own, Supplier<Pair> pair, Map<String, String> inputByType) {
        Map<String, PropertyValue> m = new HashMap<>();
        if (own != null) collect(own, inputByType, m);
        return new KnownKeys(m, Map.copyOf(inputByType), pair);
    }

    private static void collect(Snapshot s, Map<String, String> inputByType, Map<String, PropertyValue> into) {
        for (ResourceState r : s.resources()) {
            if (r.delete()) continue;
            String input = inputByType.get(r.type());
            if (input == null) continue;
            PropertyValue v = r.inputs().get(input);
            if (v != null && !v.containsUnknowns()) into.put(r.urn().name(), v);
        }
    }

    private synchronized PropertyValue known(String name) {
        PropertyValue mine = own.get(name);
        if (mine != null) return mine;
        if (pairMaterial == null) {
            Pair p = pair.get();
            pairMaterial = new HashMap<>();
            unreadable = p.unreadable();
            if (p.state() != null) collect(p.state(), inputByType, pairMaterial);
        }
        return pairMaterial.get(name);
    }

    /**
     * The material of a key: the existing one, or new material when no state of the pair holds
     * any. Refuses to make new material while the pair's state, which may hold it, cannot be read.
     */
    public PropertyValue materialFor(String name, Supplier<String> fresh) {
        PropertyValue known = known(name);
        if (known != null) return known instanceof PropertyValue.Secret ? known : new PropertyValue.Secret(known);
        if (unreadable != null) {
            throw new io.lifeboat.state.StateException("key " + name + " has no material in this stack's state, and the pair's state, "
                    + "which may hold it, cannot be read (" + unreadable + "); new material would break every client of the key. "
                    + "Make the pair's state readable and run the command again");
        }
        return new PropertyValue.Secret(PropertyValue.of(fresh.get()));
    }
}
