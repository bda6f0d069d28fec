package io.lifeboat.program.gcp;

import static io.lifeboat.program.gcp.GcpSchemas.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.lifeboat.program.CloudMapping;
import io.lifeboat.program.GoalBuilder;
import io.lifeboat.program.Handles;
import io.lifeboat.program.KeyMaterial;
import io.lifeboat.program.KnownKeys;
import io.lifeboat.program.PlatformContext;
import io.lifeboat.program.PlatformProgram;
import io.lifeboat.program.Posture;
import io.lifeboat.program.ProgramOptions;
import io.lifeboat.program.AirflowObjects;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.ResourceOptions;
import io.lifeboat.resource.Urn;
import io.lifeboat.spec.Cidr;
import io.lifeboat.spec.Platform;
import io.lifeboat.spec.Stack;

/**
 * The platform on GCP: each part {@link PlatformProgram} asks for, made with the Pulumi gcp
 * provider's types and property names: a VPC network with one subnetwork in the stack's region
 * (secondary ranges for the cluster's pods and services), firewall rules for what the AWS
 * security groups do, Cloud NAT, private services access for Cloud SQL; GKE with its node pools; Cloud SQL for Postgres, its backups
 * kept in the pair's region; an Artifact Registry repository per image in the stack's own region;
 * Secret Manager secrets for the API keys, replicated into both regions; Cloud Monitoring e-mail
 * channels for alerts.
 *
 * <p>GCP routes what a network needs by itself (the subnetworks' routes, the default internet
 * route, a peering's exchanged routes), so the program makes no route; a route made by hand is
 * captured as AWS's are.
 */
public final class GcpMapping implements CloudMapping {
    public static final String PROVIDER_TYPE = Urn.providerType("gcp");
    /** The names of the subnetwork's secondary ranges, which the cluster's IP allocation names. */
    static final String PODS = "pods";
    static final String SERVICES = "services";

    /** The network as the GCP parts made after it use it: the network's and the subnetwork's self links. */
    record GcpNetwork(Urn component, PropertyValue network, PropertyValue subnetwork, Urn servicesAccess, Map<String, PropertyValue> outputs)
            implements Handles.Network {
    }

    /** The GKE cluster. */
    record GcpCluster(Urn component, Urn gke, Map<String, PropertyValue> outputs) implements Handles.Cluster {
    }

    /** The Cloud SQL instance, under its component. */
    record GcpDatabase(Urn component, Urn instance, PropertyValue endpoint, Map<String, PropertyValue> outputs) implements Handles.Database {
    }

    /** The Artifact Registry repositories, by repository id. */
    record GcpRegistry(Map<String, PropertyValue> urls, Map<String, PropertyValue> outputs) implements Handles.Registry {
        @Override
        public PropertyValue urlFor(String image) {
            return urls.get(AirflowObjects.repository(image));
        }
    }

    private final PlatformContext ctx;
    private final Stack stack;
    private final Stack pair;
    private final Posture posture;
    private final ProgramOptions options;
    private final Platform platform;
    private final GoalBuilder b;
    private final KnownKeys keys;
    private final Urn root;
    private Urn provider;

    public GcpMapping(PlatformContext ctx) {
        this.ctx = ctx;
        this.stack = ctx.stack();
        this.pair = ctx.pair();
        this.options = ctx.options();
        this.posture = ctx.posture();
        this.platform = ctx.platform();
        this.b = ctx.goals();
        this.keys = ctx.keys();
        this.root = ctx.root();
    }

    @Override
    public Urn provider() {
        provider = b.add(null, true, root, PROVIDER_TYPE, "gcp-" + stack.region(), GcpDrTraits.providerConfig(stack), ResourceOptions.NONE,
                ctx.at("stack"));
        return provider;
    }

    /**
     * Whichever stack serves the platform owns the API keys, a promoted one too; a drill never
     * touches the live ones. A Secret Manager secret is one object of the project, readable from
     * each of its replicas' regions, so each owner makes its own (its id names the stack) with the
     * same key material: a failover's promoted stack makes its own while the lost one's still
     * answers from its replica, and a failback removes the stale one without touching the other's.
     */
    @Override
    public boolean ownsApiKeys() {
        return posture.primary() && !options.drill();
    }

    private Urn resource(String path, Urn parent, String type, String name, Props inputs, String specPath) {
        return resource(path, parent, type, name, inputs, specPath, ResourceOptions.NONE.withProvider(provider));
    }

    private Urn resource(String path, Urn parent, String type, String name, Props inputs, String specPath, ResourceOptions options) {
        return b.add(path, true, parent, type, name, inputs, options, ctx.at(specPath));
    }

