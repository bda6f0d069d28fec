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

    /** How long an object takes to be created, updated and deleted on the real cloud, in ms. */
    public record Times(long create, long update, long delete) {
    }

    private final Map<String, SimType> byToken = new LinkedHashMap<>();
    private final Map<String, List<Referrer>> referrers = new HashMap<>();
    private final Map<String, Times> realisticTimes;

    public SimTypes(Collection<? extends SimType> types) {
        this(types, Map.of());
    }

    /** @param realisticTimes per token, how long the real cloud takes (the {@code realistic} latency profile) */
    public SimTypes(Collection<? extends SimType> types, Map<String, Times> realisticTimes) {
        this.realisticTimes = Map.copyOf(realisticTimes);
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

    /** The types a provider serves: all but those whose objects only the cloud makes. */
    public List<SimType> served() {
        List<SimType> out = new ArrayList<>();
        for (SimType t : byToken.values()) if (t.served()) out.add(t);
        return out;
    }

    public Map<String, Times> realisticTimes() {
        return realisticTimes;
    }

    public List<Referrer> referrersOf(String token) {
        return referrers.getOrDefault(token, List.of());
    }
}
