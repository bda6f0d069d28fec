package io.lifeboat.providers.gcp.fake;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lifeboat.providers.gcp.fake.FakeGoogleApis.Request;
import io.lifeboat.providers.gcp.fake.FakeGoogleApis.Response;

/**
 * Compute Engine's networking REST API (v1), as google-cloud-compute's HttpJson transport calls
 * it, under {@code /compute/v1/projects/{project}}:
 * <ul>
 * <li>{@code GET projects/{p}}: the Compute {@code Project} (its {@code id} is the project number);
 * <li>{@code global/networks}: insert, get, list, patch (routingConfig only), delete,
 * {@code addPeering}, {@code removePeering} (POST), {@code updatePeering} (PATCH);
 * <li>{@code regions/{r}/subnetworks}: insert, get, list, patch (with the fingerprint), delete,
 * {@code setPrivateIpGoogleAccess}, {@code expandIpCidrRange};
 * <li>{@code global/firewalls}: insert, get, list, patch, delete;
 * <li>{@code global/routes}: insert, get, list, delete;
 * <li>{@code regions/{r}/routers} (Cloud NAT in {@code nats[]}): insert, get, list, patch, delete;
 * <li>{@code global/addresses}: insert, get, list, delete;
 * <li>{@code global/operations/{op}} and {@code regions/{r}/operations/{op}}: get, and
 * {@code wait} (POST).
 * </ul>
 *
 * <p>Every change answers a Compute {@code Operation}, RUNNING until it has been read (get or
 * wait) {@link #setPollsUntilDone pollsUntilDone} times; the change takes effect when it reads
 * DONE, and an object being inserted cannot be read before that (an address reads RESERVING).
 * Errors Compute reports in the operation (a network still in use) go in its {@code error} with
 * {@code httpErrorStatusCode}; the others are answered at once in Google's error shape. A
 * {@code requestId} (a UUID, not the nil one) seen again in the project answers the first
 * operation and does nothing again.
 *
 * <p>Projects are the ones given to the constructor (id to number); {@link #peerNetwork} makes
 * networks in projects of "someone else", which answer 403 to this caller and can only be peered
 * with. References to other resources take a full link ({@value #LINK}...), a partial path from
 * {@code projects/}, or one from {@code global/} or {@code regions/} (the request's project), as
 * the reference docs give them; a bare name is refused as a malformed URL.
 */
public final class FakeCompute implements FakeGoogleApis.FakeApi, FakeNetworks {
    /** The host and version of every self link Compute answers. */
    public static final String LINK = "https://www.googleapis.com/compute/v1/";
    /** The name of the peering Service Networking makes on a consumer network. */
    public static final String SERVICE_PEERING = "servicenetworking-googleapis-com";

    private static final List<String> HOSTS = List.of(LINK, "https://compute.googleapis.com/compute/v1/");
    private static final Pattern NAME = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern UUID_FORM = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern NETWORK_REF = Pattern.compile("projects/[^/]+/global/networks/[^/]+");
    private static final Pattern SUBNETWORK_REF = Pattern.compile("projects/[^/]+/regions/[^/]+/subnetworks/[^/]+");
    private static final Pattern GATEWAY_REF = Pattern.compile("projects/[^/]+/global/gateways/[^/]+");
    private static final Pattern INSTANCE_REF = Pattern.compile("projects/[^/]+/zones/[^/]+/instances/[^/]+");
    private static final Pattern TUNNEL_REF = Pattern.compile("projects/[^/]+/regions/[^/]+/vpnTunnels/[^/]+");
    private static final Pattern RULE_REF = Pattern.compile("projects/[^/]+/regions/[^/]+/forwardingRules/[^/]+");
    private static final Pattern ADDRESS_REF = Pattern.compile("projects/[^/]+/regions/([^/]+)/addresses/[^/]+");
    private static final Pattern FILTER_TERM = Pattern.compile("([A-Za-z][\\w.]*)\\s*(!=|=|\\beq\\b|\\bne\\b)\\s*(\"[^\"]*\"|'[^']*'|[^\\s()]+)");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx");
    private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");

    /** An auto mode network's subnet in each region, from "Auto mode IPv4 ranges" of the VPC docs. */
    private static final Map<String, String> AUTO_RANGES = new LinkedHashMap<>();
    /** The regions this fake knows: the auto mode table's, and some newer ones without an auto range here. */
    private static final Set<String> REGIONS = new LinkedHashSet<>();
    /** Valid subnet ranges (VPC docs, "Valid IPv4 ranges"), privately used public ranges left out. */
    private static final List<Cidr> PRIVATE = new ArrayList<>();
    private static final Cidr AUTO_BLOCK = Cidr.parse("10.128.0.0/9");

    static {
        String[] auto = {
            "us-central1", "10.128.0.0/20", "europe-west1", "10.132.0.0/20", "us-west1", "10.138.0.0/20",
            "asia-east1", "10.140.0.0/20", "us-east1", "10.142.0.0/20", "asia-northeast1", "10.146.0.0/20",
            "asia-southeast1", "10.148.0.0/20", "us-east4", "10.150.0.0/20", "australia-southeast1", "10.152.0.0/20",
            "europe-west2", "10.154.0.0/20", "europe-west3", "10.156.0.0/20", "southamerica-east1", "10.158.0.0/20",
            "asia-south1", "10.160.0.0/20", "northamerica-northeast1", "10.162.0.0/20", "europe-west4", "10.164.0.0/20",
            "europe-north1", "10.166.0.0/20", "us-west2", "10.168.0.0/20", "asia-east2", "10.170.0.0/20",
            "europe-west6", "10.172.0.0/20", "asia-northeast2", "10.174.0.0/20", "asia-northeast3", "10.178.0.0/20",
            "us-west3", "10.180.0.0/20", "us-west4", "10.182.0.0/20", "asia-southeast2", "10.184.0.0/20",
        };
        for (int i = 0; i < auto.length; i += 2) AUTO_RANGES.put(auto[i], auto[i + 1]);
        REGIONS.addAll(AUTO_RANGES.keySet());
        REGIONS.addAll(List.of("europe-central2", "northamerica-northeast2", "asia-south2", "australia-southeast2",
                "southamerica-west1", "europe-west8", "europe-west9", "us-east5", "europe-southwest1", "us-south1",
                "me-west1", "europe-west12", "me-central1", "europe-west10", "me-central2", "africa-south1",
                "northamerica-south1"));
        for (String r : List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "192.0.0.0/24",
                "192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "192.88.99.0/24", "198.18.0.0/15", "240.0.0.0/4")) {
            PRIVATE.add(Cidr.parse(r));
        }
    }

    /** An IPv4 range: its first address and prefix length ({@code base} may have host bits set as given). */
    record Cidr(long base, int prefix) {
        static Cidr parse(String text) {
            if (text == null) return null;
            int slash = text.indexOf('/');
            if (slash < 0) return null;
            Long ip = ipv4(text.substring(0, slash));
            String p = text.substring(slash + 1);
            if (ip == null || !p.matches("\\d{1,2}") || Integer.parseInt(p) > 32) return null;
            return new Cidr(ip, Integer.parseInt(p));
        }

        long size() {
            return 1L << (32 - prefix);
        }

        long last() {
            return base + size() - 1;
        }

        boolean aligned() {
            return base % size() == 0;
        }

        boolean contains(Cidr o) {
            return o.base >= base && o.last() <= last();
        }

        boolean overlaps(Cidr o) {
            return base <= o.last() && o.base <= last();
        }

        @Override
        public String toString() {
            return ip(base) + "/" + prefix;
        }
    }

    /** A change carried out when its operation reads DONE; a GoogleError it throws is the operation's error. */
    private interface Effect {
        void apply() throws GoogleError;
    }

    private static final class Op {
        final ObjectNode json;
        Effect effect;
        int reads;

        Op(ObjectNode json, Effect effect) {
            this.json = json;
            this.effect = effect;
        }
    }

    /** A range taken in a network, and who holds it as the conflict message names it. */
    private record Taken(Cidr cidr, String holder) {
    }

    private final Map<String, Long> projectNumbers;
    private final Set<String> foreign = new HashSet<>();
    private final Set<String> producers = new HashSet<>();
    private final Map<String, ObjectNode> resources = new TreeMap<>();
    private final Set<String> pending = new HashSet<>();
    private final Set<String> deleting = new HashSet<>();
    private final Set<String> peeringInProgress = new HashSet<>();
    private final Map<String, String> madeBy = new HashMap<>();
    private final Map<String, Set<String>> users = new HashMap<>();
    private final Map<String, Op> operations = new HashMap<>();
    private final Map<String, Op> requestIds = new HashMap<>();
    private final Random random = new Random(1035);
    private long lastId = 1_500_000_000_000_000_000L;
    private long nextExternal = ipv4("34.120.0.0");
    private int pollsUntilDone = 1;
    private String requestId;

    /** Compute for the given projects (project id to project number). */
    public FakeCompute(Map<String, Long> projectNumbers) {
        this.projectNumbers = new LinkedHashMap<>(projectNumbers);
    }

    /** Reads (get or wait) before an operation reads DONE; 0 makes every operation DONE in its first answer. */
    public synchronized void setPollsUntilDone(int polls) {
        this.pollsUntilDone = polls;
    }

    @Override
    public boolean serves(Request request) {
        return request.path().startsWith("/compute/v1/projects/");
    }

    @Override
    public synchronized Response handle(Request r) throws GoogleError {
        String[] s = r.path().substring("/compute/v1/".length()).split("/", -1);
        String project = s[1];
        checkProject(project);
        if (s.length == 2) {
            if (r.method().equals("GET")) return Response.ok(projectJson(project));
            throw unserved(r);
        }
        String region = null;
        int at;
        if (s[2].equals("global") && s.length >= 4) {
            at = 3;
        } else if (s[2].equals("regions") && s.length >= 5) {
            region = s[3];
            if (!REGIONS.contains(region)) throw GoogleError.notFoundResource("projects/" + project + "/regions/" + region);
            at = 4;
        } else {
            throw unserved(r);
        }
        if (s.length > at + 3) throw unserved(r);
        String collection = s[at];
        String name = s.length > at + 1 ? s[at + 1] : null;
        String verb = s.length > at + 2 ? s[at + 2] : null;
        String scope = "projects/" + project + "/" + (region == null ? "global/" : "regions/" + region + "/") + collection;
        String key = name == null ? scope : scope + "/" + name;
        if (collection.equals("operations")) return operation(key, name, verb, r);

        requestId = null;
        String id = r.query("requestId");
        if (id != null && !r.method().equals("GET")) {
            if (!UUID_FORM.matcher(id).matches() || id.replaceAll("[-0]", "").isEmpty()) {
                throw invalidField("requestId", id, "The requestId must be a valid UUID other than the nil UUID.");
            }
            Op seen = requestIds.get(project + "/" + id);
            if (seen != null) return Response.ok(seen.json.deepCopy());
            requestId = id;
        }
        String m = r.method();
        JsonNode b = r.body();
        String route = (region == null ? "" : "regions/") + collection + (name == null ? "" : "/*") + (verb == null ? "" : "/" + verb);
        switch (m + " " + route) {
            case "GET networks", "GET firewalls", "GET routes", "GET addresses", "GET regions/subnetworks",
                    "GET regions/routers":
                return list(key, r);
            case "GET networks/*", "GET firewalls/*", "GET routes/*", "GET addresses/*", "GET regions/subnetworks/*",
                    "GET regions/routers/*":
                return Response.ok(live(key).deepCopy());
            case "POST networks":
                return insertNetwork(project, b);
            case "PATCH networks/*":
                return patchNetwork(project, key, b);
            case "DELETE networks/*":
                return deleteNetwork(project, key);
            case "POST networks/*/addPeering":
                return addPeering(project, key, b);
            case "PATCH networks/*/updatePeering":
                return updatePeering(project, key, b);
            case "POST networks/*/removePeering":
                return removePeering(project, key, b);
            case "POST regions/subnetworks":
                return insertSubnetwork(project, region, b);
            case "PATCH regions/subnetworks/*":
                return patchSubnetwork(project, region, key, b);
            case "POST regions/subnetworks/*/setPrivateIpGoogleAccess":
                return setPrivateIpGoogleAccess(project, region, key, b);
            case "POST regions/subnetworks/*/expandIpCidrRange":
                return expandIpCidrRange(project, region, key, b);
            case "DELETE regions/subnetworks/*":
                return deleteSubnetwork(project, region, key);
            case "POST firewalls":
                return insertFirewall(project, b);
            case "PATCH firewalls/*":
                return patchFirewall(project, key, b);
            case "POST routes":
                return insertRoute(project, b);
            case "POST regions/routers":
                return insertRouter(project, region, b);
            case "PATCH regions/routers/*":
                return patchRouter(project, region, key, b);
            case "POST addresses":
                return insertAddress(project, b);
            case "DELETE firewalls/*", "DELETE regions/routers/*", "DELETE addresses/*":
                return delete(project, region, key);
            case "DELETE routes/*":
                return deleteRoute(project, key);
            default:
                throw unserved(r);
        }
    }

