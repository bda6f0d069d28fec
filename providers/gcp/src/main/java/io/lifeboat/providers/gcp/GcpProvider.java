package io.lifeboat.providers.gcp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.lifeboat.program.gcp.GcpSchemas;
import io.lifeboat.provider.Provider;
import io.lifeboat.provider.ResourceType;

/** The gcp package in one project and region: one type per token of {@link GcpSchemas}, on that project's (lazily made) clients. */
public final class GcpProvider implements Provider {
    private final GcpClients gcp;
    private final Map<String, ResourceType> types = new LinkedHashMap<>();

    public GcpProvider(GcpClients gcp) {
        this.gcp = gcp;
        for (ResourceType t : List.of(new NetworkType(gcp), new SubnetworkType(gcp), new FirewallType(gcp), new RouteType(gcp),
                new RouterType(gcp), new RouterNatType(gcp), new NetworkPeeringType(gcp), new GlobalAddressType(gcp),
                new ServiceConnectionType(gcp), new ClusterType(gcp), new NodePoolType(gcp), new DatabaseInstanceType(gcp),
                new RepositoryType(gcp), new SecretType(gcp), new SecretVersionType(gcp), new NotificationChannelType(gcp))) {
            types.put(t.token(), t);
        }
    }

    @Override
    public ResourceType type(String token) {
        return types.get(token);
    }

    @Override
    public Set<String> types() {
        return Collections.unmodifiableSet(types.keySet());
    }

    @Override
    public void close() {
        gcp.close();
    }
}
