package io.lifeboat.deploy;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.lifeboat.provider.Provider;
import io.lifeboat.provider.ProviderConfig;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ProviderRegistry;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/**
 * The providers an operation talks to, one per provider resource ({@code pulumi:providers:aws}
 * in a region), opened when first needed and closed at the end.
 */
public final class ProviderPool implements AutoCloseable {
    public static final String PROVIDER_PREFIX = "pulumi:providers:";

    private final ProviderRegistry registry;
    private final Path workDir;
    private final Map<String, String> settings;
    private final Map<Urn, Provider> open = new ConcurrentHashMap<>();
    private final Map<Urn, RateLimiter> limiters = new ConcurrentHashMap<>();
    private final double requestsPerSecond;
    private final Map<Urn, Props> configs = new ConcurrentHashMap<>();

    public ProviderPool(ProviderRegistry registry, Path workDir, Map<String, String> settings) {
        this(registry, workDir, settings, 0);
    }

    /** {@code requestsPerSecond}: the most calls per provider and region each second; 0 for no limit. */
    public ProviderPool(ProviderRegistry registry, Path workDir, Map<String, String> settings, double requestsPerSecond) {
        this.registry = registry;
        this.workDir = workDir;
        this.settings = Map.copyOf(settings);
        this.requestsPerSecond = requestsPerSecond;
    }

    /** Makes a provider resource known (from a goal or from the state), so resources can reach it. */
    public void register(Urn providerUrn, Props inputs) {
        configs.putIfAbsent(providerUrn, inputs);
    }

    /** Makes every provider resource a state records known, so its resources can be read and deleted. */
    public void registerAll(io.lifeboat.state.Snapshot s) {
        for (io.lifeboat.state.ResourceState r : s.resources()) {
            if (r.type().startsWith(PROVIDER_PREFIX)) register(r.urn(), r.inputs());
        }
    }

    public ResourceType type(Urn providerUrn, String token) throws ProviderException {
        if (providerUrn == null) {
            throw new ProviderException(ProviderException.Kind.INVALID_INPUT, "NoProvider", token + " has no provider");
        }
        Provider p = provider(providerUrn);
        ResourceType t = p.type(token);
        if (t == null) {
            throw new ProviderException(ProviderException.Kind.INVALID_INPUT, "UnknownType",
                    "provider " + providerUrn.name() + " does not implement " + token);
        }
        if (requestsPerSecond <= 0) return t;
        return new RateLimitedType(t, limiters.computeIfAbsent(providerUrn, u -> new RateLimiter(requestsPerSecond)));
    }

    private Provider provider(Urn urn) throws ProviderException {
        Provider p = open.get(urn);
        if (p != null) return p;
        synchronized (this) {
            p = open.get(urn);
            if (p != null) return p;
            Props in = configs.get(urn);
            if (in == null) throw new ProviderException(ProviderException.Kind.INVALID_INPUT, "NoProvider", "unknown provider " + urn);
            String pkg = urn.type().substring(PROVIDER_PREFIX.length());
            String endpoint = in.string("endpoint");
            p = registry.forPackage(pkg, endpoint).open(new ProviderConfig(pkg, in.string("region"), endpoint, workDir, settings));
            open.put(urn, p);
            return p;
        }
    }

    @Override
    public void close() {
        for (Provider p : open.values()) p.close();
        open.clear();
    }
}
