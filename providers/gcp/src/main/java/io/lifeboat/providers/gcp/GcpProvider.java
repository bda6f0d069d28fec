package io.lifeboat.providers.gcp;

import java.util.List;

import io.lifeboat.program.gcp.GcpSchemas;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.provider.TypeTable;

/** The gcp package in one project and region: one type per token of {@link GcpSchemas}, on that project's (lazily made) clients. */
public final class GcpProvider extends TypeTable {
    private final GcpClients gcp;

    public GcpProvider(GcpClients gcp) {
        this.gcp = gcp;
        for (ResourceType t : List.of(new NetworkType(gcp), new SubnetworkType(gcp), new FirewallType(gcp), new RouteType(gcp),
                new RouterType(gcp), new RouterNatType(gcp), new NetworkPeeringType(gcp), new GlobalAddressType(gcp),
                new ServiceConnectionType(gcp), new ClusterType(gcp), new NodePoolType(gcp), new DatabaseInstanceType(gcp),
                new RepositoryType(gcp), new SecretType(gcp), new SecretVersionType(gcp), new NotificationChannelType(gcp))) {
            serve(t.token(), t);
        }
    }

    @Override
    public void close() {
        gcp.close();
    }
}
