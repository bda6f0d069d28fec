package io.lifeboat.providers.sim;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How the simulated cloud behaves for one provider, from the provider's settings and the
 * environment (the environment wins, so a CI job or a demo can change it without editing the
 * stack):
 * <ul>
 *   <li>latency profile: setting {@code latency}, env {@code LIFEBOAT_SIM_LATENCY}
 *       ({@code fast} by default), scaled by setting {@code latencyScale}, env
 *       {@code LIFEBOAT_SIM_LATENCY_SCALE};</li>
 *   <li>faults: setting {@code faults}, env {@code LIFEBOAT_SIM_FAULTS}, both like
 *       {@code us-east-1:throttle=0.1,error=0.02,latency=50ms;*:throttle=0.05};</li>
 *   <li>random seed: setting {@code seed}, env {@code LIFEBOAT_SIM_SEED};</li>
 *   <li>account: setting {@code account}, env {@code LIFEBOAT_SIM_ACCOUNT}
 *       ({@value #DEFAULT_ACCOUNT});</li>
 *   <li>quotas per region: setting {@code quotas}, env {@code LIFEBOAT_SIM_QUOTAS}, like
 *       {@code vpc=10,eip=10} (5 each by default).</li>
 * </ul>
 */
public record SimSettings(LatencyProfile latency, FaultSpec envFaults, FaultSpec settingFaults, Long seed,
                          String account, Map<String, Integer> quotas) {
    public static final String DEFAULT_ACCOUNT = "123456789012";
    public static final Map<String, Integer> DEFAULT_QUOTAS = Map.of("vpc", 5, "eip", 5, "networks", 15);

    public SimSettings {
        quotas = Map.copyOf(quotas);
    }

    /** The defaults: fast, no faults, no seed, the default account and quotas. */
    public static SimSettings defaults() {
        return new SimSettings(LatencyProfile.named("fast"), FaultSpec.EMPTY, FaultSpec.EMPTY, null, DEFAULT_ACCOUNT, DEFAULT_QUOTAS);
    }

    /** @throws IllegalArgumentException naming the setting or variable that is wrong */
    public static SimSettings resolve(Map<String, String> settings, Map<String, String> env) {
        String profile = pick(env, "LIFEBOAT_SIM_LATENCY", settings, "latency", "fast");
        String scaleText = pick(env, "LIFEBOAT_SIM_LATENCY_SCALE", settings, "latencyScale", "1");
        double scale;
        try {
            scale = Double.parseDouble(scaleText.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("latency scale is not a number: " + scaleText);
        }
        LatencyProfile latency = LatencyProfile.named(profile, scale);

        FaultSpec envFaults = FaultSpec.parse(env.get("LIFEBOAT_SIM_FAULTS"));
        FaultSpec settingFaults = FaultSpec.parse(settings.get("faults"));

        String seedText = pick(env, "LIFEBOAT_SIM_SEED", settings, "seed", null);
        Long seed = null;
        if (seedText != null && !seedText.isBlank()) {
            try {
                seed = Long.parseLong(seedText.trim());
            } catch (NumberFormatException e) {
                seed = (long) seedText.trim().hashCode();
            }
        }

        String account = pick(env, "LIFEBOAT_SIM_ACCOUNT", settings, "account", DEFAULT_ACCOUNT).trim();
        if (!account.matches("\\d{12}")) throw new IllegalArgumentException("an account id is 12 digits: " + account);

        Map<String, Integer> quotas = new LinkedHashMap<>(DEFAULT_QUOTAS);
        String quotaText = pick(env, "LIFEBOAT_SIM_QUOTAS", settings, "quotas", "");
        for (String part : quotaText.split(",")) {
            if (part.isBlank()) continue;
            String[] kv = part.split("=", 2);
            try {
                if (kv.length != 2) throw new NumberFormatException();
                int limit = Integer.parseInt(kv[1].trim());
                if (limit < 0) throw new NumberFormatException();
                quotas.put(kv[0].trim().toLowerCase(Locale.ROOT), limit);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a quota is <resource>=<count> (vpc=10,eip=10): " + part);
            }
        }
        return new SimSettings(latency, envFaults, settingFaults, seed, account, quotas);
    }

    /** The limit on objects counted by this quota key in a region; Integer.MAX_VALUE when none. */
    public int quota(String key) {
        return quotas.getOrDefault(key, Integer.MAX_VALUE);
    }

    /** The faults for a region: the environment's, else the setting's, else what the admin API set. */
    public Faults faults(String region, RegionState state) {
        Faults f = envFaults.forRegion(region);
        if (f == null) f = settingFaults.forRegion(region);
        if (f == null) f = state.faults();
        return f == null ? Faults.NONE : f;
    }

    private static String pick(Map<String, String> env, String envName, Map<String, String> settings, String key, String fallback) {
        String v = env.get(envName);
        if (v != null && !v.isBlank()) return v;
        v = settings.get(key);
        return v != null && !v.isBlank() ? v : fallback;
    }
}
