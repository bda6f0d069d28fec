package io.lifeboat.providers.sim.gcp;

import static io.lifeboat.program.gcp.GcpSchemas.*;

import java.util.List;
import java.util.Map;

import io.lifeboat.providers.sim.SimTypes;

/**
 * The gcp package's types on the simulated cloud: one per token of {@code GcpSchemas}, and the
 * backup runs Cloud SQL keeps. Creating, changing and deleting most of them are long-running
 * operations in GCP: the object is provisioning until the operation is done.
 */
public final class GcpSimTypes {
    /** How long each type takes on the real cloud, create, update and delete, in ms: the {@code realistic} latency profile. */
    private static final Map<String, SimTypes.Times> REALISTIC = Map.ofEntries(
            Map.entry(NETWORK, new SimTypes.Times(800, 300, 600)),
            Map.entry(SUBNETWORK, new SimTypes.Times(600, 400, 400)),
            Map.entry(FIREWALL, new SimTypes.Times(400, 400, 300)),
            Map.entry(ROUTE, new SimTypes.Times(400, 300, 300)),
            Map.entry(ROUTER, new SimTypes.Times(500, 300, 400)),
            Map.entry(ROUTER_NAT, new SimTypes.Times(600, 400, 400)),
            Map.entry(NETWORK_PEERING, new SimTypes.Times(1000, 500, 800)),
            Map.entry(GLOBAL_ADDRESS, new SimTypes.Times(400, 300, 300)),
            Map.entry(SERVICE_CONNECTION, new SimTypes.Times(6000, 3000, 4000)),
            Map.entry(CLUSTER, new SimTypes.Times(15000, 10000, 8000)),
            Map.entry(NODE_POOL, new SimTypes.Times(8000, 4000, 5000)),
            Map.entry(DATABASE_INSTANCE, new SimTypes.Times(12000, 5000, 6000)),
            Map.entry(REPOSITORY, new SimTypes.Times(300, 200, 200)),
            Map.entry(SECRET, new SimTypes.Times(300, 200, 200)),
            Map.entry(SECRET_VERSION, new SimTypes.Times(300, 200, 200)),
            Map.entry(NOTIFICATION_CHANNEL, new SimTypes.Times(300, 200, 200)));

    private static final SimTypes CATALOG = new SimTypes(List.of(
            new NetworkType(), new SubnetworkType(), new FirewallType(), new RouteType(), new RouterType(), new RouterNatType(),
            new NetworkPeeringType(), new GlobalAddressType(), new ServiceConnectionType(), new ClusterType(), new NodePoolType(), new DatabaseInstanceType(), new RepositoryType(),
            new SecretType(), new SecretVersionType(), new NotificationChannelType(), new BackupRunType()), REALISTIC);

    private GcpSimTypes() {
    }

    public static SimTypes catalog() {
        return CATALOG;
    }
}
