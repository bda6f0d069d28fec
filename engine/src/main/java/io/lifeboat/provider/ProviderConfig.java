package io.lifeboat.provider;

import java.nio.file.Path;
import java.util.Map;

/**
 * How to open a provider: the package whose types it serves, the region, the endpoint ("sim",
 * a URL, or null for the real cloud), the working directory of the project (where the sim keeps
 * its cloud) and free-form settings (profile, account, latency profile, …).
 */
public record ProviderConfig(String pkg, String region, String endpoint, Path workDir, Map<String, String> settings) {
    public ProviderConfig {
        settings = Map.copyOf(settings);
    }

    public String setting(String key, String fallback) {
        return settings.getOrDefault(key, fallback);
    }
}
