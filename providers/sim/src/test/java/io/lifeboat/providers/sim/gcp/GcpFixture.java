package io.lifeboat.providers.sim.gcp;

import static io.lifeboat.program.gcp.GcpSchemas.*;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.Provider;
import io.lifeboat.provider.ProviderConfig;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.providers.sim.SimAdmin;
import io.lifeboat.providers.sim.SimProviderFactory;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/** A project directory with the sim in it, gcp providers of project {@code acme-dr}, and inputs shaped like the gcp program's. */
final class GcpFixture {
    static final String PROJECT = "acme-dr";
    static final String CENTRAL = "us-central1";
    static final String EAST = "us-east1";
    static final String COMPUTE = "https://www.googleapis.com/compute/v1/";

    final Path workDir;
    final SimProviderFactory factory;
    private int names;

    GcpFixture(Path workDir) {
        this.workDir = workDir;
        this.factory = new SimProviderFactory(Map.of("LIFEBOAT_SIM_LATENCY", "fast"));
    }

    Provider provider(String region) throws ProviderException {
        return provider(region, PROJECT);
    }

    Provider provider(String region, String project) throws ProviderException {
        return factory.open(new ProviderConfig("gcp", region, "sim", workDir, Map.of(),
                Props.builder().put("project", project).put("region", region).put("endpoint", "sim").build()));
    }

    Provider kubernetes(String region, String clusterId) throws ProviderException {
        return factory.open(new ProviderConfig("kubernetes", region, "sim", workDir, Map.of(), Props.builder().put("cluster", clusterId)
                .put("server", "https://34.70.1.2").put("certificateAuthorityData", "x").put("region", region).put("auth", "gke")
                .put("endpoint", "sim").build()));
    }

    SimAdmin admin() {
        return new SimAdmin(workDir);
    }

    static Urn urn(String type, String name) {
        return Urn.of("test", "lifeboat", null, type, name);
    }

    static OperationContext ctx() {
        return OperationContext.of(urn("test:index:Any", "any"), Duration.ofMinutes(1));
    }

    static OperationContext ctx(Urn urn) {
        return OperationContext.of(urn, Duration.ofMinutes(1));
    }

    ResourceType.Created create(Provider p, String type, Props inputs) throws ProviderException {
        Urn u = urn(type, "r-" + (++names));
        return p.type(type).create(u, inputs, ctx(u));
    }

    static PropertyValue labels(String name) {
        return PropertyValue.fromJava(Map.of("lifeboat-stack", "test", "lifeboat-name", name));
    }

    static String networkLink(String name) {
        return COMPUTE + "projects/" + PROJECT + "/global/networks/" + name;
    }

    // ---- inputs per type, shaped like the gcp program's

    static Props network(String name) {
        return Props.builder().put("name", name).put("autoCreateSubnetworks", false).put("routingMode", "REGIONAL").build();
    }

    static Props subnetwork(String name, String network, String region, String cidr, String pods, String services) {
        return Props.builder().put("name", name).put("network", network).put("region", region).put("ipCidrRange", cidr)
                .put("privateIpGoogleAccess", true)
                .put("secondaryIpRanges", PropertyValue.fromJava(List.of(Map.of("rangeName", "pods", "ipCidrRange", pods),
                        Map.of("rangeName", "services", "ipCidrRange", services)))).build();
    }

    static Props servicesRange(String name, String network) {
        return Props.builder().put("name", name).put("purpose", "VPC_PEERING").put("addressType", "INTERNAL").put("prefixLength", 16)
                .put("network", network).build();
    }

    static Props servicesAccess(String network, String range) {
        return Props.builder().put("network", network).put("service", "servicenetworking.googleapis.com")
                .put("reservedPeeringRanges", PropertyValue.strings(List.of(range))).build();
    }

    /** The network's private services access (a range and the connection), which Cloud SQL's private address needs. */
    void privateServicesAccess(Provider p, String network, String range) throws ProviderException {
        create(p, GLOBAL_ADDRESS, servicesRange(range, network));
        create(p, SERVICE_CONNECTION, servicesAccess(network, range));
    }

    static Props firewall(String name, String network) {
        return Props.builder().put("name", name).put("network", network).put("direction", "INGRESS").put("priority", 1000)
                .put("sourceRanges", PropertyValue.strings(List.of("10.20.0.0/16")))
                .put("allows", PropertyValue.fromJava(List.of(Map.of("protocol", "tcp", "ports", List.of("5432"))))).build();
    }

