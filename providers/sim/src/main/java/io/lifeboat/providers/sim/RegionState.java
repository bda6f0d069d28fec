package io.lifeboat.providers.sim;

import java.time.Instant;

/**
 * What the simulated cloud knows about a region as a whole: whether it is out (and since when)
 * and the faults injected into it through the admin API (null when none were set there).
 */
public record RegionState(boolean out, Instant outSince, Faults faults) {
    public static final RegionState NORMAL = new RegionState(false, null, null);

    public RegionState withOutage(Instant since) {
        return new RegionState(true, since, faults);
    }

    public RegionState restored() {
        return new RegionState(false, null, faults);
    }

    public RegionState withFaults(Faults f) {
        return new RegionState(out, outSince, f);
    }
}
