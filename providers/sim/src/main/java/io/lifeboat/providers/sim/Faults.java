package io.lifeboat.providers.sim;

import java.time.Duration;
import java.util.Locale;

/**
 * The faults injected into the calls made to one region: the share of calls throttled, the
 * share failing with a transient error, and latency added to every call.
 */
public record Faults(double throttleRate, double errorRate, Duration extraLatency) {
    public static final Faults NONE = new Faults(0, 0, Duration.ZERO);

    public Faults {
        if (!(throttleRate >= 0 && throttleRate <= 1)) throw new IllegalArgumentException("throttle rate must be within 0..1: " + throttleRate);
        if (!(errorRate >= 0 && errorRate <= 1)) throw new IllegalArgumentException("error rate must be within 0..1: " + errorRate);
        if (extraLatency == null || extraLatency.isNegative()) throw new IllegalArgumentException("latency must not be negative");
    }

    public boolean none() {
        return throttleRate == 0 && errorRate == 0 && extraLatency.isZero();
    }

    /** Parses {@code throttle=0.1,error=0.02,latency=50ms}; keys may be left out. */
    public static Faults parse(String text) {
        double throttle = 0;
        double error = 0;
        Duration latency = Duration.ZERO;
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) continue;
            int eq = p.indexOf('=');
            if (eq < 0) throw new IllegalArgumentException("'" + p + "' is not key=value (throttle, error, latency)");
            String key = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = p.substring(eq + 1).trim();
            switch (key) {
                case "throttle" -> throttle = rate(key, value);
                case "error", "errors" -> error = rate(key, value);
                case "latency" -> latency = duration(value);
                default -> throw new IllegalArgumentException("unknown fault '" + key + "' (throttle, error, latency)");
            }
        }
        return new Faults(throttle, error, latency);
    }

    /** The inverse of {@link #parse}. */
    public String format() {
        return "throttle=" + throttleRate + ",error=" + errorRate + ",latency=" + extraLatency.toMillis() + "ms";
    }

    private static double rate(String key, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number within 0..1: " + value);
        }
    }

    /** {@code 50ms}, {@code 1.5s}, {@code 2m}, or a bare number of milliseconds. */
    static Duration duration(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        double factor;
        String number;
        if (v.endsWith("ms")) {
            factor = 1;
            number = v.substring(0, v.length() - 2);
        } else if (v.endsWith("s")) {
            factor = 1000;
            number = v.substring(0, v.length() - 1);
        } else if (v.endsWith("m")) {
            factor = 60_000;
            number = v.substring(0, v.length() - 1);
        } else {
            factor = 1;
            number = v;
        }
        try {
            double millis = Double.parseDouble(number.trim()) * factor;
            if (millis < 0) throw new IllegalArgumentException("latency must not be negative: " + value);
            return Duration.ofNanos((long) (millis * 1_000_000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration (50ms, 1.5s): " + value);
        }
    }
}
