package io.lifeboat.providers.gcp;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.api.services.sqladmin.model.BackupRun;
import com.google.api.services.sqladmin.model.DatabaseInstance;
import com.google.api.services.sqladmin.model.InstancesRestoreBackupRequest;
import com.google.api.services.sqladmin.model.Operation;
import com.google.api.services.sqladmin.model.RestoreBackupContext;

import io.lifeboat.program.gcp.GcpSchemas;
import io.lifeboat.provider.HoldsReplicas;
import io.lifeboat.provider.KeepsBackups;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.TakesBackups;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/**
 * {@code gcp:sql/databaseInstance:DatabaseInstance}: a Cloud SQL instance through the SQL Admin
 * API, its id its name. pulumi-gcp's {@code settings.diskSize} is the API's
 * {@code dataDiskSizeGb}; the URN's mark is a label in {@code settings.userLabels}. Settings
 * change by {@code instances.patch}; a {@code restoreBackupContext} that changes restores that
 * backup run into the instance ({@code instances.restoreBackup}), as pulumi-gcp does, so a
 * failover restores the newest copy into the survivor's instance. {@code deletionProtection}
 * (true unless set false) refuses a delete.
 *
 * <p>Backups are the instance's backup runs, kept where {@code backupConfiguration.location}
 * says: the newest successful one held in this provider's region is the recovery point
 * ({@link KeepsBackups}), and {@link TakesBackups} runs an on-demand one there.
 *
 * <p>A {@code masterInstanceName} makes the instance a read replica of that instance (its name in
 * this project, or {@code PROJECT:NAME}), in whichever region the replica's {@code region} says
 * (https://cloud.google.com/sql/docs/postgres/replication/create-replica). Cloud SQL read replicas
 * take no backups: a replica whose {@code settings.backupConfiguration} enables backups or
 * point-in-time recovery, or that is to have a backup restored into it, is refused before any call,
 * as is one whose master is not there or is itself a replica. Reads say {@code masterInstanceName}
 * (absent once promoted) and {@code instanceType} ({@code READ_REPLICA_INSTANCE},
 * {@code CLOUD_SQL_INSTANCE}). An update that removes {@code masterInstanceName} promotes the
 * replica ({@code instances.promoteReplica}, without {@code failover}: the old primary, if it comes
 * back, stays an independent primary), waits until it is a RUNNABLE {@code CLOUD_SQL_INSTANCE}
 * (it takes writes then), and only then patches the rest of the change and restores a changed
 * {@code restoreBackupContext}; run again on a promoted instance it promotes nothing.
 * {@link HoldsReplicas} answers from {@code instances.get} and Cloud Monitoring's
 * {@value #REPLICA_LAG}.
 */
final class DatabaseInstanceType extends GcpType implements KeepsBackups, TakesBackups, HoldsReplicas {
    /** Cloud Monitoring's REST root (the endpoint override takes its calls as it takes every API's). */
    static final String MONITORING = "https://monitoring.googleapis.com/";
    /** "Number of seconds the read replica is behind its primary", a GAUGE of the cloudsql_database resource. */
    static final String REPLICA_LAG = "cloudsql.googleapis.com/database/replication/replica_lag";
    /** How far back the newest lag figure is looked for. */
    static final Duration LAG_WINDOW = Duration.ofMinutes(15);
    static final String READ_REPLICA = "READ_REPLICA_INSTANCE";
    static final String STANDALONE = "CLOUD_SQL_INSTANCE";

    DatabaseInstanceType(GcpClients gcp) {
        super(GcpSchemas.DATABASE_INSTANCE, gcp);
    }

