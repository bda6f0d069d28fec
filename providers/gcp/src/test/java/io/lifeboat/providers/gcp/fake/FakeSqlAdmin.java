package io.lifeboat.providers.gcp.fake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lifeboat.providers.gcp.fake.FakeGoogleApis.Request;
import io.lifeboat.providers.gcp.fake.FakeGoogleApis.Response;

/**
 * Cloud SQL Admin API v1 as google-api-services-sqladmin calls it with its root URL set to the
 * fake (https://cloud.google.com/sql/docs/postgres/admin-api/rest, google/cloud/sql/v1/*.proto):
 * <ul>
 * <li>{@code /v1/projects/{p}/instances}: GET (list), POST insert (a DatabaseInstance);</li>
 * <li>{@code .../instances/{i}}: GET, PATCH (merged into the instance), PUT update (its settings replaced), DELETE;</li>
 * <li>{@code .../instances/{i}/restoreBackup}: POST {@code {restoreBackupContext: {backupRunId, instanceId, project}}};</li>
 * <li>{@code .../instances/{i}/promoteReplica}: POST, no body (a read replica made a stand-alone primary);</li>
 * <li>{@code .../instances/{i}/backupRuns}: GET (newest first; {@code i} may be {@code -}), POST insert (an ON_DEMAND run);
 * {@code .../backupRuns/{id}}: GET;</li>
 * <li>{@code /v1/projects/{p}/operations/{op}}: GET, a sql#operation; {@code /v1/projects/{p}/operations?instance=i}: GET (newest first).</li>
 * </ul>
 * Every change answers a sql#operation that is RUNNING; it reads DONE once read
 * {@link #pollsUntilDone(int)} times, and only then does its change take effect (an instance is
 * PENDING_CREATE until its CREATE is DONE, then RUNNABLE, or FAILED when the operation failed).
 * Like Cloud SQL, an instance runs one operation at a time: another change while one runs is
 * refused with 409 operationInProgress. An instance with a private address uses its network
 * ({@link FakeNetworks#use}) from its insert until its delete is DONE.
 *
 * <p>Each instance holds a test-visible {@link #data(String) data} string: a backup run keeps the
 * data of its time, and a restore copies the run's data into the target.
 *
 * <p>Read replicas (https://cloud.google.com/sql/docs/postgres/replication/create-replica): an
 * insert with {@code masterInstanceName} ({@code NAME} in the project, or {@code PROJECT:NAME})
 * makes one, its {@code instanceType} READ_REPLICA_INSTANCE. Its master must exist (404
 * instanceDoesNotExist otherwise), be RUNNABLE (409 invalidState) and not itself be a replica ("you
 * can't create a replica of a replica"); a MySQL master needs binary logging ("Binary logging must be
 * enabled"). The replica runs its master's databaseVersion (a different one given is refused) and
 * takes no backups: {@code backupConfiguration.enabled} true is refused on insert and patch, as are
 * on-demand backup runs and restores into it ({@code INVALID_OPERATION}: "The operation isn't valid
 * for this instance."). Once its CREATE is DONE the master's {@code replicaNames} lists it and it
 * holds its master's data, which follows the master's {@link #setData} while it replicates (RUNNABLE,
 * {@code settings.databaseReplicationEnabled} not false). {@code promoteReplica} (operation
 * PROMOTE_REPLICA) makes it a CLOUD_SQL_INSTANCE without {@code masterInstanceName}, gone from its
 * master's {@code replicaNames}; on an instance that is not a replica it is refused 400
 * INVALID_OPERATION. The master may be gone by then (its region lost): a replica and its promotion do
 * not need it. {@code masterInstanceName} is not changed by a patch.
 */
public final class FakeSqlAdmin implements FakeGoogleApis.FakeApi {
    private static final String PROJECT = "/v1/projects/([^/]+)";
    private static final Pattern INSTANCES = Pattern.compile(PROJECT + "/instances");
    private static final Pattern INSTANCE = Pattern.compile(PROJECT + "/instances/([^/]+)");
    private static final Pattern RESTORE = Pattern.compile(PROJECT + "/instances/([^/]+)/restoreBackup");
    private static final Pattern PROMOTE = Pattern.compile(PROJECT + "/instances/([^/]+)/promoteReplica");
    private static final Pattern RUNS = Pattern.compile(PROJECT + "/instances/([^/]+)/backupRuns");
    private static final Pattern RUN = Pattern.compile(PROJECT + "/instances/([^/]+)/backupRuns/([^/]+)");
    private static final Pattern OPERATIONS = Pattern.compile(PROJECT + "/operations");
    private static final Pattern OPERATION = Pattern.compile(PROJECT + "/operations/([^/]+)");

