package io.lifeboat.providers.gcp;

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
 */
final class DatabaseInstanceType extends GcpType implements KeepsBackups, TakesBackups {
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
                .put("state", v(o.get("state"))).build();
        return new View(seen, computed);
    }

    @Override
    public Props update(String id, Props oldOutputs, Props newInputs, OperationContext ctx) throws ProviderException {
        Props in = clean(newInputs);
        Props old = clean(oldOutputs);
        JsonNode now = get(id).orElseThrow(() -> notFound("NotFound", "database instance " + id + " is gone"));
        if (!obj(in, "settings").equals(obj(old, "settings")) || !String.valueOf(str(in, "databaseVersion")).equals(str(old, "databaseVersion"))) {
            ObjectNode change = instance(in, null, markOf(now.path("settings").get("userLabels")));
            // the name and region never change; the version only by a major version upgrade, when it differs
            change.remove("name");
            change.remove("region");
            change.remove("rootPassword");
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
        List<Operation> running = GcpCall.run("operations.list " + id, () -> {
            var ops = gcp.sql().operations().list(project()).setInstance(id).execute().getItems();
            return ops == null ? List.<Operation>of() : ops.stream().filter(o -> !"DONE".equals(o.getStatus())).toList();
        });
        for (Operation op : running) operations.sql(ctx, "waiting for " + op.getOperationType() + " of database instance " + id, op);
        poll.until(ctx, "waiting for database instance " + id + " to be RUNNABLE", () -> {
            String state = get(id).map(o -> o.path("state").asText()).orElse("GONE");
            if (state.equals("FAILED") || state.equals("GONE")) throw refused("InstanceFailed", "database instance " + id + " is " + state);
            return state.equals("RUNNABLE") ? Optional.of(Boolean.TRUE) : Optional.empty();
        });
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
}
