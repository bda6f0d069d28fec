package io.lifeboat.program.gcp;

import java.util.Map;

import io.lifeboat.provider.SchemaSet;
import io.lifeboat.provider.TypeSchema;

/**
 * The schemas of the gcp package's types that the gcp program emits, with the Pulumi gcp
 * provider's type tokens and property names (camelCase, as pulumi-gcp's schema has them). Shared
 * by the sim and the real gcp provider. Where GCP keeps labels on an object, the idempotency mark
 * is one of them ({@link TypeSchema#URN_LABEL}); compute objects (networks, firewalls, routes,
 * routers) have no labels, and are found again by their name, unique in the project.
 */
public final class GcpSchemas {
    public static final String NETWORK = "gcp:compute/network:Network";
    public static final String SUBNETWORK = "gcp:compute/subnetwork:Subnetwork";
    public static final String FIREWALL = "gcp:compute/firewall:Firewall";
    public static final String ROUTE = "gcp:compute/route:Route";
    public static final String ROUTER = "gcp:compute/router:Router";
    public static final String ROUTER_NAT = "gcp:compute/routerNat:RouterNat";
    public static final String NETWORK_PEERING = "gcp:compute/networkPeering:NetworkPeering";
    public static final String GLOBAL_ADDRESS = "gcp:compute/globalAddress:GlobalAddress";
    public static final String SERVICE_CONNECTION = "gcp:servicenetworking/connection:Connection";
    public static final String CLUSTER = "gcp:container/cluster:Cluster";
    public static final String NODE_POOL = "gcp:container/nodePool:NodePool";
    public static final String DATABASE_INSTANCE = "gcp:sql/databaseInstance:DatabaseInstance";
    public static final String REPOSITORY = "gcp:artifactregistry/repository:Repository";
    public static final String SECRET = "gcp:secretmanager/secret:Secret";
    public static final String SECRET_VERSION = "gcp:secretmanager/secretVersion:SecretVersion";
    public static final String NOTIFICATION_CHANNEL = "gcp:monitoring/notificationChannel:NotificationChannel";

    private static final SchemaSet ALL = new SchemaSet();

    static {
        add(TypeSchema.builder(NETWORK).uniqueName("name").replaces("name").optionalReplaces("autoCreateSubnetworks", "description", "project")
                .optional("routingMode", "deleteDefaultRoutesOnCreate")
                .outputs("selfLink", "gatewayIpv4", "numericId"));
        add(TypeSchema.builder(SUBNETWORK).uniqueName("name").replaces("name", "network", "ipCidrRange").optionalReplaces("region", "project")
                .optional("secondaryIpRanges", "privateIpGoogleAccess", "description")
                .outputs("selfLink", "gatewayAddress", "creationTimestamp"));
        add(TypeSchema.builder(FIREWALL).uniqueName("name").replaces("name", "network").optionalReplaces("direction", "project")
                .optional("priority", "sourceRanges", "sourceTags", "targetTags", "destinationRanges", "allows", "denies", "description", "disabled")
                .outputs("selfLink", "creationTimestamp"));
        add(TypeSchema.builder(ROUTE).uniqueName("name").replaces("name", "network", "destRange")
                .optionalReplaces("nextHopGateway", "nextHopIp", "nextHopIlb", "priority", "description", "project")
                .outputs("selfLink", "nextHopNetwork"));
        add(TypeSchema.builder(ROUTER).uniqueName("name").replaces("name", "network").optionalReplaces("region", "project")
                .optional("bgp", "description")
                .outputs("selfLink", "creationTimestamp"));
        add(TypeSchema.builder(ROUTER_NAT).uniqueName("name").replaces("name", "router").optionalReplaces("region", "project")
                .required("natIpAllocateOption", "sourceSubnetworkIpRangesToNat").optional("minPortsPerVm", "logConfig"));
        add(TypeSchema.builder(NETWORK_PEERING).uniqueName("name").replaces("name", "network", "peerNetwork")
                .optional("exportCustomRoutes", "importCustomRoutes")
                .outputs("state", "stateDetails"));
        // private services access: the range Google's services (Cloud SQL) take their addresses from, and the connection to them
        add(TypeSchema.builder(GLOBAL_ADDRESS).uniqueName("name").replaces("name")
                .optionalReplaces("purpose", "addressType", "prefixLength", "network", "address", "description", "project")
                .outputs("selfLink", "creationTimestamp"));
        add(TypeSchema.builder(SERVICE_CONNECTION).replaces("network", "service").required("reservedPeeringRanges")
                .outputs("peering"));
        add(TypeSchema.builder(CLUSTER).uniqueName("name").replaces("name", "location", "network", "subnetwork")
                .optionalReplaces("ipAllocationPolicy", "privateClusterConfig", "project")
                .optional("removeDefaultNodePool", "initialNodeCount", "minMasterVersion", "deletionProtection", "releaseChannel", "description")
                .labelled("resourceLabels")
                .outputs("endpoint", "masterAuth", "selfLink", "masterVersion", "labelFingerprint", "status"));
        add(TypeSchema.builder(NODE_POOL).uniqueName("name").replaces("name", "cluster", "location").optionalReplaces("nodeConfig", "project")
                .optional("initialNodeCount", "nodeCount", "autoscaling", "management")
                .outputs("instanceGroupUrls", "version", "operation"));
        // Cloud SQL keeps its labels in settings.userLabels, not at the top: the mark is the provider's to place
        add(TypeSchema.builder(DATABASE_INSTANCE).holdsData().uniqueName("name").replaces("name").optionalReplaces("region", "project")
                .promotedByRemoval("masterInstanceName")
                .required("databaseVersion", "settings")
                .optional("deletionProtection", "restoreBackupContext", "rootPassword")
                .outputs("connectionName", "firstIpAddress", "privateIpAddress", "publicIpAddress", "ipAddresses", "selfLink",
                        "serviceAccountEmailAddress", "state", "instanceType"));
        add(TypeSchema.builder(REPOSITORY).uniqueName("repositoryId").replaces("repositoryId", "location", "format").optionalReplaces("project")
                .optional("description", "dockerConfig").labelled("labels")
                .outputs("name", "registryUri", "createTime", "updateTime"));
        add(TypeSchema.builder(SECRET).uniqueName("secretId").replaces("secretId", "replication").optionalReplaces("project")
                .optional("annotations").labelled("labels")
                .outputs("name", "createTime"));
        add(TypeSchema.builder(SECRET_VERSION).replaces("secret").secret("secretData", true).optional("enabled")
                .outputs("name", "version", "createTime"));
        // a channel's labels are its configuration (email_address); its own labels are userLabels
        add(TypeSchema.builder(NOTIFICATION_CHANNEL).replaces("type").optionalReplaces("project")
                .optional("displayName", "labels", "enabled", "description").labelled("userLabels")
                .outputs("name", "verificationStatus"));
    }

    private GcpSchemas() {
    }

    private static void add(TypeSchema.Builder b) {
        ALL.add(b);
    }

    public static TypeSchema get(String token) {
        return ALL.get(token);
    }

    public static Map<String, TypeSchema> all() {
        return ALL.all();
    }
}
