package io.lifeboat.provider;

import java.nio.file.Path;
import java.util.Map;

import io.lifeboat.resource.Props;

/**
 * How to open a provider: the package whose types it serves, the region, the endpoint ("sim",
 * a URL, or null for the real cloud), the working directory of the project (where the sim keeps
 * its cloud), free-form settings of the run (profile, latency profile, …) and the provider
 * resource's own inputs (a Kubernetes provider's cluster endpoint and certificate, …).
 */
public record ProviderConfig(String pkg, String region, String endpoint, Path workDir, Map<String, String> settings, Props inputs) {
    public ProviderConfig {
        settings = Map.copyOf(settings);
        inputs = inputs == null ? Props.EMPTY : inputs;
    }

    public ProviderConfig(String pkg, String region, String endpoint, Path workDir, Map<String, String> settings) {
        this(pkg, region, endpoint, workDir, settings, Props.EMPTY);
    }

    public String setting(String key, String fallback) {
        return settings.getOrDefault(key, fallback);
    }
}