    // ---- projects and operations

    private void checkProject(String project) throws GoogleError {
        if (projectNumbers.containsKey(project)) return;
        if (foreign.contains(project)) {
            throw GoogleError.permission("Required 'compute.projects.get' permission for 'projects/" + project + "'");
        }
        throw GoogleError.notFoundResource("projects/" + project);
    }

    private ObjectNode projectJson(String project) {
        ObjectNode p = FakeGoogleApis.object();
        long number = projectNumbers.get(project);
        p.put("kind", "compute#project").put("id", Long.toUnsignedString(number)).put("name", project)
                .put("creationTimestamp", "2020-01-01T00:00:00.000-08:00").put("selfLink", LINK + "projects/" + project)
                .put("defaultServiceAccount", number + "-compute@developer.gserviceaccount.com")
                .put("defaultNetworkTier", "PREMIUM").put("xpnProjectStatus", "UNSPECIFIED_XPN_PROJECT_STATUS");
        return p;
    }

    /** GET or wait: a read; the operation reads DONE (and its change is made) at the pollsUntilDone-th. */
    private Response operation(String key, String name, String verb, Request r) throws GoogleError {
        boolean get = r.method().equals("GET") && verb == null;
        boolean wait = r.method().equals("POST") && "wait".equals(verb);
        if (name == null || !(get || wait)) throw unserved(r);
        Op op = operations.get(key);
        if (op == null) throw GoogleError.notFoundResource(key);
        if (op.effect != null && ++op.reads >= pollsUntilDone) finish(op);
        return Response.ok(op.json.deepCopy());
    }

    private Response start(String project, String region, String type, String target, Effect effect) {
        String name = "operation-" + System.currentTimeMillis() + "-" + hex(13) + "-" + hex(8) + "-" + hex(8);
        String key = "projects/" + project + "/" + (region == null ? "global" : "regions/" + region) + "/operations/" + name;
        ObjectNode op = FakeGoogleApis.object();
        op.put("kind", "compute#operation").put("id", id()).put("name", name).put("operationType", type)
                .put("targetLink", LINK + target);
        ObjectNode t = resources.get(target);
        if (t != null && t.has("id")) op.put("targetId", t.get("id").asText());
        String now = now();
        op.put("status", "RUNNING").put("user", "fake@" + project + ".iam.gserviceaccount.com").put("progress", 0)
                .put("insertTime", now).put("startTime", now).put("selfLink", LINK + key);
        if (region != null) op.put("region", LINK + "projects/" + project + "/regions/" + region);
        Op o = new Op(op, effect);
        operations.put(key, o);
        if (requestId != null) requestIds.put(project + "/" + requestId, o);
        if (pollsUntilDone <= 0) finish(o);
        return Response.ok(op.deepCopy());
    }

    private void finish(Op op) {
        try {
            op.effect.apply();
        } catch (GoogleError e) {
            op.json.putObject("error").putArray("errors").addObject().put("code", operationCode(e.reason()))
                    .put("message", e.getMessage());
            op.json.put("httpErrorStatusCode", e.status()).put("httpErrorMessage", httpMessage(e.status()));
        }
        op.effect = null;
        op.json.put("status", "DONE").put("progress", 100).put("endTime", now());
    }

    /** Compute's error codes in an operation are the reasons in upper snake case ({@code RESOURCE_IN_USE_BY_ANOTHER_RESOURCE}). */
    private static String operationCode(String reason) {
        return switch (reason) {
            case "notFound" -> "RESOURCE_NOT_FOUND";
            case "alreadyExists" -> "RESOURCE_ALREADY_EXISTS";
            default -> reason.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
        };
    }

    private static String httpMessage(int status) {
        return switch (status) {
            case 400 -> "BAD REQUEST";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT FOUND";
            case 409 -> "CONFLICT";
            case 412 -> "PRECONDITION FAILED";
            default -> "ERROR";
        };
    }

    // ---- networks

    private Response insertNetwork(String project, JsonNode b) throws GoogleError {
        String name = name(b);
        String key = "projects/" + project + "/global/networks/" + name;
        if (resources.containsKey(key)) throw alreadyExists(key);
        if (b.has("IPv4Range") || !b.has("autoCreateSubnetworks")) {
            // Network.autoCreateSubnetworks: "Must be set to create a VPC network. If not set, a legacy network is created."
            throw invalidField("resource.autoCreateSubnetworks", text(b, "autoCreateSubnetworks"),
                    "Set it to create a VPC network: this fake does not make legacy networks.");
        }
        ObjectNode n = networkJson(project, name, b.path("autoCreateSubnetworks").asBoolean());
        if (b.has("description")) n.put("description", b.get("description").asText());
        if (b.has("mtu")) {
            int mtu = b.get("mtu").asInt();
            if (mtu < 1300 || mtu > 8896) throw invalidField("resource.mtu", b.get("mtu").asText(), "The MTU must be between 1300 and 8896.");
            n.put("mtu", mtu);
        }
        if (b.has("routingConfig")) n.set("routingConfig", routingConfig(n.get("routingConfig"), b.get("routingConfig")));
        if (b.has("networkFirewallPolicyEnforcementOrder")) {
            String order = oneOf("resource.networkFirewallPolicyEnforcementOrder", b.get("networkFirewallPolicyEnforcementOrder").asText(),
                    "AFTER_CLASSIC_FIREWALL", "BEFORE_CLASSIC_FIREWALL");
            n.put("networkFirewallPolicyEnforcementOrder", order);
        }
        resources.put(key, n);
        pending.add(key);
        return start(project, null, "insert", key, () -> {
            pending.remove(key);
            defaultRoute(project, key);
            if (n.path("autoCreateSubnetworks").asBoolean()) {
                for (Map.Entry<String, String> e : AUTO_RANGES.entrySet()) {
                    String sub = "projects/" + project + "/regions/" + e.getKey() + "/subnetworks/" + name;
                    resources.put(sub, subnetJson(sub, key, Cidr.parse(e.getValue())));
                    madeBy.put(sub, key);
                    linkSubnetwork(key, sub, true);
                    subnetRoutes(sub);
                }
            }
            refreshPeerings();
        });
    }

    private ObjectNode networkJson(String project, String name, boolean auto) {
        ObjectNode n = FakeGoogleApis.object();
        String id = id();
        String key = "projects/" + project + "/global/networks/" + name;
        n.put("kind", "compute#network").put("id", id).put("creationTimestamp", now()).put("name", name)
                .put("selfLink", LINK + key).put("selfLinkWithId", LINK + "projects/" + project + "/global/networks/" + id)
                .put("autoCreateSubnetworks", auto).put("mtu", 1460)
                .put("networkFirewallPolicyEnforcementOrder", "AFTER_CLASSIC_FIREWALL");
        n.putObject("routingConfig").put("routingMode", "REGIONAL").put("bgpBestPathSelectionMode", "LEGACY");
        return n;
    }

    private static ObjectNode routingConfig(JsonNode current, JsonNode given) throws GoogleError {
        if (!given.isObject()) throw invalidField("resource.routingConfig", given.toString(), "Must be an object.");
        ObjectNode out = current.deepCopy();
        if (given.has("routingMode")) {
            out.put("routingMode", oneOf("resource.routingConfig.routingMode", given.get("routingMode").asText(), "REGIONAL", "GLOBAL"));
        }
        if (given.has("bgpBestPathSelectionMode")) {
            out.put("bgpBestPathSelectionMode", oneOf("resource.routingConfig.bgpBestPathSelectionMode",
                    given.get("bgpBestPathSelectionMode").asText(), "LEGACY", "STANDARD"));
        }
        for (String f : List.of("bgpAlwaysCompareMed", "bgpInterRegionCost")) {
            if (given.has(f)) out.set(f, given.get(f));
        }
        return out;
    }

    /** The route Compute makes with every network: to the internet, through the default gateway. */
    private void defaultRoute(String project, String networkKey) {
        String name = "default-route-" + hex(16);
        String key = "projects/" + project + "/global/routes/" + name;
        ObjectNode r = FakeGoogleApis.object();
        r.put("kind", "compute#route").put("id", id()).put("creationTimestamp", now()).put("name", name)
                .put("description", "Default route to the Internet.").put("network", LINK + networkKey)
                .put("destRange", "0.0.0.0/0").put("priority", 1000)
                .put("nextHopGateway", LINK + "projects/" + project + "/global/gateways/default-internet-gateway")
                .put("routeType", "STATIC").put("selfLink", LINK + key);
        resources.put(key, r);
        madeBy.put(key, networkKey);
    }

