package io.lifeboat.providers.sim;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;


/**
 * How long the simulated cloud takes: the latency of every call, and per type how long an object
 * takes to be created, updated and deleted. {@code fast} (the default) keeps tests fast,
 * {@code none} takes no time at all, {@code realistic} takes seconds like the real cloud does,
 * for demos and benchmarks (each cloud's catalog says how long its types take). Every duration is
 * multiplied by the scale.
 */
public final class LatencyProfile {
    public static final List<String> NAMES = List.of("none", "fast", "realistic");

    private final String name;
    private final double scale;
    private final Duration callMin;
    private final Duration callMax;
    private final Duration outageDelay;
    private Duration replicaLag = Duration.ZERO;
    private final Map<String, Duration> create = new LinkedHashMap<>();
    private final Map<String, Duration> update = new LinkedHashMap<>();
    private final Map<String, Duration> delete = new LinkedHashMap<>();

    private LatencyProfile(String name, double scale, long callMinMs, long callMaxMs, long outageMs) {
        this.name = name;
        this.scale = scale;
        this.callMin = scaled(Duration.ofMillis(callMinMs));
        this.callMax = scaled(Duration.ofMillis(callMaxMs));
        this.outageDelay = scaled(Duration.ofMillis(outageMs));
    }

    public static LatencyProfile named(String name) {
        return named(name, 1.0);
    }

    /** The profile of that name, its durations multiplied by {@code scale}. */
    public static LatencyProfile named(String name, double scale) {
        if (!(scale >= 0) || Double.isInfinite(scale)) throw new IllegalArgumentException("latency scale must be a number >= 0: " + scale);
        String n = name == null ? "fast" : name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "none":
                return none(scale);
            case "fast":
                return fast(scale);
            case "realistic":
                return realistic(scale);
            default:
                throw new IllegalArgumentException("unknown latency profile '" + name + "' (have: " + String.join(", ", NAMES) + ")");
        }
    }

    private static LatencyProfile none(double scale) {
        LatencyProfile p = new LatencyProfile("none", scale, 0, 0, 0);
        for (SimType t : SimPackages.all().served()) p.times(t.token(), 0, 0, 0);
        return p;
    }

    private static LatencyProfile fast(double scale) {
        LatencyProfile p = new LatencyProfile("fast", scale, 0, 1, 50);
        for (SimType t : SimPackages.all().served()) p.times(t.token(), 1, 0, 1);
        return p;
    }

    private static LatencyProfile realistic(double scale) {
        LatencyProfile p = new LatencyProfile("realistic", scale, 20, 60, 2000);
        // a cross-region replica trails its source by a second or two (RDS's ReplicaLag in a quiet hour)
        p.replicaLag = p.scaled(Duration.ofMillis(2000));
        for (SimTypes catalog : SimPackages.catalogs()) {
            catalog.realisticTimes().forEach((token, ms) -> p.times(token, ms.create(), ms.update(), ms.delete()));
        }
        return p;
    }

    private void times(String token, long createMs, long updateMs, long deleteMs) {
        create.put(token, scaled(Duration.ofMillis(createMs)));
        update.put(token, scaled(Duration.ofMillis(updateMs)));
        delete.put(token, scaled(Duration.ofMillis(deleteMs)));
    }

    private Duration scaled(Duration d) {
        return Duration.ofNanos((long) (d.toNanos() * scale));
    }

    public String name() {
        return name;
    }

    public double scale() {
        return scale;
    }

    /** How long an object of this type takes to become available once asked for. */
    public Duration create(String token) {
        return create.getOrDefault(token, Duration.ZERO);
    }

    public Duration update(String token) {
        return update.getOrDefault(token, Duration.ZERO);
    }

    public Duration delete(String token) {
        return delete.getOrDefault(token, Duration.ZERO);
    }

    /**
     * Per type token of the aws package (the sim's first and default package), how long a create
     * takes (what a benchmark's critical path is made of); {@link #provisioningTimes(String)} for
     * another package's.
     */
    public Map<String, Duration> provisioningTimes() {
        return provisioningTimes("aws");
    }

    public Map<String, Duration> updateTimes() {
        return updateTimes("aws");
    }

    public Map<String, Duration> deletionTimes() {
        return deletionTimes("aws");
    }

    /** Per type token of the package ({@code aws}, {@code gcp}), how long a create takes; empty for a package the sim does not serve. */
    public Map<String, Duration> provisioningTimes(String pkg) {
        return ofPackage(create, pkg);
    }

    public Map<String, Duration> updateTimes(String pkg) {
        return ofPackage(update, pkg);
    }

    public Map<String, Duration> deletionTimes(String pkg) {
        return ofPackage(delete, pkg);
    }

    private static Map<String, Duration> ofPackage(Map<String, Duration> times, String pkg) {
        SimTypes catalog = SimPackages.of(pkg);
        Map<String, Duration> out = new java.util.LinkedHashMap<>();
        if (catalog == null) return Collections.unmodifiableMap(out);
        times.forEach((token, d) -> {
            if (catalog.get(token) != null && catalog.get(token).served()) out.put(token, d);
        });
        return Collections.unmodifiableMap(out);
    }

    /** The latency of one API call, drawn between the profile's bounds. */
    public Duration callLatency(Random random) {
        long min = callMin.toNanos();
        long max = callMax.toNanos();
        if (max <= min) return callMin;
        return Duration.ofNanos(min + (long) (random.nextDouble() * (max - min)));
    }

    /** How long a call to a region that is out takes to fail. */
    /** How far a cross-region read replica trails its source: none with {@code none} and {@code fast}, 2 s (scaled) with {@code realistic}. */
    public Duration replicaLag() {
        return replicaLag;
    }

    public Duration outageDelay() {
        return outageDelay;
    }

    @Override
    public String toString() {
        return scale == 1.0 ? name : name + " x" + scale;
    }
}
