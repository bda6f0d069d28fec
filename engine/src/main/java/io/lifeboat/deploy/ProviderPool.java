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
import io.lifeboat.state.ResourceState;
import io.lifeboat.state.Snapshot;

/**
 * The providers an operation talks to, one per provider reference ({@code <provider urn>::<id>},
 * Pulumi's form), opened when first needed and closed at the end. Keyed by reference, not URN:
 * a provider resource that is replaced (a Kubernetes provider pointed at a new cluster) keeps its
 * old configuration for deleting what it made while the new one makes the replacements.
 */
public final class ProviderPool implements AutoCloseable {

    private final ProviderRegistry registry;
    private final Path workDir;
    private final Map<String, String> settings;
    private final Map<String, Provider> open = new ConcurrentHashMap<>();
    private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();
    private final double requestsPerSecond;
    private final Map<String, Props> configs = new ConcurrentHashMap<>();

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

    /**
     * Makes a provider resource known with its configuration (from a goal or from the state), so
     * resources can reach it; returns its reference. A new configuration for a known reference
     * (an updated provider) closes the provider opened with the old one.
     */
    public String register(Urn providerUrn, String id, Props inputs) {
        String ref = ResourceState.providerRef(providerUrn, id);
        Props before = configs.put(ref, inputs);
        if (before != null && !before.equals(inputs)) {
            synchronized (this) {
                Provider stale = open.remove(ref);
                if (stale != null) stale.close();
            }
        }
        return ref;
    }

    /** Makes every provider resource a state records known, so its resources can be read and deleted. */
    public void registerAll(Snapshot s) {
        for (ResourceState r : s.resources()) {
            if (Urn.isProviderType(r.type()) && r.id() != null) {
                configs.putIfAbsent(ResourceState.providerRef(r.urn(), r.id()), r.inputs());
            }
        }
    }

    /** The type as the provider with this reference serves it. */
    public ResourceType type(String providerRef, String token) throws ProviderException {
        ResourceType t = find(providerRef, token);
        if (t == null) {
            throw new ProviderException(ProviderException.Kind.INVALID_INPUT, "UnknownType",
                    "provider " + providerRef + " does not implement " + token);
        }
        return t;
    }

    /** The type as the provider with this reference serves it, or null when it does not implement it. */
    public ResourceType find(String providerRef, String token) throws ProviderException {
        if (providerRef == null) {
            throw new ProviderException(ProviderException.Kind.INVALID_INPUT, "NoProvider", token + " has no provider");
        }
        return provider(providerRef).type(token);
    }

    /** The limiter the calls to the provider with this reference wait for ({@link CallChain}); null when there is no limit. */
    public RateLimiter limiter(String providerRef) {
        if (requestsPerSecond <= 0) return null;
        return limiters.computeIfAbsent(providerRef, u -> new RateLimiter(requestsPerSecond));
    }

    private Provider provider(String ref) throws ProviderException {
        Provider p = open.get(ref);
        if (p != null) return p;
        synchronized (this) {
            p = open.get(ref);
            if (p != null) return p;
            Props in = configs.get(ref);
            if (in == null) throw new ProviderException(ProviderException.Kind.INVALID_INPUT, "NoProvider", "unknown provider " + ref);
            String type = Urn.parse(ref.substring(0, ref.lastIndexOf("::"))).type();
            String pkg = Urn.providerPackage(type);
            String endpoint = in.string("endpoint");
            p = registry.forPackage(pkg, endpoint).open(new ProviderConfig(pkg, in.string("region"), endpoint, workDir, settings, in.reveal()));
            open.put(ref, p);
            return p;
        }
    }

    @Override
    public void close() {
        for (Provider p : open.values()) p.close();
        open.clear();
    }
}