    /** networks.patch: "Only routingConfig can be modified." Other fields may be sent unchanged. */
    private Response patchNetwork(String project, String key, JsonNode b) throws GoogleError {
        ObjectNode n = live(key);
        notReady(key);
        ObjectNode routing = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = b.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("routingConfig")) {
                routing = routingConfig(n.get("routingConfig"), e.getValue());
            } else if (!e.getValue().equals(n.get(e.getKey()))) {
                throw invalidField("resource." + e.getKey(), e.getValue().asText(), "Only routingConfig can be modified.");
            }
        }
        ObjectNode newRouting = routing;
        return start(project, null, "patch", key, () -> {
            if (newRouting != null && resources.containsKey(key)) resources.get(key).set("routingConfig", newRouting);
        });
    }

    /** The network is deleted when its operation runs, unless something still uses it: the operation's error then. */
    private Response deleteNetwork(String project, String key) throws GoogleError {
        live(key);
        notReady(key);
        if (peeringInProgress.contains(key)) throw peeringBusy();
        deleting.add(key);
        return start(project, null, "delete", key, () -> {
            deleting.remove(key);
            String user = networkUser(key);
            if (user != null) {
                throw GoogleError.inUse("The network resource '" + key + "' is already being used by '" + user + "'");
            }
            List<String> made = madeBy.keySet().stream().filter(m -> key.equals(root(m))).toList();
            for (String m : made) {
                resources.remove(m);
                madeBy.remove(m);
                users.remove(m);
            }
            resources.remove(key);
            users.remove(key);
            refreshPeerings();
        });
    }

    /** What keeps a network from being deleted, as the in-use message names it; null when nothing does. */
    private String networkUser(String key) {
        String link = LINK + key;
        for (Map.Entry<String, ObjectNode> e : resources.entrySet()) {
            if (!link.equals(e.getValue().path("network").asText())) continue;
            if (!madeBy.containsKey(e.getKey())) return e.getKey();
            String user = collection(e.getKey()).equals("subnetworks") ? subnetworkUser(e.getKey()) : null;
            if (user != null) return user;
        }
        JsonNode peerings = resources.get(key).path("peerings");
        if (peerings.size() > 0) return key + "/peerings/" + peerings.get(0).path("name").asText();
        Set<String> u = users.get(key);
        return u == null || u.isEmpty() ? null : u.iterator().next();
    }

    // ---- peerings

    private Response addPeering(String project, String key, JsonNode b) throws GoogleError {
        ObjectNode n = live(key);
        notReady(key);
        JsonNode np = b.path("networkPeering");
        String name = np.has("name") ? np.get("name").asText() : text(b, "name");
        if (name == null || name.isEmpty()) throw GoogleError.required("networkPeering.name");
        checkName("networkPeering.name", name);
        String peerRef = np.has("network") ? np.get("network").asText() : text(b, "peerNetwork");
        if (peerRef == null || peerRef.isEmpty()) throw GoogleError.required("networkPeering.network");
        String peerKey = reference("networkPeering.network", peerRef, project, NETWORK_REF);
        if (peerKey.equals(key)) throw invalidField("networkPeering.network", peerRef, "A network cannot be peered with itself.");
        for (JsonNode p : n.path("peerings")) {
            if (p.path("name").asText().equals(name)) {
                throw GoogleError.alreadyExists("The peering '" + name + "' already exists in network '" + key + "'");
            }
            if (key(p.path("network").asText()).equals(peerKey)) {
                throw invalidField("networkPeering.network", peerRef, "The network already has a peering with this peer network.");
            }
        }
        if (peeringInProgress.contains(key) || peeringInProgress.contains(peerKey)) throw peeringBusy();
        ObjectNode peer = visible(peerKey);
        if (peer != null && peeringTo(peer, key) != null) checkPeeringRanges(key, peerKey);
        ObjectNode peering = FakeGoogleApis.object();
        boolean exchange = np.has("exchangeSubnetRoutes") ? np.get("exchangeSubnetRoutes").asBoolean()
                : b.path("autoCreateRoutes").asBoolean(true);
        peering.put("name", name).put("network", LINK + peerKey).put("autoCreateRoutes", true)
                .put("exchangeSubnetRoutes", exchange)
                .put("exportCustomRoutes", np.path("exportCustomRoutes").asBoolean(false))
                .put("importCustomRoutes", np.path("importCustomRoutes").asBoolean(false))
                .put("exportSubnetRoutesWithPublicIp", np.path("exportSubnetRoutesWithPublicIp").asBoolean(true))
                .put("importSubnetRoutesWithPublicIp", np.path("importSubnetRoutesWithPublicIp").asBoolean(false))
                .put("stackType", np.has("stackType")
                        ? oneOf("networkPeering.stackType", np.get("stackType").asText(), "IPV4_ONLY", "IPV4_IPV6") : "IPV4_ONLY")
                .put("updateStrategy", "INDEPENDENT");
        peeringInProgress.add(key);
        peeringInProgress.add(peerKey);
        return start(project, null, "addPeering", key, () -> {
            peeringInProgress.remove(key);
            peeringInProgress.remove(peerKey);
            array(resources.get(key), "peerings").add(peering);
            refreshPeerings();
        });
    }

    /** networks.updatePeering: "You can only modify the export_custom_routes and import_custom_routes fields" (and the public-IP and stack ones). */
    private Response updatePeering(String project, String key, JsonNode b) throws GoogleError {
        ObjectNode n = live(key);
        notReady(key);
        JsonNode np = b.path("networkPeering");
        String name = text(np, "name");
        if (name == null) throw GoogleError.required("networkPeering.name");
        ObjectNode peering = peeringNamed(n, name);
        if (peering == null) throw peeringNotFound(key, name);
        Set<String> updatable = Set.of("exportCustomRoutes", "importCustomRoutes", "exportSubnetRoutesWithPublicIp",
                "importSubnetRoutesWithPublicIp", "stackType");
        ObjectNode changes = FakeGoogleApis.object();
        for (Iterator<Map.Entry<String, JsonNode>> it = np.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String f = e.getKey();
            if (f.equals("name")) continue;
            if (f.equals("network")) {
                if (!reference("networkPeering.network", e.getValue().asText(), project, NETWORK_REF)
                        .equals(key(peering.path("network").asText()))) {
                    throw invalidField("networkPeering.network", e.getValue().asText(), "The peer network of a peering cannot be changed.");
                }
            } else if (updatable.contains(f)) {
                if (f.equals("stackType")) oneOf("networkPeering.stackType", e.getValue().asText(), "IPV4_ONLY", "IPV4_IPV6");
                changes.set(f, e.getValue());
            } else if (!e.getValue().equals(peering.get(f))) {
                throw invalidField("networkPeering." + f, e.getValue().asText(),
                        "Only exportCustomRoutes, importCustomRoutes, exportSubnetRoutesWithPublicIp, "
                                + "importSubnetRoutesWithPublicIp and stackType can be updated.");
            }
        }
        String peerKey = key(peering.path("network").asText());
        if (peeringInProgress.contains(key) || peeringInProgress.contains(peerKey)) throw peeringBusy();
        peeringInProgress.add(key);
        peeringInProgress.add(peerKey);
        return start(project, null, "updatePeering", key, () -> {
            peeringInProgress.remove(key);
            peeringInProgress.remove(peerKey);
            ObjectNode now = peeringNamed(resources.get(key), name);
            if (now != null) now.setAll(changes);
        });
    }

    private Response removePeering(String project, String key, JsonNode b) throws GoogleError {
        ObjectNode n = live(key);
        notReady(key);
        String name = text(b, "name");
        if (name == null) throw GoogleError.required("name");
        ObjectNode peering = peeringNamed(n, name);
        if (peering == null) throw peeringNotFound(key, name);
        String peerKey = key(peering.path("network").asText());
        if (peeringInProgress.contains(key) || peeringInProgress.contains(peerKey)) throw peeringBusy();
        peeringInProgress.add(key);
        peeringInProgress.add(peerKey);
        return start(project, null, "removePeering", key, () -> {
            peeringInProgress.remove(key);
            peeringInProgress.remove(peerKey);
            removePeeringNamed(resources.get(key), name);
            refreshPeerings();
        });
    }

    /** As Compute answers a second peering call on a network pair with one under way. */
    private static GoogleError peeringBusy() {
        return new GoogleError(400, "INVALID_ARGUMENT", "badRequest",
                "There is a peering operation in progress on the local or peer network. Try again later.");
    }

    private static GoogleError peeringNotFound(String key, String name) {
        return GoogleError.invalid("Invalid value for field 'name': '" + name + "'. There is no peering named '" + name
                + "' in network '" + key + "'.");
    }

    /** Subnet ranges of two networks about to be connected must not overlap. */
    private void checkPeeringRanges(String key, String peerKey) throws GoogleError {
        for (Taken mine : subnetRanges(key, null)) {
            for (Taken theirs : subnetRanges(peerKey, null)) {
                if (mine.cidr().overlaps(theirs.cidr())) {
                    throw GoogleError.invalid("An IP range in the peer network (" + theirs.cidr() + ") overlaps with an IP range in the local network ("
                            + mine.cidr() + ") allocated by resource (" + mine.holder() + ").");
                }
            }
        }
    }

    /** A peering is ACTIVE while the peer network has the matching peering back, INACTIVE otherwise (NetworkPeering.State). */
    private void refreshPeerings() {
        for (Map.Entry<String, ObjectNode> e : resources.entrySet()) {
            if (!collection(e.getKey()).equals("networks") || !e.getValue().has("peerings")) continue;
            for (JsonNode p : e.getValue().get("peerings")) {
                ObjectNode peering = (ObjectNode) p;
                ObjectNode peer = visible(key(peering.path("network").asText()));
                boolean active = peer != null && peeringTo(peer, e.getKey()) != null;
                String state = active ? "ACTIVE" : "INACTIVE";
                if (!state.equals(peering.path("state").asText())) {
                    peering.put("state", state).put("stateDetails", "[" + now() + "]: "
                            + (active ? "Connected." : "Waiting for peer network to connect."));
                }
                if (active) peering.put("peerMtu", peer.path("mtu").asInt(1460));
                else peering.remove("peerMtu");
            }
        }
    }

    private static ObjectNode peeringTo(ObjectNode network, String peerKey) {
        for (JsonNode p : network.path("peerings")) {
            if (key(p.path("network").asText()).equals(peerKey)) return (ObjectNode) p;
        }
        return null;
    }

    private static ObjectNode peeringNamed(ObjectNode network, String name) {
        if (network == null) return null;
        for (JsonNode p : network.path("peerings")) {
            if (p.path("name").asText().equals(name)) return (ObjectNode) p;
        }
        return null;
    }

    private static void removePeeringNamed(ObjectNode network, String name) {
        if (network == null || !network.has("peerings")) return;
        ArrayNode peerings = (ArrayNode) network.get("peerings");
        for (int i = peerings.size() - 1; i >= 0; i--) {
            if (peerings.get(i).path("name").asText().equals(name)) peerings.remove(i);
        }
        if (peerings.isEmpty()) network.remove("peerings");
    }

    // ---- subnetworks

    private Response insertSubnetwork(String project, String region, JsonNode b) throws GoogleError {
        String name = name(b);
        String key = "projects/" + project + "/regions/" + region + "/subnetworks/" + name;
        if (resources.containsKey(key)) throw alreadyExists(key);
        String netRef = text(b, "network");
        if (netRef == null) throw GoogleError.required("resource.network");
        String netKey = reference("resource.network", netRef, project, NETWORK_REF);
        if (!netKey.startsWith("projects/" + project + "/")) {
            throw invalidField("resource.network", netRef, "The network must be in the project of the subnetwork.");
        }
        live(netKey);
        notReady(netKey);
        String regionRef = text(b, "region");
        if (regionRef != null && !regionRef.substring(regionRef.lastIndexOf('/') + 1).equals(region)) {
            throw invalidField("resource.region", regionRef, "The region must be the one of the request, '" + region + "'.");
        }
        String rangeText = text(b, "ipCidrRange");
        if (rangeText == null) throw GoogleError.required("resource.ipCidrRange");
        Cidr range = subnetRange("resource.ipCidrRange", rangeText);
        ObjectNode s = subnetJson(key, netKey, range);
        if (b.has("description")) s.put("description", b.get("description").asText());
        if (b.has("privateIpGoogleAccess")) s.put("privateIpGoogleAccess", b.get("privateIpGoogleAccess").asBoolean());
        if (b.has("purpose")) {
            s.put("purpose", oneOf("resource.purpose", b.get("purpose").asText(), "PRIVATE", "REGIONAL_MANAGED_PROXY",
                    "GLOBAL_MANAGED_PROXY", "PRIVATE_SERVICE_CONNECT", "PRIVATE_NAT"));
        }
        for (String f : List.of("logConfig", "enableFlowLogs", "role", "allowSubnetCidrRoutesOverlap")) {
            if (b.has(f)) s.set(f, b.get(f));
        }
        if (b.has("stackType")) s.put("stackType", oneOf("resource.stackType", b.get("stackType").asText(), "IPV4_ONLY", "IPV4_IPV6"));
        if (b.has("privateIpv6GoogleAccess")) s.set("privateIpv6GoogleAccess", b.get("privateIpv6GoogleAccess"));
        ArrayNode secondaries = secondaryRanges(b.get("secondaryIpRanges"));
        if (!secondaries.isEmpty()) s.set("secondaryIpRanges", secondaries);
        checkSubnetRanges(key, netKey, s);
        resources.put(key, s);
        pending.add(key);
        return start(project, region, "insert", key, () -> {
            pending.remove(key);
            linkSubnetwork(netKey, key, true);
            subnetRoutes(key);
        });
    }

    private ObjectNode subnetJson(String key, String netKey, Cidr range) {
        String[] k = key.split("/");
        ObjectNode s = FakeGoogleApis.object();
        s.put("kind", "compute#subnetwork").put("id", id()).put("creationTimestamp", now()).put("name", k[5])
                .put("network", LINK + netKey).put("ipCidrRange", range.toString())
                .put("gatewayAddress", ip(range.base() + 1))
                .put("region", LINK + "projects/" + k[1] + "/regions/" + k[3]).put("selfLink", LINK + key)
                .put("privateIpGoogleAccess", false).put("fingerprint", fingerprint()).put("purpose", "PRIVATE")
                .put("stackType", "IPV4_ONLY").put("privateIpv6GoogleAccess", "DISABLE_GOOGLE_ACCESS");
        return s;
    }

    private ArrayNode secondaryRanges(JsonNode given) throws GoogleError {
        ArrayNode out = FakeGoogleApis.JSON.createArrayNode();
        if (given == null || given.isNull()) return out;
        if (!given.isArray()) throw invalidField("resource.secondaryIpRanges", given.toString(), "Must be a list.");
        Set<String> names = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            JsonNode r = given.get(i);
            String field = "resource.secondaryIpRanges[" + i + "]";
            String rangeName = text(r, "rangeName");
            if (rangeName == null) throw GoogleError.required(field + ".rangeName");
            checkName(field + ".rangeName", rangeName);
            if (!names.add(rangeName)) throw invalidField(field + ".rangeName", rangeName, "The range name is already used in this subnetwork.");
            String range = text(r, "ipCidrRange");
            if (range == null) throw GoogleError.required(field + ".ipCidrRange");
            out.addObject().put("rangeName", rangeName).put("ipCidrRange", subnetRange(field + ".ipCidrRange", range).toString());
        }
        return out;
    }

    /** A subnet range: a CIDR with no host bits, /8 to /29, inside the valid ranges of the VPC docs. */
    private static Cidr subnetRange(String field, String text) throws GoogleError {
        Cidr c = Cidr.parse(text);
        if (c == null) throw invalidField(field, text, "Invalid IPCidrRange: " + text + " is not a valid IPv4 CIDR range.");
        if (!c.aligned()) {
            throw invalidField(field, text, "Invalid IPCidrRange: " + text + " has host bits set; the range starts at "
                    + ip(c.base() - c.base() % c.size()) + ".");
        }
        if (c.prefix() < 8 || c.prefix() > 29) throw invalidField(field, text, "The prefix length of a subnet range must be between 8 and 29.");
        if (PRIVATE.stream().noneMatch(p -> p.contains(c))) {
            throw invalidField(field, text, "Invalid IPCidrRange: " + text + " is not in the valid IPv4 ranges for subnets "
                    + "(RFC 1918, RFC 6598, RFC 6890, RFC 5737, RFC 7526, RFC 2544, 240.0.0.0/4).");
        }
        return c;
    }

    /** A subnet's ranges must not overlap each other, the network's other ranges, or those of networks peered ACTIVE. */
    private void checkSubnetRanges(String key, String netKey, ObjectNode s) throws GoogleError {
        List<String> fields = new ArrayList<>();
        List<Cidr> ranges = new ArrayList<>();
        fields.add("resource.ipCidrRange");
        ranges.add(Cidr.parse(s.get("ipCidrRange").asText()));
        JsonNode sec = s.path("secondaryIpRanges");
        for (int i = 0; i < sec.size(); i++) {
            fields.add("resource.secondaryIpRanges[" + i + "].ipCidrRange");
            ranges.add(Cidr.parse(sec.get(i).get("ipCidrRange").asText()));
        }
        boolean auto = resources.get(netKey).path("autoCreateSubnetworks").asBoolean() && !madeBy.containsKey(key);
        List<Taken> taken = taken(netKey, key);
        String self = "existing subnetwork '" + last(key) + "' in region '" + key.split("/")[3] + "'";
        for (int i = 0; i < ranges.size(); i++) {
            Cidr c = ranges.get(i);
            if (auto && c.overlaps(AUTO_BLOCK)) {
                throw invalidField(fields.get(i), c.toString(), "Extended subnetworks in auto subnet mode networks cannot overlap with 10.128.0.0/9.");
            }
            for (int j = 0; j < i; j++) {
                if (c.overlaps(ranges.get(j))) throw conflict(fields.get(i), c, self);
            }
            for (Taken t : taken) {
                if (c.overlaps(t.cidr())) throw conflict(fields.get(i), c, t.holder());
            }
            if (s.path("allowSubnetCidrRoutesOverlap").asBoolean()) continue;
            for (Map.Entry<String, ObjectNode> e : of("routes")) {
                Cidr dest = Cidr.parse(e.getValue().path("destRange").asText());
                if (!madeBy.containsKey(e.getKey()) && dest != null && (LINK + netKey).equals(e.getValue().path("network").asText())
                        && c.contains(dest)) {
                    throw conflict(fields.get(i), c, "existing route '" + last(e.getKey()) + "'");
                }
            }
        }
    }

    private static GoogleError conflict(String field, Cidr c, String holder) {
        return invalidField(field, c.toString(), "Invalid IPCidrRange: " + c + " conflicts with " + holder + ".");
    }

    /** The ranges a network holds (its subnets', its allocated addresses', its ACTIVE peers' subnets'), but those of {@code except}. */
    private List<Taken> taken(String netKey, String except) {
        List<Taken> out = new ArrayList<>(subnetRanges(netKey, except));
        String link = LINK + netKey;
        for (Map.Entry<String, ObjectNode> e : of("addresses")) {
            JsonNode a = e.getValue();
            if (e.getKey().equals(except) || !link.equals(a.path("network").asText())) continue;
            Cidr c = Cidr.parse(a.path("address").asText() + "/" + a.path("prefixLength").asInt(32));
            if (c != null) out.add(new Taken(c, "existing address '" + last(e.getKey()) + "'"));
        }
        for (JsonNode p : resources.get(netKey).path("peerings")) {
            if (!"ACTIVE".equals(p.path("state").asText())) continue;
            for (Taken t : subnetRanges(key(p.path("network").asText()), null)) {
                out.add(new Taken(t.cidr(), "peer network in active peering '" + p.path("name").asText() + "'"));
            }
        }
        return out;
    }

    private List<Taken> subnetRanges(String netKey, String except) {
        List<Taken> out = new ArrayList<>();
        String link = LINK + netKey;
        for (Map.Entry<String, ObjectNode> e : resources.entrySet()) {
            JsonNode s = e.getValue();
            if (!collection(e.getKey()).equals("subnetworks") || e.getKey().equals(except) || !link.equals(s.path("network").asText())) continue;
            String holder = "existing subnetwork '" + last(e.getKey()) + "' in region '" + e.getKey().split("/")[3] + "'";
            out.add(new Taken(Cidr.parse(s.path("ipCidrRange").asText()), holder));
            for (JsonNode r : s.path("secondaryIpRanges")) out.add(new Taken(Cidr.parse(r.path("ipCidrRange").asText()), holder));
        }
        return out;
    }

    private void linkSubnetwork(String netKey, String subKey, boolean add) {
        ObjectNode n = resources.get(netKey);
        if (n == null) return;
        ArrayNode links = array(n, "subnetworks");
        for (int i = links.size() - 1; i >= 0; i--) {
            if (links.get(i).asText().equals(LINK + subKey)) links.remove(i);
        }
        if (add) links.add(LINK + subKey);
        if (links.isEmpty()) n.remove("subnetworks");
    }

    /** The subnet routes Compute keeps for a subnet's ranges (routeType SUBNET, nextHopNetwork); none once it is gone. */
    private void subnetRoutes(String subKey) {
        ObjectNode s = visible(subKey);
        Map<String, String> wanted = new LinkedHashMap<>();
        if (s != null) {
            wanted.put(s.get("ipCidrRange").asText(), s.get("network").asText());
            for (JsonNode r : s.path("secondaryIpRanges")) wanted.put(r.get("ipCidrRange").asText(), s.get("network").asText());
        }
        for (String route : new ArrayList<>(madeBy.keySet())) {
            if (!subKey.equals(madeBy.get(route))) continue;
            if (wanted.remove(resources.get(route).path("destRange").asText()) == null) {
                resources.remove(route);
                madeBy.remove(route);
            }
        }
        String project = subKey.split("/")[1];
        for (Map.Entry<String, String> w : wanted.entrySet()) {
            String name = "default-route-" + hex(16);
            String key = "projects/" + project + "/global/routes/" + name;
            ObjectNode r = FakeGoogleApis.object();
            r.put("kind", "compute#route").put("id", id()).put("creationTimestamp", now()).put("name", name)
                    .put("description", "Default local route to the subnetwork " + w.getKey() + ".")
                    .put("network", w.getValue()).put("destRange", w.getKey()).put("priority", 0)
                    .put("nextHopNetwork", w.getValue()).put("routeType", "SUBNET").put("selfLink", LINK + key);
            resources.put(key, r);
            madeBy.put(key, subKey);
        }
    }

    /**
     * subnetworks.patch: the fingerprint must be the current one (else 412 conditionNotMet); only
     * the fields documented as updatable with patch may change (secondaryIpRanges, logConfig,
     * enableFlowLogs, stackType, ipv6AccessType, privateIpv6GoogleAccess, role); others may be sent
     * unchanged. privateIpGoogleAccess is "updated using setPrivateIpGoogleAccess" and ipCidrRange
     * with expandIpCidrRange: a change of them here is refused.
     */
    private Response patchSubnetwork(String project, String region, String key, JsonNode b) throws GoogleError {
        ObjectNode s = live(key);
        notReady(key);
        String fingerprint = text(b, "fingerprint");
        if (fingerprint == null || !fingerprint.equals(s.get("fingerprint").asText())) {
            throw GoogleError.conditionNotMet("Supplied fingerprint does not match current metadata fingerprint.");
        }
        Set<String> patchable = Set.of("secondaryIpRanges", "logConfig", "enableFlowLogs", "stackType", "ipv6AccessType",
                "privateIpv6GoogleAccess", "role", "allowSubnetCidrRoutesOverlap");
        ObjectNode changed = s.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = b.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String f = e.getKey();
            if (f.equals("fingerprint")) continue;
            if (patchable.contains(f)) {
                if (f.equals("secondaryIpRanges")) {
                    ArrayNode sec = secondaryRanges(e.getValue());
                    if (sec.isEmpty()) changed.remove(f);
                    else changed.set(f, sec);
                } else if (f.equals("stackType")) {
                    changed.put(f, oneOf("resource.stackType", e.getValue().asText(), "IPV4_ONLY", "IPV4_IPV6"));
                } else {
                    changed.set(f, e.getValue());
                }
            } else if (!sameField(s, f, e.getValue(), project)) {
                String how = switch (f) {
                    case "privateIpGoogleAccess" -> "It can be changed only with setPrivateIpGoogleAccess.";
                    case "ipCidrRange" -> "It can be changed only with expandIpCidrRange.";
                    default -> "This field cannot be changed with a patch request.";
                };
                throw invalidField("resource." + f, e.getValue().asText(), how);
            }
        }
        checkSubnetRanges(key, networkOf(s), changed);
        return start(project, region, "patch", key, () -> change(key, changed));
    }

    private Response setPrivateIpGoogleAccess(String project, String region, String key, JsonNode b) throws GoogleError {
        ObjectNode s = live(key);
        notReady(key);
        ObjectNode changed = s.deepCopy().put("privateIpGoogleAccess", b.path("privateIpGoogleAccess").asBoolean(false));
        return start(project, region, "setPrivateIpGoogleAccess", key, () -> change(key, changed));
    }

    /** expandIpCidrRange: the new range must contain the current one and be larger. */
    private Response expandIpCidrRange(String project, String region, String key, JsonNode b) throws GoogleError {
        ObjectNode s = live(key);
        notReady(key);
        String text = text(b, "ipCidrRange");
        if (text == null) throw GoogleError.required("ipCidrRange");
        Cidr wider = subnetRange("ipCidrRange", text);
        Cidr current = Cidr.parse(s.get("ipCidrRange").asText());
        if (!wider.contains(current) || wider.prefix() >= current.prefix()) {
            throw invalidField("ipCidrRange", text, "The new range must contain the current range " + current + " and be larger.");
        }
        ObjectNode changed = s.deepCopy().put("ipCidrRange", wider.toString());
        checkSubnetRanges(key, networkOf(s), changed);
        return start(project, region, "expandIpCidrRange", key, () -> change(key, changed));
    }

    /** A subnetwork's change when its operation is done: a new fingerprint, and its subnet routes kept in step. */
    private void change(String key, ObjectNode changed) {
        if (!resources.containsKey(key)) return;
        changed.put("fingerprint", fingerprint());
        resources.put(key, changed);
        subnetRoutes(key);
    }

    /** A subnetwork still used (by another API's object or by a router's NAT) is refused at once, as Compute answers it. */
    private Response deleteSubnetwork(String project, String region, String key) throws GoogleError {
        ObjectNode s = live(key);
        notReady(key);
        if (madeBy.containsKey(key)) {
            throw GoogleError.invalid("The subnetwork resource '" + key + "' was made by its auto mode network and cannot be deleted.");
        }
        String user = subnetworkUser(key);
        if (user != null) throw GoogleError.inUse("The subnetwork resource '" + key + "' is already being used by '" + user + "'");
        deleting.add(key);
        String netKey = networkOf(s);
        return start(project, region, "delete", key, () -> {
            deleting.remove(key);
            resources.remove(key);
            users.remove(key);
            linkSubnetwork(netKey, key, false);
            subnetRoutes(key);
        });
    }

    private String subnetworkUser(String key) {
        Set<String> u = users.get(key);
        if (u != null && !u.isEmpty()) return u.iterator().next();
        for (Map.Entry<String, ObjectNode> e : resources.entrySet()) {
            if (!collection(e.getKey()).equals("routers")) continue;
            for (JsonNode nat : e.getValue().path("nats")) {
                for (JsonNode sub : nat.path("subnetworks")) {
                    if (key(sub.path("name").asText()).equals(key)) return e.getKey();
                }
            }
        }
        return null;
    }

    // ---- firewalls

    private Response insertFirewall(String project, JsonNode b) throws GoogleError {
        String name = name(b);
        String key = "projects/" + project + "/global/firewalls/" + name;
        if (resources.containsKey(key)) throw alreadyExists(key);
        // Firewall.network: "If not specified when creating a firewall rule, the default network is used".
        String netRef = b.has("network") ? b.get("network").asText() : "global/networks/default";
        String netKey = reference("resource.network", netRef, project, NETWORK_REF);
        live(netKey);
        notReady(netKey);
        ObjectNode f = FakeGoogleApis.object();
        f.put("kind", "compute#firewall").put("id", id()).put("creationTimestamp", now()).put("name", name)
                .put("network", LINK + netKey).put("selfLink", LINK + key);
        for (String field : FIREWALL_FIELDS) {
            if (b.has(field) && !b.get(field).isNull()) f.set(field, b.get(field));
        }
        checkFirewall(f);
        resources.put(key, f);
        pending.add(key);
        return start(project, null, "insert", key, () -> pending.remove(key));
    }

    private static final List<String> FIREWALL_FIELDS = List.of("description", "direction", "priority", "allowed", "denied",
            "sourceRanges", "destinationRanges", "sourceTags", "targetTags", "sourceServiceAccounts",
            "targetServiceAccounts", "disabled", "logConfig");

    /** firewalls.patch: a JSON merge patch; name and network cannot change. */
    private Response patchFirewall(String project, String key, JsonNode b) throws GoogleError {
        ObjectNode f = live(key);
        notReady(key);
        ObjectNode merged = merge(f, b, project, FIREWALL_FIELDS);
        checkFirewall(merged);
        return start(project, null, "patch", key, () -> {
            if (resources.containsKey(key)) resources.put(key, merged);
        });
    }

    /** The documented rules of a firewall rule, and its defaults (INGRESS, priority 1000, sources 0.0.0.0/0, logging off). */
    private static void checkFirewall(ObjectNode f) throws GoogleError {
        String direction = f.has("direction") ? oneOf("resource.direction", f.get("direction").asText(), "INGRESS", "EGRESS") : "INGRESS";
        f.put("direction", direction);
        f.put("priority", priority("resource.priority", f.get("priority"), 1000));
        boolean allowed = f.path("allowed").size() > 0;
        boolean denied = f.path("denied").size() > 0;
        if (allowed && denied) {
            throw invalidField("resource.denied", f.get("denied").toString(), "A firewall rule cannot have both allowed and denied rules.");
        }
        if (!allowed && !denied) throw GoogleError.required("resource.allowed");
        String rules = allowed ? "allowed" : "denied";
        f.remove(allowed ? "denied" : "allowed");
        JsonNode list = f.get(rules);
        for (int i = 0; i < list.size(); i++) protocolRule("resource." + rules + "[" + i + "]", list.get(i));
        for (String field : List.of("sourceRanges", "destinationRanges")) {
            JsonNode ranges = f.path(field);
            for (int i = 0; i < ranges.size(); i++) {
                String v = ranges.get(i).asText();
                if (!isCidrOrIp(v)) throw invalidField("resource." + field + "[" + i + "]", v, "Must be a CIDR range or an IP address.");
            }
        }
        for (String field : List.of("sourceTags", "targetTags")) {
            JsonNode tags = f.path(field);
            for (int i = 0; i < tags.size(); i++) checkName("resource." + field + "[" + i + "]", tags.get(i).asText());
        }
        boolean sourceTags = f.path("sourceTags").size() > 0;
        boolean targetTags = f.path("targetTags").size() > 0;
        boolean sourceAccounts = f.path("sourceServiceAccounts").size() > 0;
        boolean targetAccounts = f.path("targetServiceAccounts").size() > 0;
        if (direction.equals("EGRESS") && (sourceTags || sourceAccounts)) {
            throw invalidField("resource.sourceTags", f.path("sourceTags").toString(), "For EGRESS traffic, you cannot specify the sourceTags fields.");
        }
        if (sourceAccounts && (sourceTags || targetTags)) {
            throw invalidField("resource.sourceServiceAccounts", f.get("sourceServiceAccounts").toString(),
                    "sourceServiceAccounts cannot be used at the same time as sourceTags or targetTags.");
        }
        if (targetAccounts && (sourceTags || targetTags)) {
            throw invalidField("resource.targetServiceAccounts", f.get("targetServiceAccounts").toString(),
                    "targetServiceAccounts cannot be used at the same time as targetTags or sourceTags.");
        }
        // Compute's defaults when no source (ingress) or destination (egress) is given: anywhere.
        if (direction.equals("INGRESS") && f.path("sourceRanges").size() == 0 && !sourceTags && !sourceAccounts) {
            f.putArray("sourceRanges").add("0.0.0.0/0");
        }
        if (direction.equals("EGRESS") && f.path("destinationRanges").size() == 0) f.putArray("destinationRanges").add("0.0.0.0/0");
        for (String field : List.of("sourceRanges", "destinationRanges", "sourceTags", "targetTags", "sourceServiceAccounts",
                "targetServiceAccounts")) {
            if (f.has(field) && f.get(field).size() == 0) f.remove(field);
        }
        if (!f.has("disabled")) f.put("disabled", false);
        JsonNode log = f.path("logConfig");
        ObjectNode logConfig = FakeGoogleApis.object().put("enable", log.path("enable").asBoolean(false));
        if (logConfig.get("enable").asBoolean()) {
            logConfig.put("metadata", log.has("metadata") ? oneOf("resource.logConfig.metadata", log.get("metadata").asText(),
                    "INCLUDE_ALL_METADATA", "EXCLUDE_ALL_METADATA") : "INCLUDE_ALL_METADATA");
        }
        f.set("logConfig", logConfig);
    }

    /** One allowed or denied entry: IPProtocol a known name or number; ports only for tcp, udp and sctp. */
    private static void protocolRule(String field, JsonNode rule) throws GoogleError {
        String protocol = text(rule, "IPProtocol");
        if (protocol == null) throw GoogleError.required(field + ".IPProtocol");
        Set<String> named = Set.of("tcp", "udp", "icmp", "esp", "ah", "sctp", "ipip", "all");
        boolean number = protocol.matches("\\d{1,3}") && Integer.parseInt(protocol) <= 255;
        if (!named.contains(protocol) && !number) {
            throw invalidField(field + ".IPProtocol", protocol, "Must be one of tcp, udp, icmp, esp, ah, sctp, ipip, all or an IP protocol number.");
        }
        JsonNode ports = rule.path("ports");
        if (ports.size() > 0 && !Set.of("tcp", "udp", "sctp", "6", "17", "132").contains(protocol)) {
            throw invalidField(field + ".ports", ports.toString(), "Ports may be given only for the TCP, UDP and SCTP protocols.");
        }
        for (int i = 0; i < ports.size(); i++) {
            String p = ports.get(i).asText();
            Matcher m = Pattern.compile("(\\d{1,5})(?:-(\\d{1,5}))?").matcher(p);
            boolean ok = m.matches() && Integer.parseInt(m.group(1)) <= 65535
                    && (m.group(2) == null || Integer.parseInt(m.group(2)) <= 65535 && Integer.parseInt(m.group(2)) >= Integer.parseInt(m.group(1)));
            if (!ok) throw invalidField(field + ".ports[" + i + "]", p, "Must be a port or a port range, as in 22 or 12345-12349.");
        }
    }

    // ---- routes

    private Response insertRoute(String project, JsonNode b) throws GoogleError {
        String name = name(b);
        String key = "projects/" + project + "/global/routes/" + name;
        if (resources.containsKey(key)) throw alreadyExists(key);
        String netRef = text(b, "network");
        if (netRef == null) throw GoogleError.required("resource.network");
        String netKey = reference("resource.network", netRef, project, NETWORK_REF);
        live(netKey);
        notReady(netKey);
        String dest = text(b, "destRange");
        if (dest == null) throw GoogleError.required("resource.destRange");
        if (!isCidr(dest)) throw invalidField("resource.destRange", dest, "Must be an IPv4 or an IPv6 range, for example 192.0.2.0/24.");
        ObjectNode route = FakeGoogleApis.object();
        route.put("kind", "compute#route").put("id", id()).put("creationTimestamp", now()).put("name", name);
        if (b.has("description")) route.put("description", b.get("description").asText());
        route.put("network", LINK + netKey).put("destRange", dest).put("priority", priority("resource.priority", b.get("priority"), 1000));
        List<String> hops = new ArrayList<>();
        for (String hop : List.of("nextHopGateway", "nextHopIp", "nextHopInstance", "nextHopVpnTunnel", "nextHopIlb")) {
            if (text(b, hop) != null) hops.add(hop);
        }
        if (hops.size() != 1) {
            throw invalidField("resource.nextHop", String.join(",", hops),
                    "Exactly one of nextHopGateway, nextHopIp, nextHopInstance, nextHopVpnTunnel and nextHopIlb must be given.");
        }
        String hop = hops.get(0);
        String value = b.get(hop).asText();
        String field = "resource." + hop;
        switch (hop) {
            case "nextHopGateway" -> {
                String gateway = reference(field, value, project, GATEWAY_REF);
                if (!gateway.equals("projects/" + project + "/global/gateways/default-internet-gateway")) {
                    throw invalidField(field, value, "The only gateway is projects/" + project + "/global/gateways/default-internet-gateway.");
                }
                route.put(hop, LINK + gateway);
            }
            case "nextHopIp" -> {
                if (ipv4(value) == null && !isIpv6(value)) throw invalidField(field, value, "Must be an IPv4 or IPv6 address.");
                route.put(hop, value);
            }
            case "nextHopInstance" -> route.put(hop, LINK + reference(field, value, project, INSTANCE_REF));
            case "nextHopVpnTunnel" -> route.put(hop, LINK + reference(field, value, project, TUNNEL_REF));
            default -> route.put(hop, ipv4(value) != null || isIpv6(value) ? value : LINK + reference(field, value, project, RULE_REF));
        }
        if (b.has("tags")) {
            JsonNode tags = b.get("tags");
            for (int i = 0; i < tags.size(); i++) checkName("resource.tags[" + i + "]", tags.get(i).asText());
            if (tags.size() > 0) route.set("tags", tags);
        }
        // Routes overview: a static route's destination cannot match or be more specific than a subnet route's.
        Cidr d = Cidr.parse(dest);
        if (d != null) {
            for (Taken t : subnetRanges(netKey, null)) {
                if (t.cidr().contains(d)) {
                    throw invalidField("resource.destRange", dest, "The destination range is the same as or more specific than "
                            + t.cidr() + " of " + t.holder() + ".");
                }
            }
        }
        route.put("routeType", "STATIC").put("selfLink", LINK + key);
        resources.put(key, route);
        pending.add(key);
        return start(project, null, "insert", key, () -> pending.remove(key));
    }

    private Response deleteRoute(String project, String key) throws GoogleError {
        live(key);
        String maker = madeBy.get(key);
        if (maker != null && collection(maker).equals("subnetworks")) {
            throw GoogleError.invalid("The route '" + key + "' is a subnet route of '" + maker + "' and cannot be deleted.");
        }
        return delete(project, null, key);
    }

    // ---- routers and Cloud NAT

    private static final List<String> ROUTER_FIELDS = List.of("description", "bgp", "bgpPeers", "interfaces", "nats",
            "encryptedInterconnectRouter", "md5AuthenticationKeys");

    private Response insertRouter(String project, String region, JsonNode b) throws GoogleError {
        String name = name(b);
        String key = "projects/" + project + "/regions/" + region + "/routers/" + name;
        if (resources.containsKey(key)) throw alreadyExists(key);
        String netRef = text(b, "network");
        if (netRef == null) throw GoogleError.required("resource.network");
        String netKey = reference("resource.network", netRef, project, NETWORK_REF);
        live(netKey);
        notReady(netKey);
        ObjectNode router = FakeGoogleApis.object();
        router.put("kind", "compute#router").put("id", id()).put("creationTimestamp", now()).put("name", name)
                .put("region", LINK + "projects/" + project + "/regions/" + region).put("network", LINK + netKey)
                .put("selfLink", LINK + key);
        for (String f : ROUTER_FIELDS) {
            if (b.has(f) && !b.get(f).isNull()) router.set(f, b.get(f));
        }
        checkRouter(key, router);
        resources.put(key, router);
        pending.add(key);
        return start(project, region, "insert", key, () -> pending.remove(key));
    }

    /** routers.patch: a JSON merge patch (nats[] replaced as a whole); name, region and network cannot change. */
    private Response patchRouter(String project, String region, String key, JsonNode b) throws GoogleError {
        ObjectNode router = live(key);
        notReady(key);
        ObjectNode merged = merge(router, b, project, ROUTER_FIELDS);
        checkRouter(key, merged);
        return start(project, region, "patch", key, () -> {
            if (resources.containsKey(key)) resources.put(key, merged);
        });
    }

    private void checkRouter(String key, ObjectNode router) throws GoogleError {
        JsonNode bgp = router.get("bgp");
        if (bgp != null) {
            if (bgp.has("asn")) {
                long asn = bgp.get("asn").asLong();
                boolean ok = asn == 16550 || asn >= 64512 && asn <= 65534 || asn >= 4200000000L && asn <= 4294967294L;
                if (!ok) {
                    throw invalidField("resource.bgp.asn", bgp.get("asn").asText(),
                            "The ASN must be 16550 or a private ASN (64512-65534, 4200000000-4294967294).");
                }
            }
            if (bgp.has("advertiseMode")) oneOf("resource.bgp.advertiseMode", bgp.get("advertiseMode").asText(), "DEFAULT", "CUSTOM");
            for (JsonNode g : bgp.path("advertisedGroups")) oneOf("resource.bgp.advertisedGroups", g.asText(), "ALL_SUBNETS");
            for (JsonNode r : bgp.path("advertisedIpRanges")) {
                if (!isCidr(r.path("range").asText())) {
                    throw invalidField("resource.bgp.advertisedIpRanges.range", r.path("range").asText(), "Must be a CIDR range.");
                }
            }
            if (bgp.has("keepaliveInterval")) {
                int k = bgp.get("keepaliveInterval").asInt();
                if (k < 20 || k > 60) {
                    throw invalidField("resource.bgp.keepaliveInterval", bgp.get("keepaliveInterval").asText(), "Must be between 20 and 60.");
                }
            }
        }
        JsonNode nats = router.path("nats");
        Set<String> names = new HashSet<>();
        Set<String> natted = new HashSet<>();
        String region = key.split("/")[3];
        String netKey = networkOf(router);
        for (int i = 0; i < nats.size(); i++) {
            JsonNode nat = nats.get(i);
            String field = "resource.nats[" + i + "]";
            String name = text(nat, "name");
            if (name == null) throw GoogleError.required(field + ".name");
            checkName(field + ".name", name);
            if (!names.add(name)) throw invalidField(field + ".name", name, "The NAT name is already used in this router.");
            String type = nat.has("type") ? oneOf(field + ".type", nat.get("type").asText(), "PUBLIC", "PRIVATE") : "PUBLIC";
            String allocate = text(nat, "natIpAllocateOption");
            int natIps = nat.path("natIps").size();
            if (type.equals("PUBLIC")) {
                if (allocate == null) throw GoogleError.required(field + ".natIpAllocateOption");
                oneOf(field + ".natIpAllocateOption", allocate, "AUTO_ONLY", "MANUAL_ONLY");
                if (allocate.equals("AUTO_ONLY") && natIps > 0) {
                    throw invalidField(field + ".natIps", nat.get("natIps").toString(), "When choosing AUTO_ONLY, natIps must be empty.");
                }
                if (allocate.equals("MANUAL_ONLY") && natIps == 0) throw GoogleError.required(field + ".natIps");
                for (int j = 0; j < natIps; j++) {
                    String ipRef = nat.get("natIps").get(j).asText();
                    Matcher m = ADDRESS_REF.matcher(reference(field + ".natIps[" + j + "]", ipRef, key.split("/")[1], ADDRESS_REF));
                    if (m.matches() && !m.group(1).equals(region)) {
                        throw invalidField(field + ".natIps[" + j + "]", ipRef, "A NAT IP address must be in the region of the router.");
                    }
                }
            } else if (allocate != null) {
                throw invalidField(field + ".natIpAllocateOption", allocate, "A PRIVATE NAT takes no natIpAllocateOption.");
            }
            String source = text(nat, "sourceSubnetworkIpRangesToNat");
            if (source == null) throw GoogleError.required(field + ".sourceSubnetworkIpRangesToNat");
            oneOf(field + ".sourceSubnetworkIpRangesToNat", source, "ALL_SUBNETWORKS_ALL_IP_RANGES",
                    "ALL_SUBNETWORKS_ALL_PRIMARY_IP_RANGES", "LIST_OF_SUBNETWORKS");
            JsonNode subs = nat.path("subnetworks");
            if (!source.equals("LIST_OF_SUBNETWORKS") && subs.size() > 0) {
                throw invalidField(field + ".subnetworks", subs.toString(), "Subnetworks are given only with LIST_OF_SUBNETWORKS.");
            }
            if (source.equals("LIST_OF_SUBNETWORKS") && subs.size() == 0) throw GoogleError.required(field + ".subnetworks");
            if (source.equals("ALL_SUBNETWORKS_ALL_IP_RANGES") && (nats.size() > 1 || otherNats(key, netKey, region, false))
                    || otherNats(key, netKey, region, true)) {
                throw invalidField(field + ".sourceSubnetworkIpRangesToNat", source,
                        "With ALL_SUBNETWORKS_ALL_IP_RANGES there must be no other NAT for this network in this region.");
            }
            for (int j = 0; j < subs.size(); j++) natSubnetwork(field + ".subnetworks[" + j + "]", subs.get(j), key, netKey, natted);
            if (nat.has("minPortsPerVm")) {
                int min = nat.get("minPortsPerVm").asInt();
                boolean dynamic = nat.path("enableDynamicPortAllocation").asBoolean();
                if (min < 2 || min > 65536 || dynamic && (min < 32 || Integer.bitCount(min) != 1)) {
                    throw invalidField(field + ".minPortsPerVm", nat.get("minPortsPerVm").asText(), dynamic
                            ? "With dynamic port allocation, minPortsPerVm must be a power of two of at least 32."
                            : "minPortsPerVm must be between 2 and 65536.");
                }
            }
            if (nat.path("enableDynamicPortAllocation").asBoolean() && nat.path("enableEndpointIndependentMapping").asBoolean()) {
                throw invalidField(field + ".enableEndpointIndependentMapping", "true",
                        "enableEndpointIndependentMapping cannot be set to true with dynamic port allocation.");
            }
            JsonNode log = nat.get("logConfig");
            if (log != null && log.has("filter")) oneOf(field + ".logConfig.filter", log.get("filter").asText(), "ALL", "ERRORS_ONLY", "TRANSLATIONS_ONLY");
        }
        if (nats.size() == 0) router.remove("nats");
    }

    /** True when another router of the network in the region has a NAT (one for ALL_SUBNETWORKS_ALL_IP_RANGES, when {@code allRanges}). */
    private boolean otherNats(String routerKey, String netKey, String region, boolean allRanges) {
        for (Map.Entry<String, ObjectNode> e : of("routers")) {
            if (e.getKey().equals(routerKey) || !e.getKey().split("/")[3].equals(region) || !networkOf(e.getValue()).equals(netKey)) continue;
            for (JsonNode nat : e.getValue().path("nats")) {
                if (!allRanges || "ALL_SUBNETWORKS_ALL_IP_RANGES".equals(nat.path("sourceSubnetworkIpRangesToNat").asText())) return true;
            }
        }
        return false;
    }

    private void natSubnetwork(String field, JsonNode sub, String routerKey, String netKey, Set<String> natted) throws GoogleError {
        String ref = text(sub, "name");
        if (ref == null) throw GoogleError.required(field + ".name");
        String subKey = reference(field + ".name", ref, routerKey.split("/")[1], SUBNETWORK_REF);
        ObjectNode s = live(subKey);
        if (!subKey.split("/")[3].equals(routerKey.split("/")[3]) || !networkOf(s).equals(netKey)) {
            throw invalidField(field + ".name", ref, "The subnetwork must be in the network and the region of the router.");
        }
        if (!natted.add(subKey)) throw invalidField(field + ".name", ref, "The subnetwork is already given in a NAT of this router.");
        JsonNode ranges = sub.path("sourceIpRangesToNat");
        if (ranges.size() == 0) throw GoogleError.required(field + ".sourceIpRangesToNat");
        Set<String> given = new HashSet<>();
        for (JsonNode r : ranges) given.add(oneOf(field + ".sourceIpRangesToNat", r.asText(), "ALL_IP_RANGES", "PRIMARY_IP_RANGE",
                "LIST_OF_SECONDARY_IP_RANGES"));
        if (given.contains("ALL_IP_RANGES") && given.size() > 1) {
            throw invalidField(field + ".sourceIpRangesToNat", ranges.toString(), "ALL_IP_RANGES cannot be given with other options.");
        }
        JsonNode names = sub.path("secondaryIpRangeNames");
        if (given.contains("LIST_OF_SECONDARY_IP_RANGES") != (names.size() > 0)) {
            throw invalidField(field + ".secondaryIpRangeNames", names.toString(),
                    "secondaryIpRangeNames are given exactly when LIST_OF_SECONDARY_IP_RANGES is.");
        }
        for (JsonNode n : names) {
            boolean found = false;
            for (JsonNode r : s.path("secondaryIpRanges")) found |= r.path("rangeName").asText().equals(n.asText());
            if (!found) throw invalidField(field + ".secondaryIpRangeNames", n.asText(), "The subnetwork has no secondary range of that name.");
        }
    }

    // ---- global addresses

    private Response insertAddress(String project, JsonNode b) throws GoogleError {
        String name = name(b);
        String key = "projects/" + project + "/global/addresses/" + name;
        if (resources.containsKey(key)) throw alreadyExists(key);
        // Address.addressType: "If unspecified, defaults to EXTERNAL."
        String type = b.has("addressType") ? oneOf("resource.addressType", b.get("addressType").asText(), "INTERNAL", "EXTERNAL") : "EXTERNAL";
        String ipVersion = b.has("ipVersion") ? oneOf("resource.ipVersion", b.get("ipVersion").asText(), "IPV4", "IPV6") : "IPV4";
        String purpose = text(b, "purpose");
        ObjectNode a = FakeGoogleApis.object();
        a.put("kind", "compute#address").put("id", id()).put("creationTimestamp", now()).put("name", name);
        if (b.has("description")) a.put("description", b.get("description").asText());
        String given = text(b, "address");
        if (type.equals("EXTERNAL")) {
            if (purpose != null) throw invalidField("resource.purpose", purpose, "A global EXTERNAL address takes no purpose.");
            if (b.has("network")) {
                throw invalidField("resource.network", b.get("network").asText(),
                        "The network can only be used with INTERNAL type with the VPC_PEERING purpose.");
            }
            if (ipVersion.equals("IPV6")) throw invalidField("resource.ipVersion", ipVersion, "This fake reserves IPv4 addresses only.");
            a.put("address", given != null ? given : ip(nextExternal++)).put("addressType", type).put("ipVersion", ipVersion)
                    .put("networkTier", "PREMIUM");
        } else {
            if (purpose == null) throw GoogleError.required("resource.purpose");
            oneOf("resource.purpose", purpose, "VPC_PEERING", "PRIVATE_SERVICE_CONNECT");
            String netRef = text(b, "network");
            if (netRef == null) throw GoogleError.required("resource.network");
            String netKey = reference("resource.network", netRef, project, NETWORK_REF);
            live(netKey);
            notReady(netKey);
            int prefix = 32;
            if (purpose.equals("VPC_PEERING")) {
                if (!b.has("prefixLength")) throw GoogleError.required("resource.prefixLength");
                prefix = b.get("prefixLength").asInt();
                if (prefix < 8 || prefix > 29) throw invalidField("resource.prefixLength", b.get("prefixLength").asText(), "Must be between 8 and 29.");
            }
            Cidr range;
            if (given != null) {
                range = Cidr.parse(given + "/" + prefix);
                if (range == null || !range.aligned()) {
                    throw invalidField("resource.address", given, "Must be an IPv4 address that starts a /" + prefix + " range.");
                }
                if (PRIVATE.stream().noneMatch(p -> p.contains(range))) {
                    throw invalidField("resource.address", given, "The range is not in the valid private IPv4 ranges.");
                }
                for (Taken t : taken(netKey, null)) {
                    if (range.overlaps(t.cidr())) throw conflict("resource.address", range, t.holder());
                }
            } else {
                range = free(netKey, prefix);
            }
            a.put("address", ip(range.base())).put("addressType", type).put("purpose", purpose).put("network", LINK + netKey);
            if (purpose.equals("VPC_PEERING")) a.put("prefixLength", prefix);
        }
        a.put("status", "RESERVING").put("labelFingerprint", "42WmSpB8rSM=").put("selfLink", LINK + key);
        resources.put(key, a);
        return start(project, null, "insert", key, () -> {
            if (resources.containsKey(key)) resources.get(key).put("status", "RESERVED");
        });
    }

    /** The first free aligned range of the prefix length, in 10.0.0.0/8, then 172.16.0.0/12, then 192.168.0.0/16. */
    private Cidr free(String netKey, int prefix) throws GoogleError {
        List<Taken> taken = taken(netKey, null);
        for (Cidr block : PRIVATE.subList(0, 3)) {
            if (block.prefix() > prefix) continue;
            long size = 1L << (32 - prefix);
            for (long base = block.base(); base + size - 1 <= block.last(); base += size) {
                Cidr c = new Cidr(base, prefix);
                if (taken.stream().noneMatch(t -> t.cidr().overlaps(c))) return c;
            }
        }
        throw GoogleError.invalid("No free /" + prefix + " range is left in the network '" + netKey + "'.");
    }

    // ---- shared by the collections

    /** A delete carried out when its operation is done (firewalls, routes, routers, addresses). */
    private Response delete(String project, String region, String key) throws GoogleError {
        live(key);
        notReady(key);
        deleting.add(key);
        return start(project, region, "delete", key, () -> {
            deleting.remove(key);
            resources.remove(key);
            madeBy.remove(key);
        });
    }

    /** A JSON merge patch of the given fields; the others (name, network, output fields) may only be sent unchanged. */
    private ObjectNode merge(ObjectNode current, JsonNode patch, String project, List<String> fields) throws GoogleError {
        ObjectNode out = current.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String f = e.getKey();
            if (fields.contains(f)) {
                if (e.getValue().isNull()) out.remove(f);
                else out.set(f, e.getValue());
            } else if (!sameField(current, f, e.getValue(), project)) {
                throw invalidField("resource." + f, e.getValue().asText(), "This field cannot be changed.");
            }
        }
        return out;
    }

    /** True when a patch gives a field its current value (a link compared by what it names). */
    private static boolean sameField(ObjectNode current, String field, JsonNode value, String project) {
        JsonNode now = current.get(field);
        if (value.equals(now)) return true;
        if (now == null || !value.isTextual()) return false;
        if (field.equals("network")) {
            String k = value.asText();
            for (String host : HOSTS) if (k.startsWith(host)) k = k.substring(host.length());
            if (k.startsWith("global/")) k = "projects/" + project + "/" + k;
            return k.equals(key(now.asText()));
        }
        return field.equals("region") && value.asText().endsWith("/" + last(now.asText()));
    }

    private Response list(String scope, Request r) throws GoogleError {
        Predicate<JsonNode> filter = filter(r.query("filter"));
        int max = 500;
        if (r.query("maxResults") != null) {
            String m = r.query("maxResults");
            if (!m.matches("\\d{1,3}") || Integer.parseInt(m) > 500) throw invalidField("maxResults", m, "Must be between 0 and 500.");
            max = Integer.parseInt(m) == 0 ? 500 : Integer.parseInt(m);
        }
        int from = 0;
        if (r.query("pageToken") != null && !r.query("pageToken").isEmpty()) {
            String t = r.query("pageToken");
            if (!t.matches("\\d{1,9}")) throw invalidField("pageToken", t, "The page token is not one this list gave.");
            from = Integer.parseInt(t);
        }
        List<ObjectNode> items = new ArrayList<>();
        for (Map.Entry<String, ObjectNode> e : resources.entrySet()) {
            String k = e.getKey();
            if (k.startsWith(scope + "/") && k.indexOf('/', scope.length() + 1) < 0 && !pending.contains(k) && filter.test(e.getValue())) {
                items.add(e.getValue());
            }
        }
        String collection = last(scope);
        ObjectNode out = FakeGoogleApis.object();
        out.put("kind", "compute#" + collection.substring(0, collection.length() - (collection.endsWith("sses") ? 2 : 1)) + "List")
                .put("id", scope).put("selfLink", LINK + scope);
        if (from < items.size()) {
            ArrayNode page = out.putArray("items");
            for (ObjectNode item : items.subList(from, Math.min(items.size(), from + max))) page.add(item.deepCopy());
        }
        if (from + max < items.size()) out.put("nextPageToken", String.valueOf(from + max));
        return Response.ok(out);
    }

    /**
     * The filter of a list: {@code FIELD = VALUE}, {@code !=}, and the regular expression forms
     * {@code eq} and {@code ne}, alone or several in parentheses joined by AND or spaces (the list
     * methods' filter docs); OR and comparisons other than these are refused.
     */
    private static Predicate<JsonNode> filter(String expr) throws GoogleError {
        if (expr == null || expr.isBlank()) return n -> true;
        Matcher m = FILTER_TERM.matcher(expr);
        List<Predicate<JsonNode>> terms = new ArrayList<>();
        StringBuilder rest = new StringBuilder();
        int end = 0;
        while (m.find()) {
            rest.append(expr, end, m.start());
            end = m.end();
            String[] path = m.group(1).split("\\.");
            String op = m.group(2);
            String value = m.group(3).replaceAll("^[\"']|[\"']$", "");
            terms.add(node -> {
                JsonNode v = node;
                for (String p : path) v = v.path(p);
                String actual = v.isValueNode() ? v.asText() : "";
                return switch (op) {
                    case "=" -> actual.equals(value);
                    case "!=" -> !actual.equals(value);
                    case "eq" -> actual.matches(value);
                    default -> !actual.matches(value);
                };
            });
        }
        rest.append(expr.substring(end));
        if (terms.isEmpty() || !rest.toString().replaceAll("\\bAND\\b|[()\\s]", "").isEmpty()) {
            throw invalidField("filter", expr, "Invalid list filter expression.");
        }
        return n -> terms.stream().allMatch(t -> t.test(n));
    }

    private ObjectNode live(String key) throws GoogleError {
        ObjectNode o = visible(key);
        if (o == null) throw GoogleError.notFoundResource(key);
        return o;
    }

    private ObjectNode visible(String key) {
        return pending.contains(key) ? null : resources.get(key);
    }

    private void notReady(String key) throws GoogleError {
        if (deleting.contains(key)) {
            throw new GoogleError(400, "FAILED_PRECONDITION", "resourceNotReady", "The resource '" + key + "' is not ready");
        }
    }

    private List<Map.Entry<String, ObjectNode>> of(String collection) {
        List<Map.Entry<String, ObjectNode>> out = new ArrayList<>();
        for (Map.Entry<String, ObjectNode> e : resources.entrySet()) {
            if (collection(e.getKey()).equals(collection) && !pending.contains(e.getKey())) out.add(e);
        }
        return out;
    }

    private String root(String key) {
        String k = key;
        for (String m = madeBy.get(k); m != null; m = madeBy.get(k)) k = m;
        return k;
    }

    private static String networkOf(JsonNode resource) {
        return key(resource.path("network").asText());
    }

    private static String collection(String key) {
        String[] k = key.split("/");
        return k.length >= 2 ? k[k.length - 2] : "";
    }

    private static String last(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The key (projects/...) of a self link. */
    private static String key(String link) {
        for (String host : HOSTS) {
            if (link.startsWith(host)) return link.substring(host.length());
        }
        return link;
    }

    /** The key a reference names: a full link, a partial path from projects/, or one from global/ or regions/ in the project. */
    private static String reference(String field, String ref, String project, Pattern form) throws GoogleError {
        String path = key(ref);
        if (path.startsWith("global/") || path.startsWith("regions/") || path.startsWith("zones/")) path = "projects/" + project + "/" + path;
        if (!form.matcher(path).matches()) throw invalidField(field, ref, "The URL is malformed.");
        return path;
    }

    private static ArrayNode array(ObjectNode o, String field) {
        return o.has(field) ? (ArrayNode) o.get(field) : o.putArray(field);
    }

    private static String name(JsonNode body) throws GoogleError {
        String name = text(body, "name");
        if (name == null || name.isEmpty()) throw GoogleError.required("resource.name");
        checkName("resource.name", name);
        return name;
    }

    private static void checkName(String field, String name) throws GoogleError {
        if (!NAME.matcher(name).matches()) {
            throw invalidField(field, name, "Must be a match of regex '(?:[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?)'");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String oneOf(String field, String value, String... allowed) throws GoogleError {
        if (!List.of(allowed).contains(value)) throw invalidField(field, value, "Must be one of " + String.join(", ", allowed) + ".");
        return value;
    }

    private static int priority(String field, JsonNode given, int dflt) throws GoogleError {
        if (given == null || given.isNull()) return dflt;
        if (!given.canConvertToInt() || given.asInt() < 0 || given.asInt() > 65535) {
            throw invalidField(field, given.asText(), "Must be an integer between 0 and 65535.");
        }
        return given.asInt();
    }

    private static GoogleError invalidField(String field, String value, String detail) {
        return GoogleError.invalid("Invalid value for field '" + field + "': '" + (value == null ? "" : value) + "'. " + detail);
    }

    private static GoogleError alreadyExists(String key) {
        return GoogleError.alreadyExists("The resource '" + key + "' already exists");
    }

    private static GoogleError unserved(Request r) {
        return GoogleError.notFound("no API of this fake serves " + r.method() + " " + r.path());
    }

    static Long ipv4(String text) {
        String[] p = text.split("\\.", -1);
        if (p.length != 4) return null;
        long v = 0;
        for (String octet : p) {
            if (!octet.matches("\\d{1,3}") || Integer.parseInt(octet) > 255) return null;
            v = v * 256 + Integer.parseInt(octet);
        }
        return v;
    }

    static String ip(long v) {
        return (v >> 24 & 255) + "." + (v >> 16 & 255) + "." + (v >> 8 & 255) + "." + (v & 255);
    }

    private static boolean isIpv6(String text) {
        return text.contains(":") && text.matches("[0-9a-fA-F:.]+") && text.length() <= 45;
    }

    private static boolean isCidr(String text) {
        if (Cidr.parse(text) != null) return true;
        int slash = text.indexOf('/');
        return slash > 0 && isIpv6(text.substring(0, slash)) && text.substring(slash + 1).matches("\\d{1,3}")
                && Integer.parseInt(text.substring(slash + 1)) <= 128;
    }

    private static boolean isCidrOrIp(String text) {
        return isCidr(text) || ipv4(text) != null || isIpv6(text);
    }

    private String id() {
        lastId += 1 + random.nextInt(1_000_000);
        return Long.toString(lastId);
    }

    private String hex(int digits) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < digits; i++) b.append(Character.forDigit(random.nextInt(16), 16));
        return b.toString();
    }

    private String fingerprint() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String now() {
        return ZonedDateTime.now(PACIFIC).format(TIME);
    }

    // ---- FakeNetworks, and what Service Networking's fake asks

    @Override
    public synchronized boolean network(String project, String name) {
        return visible("projects/" + project + "/global/networks/" + name) != null;
    }

    @Override
    public synchronized boolean subnetwork(String project, String region, String name) {
        return visible("projects/" + project + "/regions/" + region + "/subnetworks/" + name) != null;
    }

    /** True when the network has the Service Networking peering, ACTIVE, to a service producer's network. */
    @Override
    public synchronized boolean privateServicesConnected(String project, String network) {
        ObjectNode n = visible("projects/" + project + "/global/networks/" + network);
        ObjectNode p = n == null ? null : peeringNamed(n, SERVICE_PEERING);
        return p != null && "ACTIVE".equals(p.path("state").asText()) && producers.contains(key(p.path("network").asText()));
    }

    /**
     * Marks a network (by name, link or path) or a subnetwork (by link or path, as
     * {@code regions/us-central1/subnetworks/nodes}) as used by {@code user}; while used, its delete
     * is refused with resourceInUseByAnotherResource naming the user.
     */
    @Override
    public synchronized void use(String project, String network, String user, boolean used) {
        String key = "projects/" + project + "/global/networks/" + network;
        if (network.contains("/")) {
            try {
                key = network.contains("/subnetworks/") ? reference("subnetwork", network, project, SUBNETWORK_REF)
                        : reference("network", network, project, NETWORK_REF);
            } catch (GoogleError e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        if (used) users.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(user);
        else if (users.containsKey(key)) users.get(key).remove(user);
    }

    /** The users {@link #use} marked on the network (by name). */
    public synchronized Set<String> users(String project, String network) {
        return new LinkedHashSet<>(users.getOrDefault("projects/" + project + "/global/networks/" + network, Set.of()));
    }

    /** A stored object as GET answers it (a network, an operation, ...), by its path from {@code projects/} or its self link; null when there is none. */
    public synchronized ObjectNode json(String path) {
        String key = key(path);
        Op op = operations.get(key);
        if (op != null) return op.json.deepCopy();
        ObjectNode o = visible(key);
        return o == null ? null : o.deepCopy();
    }

    /** Every route of the project, those Compute made (default-route-..., the internet and subnet routes) among them. */
    public synchronized List<ObjectNode> routes(String project) {
        List<ObjectNode> out = new ArrayList<>();
        for (Map.Entry<String, ObjectNode> e : of("routes")) {
            if (e.getKey().startsWith("projects/" + project + "/")) out.add(e.getValue().deepCopy());
        }
        return out;
    }

    /**
     * A custom mode network owned by someone else: in a project this caller cannot read (403), that
     * a network here can peer with; {@link #acceptPeering} makes its side of a peering. Answers its self link.
     */
    public synchronized String peerNetwork(String project, String name) {
        if (projectNumbers.containsKey(project)) throw new IllegalArgumentException(project + " is one of the caller's projects");
        foreign.add(project);
        String key = "projects/" + project + "/global/networks/" + name;
        resources.putIfAbsent(key, networkJson(project, name, false));
        return LINK + key;
    }

    /** The owner of a network (any project) adds its peering {@code peering} to {@code peerNetworkLink}. */
    public synchronized void acceptPeering(String project, String network, String peering, String peerNetworkLink) {
        ObjectNode n = resources.get("projects/" + project + "/global/networks/" + network);
        if (n == null) throw new IllegalArgumentException("no network " + network + " in " + project);
        removePeeringNamed(n, peering);
        array(n, "peerings").addObject().put("name", peering).put("network", LINK + key(peerNetworkLink))
                .put("autoCreateRoutes", true).put("exchangeSubnetRoutes", true).put("exportCustomRoutes", false)
                .put("importCustomRoutes", false).put("exportSubnetRoutesWithPublicIp", true)
                .put("importSubnetRoutesWithPublicIp", false).put("stackType", "IPV4_ONLY").put("updateStrategy", "INDEPENDENT");
        refreshPeerings();
    }

    /** The owner of a network (any project) removes its peering {@code peering}. */
    public synchronized void dropPeering(String project, String network, String peering) {
        removePeeringNamed(resources.get("projects/" + project + "/global/networks/" + network), peering);
        refreshPeerings();
    }

    synchronized Long projectNumber(String project) {
        return projectNumbers.get(project);
    }

    synchronized String projectOfNumber(long number) {
        for (Map.Entry<String, Long> e : projectNumbers.entrySet()) {
            if (e.getValue() == number) return e.getKey();
        }
        return null;
    }

    /** Service Networking's peering of the network with the service producer's network, made on both sides. */
    synchronized void connectServices(String project, String network) {
        String netKey = "projects/" + project + "/global/networks/" + network;
        ObjectNode n = visible(netKey);
        if (n == null) return;
        String tenant = "sn" + Long.toHexString(projectNumbers.get(project)) + "-tp";
        String producerKey = "projects/" + tenant + "/global/networks/servicenetworking";
        peerNetwork(tenant, "servicenetworking");
        producers.add(producerKey);
        if (peeringTo(resources.get(producerKey), netKey) == null) {
            acceptPeering(tenant, "servicenetworking", "c" + n.get("id").asText(), LINK + netKey);
        }
        if (peeringNamed(n, SERVICE_PEERING) == null) acceptPeering(project, network, SERVICE_PEERING, LINK + producerKey);
    }

    /** The Service Networking peering removed from both sides. */
    synchronized void disconnectServices(String project, String network) {
        String netKey = "projects/" + project + "/global/networks/" + network;
        ObjectNode n = resources.get(netKey);
        ObjectNode p = n == null ? null : peeringNamed(n, SERVICE_PEERING);
        if (p == null) return;
        ObjectNode producer = resources.get(key(p.path("network").asText()));
        ObjectNode back = producer == null ? null : peeringTo(producer, netKey);
        if (back != null) removePeeringNamed(producer, back.path("name").asText());
        removePeeringNamed(n, SERVICE_PEERING);
        refreshPeerings();
    }
}
