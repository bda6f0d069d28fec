package io.lifeboat.providers.gcp.fake;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Consumer;
import java.util.zip.CRC32;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lifeboat.providers.gcp.fake.FakeGoogleApis.Request;
import io.lifeboat.providers.gcp.fake.FakeGoogleApis.Response;

/**
 * GKE's Container API v1 as google-cloud-container's HttpJson transport calls it
 * (https://cloud.google.com/kubernetes-engine/docs/reference/rest/v1/projects.locations.clusters,
 * google/container/v1/cluster_service.proto):
 * <ul>
 * <li>{@code /v1/projects/{p}/locations/{l}/clusters}: GET (list; {@code l} may be {@code -}), POST create {@code {cluster}};</li>
 * <li>{@code .../clusters/{c}}: GET, PUT update {@code {update}}, DELETE; POST {@code .../clusters/{c}:setResourceLabels};</li>
 * <li>{@code .../clusters/{c}/nodePools}: GET (list), POST create {@code {nodePool}};</li>
 * <li>{@code .../nodePools/{np}}: GET, PUT update, DELETE; POST {@code :setSize}, {@code :setAutoscaling};</li>
 * <li>{@code /v1/projects/{p}/locations/{l}/operations/operation-*}: GET, the Container Operation.</li>
 * </ul>
 * Every change answers a Container {@code Operation} that is RUNNING; it reads DONE once read
 * {@link #pollsUntilDone(int)} times, and only then does its change take effect (a cluster is
 * PROVISIONING until its CREATE_CLUSTER is DONE, then RUNNING with its endpoint and CA
 * certificate). Like GKE, a cluster runs one operation at a time: another change of the cluster
 * or its node pools while one is RUNNING is refused with 400 FAILED_PRECONDITION. A cluster uses
 * its network ({@link FakeNetworks#use}) from its create until its delete is DONE.
 */
public final class FakeContainer implements FakeGoogleApis.FakeApi {
    /**
     * The regions of Google Cloud (https://cloud.google.com/about/locations), with the zones of
     * those whose zone letters are not a, b, c. Also used by {@link FakeSqlAdmin}.
     */
    static final Map<String, List<String>> REGIONS = regions();

    private static final String SEGMENT = "([^/:]+)";
    private static final String PARENT = "/v1/projects/" + SEGMENT + "/locations/" + SEGMENT;
    private static final Pattern CLUSTERS = Pattern.compile(PARENT + "/clusters");
    private static final Pattern CLUSTER = Pattern.compile(PARENT + "/clusters/" + SEGMENT + "(:setResourceLabels)?");
    private static final Pattern POOLS = Pattern.compile(PARENT + "/clusters/" + SEGMENT + "/nodePools");
    private static final Pattern POOL = Pattern.compile(PARENT + "/clusters/" + SEGMENT + "/nodePools/" + SEGMENT + "(:setSize|:setAutoscaling)?");
    /** GKE names its operations operation-{millis}-{hex}; other APIs share the path and answer their own. */
    private static final Pattern OPERATION = Pattern.compile(PARENT + "/operations/(operation-[^/:]+)");

    private static final Pattern STORED = Pattern.compile("projects/([^/]+)/locations/([^/]+)/clusters/([^/]+)(?:/nodePools/([^/]+))?");
    /** Cluster.name: "Lowercase letters, numbers, and hyphens only. Must start with a letter. Must end with a number or a letter", up to 40. */
    private static final Pattern NAME = Pattern.compile("[a-z](?:[-a-z0-9]{0,38}[a-z0-9])?");
    private static final Pattern EXPLICIT_VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+-gke\\.\\d+");
    private static final Pattern CIDR = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");
    /** Label keys and values (https://cloud.google.com/kubernetes-engine/docs/how-to/creating-managing-labels#requirements). */
    private static final Pattern LABEL_KEY = Pattern.compile("[\\p{Ll}\\p{Lo}][\\p{Ll}\\p{Lo}\\p{N}_-]{0,62}");
    private static final Pattern LABEL_VALUE = Pattern.compile("[\\p{Ll}\\p{Lo}\\p{N}_-]{0,63}");

    /** The default version of each release channel (ReleaseChannel.Channel; an unenrolled cluster gets REGULAR's). */
    private static final Map<String, String> CHANNEL_VERSIONS = Map.of(
            "RAPID", "1.33.2-gke.1043000", "REGULAR", "1.32.4-gke.1415000",
            "STABLE", "1.31.8-gke.1045000", "EXTENDED", "1.30.12-gke.1151000");
    private static final List<String> CHANNELS = List.of("UNSPECIFIED", "RAPID", "REGULAR", "STABLE", "EXTENDED");
    private static final String DEFAULT_POOL = "default-pool";

    /** The cluster CA: a self-signed P-256 certificate, the same for every cluster of the fake. */
    private static final String CA_PEM = """
            -----BEGIN CERTIFICATE-----
            MIIBkzCCATmgAwIBAgIUGTn+GzhU8G2S3kd7gUGN0HQwueMwCgYIKoZIzj0EAwIw
            HjEcMBoGA1UEAwwTZmFrZS1na2UtY2x1c3Rlci1jYTAgFw0yNjEyMDMwODQ3MzNa
            GA8yMTI2MTEwOTA4NDczM1owHjEcMBoGA1UEAwwTZmFrZS1na2UtY2x1c3Rlci1j
            YTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABNqsNB269dYnJCpkF+mO4pUT343n
            qqrXXmvJ0kJmyt0aQEIPwkzot7zXS/kn0paY1yTXHfP9Q30do2COL8JpDgWjUzBR
            MB0GA1UdDgQWBBSkDU8JnZ5wWi/LmogO9W6yJfHTjzAfBgNVHSMEGDAWgBSkDU8J
            nZ5wWi/LmogO9W6yJfHTjzAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gA
            MEUCIBcZlaP3sREaOc7sX9/woEBUiAkUGYCvBQOXnlFr6nj+AiEA0GwGl7dd6S0p
            NZPuVlNQm7+3EQtY8vnHpBamtfmZUug=
            -----END CERTIFICATE-----
            """;