    private ObjectNode instance(Props in, Urn urn, String existingMark) {
        ObjectNode o = ApiJson.object().put("name", str(in, "name")).put("region", str(in, "region") == null ? region() : str(in, "region"))
                .put("databaseVersion", str(in, "databaseVersion"));
        if (str(in, "masterInstanceName") != null) o.put("masterInstanceName", str(in, "masterInstanceName"));
        if (str(in, "rootPassword") != null) o.put("rootPassword", str(in, "rootPassword"));
        ObjectNode settings = jsonObj(in, "settings");
        // an int64: JSON carries it as a string
        if (settings.has("diskSize")) settings.put("dataDiskSizeGb", settings.remove("diskSize").asText());
        JsonNode ip = settings.path("ipConfiguration");
        if (ip.hasNonNull("privateNetwork")) {
            ((ObjectNode) ip).put("privateNetwork", "projects/" + project() + "/global/networks/" + last(ip.get("privateNetwork").asText()));
        }
        settings.set("userLabels", labels(obj(in, "settings"), "userLabels", urn, existingMark));
        o.set("settings", settings);
        return o;
    }

    @Override
    protected Optional<JsonNode> get(String name) throws ProviderException {
        return GcpCall.find("instances.get " + name, () -> ApiJson.json(gcp.sql().instances().get(project(), name).execute()));
    }

