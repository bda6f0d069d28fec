package io.lifeboat.provider;

import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** The provider plugins on the class path, by name. */
public final class ProviderRegistry {
    private final Map<String, ProviderFactory> factories = new HashMap<>();

    public ProviderRegistry(Iterable<ProviderFactory> factories) {
        for (ProviderFactory f : factories) this.factories.put(f.name(), f);
    }

    public static ProviderRegistry load() {
        return new ProviderRegistry(ServiceLoader.load(ProviderFactory.class));
    }

    /**
     * The factory for a package as a stack reaches it: the sim when the endpoint is {@code sim},
     * else the package's own plugin.
     */
    public ProviderFactory forPackage(String pkg, String endpoint) throws ProviderException {
        String name = "sim".equals(endpoint) ? "sim" : pkg;
        ProviderFactory f = factories.get(name);
        if (f == null) {
            throw new ProviderException(ProviderException.Kind.INVALID_INPUT, "NoProvider",
                    "no provider plugin named '" + name + "' is installed (have: " + new TreeSet<>(factories.keySet()) + ")");
        }
        return f;
    }
}