    private static final class Cluster {
        final String project;
        final String location;
        final String name;
        final String networkProject;
        final String network;
        final ObjectNode json;
        final Map<String, ObjectNode> pools = new LinkedHashMap<>();
        /** The current size of each pool, per zone (NodePool has only initialNodeCount). */
        final Map<String, Integer> sizes = new HashMap<>();

        Cluster(String project, String location, String name, String networkProject, String network, ObjectNode json) {
            this.project = project;
            this.location = location;
            this.name = name;
            this.networkProject = networkProject;
            this.network = network;
            this.json = json;
        }

        String path() {
            return "projects/" + project + "/locations/" + location + "/clusters/" + name;
        }
    }

    private static final class Op {
        final ObjectNode json;
        final String clusterPath;
        final Runnable onDone;
        final Consumer<String> onFailure;
        final ObjectNode failure;
        int reads;

        Op(ObjectNode json, String clusterPath, Runnable onDone, Consumer<String> onFailure, ObjectNode failure) {
            this.json = json;
            this.clusterPath = clusterPath;
            this.onDone = onDone;
            this.onFailure = onFailure;
            this.failure = failure;
        }
    }

    private final FakeNetworks networks;
    private final Map<String, Cluster> clusters = new LinkedHashMap<>();
    private final Map<String, Op> operations = new LinkedHashMap<>();
    private int pollsUntilDone = 1;
    private int addresses;
    private ObjectNode nextFailure;

    public FakeContainer(FakeNetworks networks) {
        this.networks = networks;
    }

    /** How many reads of an operation it takes to read DONE (default 1: the first read). */
    public synchronized void pollsUntilDone(int polls) {
        this.pollsUntilDone = polls;
    }

    /**
     * The next operation ends DONE with this error (a google.rpc.Status: {@code code} a gRPC code,
     * 13 INTERNAL for example), as GKE reports a create that failed on Compute Engine's side: a
     * failed CREATE_CLUSTER leaves the cluster in ERROR, a failed CREATE_NODE_POOL its pool in
     * ERROR, any other failed operation changes nothing.
     */
    public synchronized void failNextOperation(int code, String message) {
        nextFailure = FakeGoogleApis.object().put("code", code).put("message", message);
    }

    /**
     * The stored cluster ({@code projects/p/locations/l/clusters/c}, with its node pools) or node
     * pool ({@code .../nodePools/np}) as the API answers it, or null.
     */
    public synchronized JsonNode json(String path) {
        Matcher m = STORED.matcher(path);
        if (!m.matches()) return null;
        Cluster c = clusters.get("projects/" + m.group(1) + "/locations/" + m.group(2) + "/clusters/" + m.group(3));
        if (c == null) return null;
        if (m.group(4) == null) return view(c);
        ObjectNode pool = c.pools.get(m.group(4));
        return pool == null ? null : pool.deepCopy();
    }

    /** The current node count per zone of a node pool ({@code .../nodePools/np}), as {@code :setSize} left it; null when none. */
    public synchronized Integer nodeCount(String poolPath) {
        int at = poolPath.indexOf("/nodePools/");
        if (at < 0) return null;
        Cluster c = clusters.get(poolPath.substring(0, at));
        return c == null ? null : c.sizes.get(poolPath.substring(at + "/nodePools/".length()));
    }

    @Override
    public boolean serves(Request request) {
        String p = request.path();
        return OPERATION.matcher(p).matches() || CLUSTERS.matcher(p).matches() || CLUSTER.matcher(p).matches()
                || POOLS.matcher(p).matches() || POOL.matcher(p).matches();
    }

    @Override
    public synchronized Response handle(Request r) throws GoogleError {
        String path = r.path();
        String method = r.method();
        Matcher m;
        if ((m = OPERATION.matcher(path)).matches() && method.equals("GET")) {
            return Response.ok(readOperation(m.group(1), m.group(2), m.group(3)));
        }
        if ((m = CLUSTERS.matcher(path)).matches()) {
            if (method.equals("GET")) return Response.ok(listClusters(m.group(1), m.group(2)));
            if (method.equals("POST")) return Response.ok(createCluster(m.group(1), m.group(2), r.body()));
        }
        if ((m = CLUSTER.matcher(path)).matches()) {
            Cluster c = cluster(m.group(1), m.group(2), m.group(3));
            if (m.group(4) != null && method.equals("POST")) return Response.ok(setLabels(c, r.body()));
            if (m.group(4) == null) {
                switch (method) {
                    case "GET":
                        return Response.ok(view(c));
                    case "PUT":
                        return Response.ok(updateCluster(c, r.body()));
                    case "DELETE":
                        return Response.ok(deleteCluster(c));
                    default:
                        break;
                }
            }
        }
        if ((m = POOLS.matcher(path)).matches()) {
            Cluster c = cluster(m.group(1), m.group(2), m.group(3));
            if (method.equals("GET")) {
                ObjectNode out = FakeGoogleApis.object();
                ArrayNode list = out.putArray("nodePools");
                c.pools.values().forEach(p -> list.add(p.deepCopy()));
                return Response.ok(out);
            }
            if (method.equals("POST")) return Response.ok(createPool(c, r.body()));
        }
        if ((m = POOL.matcher(path)).matches()) {
            Cluster c = cluster(m.group(1), m.group(2), m.group(3));
            ObjectNode pool = pool(c, m.group(4));
            String verb = m.group(5) == null ? method : method + m.group(5);
            switch (verb) {
                case "GET":
                    return Response.ok(pool.deepCopy());
                case "PUT":
                    return Response.ok(updatePool(c, pool, r.body()));
                case "DELETE":
                    return Response.ok(deletePool(c, pool));
                case "POST:setSize":
                    return Response.ok(setSize(c, pool, r.body()));
                case "POST:setAutoscaling":
                    return Response.ok(setAutoscaling(c, pool, r.body()));
                default:
                    break;
            }
        }
        throw GoogleError.notFound("Container API: no method " + method + " " + path);
    }