    /** The labels of an object: GCP's label rules allow lowercase letters, digits, - and _. */
    private PropertyValue labels(String name) {
        return PropertyValue.fromJava(Map.of("lifeboat-stack", label(stack.name()), "lifeboat-name", label(name)));
    }

    static String label(String value) {
        String s = value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
        return s.length() > 63 ? s.substring(0, 63) : s;
    }

    /** A GCP resource name: lowercase letters, digits and hyphens, starting with a letter, at most {@code max}. */
    private String name(String suffix, int max) {
        String s = (stack.name() + "-" + suffix).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        if (s.length() > max) s = s.substring(0, max);
        return s.replaceAll("-+$", "");
    }

    @Override
    public GcpNetwork network() {
        Urn net = ctx.component(PlatformProgram.NETWORK, "network", "spec.network");
        Platform.Network n = platform.network();
        Urn network = resource("network.vpc", net, NETWORK, "vpc", Props.builder()
                .put("name", name("net", 63))
                .put("autoCreateSubnetworks", false)
                .put("routingMode", "REGIONAL").build(), "spec.network.cidr");
        PropertyValue networkLink = b.ref(network, "selfLink");
        // the network's range: half for the pods, a quarter for the nodes, a quarter for the services
        List<Cidr> halves = n.cidr().split(1);
        List<Cidr> quarters = halves.get(0).split(1);
        Urn subnetwork = resource("network.nodes", net, SUBNETWORK, "nodes", Props.builder()
                .put("name", name("nodes", 63))
                .put("network", networkLink)
                .put("region", stack.region())
                .put("ipCidrRange", quarters.get(0).toString())
                .put("privateIpGoogleAccess", true)
                .put("secondaryIpRanges", PropertyValue.fromJava(List.of(
                        Map.of("rangeName", PODS, "ipCidrRange", halves.get(1).toString()),
                        Map.of("rangeName", SERVICES, "ipCidrRange", quarters.get(1).toString())))).build(), "spec.network.cidr");
        // the cluster's nodes talk to each other on every port (the AWS cluster group's self rule)
        ingressFromNetwork(net, networkLink, "cluster", "cluster-internal", "Airflow cluster nodes of " + stack.name(),
                Map.of("protocol", "all"), "spec.cluster");
        // Postgres from inside the network only (the AWS database group)
        ingressFromNetwork(net, networkLink, "database", "database", "Airflow metadata database of " + stack.name(),
                Map.of("protocol", "tcp", "ports", List.of("5432")), "spec.database");
        Urn router = resource("network.router", net, ROUTER, "router", Props.builder()
                .put("name", name("router", 63))
                .put("network", networkLink)
                .put("region", stack.region()).build(), "spec.network");
        resource("network.nat", net, ROUTER_NAT, "nat", Props.builder()
                .put("name", name("nat", 63))
                .put("router", b.ref(router, "name"))
                .put("region", stack.region())
                .put("natIpAllocateOption", "AUTO_ONLY")
                .put("sourceSubnetworkIpRangesToNat", "ALL_SUBNETWORKS_ALL_IP_RANGES").build(), "spec.network");

        // private services access, through which the database gets its private address in the network
        Urn servicesRange = resource("network.services-range", net, GLOBAL_ADDRESS, "services-range", Props.builder()
                .put("name", name("services-range", 63))
                .put("purpose", "VPC_PEERING")
                .put("addressType", "INTERNAL")
                .put("prefixLength", 16)
                .put("network", networkLink).build(), "spec.database");
        Urn servicesAccess = resource("network.services-access", net, SERVICE_CONNECTION, "services-access", Props.builder()
                .put("network", networkLink)
                .put("service", "servicenetworking.googleapis.com")
                .put("reservedPeeringRanges", PropertyValue.list(b.ref(servicesRange, "name"))).build(), "spec.database");

        for (int i = 0; i < platform.peerings().size() && !options.drill(); i++) {
            Platform.Peering p = platform.peerings().get(i);
            String spec = "spec.peerings[" + i + "]";
            // the peer's side is the peer project's to make: until it is, the peering stays INACTIVE
            resource("network.peer-" + p.name(), net, NETWORK_PEERING, "peer-" + p.name(), Props.builder()
                    .put("name", name("peer-" + p.name(), 63))
                    .put("network", networkLink)
                    .put("peerNetwork", peerNetwork(p))
                    .put("exportCustomRoutes", false)
                    .put("importCustomRoutes", false).build(), spec);
        }
        return new GcpNetwork(net, networkLink, b.ref(subnetwork, "selfLink"), servicesAccess, Map.of("networkId", b.ref(network, "id")));
    }

