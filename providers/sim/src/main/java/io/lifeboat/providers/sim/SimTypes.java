package io.lifeboat.providers.sim;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The types the simulated cloud knows, by token, and which of them name which. */
public final class SimTypes {
    /** A type whose objects may name objects of another type through {@code reference}. */
    public record Referrer(SimType type, Reference reference) {
    }

    private final Map<String, SimType> byToken = new LinkedHashMap<>();
    private final Map<String, List<Referrer>> referrers = new HashMap<>();

    public SimTypes(Collection<? extends SimType> types) {
        for (SimType t : types) byToken.put(t.token(), t);
        for (SimType t : types) {
            for (Reference r : t.references()) referrers.computeIfAbsent(r.targetType(), k -> new ArrayList<>()).add(new Referrer(t, r));
        }
    }

    /** The type, or null. */
    public SimType get(String token) {
        return byToken.get(token);
    }

    public Collection<SimType> all() {
        return Collections.unmodifiableCollection(byToken.values());
    }

    public List<Referrer> referrersOf(String token) {
        return referrers.getOrDefault(token, List.of());
    }
}