    // --- clusters ---

    private ObjectNode listClusters(String project, String location) {
        ObjectNode out = FakeGoogleApis.object();
        ArrayNode list = out.putArray("clusters");
        for (Cluster c : clusters.values()) {
            if (c.project.equals(project) && (location.equals("-") || c.location.equals(location))) list.add(view(c));
        }
        return out;
    }

    private ObjectNode createCluster(String project, String location, JsonNode body) throws GoogleError {
        String region = region(location);
        JsonNode in = body.path("cluster");
        if (!in.isObject()) throw GoogleError.required("cluster");
        String name = in.path("name").asText("");
        if (!NAME.matcher(name).matches()) {
            throw GoogleError.invalid("Invalid value for field 'cluster.name': \"" + name + "\". Must be a match of regex"
                    + " '(?:[a-z](?:[-a-z0-9]{0,38}[a-z0-9])?)' (only alphanumerics and '-' allowed, must start with a letter"
                    + " and end with an alphanumeric, and must be no longer than 40 characters).");
        }
        String path = "projects/" + project + "/locations/" + location + "/clusters/" + name;
        if (clusters.containsKey(path)) throw GoogleError.alreadyExists("Already exists: " + path + ".");

        boolean autopilot = in.path("autopilot").path("enabled").asBoolean(false);
        int initialNodeCount = in.path("initialNodeCount").asInt(0);
        JsonNode pools = in.path("nodePools");
        boolean hasPools = pools.isArray() && !pools.isEmpty();
        if (hasPools && initialNodeCount != 0) {
            throw GoogleError.invalid("Cluster.initial_node_count and Cluster.node_pools are mutually exclusive: give the"
                    + " node count in node_pools[].initial_node_count.");
        }
        if (!autopilot && !hasPools && initialNodeCount <= 0) {
            throw GoogleError.invalid("Cluster.initial_node_count must be greater than zero.");
        }
        checkLabels("cluster.resource_labels", in.path("resourceLabels"));

        // the network defaults to "default"; in auto mode the subnetwork to the one of the network's name
        String[] net = networkRef(project, in.path("network").asText("default"));
        if (!networks.network(net[0], net[1])) throw GoogleError.invalid("Network \"" + net[1] + "\" does not exist.");
        String[] sub = subnetworkRef(net[0], region, in.path("subnetwork").asText(net[1]));
        if (!sub[1].equals(region) || !networks.subnetwork(sub[0], region, sub[2])) {
            throw GoogleError.invalid("Subnetwork \"projects/" + sub[0] + "/regions/" + sub[1] + "/subnetworks/" + sub[2]
                    + "\" is not valid for Network \"" + net[1] + "\".");
        }
        List<String> zones = zones(location, in.path("locations"), region);
        String channel = channel(in.path("releaseChannel").path("channel"));
        String version = version(in.path("initialClusterVersion").asText(""), channel);
        checkPrivateCluster(in.path("privateClusterConfig"), in.path("ipAllocationPolicy"));

        ObjectNode json = in.deepCopy();
        json.remove(List.of("nodePools", "initialNodeCount", "nodeConfig"));
        String scope = scope(location);
        json.put("selfLink", "https://container.googleapis.com/v1/projects/" + project + "/" + scope + "/" + location + "/clusters/" + name);
        json.put("id", UUID.randomUUID().toString().replace("-", ""));
        json.put("location", location);
        json.put("zone", location);
        json.putArray("locations").addAll(zones.stream().map(z -> json.textNode(z)).toList());
        json.put("network", net[1]);
        json.put("subnetwork", sub[2]);
        child(json, "networkConfig").put("network", "projects/" + net[0] + "/global/networks/" + net[1])
                .put("subnetwork", "projects/" + sub[0] + "/regions/" + sub[1] + "/subnetworks/" + sub[2]);
        json.putObject("releaseChannel").put("channel", channel);
        json.put("initialClusterVersion", version);
        json.put("currentMasterVersion", version);
        json.put("currentNodeVersion", version);
        json.put("createTime", Instant.now().toString());
        json.put("status", "PROVISIONING");
        json.put("loggingService", in.path("loggingService").asText("logging.googleapis.com/kubernetes"));
        json.put("monitoringService", in.path("monitoringService").asText("monitoring.googleapis.com/kubernetes"));
        ipAllocation(json, in.path("ipAllocationPolicy"));
        if (!json.path("resourceLabels").isObject()) json.putObject("resourceLabels");
        json.put("labelFingerprint", fingerprint(json.get("id").asText(), json.get("resourceLabels")));

        Cluster c = new Cluster(project, location, name, net[0], net[1], json);
        if (hasPools) {
            for (JsonNode p : pools) addPool(c, p, zones);
        } else if (!autopilot) {
            ObjectNode p = FakeGoogleApis.object().put("name", DEFAULT_POOL).put("initialNodeCount", initialNodeCount);
            if (in.path("nodeConfig").isObject()) p.set("config", in.get("nodeConfig").deepCopy());
            addPool(c, p, zones);
        }
        clusters.put(path, c);
        networks.use(c.networkProject, c.network, "container:" + path, true);

        int address = ++addresses;
        return operation(c, "CREATE_CLUSTER", json.get("selfLink").asText(), () -> {
            json.put("status", "RUNNING");
            boolean privateEndpoint = json.path("privateClusterConfig").path("enablePrivateEndpoint").asBoolean(false);
            String publicIp = "203.0.113." + address;
            if (json.path("privateClusterConfig").isObject()) {
                ObjectNode pcc = (ObjectNode) json.get("privateClusterConfig");
                pcc.put("privateEndpoint", privateEndpoint(pcc, address));
                if (!privateEndpoint) pcc.put("publicEndpoint", publicIp);
                if (pcc.has("masterIpv4CidrBlock")) pcc.put("peeringName", "gke-n" + json.get("id").asText().substring(0, 18) + "-peer");
            }
            json.put("endpoint", privateEndpoint ? json.path("privateClusterConfig").path("privateEndpoint").asText() : publicIp);
            child(json, "masterAuth").put("clusterCaCertificate", Base64.getEncoder().encodeToString(CA_PEM.getBytes(StandardCharsets.US_ASCII)));
            for (ObjectNode p : c.pools.values()) poolRunning(c, p);
        }, message -> json.put("status", "ERROR").put("statusMessage", message));
    }

