package io.lifeboat.providers.sim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.lifeboat.program.AwsSchemas;
import io.lifeboat.provider.Provider;
import io.lifeboat.provider.ResourceType;

/** The simulated cloud as the aws package's provider for one region: every type of {@link AwsSchemas}. */
public final class SimProvider implements Provider {
    private final String region;
    private final Map<String, ResourceType> types = new LinkedHashMap<>();

    SimProvider(SimRuntime rt) {
        this.region = rt.region();
        for (String token : AwsSchemas.all().keySet()) {
            SimType t = rt.types().get(token);
            if (t != null) types.put(token, new SimResourceType(t, rt));
        }
    }

    public String region() {
        return region;
    }

    @Override
    public ResourceType type(String token) {
        return types.get(token);
    }

    @Override
    public Set<String> types() {
        return Collections.unmodifiableSet(types.keySet());
    }
}