    @Override
    public Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        Props in = clean(inputs);
        String name = str(in, "name");
        String master = str(in, "masterInstanceName");
        if (master != null) {
            refuseAsReplica(name, master, in);
            refuseMaster(name, master);
        }
        DatabaseInstance body = ApiJson.model(instance(in, urn, null), DatabaseInstance.class);
        Operation op = GcpCall.run("instances.insert " + name, () -> gcp.sql().instances().insert(project(), body).execute());
        operations.sql(ctx, "waiting for database instance " + name + " to be RUNNABLE", op);
        if (!obj(in, "restoreBackupContext").isEmpty()) restore(name, obj(in, "restoreBackupContext"), ctx);
        return created(name, inputs, ctx);
    }

    /** Restores a backup run (of this instance or another, in this project or the one named) into the instance. */
    private void restore(String name, Props context, OperationContext ctx) throws ProviderException {
        Long run = context.get("backupRunId") instanceof PropertyValue.Num n ? (long) n.value() : Long.valueOf(str(context, "backupRunId"));
        RestoreBackupContext rc = new RestoreBackupContext().setBackupRunId(run).setInstanceId(str(context, "instanceId"))
                .setProject(str(context, "project") == null ? project() : str(context, "project"));
        Operation op = GcpCall.run("instances.restoreBackup " + name, () -> gcp.sql().instances()
                .restoreBackup(project(), name, new InstancesRestoreBackupRequest().setRestoreBackupContext(rc)).execute());
        operations.sql(ctx, "restoring backup run " + rc.getInstanceId() + "/" + run + " into " + name, op);
    }

    /** What Cloud SQL refuses of a read replica: backups, point-in-time recovery, a backup restored into it. */
    private static void refuseAsReplica(String name, String master, Props in) throws ProviderException {
        Props backups = obj(obj(in, "settings"), "backupConfiguration");
        if (bool(backups, "enabled", false) || bool(backups, "pointInTimeRecoveryEnabled", false)) {
            throw refused("ReplicaBackups", "database instance " + name + " is a read replica of " + master + ": Cloud SQL read replicas take no"
                    + " backups or point-in-time recovery, so settings.backupConfiguration.enabled and pointInTimeRecoveryEnabled must be false"
                    + " (they are set when it is promoted, by the change that removes masterInstanceName)");
        }
        if (!obj(in, "restoreBackupContext").isEmpty()) {
            throw refused("ReplicaRestore", "database instance " + name + " is a read replica of " + master + ": no backup is restored into a"
                    + " read replica; remove masterInstanceName in the same change to promote it first");
        }
    }

    /** The master of a new replica must be there and not be a replica itself ("you can't create a replica of a replica"). */
    private void refuseMaster(String name, String master) throws ProviderException {
        int colon = master.indexOf(':');
        String masterProject = colon < 0 ? project() : master.substring(0, colon);
        String masterName = colon < 0 ? master : master.substring(colon + 1);
        Optional<JsonNode> m = GcpCall.find("instances.get " + master,
                () -> ApiJson.json(gcp.sql().instances().get(masterProject, masterName).execute()));
        if (m.isEmpty()) {
            throw refused("MasterNotFound", "cannot create read replica " + name + ": its master instance " + masterName
                    + " does not exist in project " + masterProject);
        }
        if (isReplica(m.get())) {
            throw refused("MasterIsReplica", "cannot create read replica " + name + " of " + master + ": " + masterName
                    + " is itself a read replica (of " + m.get().path("masterInstanceName").asText() + "); Cloud SQL makes no replica of a replica");
        }
    }

    /** A read replica: it names its master, or says it is one. */
    private static boolean isReplica(JsonNode o) {
        return !o.path("masterInstanceName").asText("").isEmpty() || READ_REPLICA.equals(o.path("instanceType").asText());
    }

    /**
     * Promotes the replica (unless a promotion already made it stand-alone) and waits until it is a
     * RUNNABLE stand-alone instance: the operations still running on it first (a promotion whose
     * answer was lost), then {@code instances.promoteReplica} and its operation, then the instance.
     */
    private JsonNode promote(String id, OperationContext ctx) throws ProviderException {
        awaitOperations(id, ctx);
        JsonNode now = get(id).orElseThrow(() -> notFound("NotFound", "database instance " + id + " is gone"));
        if (isReplica(now)) {
            try {
                Operation op = GcpCall.run("instances.promoteReplica " + id, () -> gcp.sql().instances().promoteReplica(project(), id).execute());
                operations.sql(ctx, "promoting read replica " + id + " to a stand-alone instance", op);
            } catch (ProviderException e) {
                // refused because another promotion made it stand-alone meanwhile: done
                if (e.kind() != ProviderException.Kind.INVALID_INPUT || get(id).map(DatabaseInstanceType::isReplica).orElse(true)) throw e;
            }
        }
        return poll.until(ctx, "waiting for promoted database instance " + id + " to be a RUNNABLE " + STANDALONE, () -> {
            JsonNode o = get(id).orElseThrow(() -> notFound("NotFound", "database instance " + id + " is gone"));
            String state = o.path("state").asText();
            if (state.equals("FAILED") || state.equals("SUSPENDED")) throw refused("InstanceFailed", "database instance " + id + " is " + state);
            return state.equals("RUNNABLE") && STANDALONE.equals(o.path("instanceType").asText()) && !isReplica(o) ? Optional.of(o) : Optional.empty();
        });
    }

    @Override
    protected View seen(String id, JsonNode o, Props g) throws ProviderException {
        JsonNode apiSettings = o.path("settings").deepCopy();
        if (apiSettings.isObject() && apiSettings.has("dataDiskSizeGb")) ((ObjectNode) apiSettings).set("diskSize", ((ObjectNode) apiSettings).get("dataDiskSizeGb"));
        Props givenSettings = obj(g, "settings");
        Props.Builder settings = Props.builder();
        if (g.isEmpty()) {
            settings.putAll(ApiJson.props(apiSettings).without("userLabels"));
        } else if (like(new PropertyValue.Obj(givenSettings), apiSettings) instanceof PropertyValue.Obj s) {
            settings.putAll(s.props());
        }
        String privateNetwork = o.path("settings").path("ipConfiguration").path("privateNetwork").asText(null);
        Props ip = obj(settings.build(), "ipConfiguration");
        if (privateNetwork != null && ip.containsKey("privateNetwork")) {
            settings.put("ipConfiguration", new PropertyValue.Obj(ip.with("privateNetwork",
                    sameRef(obj(givenSettings, "ipConfiguration"), "privateNetwork", privateNetwork))));
        }
        settings.put("userLabels", labelsSeen(o.path("settings").get("userLabels")));
        Props seen = Props.builder().put("name", o.path("name").asText()).put("region", v(o.get("region")))
                .put("databaseVersion", v(o.get("databaseVersion"))).put("masterInstanceName", v(o.get("masterInstanceName")))
                .put("settings", new PropertyValue.Obj(settings.build())).build();
        String privateIp = null;
        String publicIp = null;
        for (JsonNode a : o.path("ipAddresses")) {
            if ("PRIVATE".equals(a.path("type").asText()) && privateIp == null) privateIp = a.path("ipAddress").asText();
            if ("PRIMARY".equals(a.path("type").asText()) && publicIp == null) publicIp = a.path("ipAddress").asText();
        }
        JsonNode first = o.path("ipAddresses").path(0).get("ipAddress");
        Props computed = Props.builder().put("connectionName", v(o.get("connectionName"))).put("ipAddresses", v(o.get("ipAddresses")))
                .put("privateIpAddress", privateIp).put("publicIpAddress", publicIp).put("firstIpAddress", v(first))
                .put("selfLink", v(o.get("selfLink"))).put("serviceAccountEmailAddress", v(o.get("serviceAccountEmailAddress")))
                .put("state", v(o.get("state"))).put("instanceType", v(o.get("instanceType"))).build();
        return new View(seen, computed);
    }

    @Override
    public Props update(String id, Props oldOutputs, Props newInputs, OperationContext ctx) throws ProviderException {
        Props in = clean(newInputs);
        Props old = clean(oldOutputs);
        JsonNode now = get(id).orElseThrow(() -> notFound("NotFound", "database instance " + id + " is gone"));
        String master = str(in, "masterInstanceName");
        if (master != null) refuseAsReplica(id, master, in);
        // masterInstanceName removed: the promotion first, so that what follows (backups, availability, a restore) meets a primary
        else if (isReplica(now)) now = promote(id, ctx);
        if (!obj(in, "settings").equals(obj(old, "settings")) || !String.valueOf(str(in, "databaseVersion")).equals(str(old, "databaseVersion"))) {
            ObjectNode change = instance(in, null, markOf(now.path("settings").get("userLabels")));
            // the name and region never change; the version only by a major version upgrade, when it differs; the master only by a promotion
            change.remove("name");
            change.remove("region");
            change.remove("rootPassword");
            change.remove("masterInstanceName");
            if (String.valueOf(str(in, "databaseVersion")).equals(now.path("databaseVersion").asText())) change.remove("databaseVersion");
            DatabaseInstance body = ApiJson.model(change, DatabaseInstance.class);
            Operation op = GcpCall.run("instances.patch " + id, () -> gcp.sql().instances().patch(project(), id, body).execute());
            operations.sql(ctx, "changing database instance " + id, op);
        }
        Props restore = obj(in, "restoreBackupContext");
        if (!restore.isEmpty() && !restore.equals(obj(old, "restoreBackupContext"))) restore(id, restore, ctx);
        return current(id, newInputs, ctx);
    }

    @Override
    public void delete(String id, Props outputs, OperationContext ctx) throws ProviderException {
        if (bool(outputs, "deletionProtection", true)) {
            throw refused("DeletionProtection", "cannot delete database instance " + id + ": deletionProtection is true; set it to false (and up) first");
        }
        Optional<Operation> op = GcpCall.find("instances.delete " + id, () -> gcp.sql().instances().delete(project(), id).execute());
        if (op.isPresent()) operations.sql(ctx, "waiting for database instance " + id + " to be deleted", op.get());
    }

    @Override
    protected Optional<String> idForUrn(Urn urn, Props inputs) throws ProviderException {
        String name = str(inputs, "name");
        return get(name).filter(o -> marked(o.path("settings").get("userLabels"), urn)).map(o -> name);
    }

    /**
     * An instance found again after a crash is usable once the operations it has running (its
     * create, whose answer was lost) are done and it is RUNNABLE.
     */
    @Override
    protected void awaitUsable(String id, OperationContext ctx) throws ProviderException {
        awaitOperations(id, ctx);
        poll.until(ctx, "waiting for database instance " + id + " to be RUNNABLE", () -> {
            String state = get(id).map(o -> o.path("state").asText()).orElse("GONE");
            if (state.equals("FAILED") || state.equals("GONE")) throw refused("InstanceFailed", "database instance " + id + " is " + state);
            return state.equals("RUNNABLE") ? Optional.of(Boolean.TRUE) : Optional.empty();
        });
    }

    /** Waits for the operations still running on the instance. */
    private void awaitOperations(String id, OperationContext ctx) throws ProviderException {
        List<Operation> running = GcpCall.run("operations.list " + id, () -> {
            var ops = gcp.sql().operations().list(project()).setInstance(id).execute().getItems();
            return ops == null ? List.<Operation>of() : ops.stream().filter(o -> !"DONE".equals(o.getStatus())).toList();
        });
        for (Operation op : running) operations.sql(ctx, "waiting for " + op.getOperationType() + " of database instance " + id, op);
    }

    /** The instance's successful backup runs held in this provider's region, newest first. */
    private List<BackupRun> runsHere(String database) throws ProviderException {
        List<BackupRun> runs = GcpCall.find("backupRuns.list " + database, () -> gcp.sql().backupRuns().list(project(), database).execute().getItems())
                .orElse(List.of());
        return runs.stream().filter(r -> "SUCCESSFUL".equals(r.getStatus()) && region().equals(r.getLocation()) && r.getEndTime() != null)
                .sorted((a, b) -> b.getEndTime().compareTo(a.getEndTime())).toList();
    }

    @Override
    public Optional<Backup> newestBackup(String database, OperationContext ctx) throws ProviderException {
        List<BackupRun> runs = runsHere(database);
        if (runs.isEmpty()) return Optional.empty();
        BackupRun newest = runs.get(0);
        return Optional.of(new Backup(database + "/" + newest.getId(), Instant.parse(newest.getEndTime())));
    }

    /** An on-demand backup run, kept where the backup configuration says; waited for. */
    @Override
    public Props backupNow(String id, Props inputs, OperationContext ctx) throws ProviderException {
        Props in = clean(inputs);
        if (str(in, "masterInstanceName") != null) {
            throw refused("ReplicaBackups", "database instance " + id + " is a read replica of " + str(in, "masterInstanceName")
                    + ": Cloud SQL takes no backups of a read replica");
        }
        String location = str(obj(obj(in, "settings"), "backupConfiguration"), "location");
        BackupRun run = new BackupRun().setDescription("on-demand backup by lifeboat").setLocation(location).setKind("sql#backupRun");
        Operation op = GcpCall.run("backupRuns.insert " + id, () -> gcp.sql().backupRuns().insert(project(), id, run).execute());
        operations.sql(ctx, "backing up database instance " + id, op);
        Props outputs = current(id, inputs, ctx);
        List<BackupRun> runs = GcpCall.run("backupRuns.list " + id, () -> gcp.sql().backupRuns().list(project(), id).execute().getItems());
        String newest = runs == null ? null : runs.stream().filter(r -> "SUCCESSFUL".equals(r.getStatus()) && r.getEndTime() != null)
                .map(BackupRun::getEndTime).max(String::compareTo).orElse(null);
        return newest == null ? outputs : outputs.with("latestBackupTime", new PropertyValue.Str(newest));
    }

    /**
     * The replica as {@code instances.get} answers it: its source is its {@code masterInstanceName}
     * (null once promoted); it replicates while it is a RUNNABLE replica that is not stopped
     * ({@code settings.activationPolicy} NEVER) and whose replication is not stopped
     * ({@code settings.databaseReplicationEnabled} false); otherwise the problem is its state in the
     * API's words (FAILED, SUSPENDED with its {@code suspensionReason}, MAINTENANCE, ...). Its
     * master's region being lost changes none of that. The lag is the newest
     * {@value #REPLICA_LAG} point of the last 15 minutes; none, or Monitoring not answering, is no lag
     * (null), never a broken replica. A promoted instance replicates nothing and has no lag.
     */
    @Override
    public Optional<Replica> replica(String id, Props outputs, OperationContext ctx) throws ProviderException {
        Optional<JsonNode> got = get(id);
        if (got.isEmpty()) return Optional.empty();
        JsonNode o = got.get();
        String source = o.path("masterInstanceName").asText("");
        boolean replica = isReplica(o);
        String problem = problem(o, replica);
        return Optional.of(new Replica(source.isEmpty() ? null : source, replica && problem == null, problem, replica ? lag(id) : null));
    }

    /** Why the instance does not serve (or, a replica, does not replicate), in the words of the API's reference; null when it does. */
    private static String problem(JsonNode o, boolean replica) {
        String state = o.path("state").asText("SQL_INSTANCE_STATE_UNSPECIFIED");
        JsonNode settings = o.path("settings");
        switch (state) {
            case "RUNNABLE":
                if ("NEVER".equals(settings.path("activationPolicy").asText())) {
                    return "the instance is stopped (settings.activationPolicy NEVER: it is off and not activated)";
                }
                if (replica && !settings.path("databaseReplicationEnabled").asBoolean(true)) {
                    return "replication is stopped (settings.databaseReplicationEnabled is false: instances.stopReplica; instances.startReplica resumes it)";
                }
                return null;
            case "SUSPENDED":
                StringBuilder reasons = new StringBuilder();
                for (JsonNode r : o.path("suspensionReason")) reasons.append(reasons.length() == 0 ? "" : ", ").append(r.asText());
                return "SUSPENDED: the instance is not available, for example due to problems with billing"
                        + (reasons.length() == 0 ? "" : " (suspensionReason " + reasons + ")");
            case "FAILED":
                return "FAILED: the creation of the instance failed or a fatal error occurred during maintenance";
            case "MAINTENANCE":
                return "MAINTENANCE: the instance is down for maintenance";
            case "PENDING_CREATE":
                return "PENDING_CREATE: the instance is being created";
            case "PENDING_DELETE":
                return "PENDING_DELETE: the instance is being deleted";
            case "REPAIRING":
                return "REPAIRING: the instance needs to be repaired and might be unavailable";
            default:
                return state + ": the state of the instance is unknown";
        }
    }

    /** The newest {@value #REPLICA_LAG} figure of the replica over {@link #LAG_WINDOW}; null when there is none or Monitoring does not answer. */
    private Duration lag(String id) {
        Instant end = Instant.now();
        String filter = "metric.type = \"" + REPLICA_LAG + "\" AND resource.type = \"cloudsql_database\""
                + " AND resource.labels.database_id = \"" + project() + ":" + id + "\"";
        String path = "v3/projects/" + project() + "/timeSeries?filter=" + query(filter) + "&interval.startTime=" + query(end.minus(LAG_WINDOW).toString())
                + "&interval.endTime=" + query(end.toString()) + "&view=FULL";
        JsonNode answer;
        try {
            answer = GcpCall.run("timeSeries.list " + REPLICA_LAG + " of " + id, () -> gcp.rest().call(MONITORING, "GET", path, null));
        } catch (ProviderException e) {
            return null; // no figure: Monitoring not answering says nothing of the replication
        }
        Instant newestAt = null;
        Double newest = null;
        for (JsonNode series : answer.path("timeSeries")) {
            for (JsonNode point : series.path("points")) {
                Double value = number(point.path("value"));
                Instant at = time(point.path("interval").path("endTime").asText(null));
                if (value == null || at == null || newestAt != null && !at.isAfter(newestAt)) continue;
                newestAt = at;
                newest = value;
            }
        }
        // a negative figure is no measure of lag (Cloud SQL's replica lag is a count of seconds behind)
        return newest == null || newest < 0 || newest.isNaN() ? null : Duration.ofMillis(Math.round(newest * 1000));
    }

    /** A point's value: a DOUBLE, or an INT64 (JSON carries it as a string). */
    private static Double number(JsonNode value) {
        if (value.path("doubleValue").isNumber()) return value.get("doubleValue").asDouble();
        if (value.hasNonNull("int64Value")) {
            try {
                return Double.parseDouble(value.get("int64Value").asText());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Instant time(String text) {
        if (text == null) return null;
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** A query parameter's value, spaces as %20. */
    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