    private JsonNode updateCluster(Cluster c, JsonNode body) throws GoogleError {
        JsonNode update = body.path("update");
        if (!update.isObject()) throw GoogleError.required("update");
        List<String> fields = new ArrayList<>();
        update.fieldNames().forEachRemaining(f -> {
            if (!f.equals("desiredNodePoolId") && !f.equals("etag")) fields.add(f);
        });
        // ClusterUpdate: "Exactly one update can be applied to a cluster with each request, so at most one field can be provided."
        if (fields.size() != 1) {
            throw GoogleError.invalid("Exactly one update can be applied to a cluster with each request; this one has "
                    + fields.size() + ": " + fields + ".");
        }
        idle(c);
        String field = fields.get(0);
        JsonNode value = update.get(field);
        ObjectNode json = c.json;
        switch (field) {
            case "desiredMasterVersion": {
                String version = version(value.asText(), json.path("releaseChannel").path("channel").asText("REGULAR"));
                json.put("status", "RECONCILING");
                return operation(c, "UPGRADE_MASTER", json.get("selfLink").asText(), () -> {
                    json.put("status", "RUNNING");
                    json.put("currentMasterVersion", version);
                }, message -> json.put("status", "RUNNING"));
            }
            case "desiredNodeVersion":
            case "desiredImageType":
            case "desiredNodePoolAutoscaling": {
                ObjectNode pool = targetPool(c, update.path("desiredNodePoolId").asText(""));
                if (field.equals("desiredNodePoolAutoscaling")) checkAutoscaling("update.desired_node_pool_autoscaling", value);
                String version = field.equals("desiredNodeVersion") ? nodeVersion(c, value.asText()) : null;
                pool.put("status", "RECONCILING");
                String type = field.equals("desiredNodePoolAutoscaling") ? "UPDATE_CLUSTER" : "UPGRADE_NODES";
                return operation(c, type, pool.get("selfLink").asText(), () -> {
                    pool.put("status", "RUNNING");
                    if (version != null) pool.put("version", version);
                    if (field.equals("desiredImageType")) config(pool).put("imageType", value.asText());
                    if (field.equals("desiredNodePoolAutoscaling")) pool.set("autoscaling", value.deepCopy());
                }, message -> pool.put("status", "RUNNING"));
            }
            case "desiredLocations": {
                List<String> zones = zones(c.location, value, region(c.location));
                json.put("status", "RECONCILING");
                return operation(c, "UPDATE_CLUSTER", json.get("selfLink").asText(), () -> {
                    json.put("status", "RUNNING");
                    json.putArray("locations").addAll(zones.stream().map(z -> json.textNode(z)).toList());
                    for (ObjectNode p : c.pools.values()) {
                        p.putArray("locations").addAll(zones.stream().map(z -> json.textNode(z)).toList());
                        p.set("instanceGroupUrls", instanceGroups(c, p));
                    }
                }, message -> json.put("status", "RUNNING"));
            }
            default: {
                // every other desiredX field replaces the cluster's X
                String target = field.startsWith("desired") ? Character.toLowerCase(field.charAt(7)) + field.substring(8) : field;
                JsonNode set = field.equals("desiredReleaseChannel")
                        ? FakeGoogleApis.object().put("channel", channel(value.path("channel"))) : value.deepCopy();
                if (field.equals("desiredPrivateClusterConfig")) checkPrivateCluster(value, json.path("ipAllocationPolicy"));
                json.put("status", "RECONCILING");
                return operation(c, "UPDATE_CLUSTER", json.get("selfLink").asText(), () -> {
                    json.put("status", "RUNNING");
                    json.set(target, set);
                }, message -> json.put("status", "RUNNING"));
            }
        }
    }

    private JsonNode setLabels(Cluster c, JsonNode body) throws GoogleError {
        String expected = c.json.path("labelFingerprint").asText();
        String supplied = body.path("labelFingerprint").asText("");
        // SetLabelsRequest.label_fingerprint: "You must always provide an up-to-date fingerprint hash"
        if (!supplied.equals(expected)) {
            throw GoogleError.failedPrecondition("Labels could not be set due to fingerprint mismatch; try again with the proper"
                    + " fingerprint: incorrect fingerprint supplied was \"" + supplied + "\", the expected one is \"" + expected + "\".");
        }
        JsonNode labels = body.path("resourceLabels").isObject() ? body.get("resourceLabels") : FakeGoogleApis.object();
        checkLabels("resource_labels", labels);
        idle(c);
        ObjectNode json = c.json;
        // SET_LABELS is unused: "Updating labels uses UPDATE_CLUSTER" (Operation.Type)
        return operation(c, "UPDATE_CLUSTER", json.get("selfLink").asText(), () -> {
            json.set("resourceLabels", labels.deepCopy());
            json.put("labelFingerprint", fingerprint(json.get("id").asText(), labels));
        }, message -> { });
    }