    /** A firewall rule letting in, from the network's own range, what {@code allow} says. */
    private void ingressFromNetwork(Urn net, PropertyValue networkLink, String resourceName, String suffix, String description,
                                    Map<String, Object> allow, String specPath) {
        resource("network." + resourceName + "-fw", net, FIREWALL, resourceName, Props.builder()
                .put("name", name(suffix, 63))
                .put("network", networkLink)
                .put("description", description)
                .put("direction", "INGRESS")
                .put("priority", 1000)
                .put("sourceRanges", PropertyValue.strings(List.of(platform.network().cidr().toString())))
                .put("allows", PropertyValue.fromJava(List.of(allow))).build(), specPath);
    }

    /** The peer network's self link: its project (the spec's peerAccount) and its name (peerVpcId), or the link as written. */
    static String peerNetwork(Platform.Peering p) {
        String v = p.peerVpcId();
        if (v.startsWith("https://") || v.startsWith("projects/")) return v;
        return "https://www.googleapis.com/compute/v1/projects/" + p.peerAccount() + "/global/networks/" + v;
    }

    @Override
    public GcpCluster cluster(Handles.Network network) {
        GcpNetwork n = (GcpNetwork) network;
        Urn cl = ctx.component(PlatformProgram.CLUSTER, "cluster", "spec.cluster");
        Platform.Cluster c = platform.cluster();
        Urn gke = resource("cluster.gke", cl, CLUSTER, "gke", Props.builder()
                .put("name", name("gke", 40))
                .put("location", stack.region())
                .put("network", n.network())
                .put("subnetwork", n.subnetwork())
                .put("minMasterVersion", c.kubernetesVersion())
                // the node pools are the program's own
                .put("removeDefaultNodePool", true)
                .put("initialNodeCount", 1)
                .put("deletionProtection", false)
                .put("ipAllocationPolicy", obj(Props.builder()
                        .put("clusterSecondaryRangeName", PODS)
                        .put("servicesSecondaryRangeName", SERVICES).build()))
                .put("resourceLabels", labels("gke")).build(), "spec.cluster.kubernetesVersion");
        for (int i = 0; i < c.nodePools().size(); i++) {
            Platform.NodePool p = c.nodePools().get(i);
            int min = posture.fullCapacity() ? p.min() : Math.min(p.min(), 1);
            int desired = posture.fullCapacity() ? Math.max(p.min(), 1) : min;
            resource("cluster." + p.name(), cl, NODE_POOL, p.name(), Props.builder()
                    .put("name", p.name())
                    .put("cluster", b.ref(gke, "name"))
                    .put("location", stack.region())
                    .put("initialNodeCount", desired)
                    .put("autoscaling", obj(Props.builder().put("minNodeCount", min).put("maxNodeCount", p.max()).build()))
                    .put("nodeConfig", obj(Props.builder()
                            .put("machineType", p.instanceType())
                            .put("diskSizeGb", p.diskGiB())
                            .put("oauthScopes", PropertyValue.strings(List.of("https://www.googleapis.com/auth/cloud-platform")))
                            .put("labels", labels("pool-" + p.name())).build())).build(), "spec.cluster.nodePools[" + i + "]",
                    // GKE sets the pool's size itself within its autoscaling bounds
                    ResourceOptions.NONE.withProvider(provider).withIgnoreChanges(List.of("initialNodeCount")));
        }
        return new GcpCluster(cl, gke, Map.of("clusterEndpoint", b.ref(gke, "endpoint")));
    }

