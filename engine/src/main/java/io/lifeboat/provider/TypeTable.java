package io.lifeboat.provider;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A provider that serves a fixed table of types, by token: what most providers are. */
public abstract class TypeTable implements Provider {
    private final Map<String, ResourceType> types = new LinkedHashMap<>();

    protected final void serve(String token, ResourceType type) {
        types.put(token, type);
    }

    @Override
    public final ResourceType type(String token) {
        return types.get(token);
    }

    @Override
    public final Set<String> types() {
        return Collections.unmodifiableSet(types.keySet());
    }
}