    private JsonNode deleteCluster(Cluster c) throws GoogleError {
        // GKE refuses a delete while another operation (the create included) runs on the cluster
        refuseWhileRunning(c.path());
        c.json.put("status", "STOPPING");
        return operation(c, "DELETE_CLUSTER", c.json.get("selfLink").asText(), () -> {
            clusters.remove(c.path());
            networks.use(c.networkProject, c.network, "container:" + c.path(), false);
        }, message -> c.json.put("status", "ERROR"));
    }

    // --- node pools ---

    private JsonNode createPool(Cluster c, JsonNode body) throws GoogleError {
        JsonNode in = body.path("nodePool");
        if (!in.isObject()) throw GoogleError.required("node_pool");
        String name = in.path("name").asText("");
        if (c.pools.containsKey(name)) throw GoogleError.alreadyExists("Already exists: " + c.path() + "/nodePools/" + name + ".");
        idle(c);
        ObjectNode pool = addPool(c, in, strings(c.json.path("locations")));
        return operation(c, "CREATE_NODE_POOL", pool.get("selfLink").asText(), () -> poolRunning(c, pool),
                message -> pool.put("status", "ERROR").put("statusMessage", message));
    }

    private JsonNode updatePool(Cluster c, ObjectNode pool, JsonNode body) throws GoogleError {
        idle(c);
        // UpdateNodePoolRequest marks node_version and image_type REQUIRED, yet GKE takes an update of any one
        // field without them (Terraform sends only the changed field): each field given is applied.
        String version = body.has("nodeVersion") ? nodeVersion(c, body.get("nodeVersion").asText()) : null;
        List<String> zones = body.has("locations") ? zones(c.location, body.get("locations"), region(c.location)) : null;
        pool.put("status", "RECONCILING");
        return operation(c, "UPGRADE_NODES", pool.get("selfLink").asText(), () -> {
            pool.put("status", "RUNNING");
            if (version != null) pool.put("version", version);
            if (zones != null) {
                pool.putArray("locations").addAll(zones.stream().map(z -> pool.textNode(z)).toList());
                pool.set("instanceGroupUrls", instanceGroups(c, pool));
            }
            Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                switch (f.getKey()) {
                    case "nodeVersion", "locations", "name", "etag", "projectId", "zone", "clusterId", "nodePoolId":
                        break;
                    case "upgradeSettings", "queuedProvisioning":
                        pool.set(f.getKey(), f.getValue().deepCopy());
                        break;
                    // the wrapper messages carry their list or map one level down
                    case "labels", "resourceLabels":
                        config(pool).set(f.getKey(), f.getValue().path("labels").deepCopy());
                        break;
                    case "taints":
                        config(pool).set("taints", f.getValue().path("taints").deepCopy());
                        break;
                    case "tags":
                        config(pool).set("tags", f.getValue().path("tags").deepCopy());
                        break;
                    default:
                        config(pool).set(f.getKey(), f.getValue().deepCopy());
                }
            }
        }, message -> pool.put("status", "RUNNING"));
    }

    private JsonNode setSize(Cluster c, ObjectNode pool, JsonNode body) throws GoogleError {
        // node_count is REQUIRED, but proto JSON leaves a 0 out: no nodeCount is a resize to zero
        int count = body.path("nodeCount").asInt(0);
        if (count < 0) throw GoogleError.invalid("Invalid value for field 'node_count': " + count + ". Must be at least 0.");
        idle(c);
        String name = pool.get("name").asText();
        pool.put("status", "RECONCILING");
        return operation(c, "SET_NODE_POOL_SIZE", pool.get("selfLink").asText(), () -> {
            pool.put("status", "RUNNING");
            c.sizes.put(name, count);
        }, message -> pool.put("status", "RUNNING"));
    }

    private JsonNode setAutoscaling(Cluster c, ObjectNode pool, JsonNode body) throws GoogleError {
        JsonNode autoscaling = body.path("autoscaling");
        if (!autoscaling.isObject()) throw GoogleError.required("autoscaling");
        checkAutoscaling("autoscaling", autoscaling);
        idle(c);
        pool.put("status", "RECONCILING");
        return operation(c, "UPDATE_CLUSTER", pool.get("selfLink").asText(), () -> {
            pool.put("status", "RUNNING");
            pool.set("autoscaling", autoscaling.deepCopy());
        }, message -> pool.put("status", "RUNNING"));
    }

    private JsonNode deletePool(Cluster c, ObjectNode pool) throws GoogleError {
        idle(c);
        String name = pool.get("name").asText();
        pool.put("status", "STOPPING");
        return operation(c, "DELETE_NODE_POOL", pool.get("selfLink").asText(), () -> {
            c.pools.remove(name);
            c.sizes.remove(name);
        }, message -> pool.put("status", "ERROR"));
    }

    /** Checks a node pool of a create and adds it PROVISIONING. */
    private ObjectNode addPool(Cluster c, JsonNode in, List<String> clusterZones) throws GoogleError {
        String name = in.path("name").asText("");
        if (!NAME.matcher(name).matches()) {
            throw GoogleError.invalid("Invalid value for field 'node_pool.name': \"" + name + "\". Must be a match of regex"
                    + " '(?:[a-z](?:[-a-z0-9]{0,38}[a-z0-9])?)'.");
        }
        if (c.pools.containsKey(name)) throw GoogleError.invalid("Node pool \"" + name + "\" is given twice.");
        int count = in.path("initialNodeCount").asInt(0);
        if (count < 0) throw GoogleError.invalid("Invalid value for field 'node_pool.initial_node_count': " + count + ". Must be at least 0.");
        if (in.has("autoscaling")) checkAutoscaling("node_pool.autoscaling", in.get("autoscaling"));
        List<String> zones = in.path("locations").isArray() && !in.get("locations").isEmpty()
                ? zones(c.location, in.get("locations"), region(c.location)) : clusterZones;

        ObjectNode pool = in.deepCopy();
        ObjectNode config = config(pool);
        if (!config.has("machineType")) config.put("machineType", "e2-medium");
        if (!config.has("diskSizeGb")) config.put("diskSizeGb", 100);
        if (!config.has("diskType")) config.put("diskType", "pd-balanced");
        if (!config.has("imageType")) config.put("imageType", "COS_CONTAINERD");
        if (!config.has("serviceAccount")) config.put("serviceAccount", "default");
        pool.put("initialNodeCount", count);
        pool.putArray("locations").addAll(zones.stream().map(z -> pool.textNode(z)).toList());
        pool.put("selfLink", c.json.get("selfLink").asText() + "/nodePools/" + name);
        pool.put("version", in.has("version") ? nodeVersion(c, in.get("version").asText()) : c.json.get("currentMasterVersion").asText());
        pool.put("status", "PROVISIONING");
        if (!pool.has("management")) pool.putObject("management").put("autoUpgrade", true).put("autoRepair", true);
        if (!pool.has("upgradeSettings")) pool.putObject("upgradeSettings").put("maxSurge", 1).put("strategy", "SURGE");
        pool.put("podIpv4CidrSize", 24);
        pool.putArray("instanceGroupUrls");
        c.pools.put(name, pool);
        c.sizes.put(name, count);
        return pool;
    }

    private void poolRunning(Cluster c, ObjectNode pool) {
        pool.put("status", "RUNNING");
        pool.set("instanceGroupUrls", instanceGroups(c, pool));
    }

    private ArrayNode instanceGroups(Cluster c, ObjectNode pool) {
        ArrayNode urls = FakeGoogleApis.JSON.createArrayNode();
        String hash = Integer.toHexString(pool.get("selfLink").asText().hashCode() | 0x10000000);
        for (JsonNode zone : pool.path("locations")) {
            urls.add("https://www.googleapis.com/compute/v1/projects/" + c.project + "/zones/" + zone.asText()
                    + "/instanceGroupManagers/gke-" + c.name + "-" + pool.get("name").asText() + "-" + hash + "-grp");
        }
        return urls;
    }

    // --- operations ---

    /** A RUNNING operation of the cluster: onDone is its change, onFailure (given the message) what a failure leaves. */
    private ObjectNode operation(Cluster c, String type, String targetLink, Runnable onDone, Consumer<String> onFailure) {
        String name = "operation-" + System.currentTimeMillis() + "-" + UUID.randomUUID().toString().substring(0, 8);
        String scope = scope(c.location);
        ObjectNode json = FakeGoogleApis.object()
                .put("name", name)
                .put("zone", c.location)
                .put("operationType", type)
                .put("status", "RUNNING")
                .put("selfLink", "https://container.googleapis.com/v1/projects/" + projectNumber(c.project) + "/" + scope + "/"
                        + c.location + "/operations/" + name)
                .put("targetLink", targetLink)
                .put("location", c.location)
                .put("startTime", Instant.now().toString());
        operations.put(c.project + "/" + c.location + "/" + name, new Op(json, c.path(), onDone, onFailure, nextFailure));
        nextFailure = null;
        return json.deepCopy();
    }

    private ObjectNode readOperation(String project, String location, String name) throws GoogleError {
        Op op = operations.get(project + "/" + location + "/" + name);
        if (op == null) throw GoogleError.notFound("Not found: projects/" + project + "/locations/" + location + "/operations/" + name + ".");
        if (!op.json.path("status").asText().equals("DONE") && ++op.reads >= pollsUntilDone) {
            op.json.put("status", "DONE").put("endTime", Instant.now().toString());
            if (op.failure == null) {
                op.onDone.run();
            } else {
                op.json.set("error", op.failure);
                op.json.put("statusMessage", op.failure.get("message").asText());
                op.onFailure.accept(op.failure.get("message").asText());
            }
        }
        return op.json.deepCopy();
    }

    /** Refuses a change while another operation of the cluster runs, as GKE does. */
    private void refuseWhileRunning(String clusterPath) throws GoogleError {
        for (Op op : operations.values()) {
            if (op.clusterPath.equals(clusterPath) && !op.json.path("status").asText().equals("DONE")) {
                throw GoogleError.failedPrecondition("Cluster is running incompatible operation " + op.json.get("name").asText() + ".");
            }
        }
    }

    /** A change of a cluster or its pools needs it RUNNING and with no operation running. */
    private void idle(Cluster c) throws GoogleError {
        refuseWhileRunning(c.path());
        String status = c.json.path("status").asText();
        if (!status.equals("RUNNING")) {
            throw GoogleError.failedPrecondition("Cluster \"" + c.name + "\" is " + status + " and cannot be changed.");
        }
    }

    // --- reading ---

    private Cluster cluster(String project, String location, String name) throws GoogleError {
        String path = "projects/" + project + "/locations/" + location + "/clusters/" + name;
        Cluster c = clusters.get(path);
        if (c == null) throw GoogleError.notFound("Not found: " + path + ".");
        return c;
    }

    private static ObjectNode pool(Cluster c, String name) throws GoogleError {
        ObjectNode pool = c.pools.get(name);
        if (pool == null) throw GoogleError.notFound("Not found: " + c.path() + "/nodePools/" + name + ".");
        return pool;
    }

    /** The pool a ClusterUpdate names; desired_node_pool_id "is mandatory if ... there is more than one node pool". */
    private static ObjectNode targetPool(Cluster c, String id) throws GoogleError {
        if (!id.isEmpty()) return pool(c, id);
        if (c.pools.size() != 1) {
            throw GoogleError.invalid("desired_node_pool_id must be specified: the cluster has " + c.pools.size() + " node pools.");
        }
        return c.pools.values().iterator().next();
    }

    /** The cluster as GET answers it: its node pools, the first pool's config as nodeConfig, the node count. */
    private ObjectNode view(Cluster c) {
        ObjectNode out = c.json.deepCopy();
        ArrayNode pools = out.putArray("nodePools");
        int nodes = 0;
        for (ObjectNode p : c.pools.values()) {
            pools.add(p.deepCopy());
            nodes += c.sizes.getOrDefault(p.get("name").asText(), 0) * p.path("locations").size();
        }
        if (!c.pools.isEmpty()) out.set("nodeConfig", c.pools.values().iterator().next().path("config").deepCopy());
        out.put("currentNodeCount", nodes);
        return out;
    }

    private static ObjectNode config(ObjectNode pool) {
        return child(pool, "config");
    }

    private static ObjectNode child(ObjectNode parent, String field) {
        return parent.path(field).isObject() ? (ObjectNode) parent.get(field) : parent.putObject(field);
    }

    // --- checks ---

    /** The region of a location, which must be a region or one of its zones. */
    private static String region(String location) throws GoogleError {
        if (REGIONS.containsKey(location)) return location;
        int dash = location.lastIndexOf('-');
        if (dash > 0 && REGIONS.containsKey(location.substring(0, dash))
                && REGIONS.get(location.substring(0, dash)).contains(location)) {
            return location.substring(0, dash);
        }
        throw GoogleError.notFound("Location \"" + location + "\" does not exist.");
    }

    /** GKE's links name a zonal cluster's place with zones/, a regional one's with locations/. */
    private static String scope(String location) {
        return REGIONS.containsKey(location) ? "locations" : "zones";
    }

    /** The node zones: given ones must be zones of the cluster's region; else the zone, or three zones of the region. */
    private static List<String> zones(String location, JsonNode given, String region) throws GoogleError {
        if (given.isArray() && !given.isEmpty()) {
            List<String> zones = strings(given);
            for (String z : zones) {
                if (!REGIONS.get(region).contains(z)) {
                    throw GoogleError.invalid("Invalid value for field 'locations': \"" + z + "\" is not a zone of " + region + ".");
                }
            }
            return zones;
        }
        return REGIONS.containsKey(location) ? REGIONS.get(region).subList(0, 3) : List.of(location);
    }

    /** A network given by name, path or URL: {project, name}. */
    private static String[] networkRef(String project, String ref) {
        Matcher m = Pattern.compile("(?:.*/)?projects/([^/]+)/global/networks/([^/]+)").matcher(ref);
        return m.matches() ? new String[] {m.group(1), m.group(2)} : new String[] {project, ref};
    }

    /** A subnetwork given by name, path or URL: {project, region, name}. */
    private static String[] subnetworkRef(String project, String region, String ref) {
        Matcher m = Pattern.compile("(?:.*/)?projects/([^/]+)/regions/([^/]+)/subnetworks/([^/]+)").matcher(ref);
        return m.matches() ? new String[] {m.group(1), m.group(2), m.group(3)} : new String[] {project, region, ref};
    }

    /** The release channel by name or by number (the HttpJson transport sends enums as numbers); REGULAR when unset. */
    private static String channel(JsonNode channel) throws GoogleError {
        if (channel.isMissingNode() || channel.isNull()) return "REGULAR";
        String name = channel.isInt() && channel.asInt() >= 0 && channel.asInt() < CHANNELS.size() ? CHANNELS.get(channel.asInt()) : channel.asText();
        if (!CHANNELS.contains(name)) throw GoogleError.invalid("Invalid value for field 'release_channel.channel': " + channel + ".");
        return name.equals("UNSPECIFIED") ? "REGULAR" : name;
    }

    /** Cluster.initial_cluster_version: an explicit version, latest, 1.X or 1.X.Y (an alias of the fake's versions), or "" / "-". */
    private static String version(String requested, String channel) throws GoogleError {
        if (requested.isEmpty() || requested.equals("-")) return CHANNEL_VERSIONS.getOrDefault(channel, CHANNEL_VERSIONS.get("REGULAR"));
        if (EXPLICIT_VERSION.matcher(requested).matches()) return requested;
        if (requested.equals("latest")) return CHANNEL_VERSIONS.get("RAPID");
        return CHANNEL_VERSIONS.values().stream().filter(v -> v.startsWith(requested + ".") || v.startsWith(requested + "-"))
                .max(String::compareTo)
                .orElseThrow(() -> GoogleError.invalid("Master version \"" + requested + "\" is unsupported."));
    }

    /** A node version: "-" is the master's; it may not be newer than the master's minor. */
    private static String nodeVersion(Cluster c, String requested) throws GoogleError {
        String master = c.json.get("currentMasterVersion").asText();
        if (requested.isEmpty() || requested.equals("-")) return master;
        String version = version(requested, "REGULAR");
        if (minor(version) > minor(master)) {
            throw GoogleError.invalid("Node version \"" + version + "\" must not be newer than master version \"" + master + "\".");
        }
        return version;
    }

    private static int minor(String version) {
        return Integer.parseInt(version.split("[.-]")[1]);
    }

    /** NodePoolAutoscaling: min &gt;= 0, min &lt;= max, the total_* fields exclusive of the per-zone ones. */
    private static void checkAutoscaling(String field, JsonNode a) throws GoogleError {
        if (!a.path("enabled").asBoolean(false)) return;
        boolean perZone = a.has("minNodeCount") || a.has("maxNodeCount");
        boolean total = a.has("totalMinNodeCount") || a.has("totalMaxNodeCount");
        if (perZone && total) {
            throw GoogleError.invalid("Invalid value for field '" + field + "': the total_*_node_count fields are mutually exclusive with the *_node_count fields.");
        }
        int min = a.path(total ? "totalMinNodeCount" : "minNodeCount").asInt(0);
        int max = a.path(total ? "totalMaxNodeCount" : "maxNodeCount").asInt(0);
        if (min < 0 || max < 1 || min > max) {
            throw GoogleError.invalid("Invalid value for field '" + field + "': min_node_count " + min + " and max_node_count " + max
                    + ": min must be at least 0, max at least 1 and min at most max.");
        }
    }

    /** PrivateClusterConfig: private nodes need VPC-native networking, a private endpoint private nodes, the master range a /28. */
    private static void checkPrivateCluster(JsonNode pcc, JsonNode ipAllocation) throws GoogleError {
        if (!pcc.isObject()) return;
        boolean privateNodes = pcc.path("enablePrivateNodes").asBoolean(false);
        if (privateNodes && ipAllocation.path("useRoutes").asBoolean(false)) {
            throw GoogleError.invalid("Private clusters must be VPC-native: ip_allocation_policy.use_ip_aliases is required.");
        }
        if (pcc.path("enablePrivateEndpoint").asBoolean(false) && !privateNodes) {
            throw GoogleError.invalid("private_cluster_config.enable_private_endpoint needs enable_private_nodes.");
        }
        if (pcc.has("masterIpv4CidrBlock")) {
            Matcher m = CIDR.matcher(pcc.get("masterIpv4CidrBlock").asText());
            if (!m.matches() || !m.group(5).equals("28")) {
                throw GoogleError.invalid("Invalid value for field 'private_cluster_config.master_ipv4_cidr_block': \""
                        + pcc.get("masterIpv4CidrBlock").asText() + "\". It must be a /28 block.");
            }
        }
    }

    /**
     * Google Cloud labels (GKE's resourceLabels, and Cloud SQL's userLabels for {@link FakeSqlAdmin}):
     * at most 64, keys and values of at most 63 lowercase letters, digits, '_' and '-', keys starting with a letter.
     */
    static void checkLabels(String field, JsonNode labels) throws GoogleError {
        if (!labels.isObject()) return;
        if (labels.size() > 64) throw GoogleError.invalid("Invalid value for field '" + field + "': at most 64 labels are allowed.");
        Iterator<Map.Entry<String, JsonNode>> it = labels.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> label = it.next();
            if (!LABEL_KEY.matcher(label.getKey()).matches() || !LABEL_VALUE.matcher(label.getValue().asText()).matches()) {
                throw GoogleError.invalid("Invalid value for field '" + field + "': \"" + label.getKey() + "\": \"" + label.getValue().asText()
                        + "\". Keys and values can be at most 63 characters of lowercase letters, numbers, underscores and dashes;"
                        + " keys must start with a lowercase letter.");
            }
        }
    }

    private static void ipAllocation(ObjectNode json, JsonNode in) {
        // VPC-native is the default since GKE 1.21; the ranges GKE picks when none is given
        ObjectNode policy = json.putObject("ipAllocationPolicy");
        if (in.isObject()) policy.setAll((ObjectNode) in.deepCopy());
        boolean routes = policy.path("useRoutes").asBoolean(false);
        policy.put("useIpAliases", !routes);
        if (!policy.has("clusterIpv4CidrBlock")) policy.put("clusterIpv4CidrBlock", "10.4.0.0/14");
        if (!policy.has("servicesIpv4CidrBlock")) policy.put("servicesIpv4CidrBlock", "34.118.224.0/20");
        policy.put("clusterIpv4Cidr", policy.get("clusterIpv4CidrBlock").asText());
        policy.put("servicesIpv4Cidr", policy.get("servicesIpv4CidrBlock").asText());
        json.put("clusterIpv4Cidr", policy.get("clusterIpv4CidrBlock").asText());
        json.put("servicesIpv4Cidr", policy.get("servicesIpv4CidrBlock").asText());
    }

    /** The master's internal address: the second of masterIpv4CidrBlock when given, else one of the fake's. */
    private static String privateEndpoint(ObjectNode pcc, int address) {
        Matcher m = CIDR.matcher(pcc.path("masterIpv4CidrBlock").asText());
        if (m.matches()) return m.group(1) + "." + m.group(2) + "." + m.group(3) + "." + (Integer.parseInt(m.group(4)) + 2);
        return "10.255.0." + address;
    }

    /** labelFingerprint: 8 hex digits over the cluster and its labels. */
    private static String fingerprint(String id, JsonNode labels) {
        CRC32 crc = new CRC32();
        crc.update(id.getBytes(StandardCharsets.UTF_8));
        Map<String, String> sorted = new TreeMap<>();
        labels.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
        sorted.forEach((k, v) -> crc.update((k + "=" + v + ";").getBytes(StandardCharsets.UTF_8)));
        return String.format("%08x", crc.getValue());
    }

    /** A project's number, as GKE's operation links (and Cloud SQL's messages) give it: 12 digits, the same for the same project id. */
    static long projectNumber(String project) {
        return 100_000_000_000L + Math.floorMod((long) project.hashCode() * 2_654_435_761L, 900_000_000_000L);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Map<String, List<String>> regions() {
        Map<String, String> letters = Map.of("us-central1", "abcf", "us-east1", "bcd", "europe-west1", "bcd");
        Set<String> names = Set.of("africa-south1", "asia-east1", "asia-east2", "asia-northeast1", "asia-northeast2",
                "asia-northeast3", "asia-south1", "asia-south2", "asia-southeast1", "asia-southeast2", "australia-southeast1",
                "australia-southeast2", "europe-central2", "europe-north1", "europe-north2", "europe-southwest1", "europe-west1",
                "europe-west2", "europe-west3", "europe-west4", "europe-west6", "europe-west8", "europe-west9", "europe-west10",
                "europe-west12", "me-central1", "me-central2", "me-west1", "northamerica-northeast1", "northamerica-northeast2",
                "northamerica-south1", "southamerica-east1", "southamerica-west1", "us-central1", "us-east1", "us-east4",
                "us-east5", "us-south1", "us-west1", "us-west2", "us-west3", "us-west4");
        Map<String, List<String>> out = new HashMap<>();
        for (String r : names) {
            List<String> zones = new ArrayList<>();
            for (char l : letters.getOrDefault(r, "abc").toCharArray()) zones.add(r + "-" + l);
            out.put(r, List.copyOf(zones));
        }
        return Map.copyOf(out);
    }
}