    @Override
    public GcpDatabase database(Handles.Network network) {
        GcpNetwork n = (GcpNetwork) network;
        Urn dbc = ctx.component(PlatformProgram.DATABASE, "database", "spec.database");
        Platform.Database d = platform.database();
        Platform.Backup backup = d.backup();
        // the backups are kept in the pair's region, where a failover restores them
        String location = backup.copyToPair() && pair != null ? pair.region() : stack.region();
        // a hot standby's database is a cross-region read replica of the primary's; a failover promotes it in place
        boolean replica = posture.replicates();
        // a replica takes no backups of its own (Cloud SQL refuses them on a read replica)
        PropertyValue backups = replica ? obj(Props.builder().put("enabled", false).build()) : obj(Props.builder()
                .put("enabled", true)
                .put("location", location)
                .put("pointInTimeRecoveryEnabled", true)
                .put("transactionLogRetentionDays", Math.min(7, Math.max(1, backup.retainDays())))
                .put("backupRetentionSettings", obj(Props.builder()
                        .put("retainedBackups", Math.max(1, backup.retainDays())).put("retentionUnit", "COUNT").build())).build());
        Props.Builder in = Props.builder()
                .put("name", name("metadata", 84))
                .put("region", stack.region())
                .put("databaseVersion", databaseVersion(d))
                .put("deletionProtection", false)
                .put("masterInstanceName", !replica ? null : options.replicaOf() == null ? PropertyValue.UNKNOWN : PropertyValue.of(options.replicaOf()))
                .put("settings", obj(Props.builder()
                        .put("tier", d.size())
                        // Postgres 16 and later default to Enterprise Plus, which takes only its own tiers: say which one the tier is
                        .put("edition", edition(d.size()))
                        .put("availabilityType", posture.fullCapacity() ? "REGIONAL" : "ZONAL")
                        .put("diskSize", d.storageGiB())
                        .put("ipConfiguration", obj(Props.builder().put("ipv4Enabled", false).put("privateNetwork", n.network()).build()))
                        .put("backupConfiguration", backups)
                        .put("userLabels", labels("metadata")).build()));
        String restore = replica ? null : options.restoreFrom();
        if (restore != null) {
            int slash = restore.lastIndexOf('/');
            in.put("restoreBackupContext", obj(Props.builder()
                    .put("instanceId", restore.substring(0, slash))
                    .put("backupRunId", Long.parseLong(restore.substring(slash + 1)))
                    .put("project", stack.project()).build()));
        }
        // a restore context that changes restores that backup into the instance (pulumi-gcp's restore on update): a
        // failover's into the standby's instance; the same context planned again is no change, so nothing is restored twice
        Urn db = resource("database.metadata", dbc, DATABASE_INSTANCE, "metadata", in.build(), "spec.database",
                // its private address comes through the network's private services access
                ResourceOptions.NONE.withProvider(provider).withDependsOn(List.of(n.servicesAccess())));
        PropertyValue endpoint = b.ref(db, "privateIpAddress");
        return new GcpDatabase(dbc, db, endpoint, Map.of("databaseEndpoint", endpoint));
    }

    /** The Cloud SQL edition a tier belongs to: {@code db-perf-optimized-N-*} are Enterprise Plus's, the others Enterprise's. */
    static String edition(String tier) {
        return tier != null && tier.startsWith("db-perf-optimized-") ? "ENTERPRISE_PLUS" : "ENTERPRISE";
    }

    /** Cloud SQL's name of the engine's version: {@code POSTGRES_15} for Postgres 15.x. */
    static String databaseVersion(Platform.Database d) {
        String major = d.version() == null ? "16" : d.version().split("\\.")[0];
        return d.engine().toUpperCase(Locale.ROOT) + "_" + major;
    }

    /** An Artifact Registry repository (DOCKER) per image, in the stack's own region: each region serves its own. */
    @Override
    public GcpRegistry registry() {
        Urn reg = ctx.component(PlatformProgram.REGISTRY, "registry", "spec.registry");
        List<String> repos = new ArrayList<>();
        for (Platform.Deployment dep : platform.deployments()) {
            String repo = AirflowObjects.repository(dep.image());
            if (!repos.contains(repo)) repos.add(repo);
        }
        Map<String, PropertyValue> urls = new LinkedHashMap<>();
        for (String repo : repos) {
            Urn r = resource("registry." + repo, reg, REPOSITORY, repo, Props.builder()
                    .put("repositoryId", repo)
                    .put("location", stack.region())
                    .put("format", "DOCKER")
                    .put("description", "Airflow images of " + stack.name())
                    .put("dockerConfig", obj(Props.builder().put("immutableTags", true).build()))
                    .put("labels", labels("repo-" + repo)).build(), "spec.deployments");
            urls.put(repo, b.ref(r, "registryUri"));
        }
        Map<String, PropertyValue> outputs = urls.isEmpty() ? Map.of() : Map.of("registryUrls", new PropertyValue.Obj(new Props(urls)));
        return new GcpRegistry(urls, outputs);
    }

