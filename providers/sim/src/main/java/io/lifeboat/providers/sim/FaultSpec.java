package io.lifeboat.providers.sim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Faults per region as a setting or the environment writes them:
 * {@code us-east-1:throttle=0.1,error=0.02,latency=50ms;*:throttle=0.05}, where {@code *} stands
 * for every region not named.
 */
public record FaultSpec(Map<String, Faults> byRegion) {
    public static final FaultSpec EMPTY = new FaultSpec(Map.of());

    public FaultSpec {
        byRegion = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byRegion));
    }

    public static FaultSpec parse(String text) {
        if (text == null || text.isBlank()) return EMPTY;
        Map<String, Faults> out = new LinkedHashMap<>();
        for (String entry : text.split(";")) {
            String e = entry.trim();
            if (e.isEmpty()) continue;
            int colon = e.indexOf(':');
            if (colon <= 0) throw new IllegalArgumentException("'" + e + "' is not <region>:<faults> (e.g. us-east-1:throttle=0.1)");
            out.put(e.substring(0, colon).trim(), Faults.parse(e.substring(colon + 1)));
        }
        return new FaultSpec(out);
    }

    /** The faults for a region: its own entry, else the {@code *} entry, else null. */
    public Faults forRegion(String region) {
        Faults f = byRegion.get(region);
        return f != null ? f : byRegion.get("*");
    }
}