    static Props router(String name, String network, String region) {
        return Props.builder().put("name", name).put("network", network).put("region", region).build();
    }

    static Props nat(String name, String router, String region) {
        return Props.builder().put("name", name).put("router", router).put("region", region).put("natIpAllocateOption", "AUTO_ONLY")
                .put("sourceSubnetworkIpRangesToNat", "ALL_SUBNETWORKS_ALL_IP_RANGES").build();
    }

    static Props peering(String name, String network, String peer) {
        return Props.builder().put("name", name).put("network", network).put("peerNetwork", peer)
                .put("exportCustomRoutes", false).put("importCustomRoutes", false).build();
    }

    static Props cluster(String name, String region, String network, String subnetwork) {
        return Props.builder().put("name", name).put("location", region).put("network", network).put("subnetwork", subnetwork)
                .put("minMasterVersion", "1.30").put("removeDefaultNodePool", true).put("initialNodeCount", 1).put("deletionProtection", false)
                .put("ipAllocationPolicy", PropertyValue.fromJava(Map.of("clusterSecondaryRangeName", "pods", "servicesSecondaryRangeName", "services")))
                .put("resourceLabels", labels("gke")).build();
    }

    static Props nodePool(String name, String cluster, String region) {
        return Props.builder().put("name", name).put("cluster", cluster).put("location", region).put("initialNodeCount", 2)
                .put("autoscaling", PropertyValue.fromJava(Map.of("minNodeCount", 1, "maxNodeCount", 5)))
                .put("nodeConfig", PropertyValue.fromJava(Map.of("machineType", "e2-standard-4", "diskSizeGb", 100,
                        "oauthScopes", List.of("https://www.googleapis.com/auth/cloud-platform"), "labels", Map.of("pool", name)))).build();
    }

    static Props database(String name, String region, String network, String backupLocation) {
        return Props.builder().put("name", name).put("region", region).put("databaseVersion", "POSTGRES_16").put("deletionProtection", false)
                .put("settings", PropertyValue.fromJava(Map.of(
                        "tier", "db-custom-2-7680",
                        "edition", "ENTERPRISE",
                        "availabilityType", "ZONAL",
                        "diskSize", 20,
                        "ipConfiguration", Map.of("ipv4Enabled", false, "privateNetwork", network),
                        "backupConfiguration", Map.of("enabled", true, "location", backupLocation, "pointInTimeRecoveryEnabled", true,
                                "transactionLogRetentionDays", 7, "backupRetentionSettings", Map.of("retainedBackups", 7, "retentionUnit", "COUNT")),
                        "userLabels", Map.of("lifeboat-stack", "test")))).build();
    }

    static Props repository(String id, String region) {
        return Props.builder().put("repositoryId", id).put("location", region).put("format", "DOCKER").put("description", "images")
                .put("dockerConfig", PropertyValue.fromJava(Map.of("immutableTags", true))).put("labels", labels("repo-" + id)).build();
    }

    static Props secret(String id, String... locations) {
        List<Map<String, Object>> replicas = new java.util.ArrayList<>();
        for (String l : locations) replicas.add(Map.of("location", l));
        return Props.builder().put("secretId", id).put("replication", PropertyValue.fromJava(Map.of("userManaged", Map.of("replicas", replicas))))
                .put("labels", labels(id)).build();
    }

    static Props secretVersion(String secret, String data) {
        return Props.builder().put("secret", secret).put("secretData", new PropertyValue.Secret(PropertyValue.of(data))).build();
    }

    static Props channel(String email) {
        return Props.builder().put("type", "email").put("displayName", "alerts: " + email)
                .put("labels", PropertyValue.fromJava(Map.of("email_address", email))).put("userLabels", labels("alerts")).build();
    }

    static Props namespace(String name) {
        return Props.builder().put("apiVersion", "v1").put("kind", "Namespace").put("metadata", PropertyValue.fromJava(Map.of("name", name))).build();
    }

    static Props configMap(String ns, String name) {
        return Props.builder().put("apiVersion", "v1").put("kind", "ConfigMap")
                .put("metadata", PropertyValue.fromJava(Map.of("name", name, "namespace", ns)))
                .put("data", PropertyValue.fromJava(Map.of("A", "1"))).build();
    }
}