    /** Each deployment's alert e-mails: a Cloud Monitoring e-mail channel per address; the deployment is told their names. */
    @Override
    public Handles.Alerts alerts() {
        Map<String, PropertyValue> channels = new LinkedHashMap<>();
        Urn group = null;
        for (int i = 0; i < platform.deployments().size(); i++) {
            Platform.Deployment d = platform.deployments().get(i);
            if (d.alertEmails().isEmpty()) continue;
            if (group == null) group = ctx.component(PlatformProgram.ALERTS, "alerts", "spec.deployments");
            List<PropertyValue> names = new ArrayList<>();
            for (int j = 0; j < d.alertEmails().size(); j++) {
                String email = d.alertEmails().get(j);
                Urn ch = resource(null, group, NOTIFICATION_CHANNEL, d.name() + "-" + email, Props.builder()
                        .put("type", "email")
                        .put("displayName", stack.name() + " " + d.name() + " alerts: " + email)
                        .put("labels", PropertyValue.fromJava(Map.of("email_address", email)))
                        .put("userLabels", labels(d.name() + "-alerts")).build(),
                        "spec.deployments[" + i + "].alertEmails[" + j + "]");
                names.add(b.ref(ch, "name"));
            }
            channels.put(d.name(), names.size() == 1 ? names.get(0) : new PropertyValue.Arr(names));
        }
        return new Handles.Alerts("LIFEBOAT_ALERT_CHANNELS", channels);
    }

    /**
     * Each deployment's API keys: a secret with user-managed replicas in the stack's region and its
     * pair's, holding random key material made once and kept (its value is never planned again).
     */
    @Override
    public void apiKeys() {
        Urn group = null;
        for (int i = 0; i < platform.deployments().size(); i++) {
            Platform.Deployment d = platform.deployments().get(i);
            for (int j = 0; j < d.apiKeys().size(); j++) {
                Platform.ApiKey key = d.apiKeys().get(j);
                if (group == null) group = ctx.component(PlatformProgram.API_KEYS, "api-keys", "spec.deployments");
                String at = "spec.deployments[" + i + "].apiKeys[" + j + "]";
                List<Map<String, Object>> replicas = new ArrayList<>();
                replicas.add(Map.of("location", stack.region()));
                if (pair != null && !pair.region().equals(stack.region())) replicas.add(Map.of("location", pair.region()));
                Urn s = resource("api-keys." + d.name() + "-" + key.name(), group, SECRET, d.name() + "-" + key.name(), Props.builder()
                        .put("secretId", apiKeySecretName(d.name(), key.name()))
                        .put("replication", PropertyValue.fromJava(Map.of("userManaged", Map.of("replicas", replicas))))
                        .put("labels", labels(d.name() + "-" + key.name())).build(), at);
                resource(null, group, SECRET_VERSION, d.name() + "-" + key.name(), Props.builder()
                        .put("secret", b.ref(s, "id"))
                        .put("secretData", keys.materialFor(d.name() + "-" + key.name(), () -> KeyMaterial.next(options.random()))).build(), at,
                        ResourceOptions.NONE.withProvider(provider).withIgnoreChanges(List.of("secretData")));
            }
        }
    }

    /**
     * The secret a deployment reads its API key from: its owner's, {@code
     * lifeboat-<platform>-<stack>-<deployment>-<key>} (Secret Manager's ids take letters, digits, -
     * and _); on standby the pair's, read from its replica in this region.
     */
    @Override
    public String apiKeySecretName(String deployment, String key) {
        Stack owner = ownsApiKeys() || pair == null ? stack : pair;
        return ("lifeboat-" + platform.name() + "-" + owner.name() + "-" + deployment + "-" + key).replaceAll("[^A-Za-z0-9_-]", "-");
    }

    /**
     * The kubernetes provider that connects with the GKE cluster's endpoint and certificate
     * authority (and a Google token made when it connects), or through the stack's
     * {@code kubernetes.kubeconfig} when it names one. A stack on the sim, or on GCP's fakes or an
     * emulator (which run no Kubernetes), gets the sim's Kubernetes, whose objects live and die
     * with the cluster.
     */
    @Override
    public Urn kubernetesProvider(Handles.Cluster cluster) {
        Urn gke = ((GcpCluster) cluster).gke();
        Props.Builder config = Props.builder()
                .put("cluster", b.ref(gke, "id"))
                .put("server", b.ref(gke, "endpoint"))
                .put("certificateAuthorityData", b.ref(gke, "masterAuth.clusterCaCertificate"))
                .put("region", stack.region())
                .put("auth", "gke");
        if (stack.endpoint() != null && !stack.endpoint().equals("sim")) config.put("gcpEndpoint", stack.endpoint());
        return ctx.kubernetesProvider(config);
    }

    /** Cloud SQL keeps the backups in the location its backup configuration names: nothing more to make. */
    @Override
    public void backupCopy(Handles.Database database) {
    }

    private static PropertyValue obj(Props p) {
        return new PropertyValue.Obj(p);
    }
}