    /** Instance ID: "lowercase letters, numbers, and hyphens; start with a letter", project:instance at most 98 characters. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern CUSTOM_TIER = Pattern.compile("db-custom-(\\d+)-(\\d+)");
    private static final Pattern N1_TIER = Pattern.compile("db-n1-(standard|highmem)-(\\d+)");
    private static final Pattern PERF_TIER = Pattern.compile("db-perf-optimized-N-(\\d+)");
    private static final Pattern START_TIME = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");
    private static final Pattern NETWORK = Pattern.compile("(?:.*/)?projects/([^/]+)/global/networks/([^/]+)");
    /** "You can't reuse the name of the deleted instance until one week from the deletion date." */
    private static final Duration NAME_REUSE = Duration.ofDays(7);
    private static final Set<String> MULTI_REGIONS = Set.of("us", "eu", "asia");

    /** SqlDatabaseVersion (cloud_sql_resources.proto) but the unspecified and the retired ones. */
    private static final Set<String> VERSIONS = Set.of("MYSQL_5_6", "MYSQL_5_7", "MYSQL_8_0", "MYSQL_8_0_18", "MYSQL_8_0_26",
            "MYSQL_8_0_27", "MYSQL_8_0_28", "MYSQL_8_0_30", "MYSQL_8_0_31", "MYSQL_8_0_32", "MYSQL_8_0_33", "MYSQL_8_0_34",
            "MYSQL_8_0_35", "MYSQL_8_0_36", "MYSQL_8_0_37", "MYSQL_8_0_39", "MYSQL_8_0_40", "MYSQL_8_0_41", "MYSQL_8_0_42",
            "MYSQL_8_4", "POSTGRES_9_6", "POSTGRES_10", "POSTGRES_11", "POSTGRES_12", "POSTGRES_13", "POSTGRES_14", "POSTGRES_15",
            "POSTGRES_16", "POSTGRES_17", "POSTGRES_18", "SQLSERVER_2017_STANDARD", "SQLSERVER_2017_ENTERPRISE",
            "SQLSERVER_2017_EXPRESS", "SQLSERVER_2017_WEB", "SQLSERVER_2019_STANDARD", "SQLSERVER_2019_ENTERPRISE",
            "SQLSERVER_2019_EXPRESS", "SQLSERVER_2019_WEB", "SQLSERVER_2022_STANDARD", "SQLSERVER_2022_ENTERPRISE",
            "SQLSERVER_2022_EXPRESS", "SQLSERVER_2022_WEB");
    /** The minor version an instance of a major one runs (databaseInstalledVersion). */
    private static final Map<String, String> INSTALLED = Map.of("MYSQL_8_0", "MYSQL_8_0_41", "MYSQL_8_4", "MYSQL_8_4_5",
            "POSTGRES_13", "POSTGRES_13_21", "POSTGRES_14", "POSTGRES_14_18", "POSTGRES_15", "POSTGRES_15_13",
            "POSTGRES_16", "POSTGRES_16_9", "POSTGRES_17", "POSTGRES_17_5", "POSTGRES_18", "POSTGRES_18_0");
    /** Fields of a DatabaseInstance not copied from a request: output only, fixed at creation, settings (checked apart), the root password (input only). */
    private static final Set<String> FIXED = Set.of("kind", "state", "name", "project", "region", "databaseVersion", "selfLink",
            "connectionName", "ipAddresses", "serviceAccountEmailAddress", "gceZone", "secondaryGceZone", "createTime",
            "databaseInstalledVersion", "backendType", "instanceType", "settings", "rootPassword", "masterInstanceName", "replicaNames");
    static final String READ_REPLICA = "READ_REPLICA_INSTANCE";
    static final String PRIMARY = "CLOUD_SQL_INSTANCE";

    private record Failure(String code, String message) {
    }

    /** The change of an operation, made when it is DONE: null when made, else why it failed (nothing changed). */
    private interface Change {
        Failure make();
    }

    private static final class Instance {
        final String project;
        final String name;
        final ObjectNode json;
        final List<ObjectNode> runs = new ArrayList<>();
        final Map<Long, String> runData = new HashMap<>();
        String data = "";
        /** The network of its private address that it uses: {project, name}, or null. */
        String[] network;

        Instance(String project, String name, ObjectNode json) {
            this.project = project;
            this.name = name;
            this.json = json;
        }

        ObjectNode settings() {
            return (ObjectNode) json.get("settings");
        }

        String version() {
            return json.get("databaseVersion").asText();
        }

        boolean replica() {
            return READ_REPLICA.equals(json.path("instanceType").asText());
        }

        /** A replica whose replication runs: RUNNABLE, not stopped. */
        boolean replicating() {
            return replica() && json.path("state").asText().equals("RUNNABLE")
                    && settings().path("databaseReplicationEnabled").asBoolean(true);
        }
    }

    private static final class Op {
        final ObjectNode json;
        final Instance target;
        final Change change;
        final Consumer<Failure> onFailure;
        final Failure failure;
        int reads;

        Op(ObjectNode json, Instance target, Change change, Consumer<Failure> onFailure, Failure failure) {
            this.json = json;
            this.target = target;
            this.change = change;
            this.onFailure = onFailure;
            this.failure = failure;
        }
    }

    private final FakeNetworks networks;
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private final Map<String, Instant> deleted = new HashMap<>();
    private final Map<String, Op> operations = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private int pollsUntilDone = 1;
    private int addresses;
    private long lastRunId;
    private Failure nextFailure;

    public FakeSqlAdmin(FakeNetworks networks) {
        this.networks = networks;
    }

    // --- test hooks ---

    /** How many reads of an operation it takes to read DONE (default 1: the first read). */
    public synchronized void pollsUntilDone(int polls) {
        this.pollsUntilDone = polls;
    }

    /** The clock of every time the fake writes, and of the week a deleted instance's name stays taken. */
    public synchronized void clock(Clock clock) {
        this.clock = clock;
    }

    /**
     * The next operation ends DONE with this error ({@code code} as Cloud SQL's, ERROR_GCE_STOCKOUT
     * for example): a failed CREATE leaves the instance FAILED, a failed BACKUP_VOLUME its run
     * FAILED, any other failed operation changes nothing.
     */
    public synchronized void failNextOperation(String code, String message) {
        nextFailure = new Failure(code, message);
    }

    /** The stored instance as GET answers it, or null. */
    public synchronized JsonNode json(String project, String instance) {
        Instance i = instances.get(project + ":" + instance);
        return i == null ? null : i.json.deepCopy();
    }

    /** The data of the instance of this name (in whichever project). */
    public synchronized String data(String instance) {
        return named(instance).data;
    }

    /** Sets the data of the instance of this name, as its users would write it; its replicas that replicate follow. */
    public synchronized void setData(String instance, String data) {
        Instance i = named(instance);
        i.data = data;
        for (JsonNode r : i.json.path("replicaNames")) {
            Instance replica = instances.get(i.project + ":" + r.asText());
            if (replica != null && replica.replicating()) replica.data = data;
        }
    }

    /**
     * Sets the instance's state as Cloud SQL would on its own (FAILED after a fatal error, SUSPENDED
     * with a {@code suspensionReason} such as BILLING_ISSUE, MAINTENANCE, RUNNABLE again).
     */
    public synchronized void setState(String instance, String state, String suspensionReason) {
        Instance i = named(instance);
        i.json.put("state", state);
        if (suspensionReason == null) i.json.remove("suspensionReason");
        else i.json.putArray("suspensionReason").add(suspensionReason);
    }

    /** Stops a replica's replication, as instances.stopReplica does: settings.databaseReplicationEnabled false. */
    public synchronized void stopReplication(String instance) {
        Instance i = named(instance);
        if (!i.replica()) throw new IllegalArgumentException(instance + " is not a read replica");
        i.settings().put("databaseReplicationEnabled", false);
    }

    /**
     * The automated backups of a window at {@code at}: every RUNNABLE instance whose
     * backupConfiguration is enabled gets a SUCCESSFUL AUTOMATED run holding its data, kept in
     * backupConfiguration.location or else the instance's region; then only the newest
     * backupRetentionSettings.retainedBackups (7 by default) automated runs are kept.
     */
    public synchronized void takeAutomatedBackups(Instant at) {
        for (Instance i : instances.values()) {
            JsonNode backups = i.settings().path("backupConfiguration");
            if (!i.json.path("state").asText().equals("RUNNABLE") || !backups.path("enabled").asBoolean(false)) continue;
            ObjectNode run = run(i, "AUTOMATED", at, "");
            run.put("status", "SUCCESSFUL").put("endTime", at.toString());
            int retained = backups.path("backupRetentionSettings").path("retainedBackups").asInt(7);
            List<ObjectNode> automated = i.runs.stream().filter(r -> r.path("type").asText().equals("AUTOMATED"))
                    .sorted(NEWEST_FIRST).toList();
            for (ObjectNode old : automated.subList(Math.min(retained, automated.size()), automated.size())) {
                i.runs.remove(old);
                i.runData.remove(old.get("id").asLong());
            }
        }
    }

    private Instance named(String instance) {
        List<Instance> found = instances.values().stream().filter(i -> i.name.equals(instance)).toList();
        if (found.size() != 1) throw new IllegalArgumentException(found.size() + " instances are named " + instance);
        return found.get(0);
    }

    // --- routing ---

    @Override
    public boolean serves(Request request) {
        String p = request.path();
        return INSTANCES.matcher(p).matches() || INSTANCE.matcher(p).matches() || RESTORE.matcher(p).matches() || PROMOTE.matcher(p).matches()
                || RUNS.matcher(p).matches() || RUN.matcher(p).matches() || OPERATIONS.matcher(p).matches()
                || OPERATION.matcher(p).matches();
    }

    @Override
    public synchronized Response handle(Request r) throws GoogleError {
        String path = r.path();
        String method = r.method();
        Matcher m;
        if ((m = OPERATION.matcher(path)).matches() && method.equals("GET")) return Response.ok(readOperation(m.group(1), m.group(2)));
        if ((m = OPERATIONS.matcher(path)).matches() && method.equals("GET")) return Response.ok(listOperations(m.group(1), r.query("instance")));
        if ((m = INSTANCES.matcher(path)).matches()) {
            if (method.equals("GET")) return Response.ok(listInstances(m.group(1)));
            if (method.equals("POST")) return Response.ok(insert(m.group(1), r.body()));
        }
        if ((m = PROMOTE.matcher(path)).matches() && method.equals("POST")) return Response.ok(promote(instance(m.group(1), m.group(2))));
        if ((m = RESTORE.matcher(path)).matches() && method.equals("POST")) {
            return Response.ok(restore(instance(m.group(1), m.group(2)), r.body()));
        }
        if ((m = RUNS.matcher(path)).matches()) {
            if (method.equals("GET")) return Response.ok(listRuns(m.group(1), m.group(2), r));
            if (method.equals("POST")) return Response.ok(backup(instance(m.group(1), m.group(2)), r.body()));
        }
        if ((m = RUN.matcher(path)).matches() && method.equals("GET")) {
            return Response.ok(findRun(instance(m.group(1), m.group(2)), m.group(3)).deepCopy());
        }
        if ((m = INSTANCE.matcher(path)).matches()) {
            switch (method) {
                case "GET":
                    return Response.ok(instance(m.group(1), m.group(2)).json.deepCopy());
                case "PATCH":
                    return Response.ok(change(instance(m.group(1), m.group(2)), r.body(), false));
                case "PUT":
                    return Response.ok(change(instance(m.group(1), m.group(2)), r.body(), true));
                case "DELETE":
                    return Response.ok(delete(instance(m.group(1), m.group(2))));
                default:
                    break;
            }
        }
        throw GoogleError.notFound("Cloud SQL Admin API: no method " + method + " " + path);
    }

    // --- instances ---

    private ObjectNode listInstances(String project) {
        ObjectNode out = FakeGoogleApis.object().put("kind", "sql#instancesList");
        ArrayNode items = FakeGoogleApis.JSON.createArrayNode();
        instances.values().stream().filter(i -> i.project.equals(project)).forEach(i -> items.add(i.json.deepCopy()));
        if (!items.isEmpty()) out.set("items", items);
        return out;
    }

    private ObjectNode insert(String project, JsonNode body) throws GoogleError {
        String name = body.path("name").asText("");
        if (!NAME.matcher(name).matches() || (project + ":" + name).length() > 98) {
            throw GoogleError.invalid("Invalid request: instance name (" + name + ").");
        }
        String key = project + ":" + name;
        if (instances.containsKey(key)) throw conflict("ALREADY_EXISTS", "instanceAlreadyExists", "The Cloud SQL instance already exists.");
        Instant gone = deleted.get(key);
        if (gone != null && now().isBefore(gone.plus(NAME_REUSE))) {
            throw conflict("ALREADY_EXISTS", "instanceAlreadyExists", "The Cloud SQL instance already exists. When you delete an instance, you can't"
                    + " reuse the name of the deleted instance until one week from the deletion date.");
        }
        Instance master = body.hasNonNull("masterInstanceName") ? master(project, body.get("masterInstanceName").asText()) : null;
        // the API's default engine is MySQL (gcloud's MYSQL_8_0); a replica's, its master's
        String version = body.path("databaseVersion").asText(master != null ? master.version() : "MYSQL_8_0");
        if (!VERSIONS.contains(version)) {
            throw GoogleError.invalid("Invalid value at 'body.database_version' (type.googleapis.com/google.cloud.sql.v1.SqlDatabaseVersion), \""
                    + version + "\"");
        }
        String region = body.path("region").asText("us-central1");
        if (!FakeContainer.REGIONS.containsKey(region)) throw GoogleError.invalid("Invalid request: region (" + region + ") is not valid.");
        JsonNode in = body.path("settings");
        if (!in.path("tier").isTextual()) throw GoogleError.required("settings.tier");
        if (master != null && !version.equals(master.version())) {
            throw GoogleError.invalid("Invalid request: a read replica runs its primary's database version (" + master.version()
                    + "), not " + version + ".");
        }

        ObjectNode settings = settings(in, version, region).put("settingsVersion", "1");
        if (master != null) {
            refuseReplicaBackups(settings);
            if (!settings.has("databaseReplicationEnabled")) settings.put("databaseReplicationEnabled", true);
        }
        Instant now = now();
        long number = FakeContainer.projectNumber(project);
        ObjectNode json = FakeGoogleApis.object()
                .put("kind", "sql#instance")
                .put("state", "PENDING_CREATE")
                .put("databaseVersion", version)
                .put("databaseInstalledVersion", INSTALLED.getOrDefault(version, version))
                .put("project", project)
                .put("name", name)
                .put("region", region)
                .put("connectionName", project + ":" + region + ":" + name)
                .put("selfLink", "https://sqladmin.googleapis.com/v1/projects/" + project + "/instances/" + name)
                .put("serviceAccountEmailAddress", "p" + number + "-" + UUID.randomUUID().toString().substring(0, 6)
                        + "@gcp-sa-cloud-sql.iam.gserviceaccount.com")
                .put("backendType", "SECOND_GEN")
                .put("instanceType", master != null ? READ_REPLICA : PRIMARY)
                .put("createTime", now.toString());
        if (master != null) {
            json.put("masterInstanceName", master.project.equals(project) ? master.name : master.project + ":" + master.name);
        }
        json.set("settings", settings);
        zones(json);
        Iterator<Map.Entry<String, JsonNode>> rest = body.fields();
        while (rest.hasNext()) {
            Map.Entry<String, JsonNode> f = rest.next();
            if (!FIXED.contains(f.getKey())) json.set(f.getKey(), f.getValue().deepCopy());
        }
        Instance i = new Instance(project, name, json);
        instances.put(key, i);
        String[] network = privateNetwork(project, settings);
        if (network != null) use(i, network);

        return operation(i, "CREATE", () -> {
            if (network != null && !networks.privateServicesConnected(network[0], network[1])) return noServiceNetworking(network);
            json.put("state", "RUNNABLE");
            addresses(i);
            if (master != null) {
                i.data = master.data;
                ArrayNode names = master.json.path("replicaNames").isArray() ? (ArrayNode) master.json.get("replicaNames")
                        : master.json.putArray("replicaNames");
                names.add(name);
            }
            return null;
        }, failure -> {
            json.put("state", "FAILED");
            release(i);
        });
    }

    /** A patch (merged into the instance) or an update (its settings replaced, settingsVersion required). */
    private ObjectNode change(Instance i, JsonNode body, boolean update) throws GoogleError {
        for (String fixed : List.of("name", "region", "databaseVersion")) {
            if (body.has(fixed) && !body.get(fixed).asText().equals(i.json.get(fixed).asText())) {
                throw GoogleError.invalid("Invalid request: the " + fixed + " of an instance cannot be changed (" + body.get(fixed).asText() + ").");
            }
        }
        if (body.hasNonNull("masterInstanceName") && !body.get("masterInstanceName").asText().equals(i.json.path("masterInstanceName").asText())) {
            throw GoogleError.invalid("Invalid request: the masterInstanceName of an instance cannot be changed ("
                    + body.get("masterInstanceName").asText() + "); promote a replica with instances.promoteReplica.");
        }
        idle(i);
        JsonNode in = body.path("settings");
        long version = i.settings().get("settingsVersion").asLong();
        // Settings.settings_version: "This is a required field for update method to make sure concurrent updates are handled properly."
        if (update && !in.has("settingsVersion")) throw GoogleError.required("settings.settingsVersion");
        if (in.has("settingsVersion") && in.get("settingsVersion").asLong() != version) {
            throw new GoogleError(412, "FAILED_PRECONDITION", "staleData", "Precondition check failed: settingsVersion "
                    + in.get("settingsVersion").asText() + " is not the instance's (" + version + ").");
        }
        if (update && !in.path("tier").isTextual()) throw GoogleError.required("settings.tier");
        ObjectNode merged = update ? in.deepCopy() : merge(i.settings().deepCopy(), in);
        merged.remove("settingsVersion");
        ObjectNode settings = settings(merged, i.version(), i.json.get("region").asText());
        if (i.replica()) refuseReplicaBackups(settings);
        if (i.settings().has("databaseReplicationEnabled") && !in.has("databaseReplicationEnabled")) {
            settings.set("databaseReplicationEnabled", i.settings().get("databaseReplicationEnabled"));
        }
        String[] network = privateNetwork(i.project, settings);

        return operation(i, "UPDATE", () -> {
            boolean moved = network != null && (i.network == null || !String.join("/", network).equals(String.join("/", i.network)));
            if (moved && !networks.privateServicesConnected(network[0], network[1])) return noServiceNetworking(network);
            if (network == null || moved) release(i);
            if (moved) use(i, network);
            settings.put("settingsVersion", Long.toString(version + 1));
            i.json.set("settings", settings);
            Iterator<Map.Entry<String, JsonNode>> rest = body.fields();
            while (rest.hasNext()) {
                Map.Entry<String, JsonNode> f = rest.next();
                if (!FIXED.contains(f.getKey())) i.json.set(f.getKey(), f.getValue().deepCopy());
            }
            zones(i.json);
            addresses(i);
            return null;
        }, failure -> { });
    }

    private ObjectNode delete(Instance i) throws GoogleError {
        if (i.settings().path("deletionProtectionEnabled").asBoolean(false)) {
            // ERROR_PROTECTED_INSTANCE_DELETION_FAILURE (https://cloud.google.com/sql/docs/postgres/admin-api-error-messages)
            throw GoogleError.invalid("The instance is protected. Please disable the deletion protection and try again. To disable deletion"
                    + " protection, update the instance settings with deletionProtectionEnabled set to false.");
        }
        refuseWhileRunning(i);
        i.json.put("state", "PENDING_DELETE");
        return operation(i, "DELETE", () -> {
            instances.remove(i.project + ":" + i.name);
            deleted.put(i.project + ":" + i.name, now());
            release(i);
            return null;
        }, failure -> i.json.put("state", "RUNNABLE"));
    }

    private ObjectNode restore(Instance target, JsonNode body) throws GoogleError {
        JsonNode context = body.path("restoreBackupContext");
        if (!context.isObject() || !context.has("backupRunId")) throw GoogleError.required("restoreBackupContext.backupRunId");
        if (target.replica()) throw invalidOperation("a read replica cannot be restored into; promote it first");
        idle(target);
        Instance source = instance(context.path("project").asText(target.project), context.path("instanceId").asText(target.name));
        ObjectNode run = findRun(source, context.get("backupRunId").asText());
        if (!run.path("status").asText().equals("SUCCESSFUL")) {
            // ERROR_INVALID_BACKUP_RUN_STATUS
            throw GoogleError.invalid("The backup run status isn't valid for the given request: " + run.path("status").asText() + ".");
        }
        if (!run.path("databaseVersion").asText().equals(target.version())) {
            throw GoogleError.invalid("Invalid request: the backup's database version (" + run.path("databaseVersion").asText()
                    + ") does not match the target instance's (" + target.version() + ").");
        }
        String data = source.runData.get(run.get("id").asLong());
        return operation(target, "RESTORE_VOLUME", () -> {
            target.data = data;
            return null;
        }, failure -> { });
    }

    /** instances.promoteReplica: the replica becomes a stand-alone primary; its master (if it is still there) forgets it. */
    private ObjectNode promote(Instance i) throws GoogleError {
        if (!i.replica()) throw invalidOperation("instance " + i.name + " is not a read replica (" + i.json.path("instanceType").asText() + ")");
        idle(i);
        return operation(i, "PROMOTE_REPLICA", () -> {
            String masterName = i.json.path("masterInstanceName").asText();
            Instance master = instances.get(masterName.contains(":") ? masterName : i.project + ":" + masterName);
            if (master != null && master.json.path("replicaNames").isArray()) {
                ArrayNode names = (ArrayNode) master.json.get("replicaNames");
                for (int k = names.size() - 1; k >= 0; k--) {
                    if (names.get(k).asText().equals(i.name)) names.remove(k);
                }
                if (names.isEmpty()) master.json.remove("replicaNames");
            }
            i.json.remove("masterInstanceName");
            i.json.put("instanceType", PRIMARY);
            i.settings().remove("databaseReplicationEnabled");
            return null;
        }, failure -> { });
    }

    /** The master of a new replica: {@code NAME} in the project or {@code PROJECT:NAME}, RUNNABLE, not a replica itself. */
    private Instance master(String project, String ref) throws GoogleError {
        int colon = ref.indexOf(':');
        Instance master = instance(colon < 0 ? project : ref.substring(0, colon), colon < 0 ? ref : ref.substring(colon + 1));
        if (master.replica()) {
            throw GoogleError.invalid("Invalid request: instance " + master.name + " is a read replica: you can't create a replica of a replica.");
        }
        if (!master.json.path("state").asText().equals("RUNNABLE")) {
            throw conflict("ABORTED", "invalidState", "The instance or operation is not in an appropriate state to handle the request.");
        }
        if (master.version().startsWith("MYSQL") && !master.settings().path("backupConfiguration").path("binaryLogEnabled").asBoolean(false)) {
            throw GoogleError.invalid("Invalid request: binary logging must be enabled on the primary instance " + master.name
                    + " before a read replica is created.");
        }
        return master;
    }

    /** Read replicas take no backups: backupConfiguration.enabled must be false. */
    private static void refuseReplicaBackups(JsonNode settings) throws GoogleError {
        if (settings.path("backupConfiguration").path("enabled").asBoolean(false)) {
            throw GoogleError.invalid("Invalid request: backups are not supported on a read replica: backupConfiguration.enabled must be"
                    + " false.");
        }
    }

    /** INVALID_OPERATION (400): "The operation isn't valid for this instance." */
    private static GoogleError invalidOperation(String why) {
        return new GoogleError(400, "INVALID_ARGUMENT", "invalidOperation", "The operation isn't valid for this instance: " + why + ".");
    }

    // --- backup runs ---

    private ObjectNode backup(Instance i, JsonNode body) throws GoogleError {
        if (i.replica()) throw invalidOperation("a read replica takes no backups");
        idle(i);
        // BackupRun.type "defaults to ON_DEMAND and is ignored, when specified for insert requests"
        ObjectNode run = run(i, "ON_DEMAND", now(), body.path("description").asText(""));
        if (body.has("location")) run.put("location", body.get("location").asText());
        run.put("status", "RUNNING");
        ObjectNode op = operation(i, "BACKUP_VOLUME", () -> {
            run.put("status", "SUCCESSFUL").put("endTime", now().toString());
            return null;
        }, failure -> {
            run.put("status", "FAILED").put("endTime", now().toString());
            run.putObject("error").put("kind", "sql#operationError").put("code", failure.code()).put("message", failure.message());
        });
        ObjectNode context = FakeGoogleApis.object().put("kind", "sql#backupContext").put("backupId", run.get("id").asText());
        operations.get(i.project + "/" + op.get("name").asText()).json.set("backupContext", context);
        op.set("backupContext", context.deepCopy());
        return op;
    }

    /** A new run of the instance with its data of now, kept where its backupConfiguration says, else in its region. */
    private ObjectNode run(Instance i, String type, Instant at, String description) {
        long id = Math.max(lastRunId + 1, at.toEpochMilli());
        lastRunId = id;
        ObjectNode run = FakeGoogleApis.object()
                .put("kind", "sql#backupRun")
                .put("id", Long.toString(id))
                .put("instance", i.name)
                .put("type", type)
                .put("enqueuedTime", at.toString())
                .put("startTime", at.toString())
                .put("windowStartTime", at.toString())
                .put("location", i.settings().path("backupConfiguration").path("location").asText(i.json.get("region").asText()))
                .put("databaseVersion", i.version())
                .put("backupKind", "SNAPSHOT")
                .put("selfLink", i.json.get("selfLink").asText() + "/backupRuns/" + id);
        if (!description.isEmpty()) run.put("description", description);
        i.runs.add(run);
        i.runData.put(id, i.data);
        return run;
    }

    /** BackupRunsListResponse: "in reverse chronological order of the enqueued time". */
    private static final Comparator<JsonNode> NEWEST_FIRST = Comparator.<JsonNode, Instant>comparing(
            r -> Instant.parse(r.get("enqueuedTime").asText())).thenComparing(r -> r.get("id").asLong()).reversed();

    private ObjectNode listRuns(String project, String instance, Request r) throws GoogleError {
        List<ObjectNode> runs = new ArrayList<>();
        if (instance.equals("-")) {
            instances.values().stream().filter(i -> i.project.equals(project)).forEach(i -> runs.addAll(i.runs));
        } else {
            runs.addAll(instance(project, instance).runs);
        }
        runs.sort(NEWEST_FIRST);
        int from = r.query("pageToken") == null ? 0 : Integer.parseInt(r.query("pageToken"));
        int max = r.query("maxResults") == null ? runs.size() : Integer.parseInt(r.query("maxResults"));
        int to = Math.min(runs.size(), from + max);
        ObjectNode out = FakeGoogleApis.object().put("kind", "sql#backupRunsList");
        if (from < to) out.putArray("items").addAll(runs.subList(from, to).stream().map(ObjectNode::deepCopy).toList());
        if (to < runs.size()) out.put("nextPageToken", Integer.toString(to));
        return out;
    }

    private static ObjectNode findRun(Instance i, String id) throws GoogleError {
        return i.runs.stream().filter(r -> r.get("id").asText().equals(id)).findFirst()
                .orElseThrow(() -> new GoogleError(404, "NOT_FOUND", "backupRunDoesNotExist", "The backup run does not exist."));
    }

    // --- operations ---

    private ObjectNode operation(Instance i, String type, Change change, Consumer<Failure> onFailure) {
        String name = UUID.randomUUID().toString();
        ObjectNode json = FakeGoogleApis.object()
                .put("kind", "sql#operation")
                .put("name", name)
                .put("operationType", type)
                .put("status", "RUNNING")
                .put("user", "lifeboat@" + i.project + ".iam.gserviceaccount.com")
                .put("insertTime", now().toString())
                .put("startTime", now().toString())
                .put("targetId", i.name)
                .put("targetProject", i.project)
                .put("targetLink", i.json.get("selfLink").asText())
                .put("selfLink", "https://sqladmin.googleapis.com/v1/projects/" + i.project + "/operations/" + name);
        operations.put(i.project + "/" + name, new Op(json, i, change, onFailure, nextFailure));
        nextFailure = null;
        return json.deepCopy();
    }

    private ObjectNode readOperation(String project, String name) throws GoogleError {
        Op op = operations.get(project + "/" + name);
        if (op == null) throw new GoogleError(404, "NOT_FOUND", "operationDoesNotExist", "The Cloud SQL instance operation does not exist.");
        if (!op.json.path("status").asText().equals("DONE") && ++op.reads >= pollsUntilDone) {
            op.json.put("status", "DONE").put("endTime", now().toString());
            Failure failure = op.failure != null ? op.failure : op.change.make();
            if (failure != null) {
                op.json.putObject("error").put("kind", "sql#operationErrors").putArray("errors").addObject()
                        .put("kind", "sql#operationError").put("code", failure.code()).put("message", failure.message());
                op.onFailure.accept(failure);
            }
        }
        return op.json.deepCopy();
    }

    private ObjectNode listOperations(String project, String instance) {
        ObjectNode out = FakeGoogleApis.object().put("kind", "sql#operationsList");
        List<Op> ops = new ArrayList<>(operations.values());
        ArrayNode items = FakeGoogleApis.JSON.createArrayNode();
        for (int k = ops.size() - 1; k >= 0; k--) {
            Op op = ops.get(k);
            if (op.target.project.equals(project) && (instance == null || op.target.name.equals(instance))) items.add(op.json.deepCopy());
        }
        if (!items.isEmpty()) out.set("items", items);
        return out;
    }

    /** "Operation failed because another operation was already in progress." (409 OPERATION_IN_PROGRESS) */
    private void refuseWhileRunning(Instance i) throws GoogleError {
        for (Op op : operations.values()) {
            if (op.target == i && !op.json.path("status").asText().equals("DONE")) {
                throw conflict("ABORTED", "operationInProgress", "Operation failed because another operation was already in progress."
                        + " Try your request after the current operation is complete.");
            }
        }
    }

    /** A change of an instance needs no operation running on it, and the instance RUNNABLE (409 INVALID_STATE). */
    private void idle(Instance i) throws GoogleError {
        refuseWhileRunning(i);
        if (!i.json.path("state").asText().equals("RUNNABLE")) {
            throw conflict("ABORTED", "invalidState", "The instance or operation is not in an appropriate state to handle the request.");
        }
    }

    // --- settings ---

    /** Checks the settings of an instance and gives them the defaults Cloud SQL gives. */
    private static ObjectNode settings(JsonNode in, String version, String region) throws GoogleError {
        ObjectNode s = in.deepCopy();
        String edition = edition(s.path("edition").asText(""), version);
        String tier = s.path("tier").asText();
        checkTier(tier, edition, version);
        s.put("kind", "sql#settings").put("edition", edition);
        String availability = s.path("availabilityType").asText("ZONAL");
        if (!availability.equals("ZONAL") && !availability.equals("REGIONAL")) {
            throw GoogleError.invalid("Invalid value at 'body.settings.availability_type', \"" + availability + "\"");
        }
        s.put("availabilityType", availability);
        defaults(s, "pricingPlan", "PER_USE", "activationPolicy", "ALWAYS", "dataDiskType", "PD_SSD", "dataDiskSizeGb", "10",
                "storageAutoResizeLimit", "0", "connectorEnforcement", "NOT_REQUIRED", "replicationType", "SYNCHRONOUS");
        if (!s.has("storageAutoResize")) s.put("storageAutoResize", true);
        if (!s.has("deletionProtectionEnabled")) s.put("deletionProtectionEnabled", false);
        // Settings.data_disk_size_gb: "The data disk size minimum is 10GB."
        if (s.get("dataDiskSizeGb").asLong() < 10) throw GoogleError.invalid("Invalid request: the data disk size minimum is 10 GB.");
        FakeContainer.checkLabels("settings.user_labels", s.path("userLabels"));

        ObjectNode ip = object(s, "ipConfiguration");
        if (!ip.has("ipv4Enabled")) ip.put("ipv4Enabled", true);
        if (ip.has("privateNetwork") && !NETWORK.matcher(ip.get("privateNetwork").asText()).matches()) {
            throw GoogleError.invalid("Invalid request: Incorrect Service Networking config for instance: the private network ("
                    + ip.get("privateNetwork").asText() + ") is not a network of the form projects/PROJECT/global/networks/NAME.");
        }
        if (!ip.get("ipv4Enabled").asBoolean() && !ip.has("privateNetwork") && !ip.path("pscConfig").path("pscEnabled").asBoolean(false)) {
            throw GoogleError.invalid("Invalid request: At least one of Public IP or Private IP or PSC connectivity must be enabled.");
        }

        ObjectNode backups = object(s, "backupConfiguration");
        backups.put("kind", "sql#backupConfiguration");
        if (!backups.has("enabled")) backups.put("enabled", false);
        if (!backups.has("startTime")) backups.put("startTime", "03:00");
        if (!START_TIME.matcher(backups.get("startTime").asText()).matches()) {
            throw GoogleError.invalid("Invalid request: backup start time (" + backups.get("startTime").asText() + ") is not HH:MM.");
        }
        if (backups.has("location")) {
            String location = backups.get("location").asText();
            if (!FakeContainer.REGIONS.containsKey(location) && !MULTI_REGIONS.contains(location)) {
                throw GoogleError.invalid("Invalid request: backup location (" + location + ") is not a region or a multi-region.");
            }
        }
        boolean enabled = backups.get("enabled").asBoolean();
        if (backups.path("binaryLogEnabled").asBoolean(false) && !version.startsWith("MYSQL")) {
            throw GoogleError.invalid("Invalid request: binary logging is only for MySQL instances.");
        }
        // BackupConfiguration.binary_log_enabled: "If backup configuration is disabled, binarylog must be disabled as well."
        if (!enabled && (backups.path("binaryLogEnabled").asBoolean(false) || backups.path("pointInTimeRecoveryEnabled").asBoolean(false))) {
            throw GoogleError.invalid("Invalid request: point-in-time recovery needs backups enabled.");
        }
        if (!backups.has("pointInTimeRecoveryEnabled") && !version.startsWith("MYSQL")) backups.put("pointInTimeRecoveryEnabled", false);
        if (!backups.has("binaryLogEnabled") && version.startsWith("MYSQL")) backups.put("binaryLogEnabled", false);
        ObjectNode retention = object(backups, "backupRetentionSettings");
        if (!retention.has("retentionUnit")) retention.put("retentionUnit", "COUNT");
        if (!retention.get("retentionUnit").asText().equals("COUNT")) {
            throw GoogleError.invalid("Invalid request: backup retention unit must be COUNT.");
        }
        if (!retention.has("retainedBackups")) retention.put("retainedBackups", 7);
        int retained = retention.get("retainedBackups").asInt();
        if (retained < 1 || retained > 365) throw GoogleError.invalid("Invalid request: retained backups must be between 1 and 365.");
        int maxLogDays = edition.equals("ENTERPRISE_PLUS") ? 35 : 7;
        if (!backups.has("transactionLogRetentionDays")) backups.put("transactionLogRetentionDays", Math.min(maxLogDays, 14));
        int logDays = backups.get("transactionLogRetentionDays").asInt();
        if (logDays < 1 || logDays > maxLogDays) {
            throw GoogleError.invalid("Invalid request: The number of transaction log retention days must be between 1 and " + maxLogDays);
        }
        ObjectNode location = object(s, "locationPreference");
        location.put("kind", "sql#locationPreference");
        if (location.has("zone") && !FakeContainer.REGIONS.get(region).contains(location.get("zone").asText())) {
            // ERROR_GCE_ZONE_REGION
            throw GoogleError.invalid("Invalid request: The Compute Engine zone (" + location.get("zone").asText() + ") is in a different"
                    + " geographical region from " + region + ".");
        }
        if (!location.has("zone")) location.put("zone", FakeContainer.REGIONS.get(region).get(0));
        return s;
    }

    /**
     * Settings.edition: given, or Cloud SQL's default for the version: Enterprise Plus for
     * PostgreSQL 16 and later and MySQL 8.4 (https://cloud.google.com/sql/docs/postgres/create-instance#machine-types).
     */
    private static String edition(String given, String version) throws GoogleError {
        if (given.isEmpty()) {
            boolean plus = version.startsWith("MYSQL_8_4")
                    || (version.startsWith("POSTGRES_") && Integer.parseInt(version.substring(9).split("_")[0]) >= 16);
            return plus ? "ENTERPRISE_PLUS" : "ENTERPRISE";
        }
        if (!given.equals("ENTERPRISE") && !given.equals("ENTERPRISE_PLUS")) {
            throw GoogleError.invalid("Invalid value at 'body.settings.edition' (type.googleapis.com/google.cloud.sql.v1.Settings.Edition), \"" + given + "\"");
        }
        return given;
    }

    /**
     * The tier's shape (https://cloud.google.com/sql/docs/postgres/instance-settings): Enterprise Plus
     * takes db-perf-optimized-N-{2..128}; Enterprise the shared cores db-f1-micro and db-g1-small (not
     * for SQL Server), db-n1-standard/highmem (not for PostgreSQL), and db-custom-CPUS-MEMORY with
     * CPUS 1 or even up to 96 and MEMORY 0.9 to 6.5 GB a vCPU, a multiple of 256 MB, at least 3840 MB.
     */
    private static void checkTier(String tier, String edition, String version) throws GoogleError {
        String invalidTier = "Invalid request: Invalid Tier (" + tier + ") for (" + edition + ") Edition.";
        Matcher perf = PERF_TIER.matcher(tier);
        if (edition.equals("ENTERPRISE_PLUS")) {
            if (!perf.matches() || !Set.of(2, 4, 8, 16, 32, 48, 64, 80, 96, 128).contains(Integer.parseInt(perf.group(1)))) {
                throw GoogleError.invalid(invalidTier + " Use a predefined Tier like db-perf-optimized-N-* instead.");
            }
            return;
        }
        if (tier.equals("db-f1-micro") || tier.equals("db-g1-small")) {
            if (version.startsWith("SQLSERVER")) throw GoogleError.invalid(invalidTier);
            return;
        }
        Matcher n1 = N1_TIER.matcher(tier);
        if (n1.matches()) {
            if (version.startsWith("POSTGRES")) {
                throw GoogleError.invalid("Invalid request: Only custom or shared-core instance Billing Tier type allowed for PostgreSQL database.");
            }
            Set<Integer> cpus = n1.group(1).equals("standard") ? Set.of(1, 2, 4, 8, 16, 32, 64, 96) : Set.of(2, 4, 8, 16, 32, 64, 96);
            if (!cpus.contains(Integer.parseInt(n1.group(2)))) throw GoogleError.invalid(invalidTier);
            return;
        }
        Matcher custom = CUSTOM_TIER.matcher(tier);
        if (custom.matches()) {
            int cpus = Integer.parseInt(custom.group(1));
            long memory = Long.parseLong(custom.group(2));
            boolean cpusOk = cpus == 1 || (cpus % 2 == 0 && cpus >= 2 && cpus <= 96);
            boolean memoryOk = memory % 256 == 0 && memory >= 3840 && memory * 10 >= cpus * 1024L * 9 && memory * 2 <= cpus * 1024L * 13;
            if (cpusOk && memoryOk) return;
            throw GoogleError.invalid(invalidTier + " A custom tier has 1 or an even number of vCPUs up to 96, and 0.9 to 6.5 GB of memory"
                    + " a vCPU, a multiple of 256 MB and at least 3840 MB.");
        }
        throw GoogleError.invalid(invalidTier);
    }

    /** The network of settings.ipConfiguration.privateNetwork, {project, name}, or null. */
    private static String[] privateNetwork(String project, JsonNode settings) {
        JsonNode ref = settings.path("ipConfiguration").path("privateNetwork");
        if (!ref.isTextual()) return null;
        Matcher m = NETWORK.matcher(ref.asText());
        return m.matches() ? new String[] {m.group(1), m.group(2)} : new String[] {project, ref.asText()};
    }

    /** How Cloud SQL fails a create on a network with no private services access (the code is Cloud SQL's as best known). */
    private static Failure noServiceNetworking(String[] network) {
        return new Failure("INTERNAL_ERROR", "Failed to create subnetwork. Please create Service Networking connection with service"
                + " 'servicenetworking.googleapis.com' from consumer project '" + FakeContainer.projectNumber(network[0])
                + "' network '" + network[1] + "' again.");
    }

    private void use(Instance i, String[] network) {
        i.network = network;
        networks.use(network[0], network[1], "sql:" + i.name, true);
    }

    private void release(Instance i) {
        if (i.network == null) return;
        networks.use(i.network[0], i.network[1], "sql:" + i.name, false);
        i.network = null;
    }

    /** The instance's addresses as its ipConfiguration gives them: PRIMARY and OUTGOING when public, PRIVATE on a private network. */
    private void addresses(Instance i) {
        ArrayNode ips = i.json.putArray("ipAddresses");
        JsonNode ip = i.settings().path("ipConfiguration");
        int n = ++addresses;
        if (ip.path("ipv4Enabled").asBoolean(true)) {
            ips.addObject().put("type", "PRIMARY").put("ipAddress", "198.51.100." + n);
            ips.addObject().put("type", "OUTGOING").put("ipAddress", "198.51.100." + (128 + n % 127));
        }
        if (ip.has("privateNetwork")) ips.addObject().put("type", "PRIVATE").put("ipAddress", "10.99.0." + n);
    }

    /** gceZone from locationPreference.zone; a REGIONAL instance's standby in another zone of the region. */
    private static void zones(ObjectNode json) {
        String zone = json.get("settings").path("locationPreference").path("zone").asText();
        json.put("gceZone", zone);
        if (json.get("settings").path("availabilityType").asText().equals("REGIONAL")) {
            List<String> zones = FakeContainer.REGIONS.get(json.get("region").asText());
            json.put("secondaryGceZone", zones.get((zones.indexOf(zone) + 1) % zones.size()));
        } else {
            json.remove("secondaryGceZone");
        }
    }

    // --- helpers ---

    private Instance instance(String project, String name) throws GoogleError {
        Instance i = instances.get(project + ":" + name);
        if (i == null) throw new GoogleError(404, "NOT_FOUND", "instanceDoesNotExist", "The Cloud SQL instance does not exist.");
        return i;
    }

    private Instant now() {
        return clock.instant();
    }

    /** Cloud SQL's 409s (CONFLICT in https://cloud.google.com/sql/docs/postgres/admin-api-error-messages), named by their reason. */
    private static GoogleError conflict(String status, String reason, String message) {
        return new GoogleError(409, status, reason, message);
    }

    private static ObjectNode object(ObjectNode parent, String field) {
        return parent.path(field).isObject() ? (ObjectNode) parent.get(field) : parent.putObject(field);
    }

    private static void defaults(ObjectNode s, String... pairs) {
        for (int k = 0; k < pairs.length; k += 2) {
            if (!s.has(pairs[k])) s.put(pairs[k], pairs[k + 1]);
        }
    }

    /** A patch merged into a copy: objects field by field, anything else replaced. */
    private static ObjectNode merge(ObjectNode into, JsonNode patch) {
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (f.getValue().isObject() && into.path(f.getKey()).isObject()) {
                merge((ObjectNode) into.get(f.getKey()), f.getValue());
            } else {
                into.set(f.getKey(), f.getValue().deepCopy());
            }
        }
        return into;
    }
}
