package io.lifeboat.providers.sim.gcp;

import static io.lifeboat.program.gcp.GcpSchemas.DATABASE_INSTANCE;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.lifeboat.provider.KeepsBackups;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.providers.sim.Reference;
import io.lifeboat.providers.sim.SimBackups;
import io.lifeboat.providers.sim.SimCloud;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.providers.sim.SimReplicas;
import io.lifeboat.providers.sim.SimScope;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

/**
 * {@code gcp:sql/databaseInstance:DatabaseInstance}: a Cloud SQL for PostgreSQL instance, its id
 * its name (unique in the project), in the provider's region; {@code PENDING_CREATE} until made,
 * then {@code RUNNABLE}.
 *
 * <p>The data it holds is a marker ({@link #DATA}, hidden): a fresh one for an empty instance, the
 * backup's for a restored one. With backups enabled, a backup run is recorded in the store of the
 * region {@code backupConfiguration.location} names (the instance's own by default) when the
 * instance is made and each time one is asked for ({@link #backupNow}); only the newest
 * {@code retainedBackups} are kept there; those held in another region than the instance's outlive
 * it (GCP keeps the last ones for a while), those held in its own region go with it. A create,
 * or an update, with {@code restoreBackupContext} restores a run that the
 * provider's region holds. (A deleted instance's name is free again at once: GCP keeps it for a
 * week, the sim does not.)
 *
 * <p>With {@code masterInstanceName} it is a cross-region read replica of that instance (same
 * project): no backups of its own, no restore into it; an update that removes the master promotes
 * it ({@code instances.promoteReplica}), and may restore a backup into it in the same update (a
 * failover that falls back from a broken replica). The rows it holds are {@link SimReplicas}'.
 */
final class DatabaseInstanceType extends GcpSimType implements SimBackups, SimReplicas {
    /** The hidden field holding the data marker. */
    static final String DATA = "data";
    /** The hidden field of a backup run: the instance's data marker when it was taken. */
    static final String RUN_DATA = "data";
    private static final List<String> VERSIONS = List.of("POSTGRES_13", "POSTGRES_14", "POSTGRES_15", "POSTGRES_16", "POSTGRES_17");
    private static final List<Integer> PERF_CPUS = List.of(2, 4, 8, 16, 32, 48, 64, 80, 96, 128);

    DatabaseInstanceType() {
        super(DATABASE_INSTANCE);
    }

    @Override
    public List<Reference> references() {
        return List.of(GcpRefs.network("settings.ipConfiguration.privateNetwork"));
    }

    @Override
    protected void preconditions(Props in, SimScope scope, SimObject current) throws ProviderException {
        Props ip = obj(obj(in, "settings"), "ipConfiguration");
        if (str(ip, "privateNetwork") != null && !ServiceConnectionType.connected(scope, str(ip, "privateNetwork"))) {
            throw failedPrecondition("Invalid request: Incorrect Service Networking config for instance: " + project(scope) + ":" + str(in, "name")
                    + ":SERVICE_NETWORKING_NOT_ENABLED (network " + GcpRefs.last(str(ip, "privateNetwork"))
                    + " has no private services access connection to " + ServiceConnectionType.SERVICE + ")");
        }
    }

    @Override
    protected void check(Props in, SimScope scope, SimObject current) throws ProviderException {
        String name = str(in, "name");
        if (name == null || name.length() > 98 || !name.matches("[a-z]([-a-z0-9]*[a-z0-9])?")) {
            throw invalid("Invalid instance name \"" + name + "\": lowercase letters, digits and hyphens, starting with a letter, at most 98");
        }
        checkRegion(in, "region", scope);
        String version = str(in, "databaseVersion");
        if (!VERSIONS.contains(version)) throw invalid("Invalid value for field 'databaseVersion': '" + version + "'. Supported: " + String.join(", ", VERSIONS));
        if (!isObj(in, "settings")) throw invalid("settings must be an object with a tier");
        Props settings = obj(in, "settings");
        checkTier(str(settings, "tier"));
        checkEdition(version, settings);
        oneOf(settings, "availabilityType", "ZONAL", "REGIONAL");
        Double disk = num(settings, "diskSize");
        if (disk != null && (disk < 10 || disk > 65536)) throw invalid("Invalid value for field 'settings.diskSize': " + disk.longValue() + ". Must be at least 10 GB");
        Props ip = obj(settings, "ipConfiguration");
        if (!bool(ip, "ipv4Enabled", true) && str(ip, "privateNetwork") == null) {
            throw invalid("At least one of public IP or private IP address must be enabled (settings.ipConfiguration)");
        }
        Props backup = obj(settings, "backupConfiguration");
        String location = str(backup, "location");
        if (location != null && (!SimCloud.validRegionName(location) || SimCloud.GLOBAL.equals(location))) {
            throw invalid("Invalid value for field 'settings.backupConfiguration.location': '" + location + "'. Must be a region");
        }
        if (bool(backup, "pointInTimeRecoveryEnabled", false) && !bool(backup, "enabled", false)) {
            throw invalid("Point in time recovery needs backups enabled (settings.backupConfiguration.enabled)");
        }
        intIn(backup, "transactionLogRetentionDays", 1, 7);
        String start = str(backup, "startTime");
        if (start != null && !start.matches("([01]\\d|2[0-3]):[0-5]\\d")) throw invalid("Invalid value for field 'settings.backupConfiguration.startTime': '" + start + "'. Must be HH:MM");
        Props retention = obj(backup, "backupRetentionSettings");
        intIn(retention, "retainedBackups", 1, 365);
        oneOf(retention, "retentionUnit", "COUNT");
        checkLabelMap(settings.get("userLabels"), "settings.userLabels", 0);
        Props restore = obj(in, "restoreBackupContext");
        String master = str(in, "masterInstanceName");
        if (master != null) {
            if (bool(backup, "enabled", false)) {
                throw invalid("Invalid request: backups cannot be enabled on the read replica " + name + " (settings.backupConfiguration.enabled): "
                        + "a replica's backups are its primary's");
            }
            if (!restore.isEmpty()) throw invalid("Invalid request: a backup cannot be restored into the read replica " + name + "; promote it first");
            if (current == null) checkMaster(in, master, scope);
        }
        if (!restore.isEmpty() && (current == null || !restore.equals(obj(current.inputs(), "restoreBackupContext")))) run(restore, scope);
    }

    /** The master of a new replica: in the project, answering, running, no replica itself, of the same version. */
    private void checkMaster(Props in, String master, SimScope scope) throws ProviderException {
        SimObject m = master(master, scope.cloud(), scope.project());
        if (m == null) throw notFoundPath("projects/" + project(scope) + "/instances/" + master + " (the replica's masterInstanceName)");
        if (scope.regionState(m.region()).out()) {
            throw io.lifeboat.providers.sim.SimErrors.unavailable("UNAVAILABLE", "the master's region " + m.region() + " is unavailable (simulated outage)");
        }
        if (!m.is(SimObject.AVAILABLE)) throw failedPrecondition("Invalid request: the master instance " + master + " is not running (" + m.status() + ")");
        if (sourceName(m) != null) throw invalid("Invalid request: " + master + " is itself a read replica; a replica's master must be a primary instance");
        if (!str(in, "databaseVersion").equals(str(m.inputs(), "databaseVersion"))) {
            throw invalid("Invalid request: a read replica runs its master's databaseVersion (" + str(m.inputs(), "databaseVersion") + "), not " + str(in, "databaseVersion"));
        }
    }

    /** The instance named {@code name} in the project, in whichever region it lives. */
    private static SimObject master(String name, SimCloud cloud, String project) {
        for (String region : cloud.regions()) {
            SimObject o = cloud.object(region, DATABASE_INSTANCE, name);
            if (o != null && !o.is(SimObject.DELETING) && (project == null || project.equals(o.hidden().getOrDefault(PROJECT, project)))) return o;
        }
        return null;
    }

    @Override
    public String sourceName(SimObject db) {
        return db.inputs().string("masterInstanceName");
    }

    @Override
    public SimObject source(SimObject replica, SimCloud cloud) {
        String name = sourceName(replica);
        return name == null ? null : master(name, cloud, replica.hidden().get(PROJECT));
    }

    private static boolean isObj(Props in, String key) {
        return in.get(key) instanceof PropertyValue.Obj;
    }

    private static void checkTier(String tier) throws ProviderException {
        if (tier == null) throw invalid("Invalid value for field 'settings.tier': a tier is required");
        if (tier.equals("db-f1-micro") || tier.equals("db-g1-small")) return;
        java.util.regex.Matcher perf = java.util.regex.Pattern.compile("db-perf-optimized-N-(\\d+)").matcher(tier);
        if (perf.matches() && PERF_CPUS.contains(Integer.parseInt(perf.group(1)))) return;
        java.util.regex.Matcher custom = java.util.regex.Pattern.compile("db-custom-(\\d{1,3})-(\\d{3,6})").matcher(tier);
        if (custom.matches()) {
            int cpus = Integer.parseInt(custom.group(1));
            int mib = Integer.parseInt(custom.group(2));
            if (cpus != 1 && (cpus % 2 != 0 || cpus > 96)) throw invalid("Invalid tier " + tier + ": vCPUs must be 1 or an even number up to 96");
            if (mib % 256 != 0) throw invalid("Invalid tier " + tier + ": memory must be a multiple of 256 MiB");
            double gibPerCpu = mib / 1024.0 / cpus;
            if (gibPerCpu < 0.9 || gibPerCpu > 6.5) throw invalid("Invalid tier " + tier + ": memory must be 0.9 to 6.5 GiB per vCPU");
            return;
        }
        throw invalid("Invalid value for field 'settings.tier': '" + tier + "'. Must be db-custom-<vCPUs>-<MiB>, db-f1-micro, db-g1-small or db-perf-optimized-N-<vCPUs>");
    }

    /**
     * Enterprise Plus takes only the performance-optimized tiers, Enterprise only the others;
     * without an edition, Postgres 16 and later are Enterprise Plus, as Cloud SQL makes them.
     */
    private static void checkEdition(String version, Props settings) throws ProviderException {
        oneOf(settings, "edition", "ENTERPRISE", "ENTERPRISE_PLUS");
        String edition = str(settings, "edition");
        if (edition == null) {
            int major = Integer.parseInt(version.substring(version.indexOf('_') + 1));
            edition = major >= 16 ? "ENTERPRISE_PLUS" : "ENTERPRISE";
        }
        boolean perf = str(settings, "tier").startsWith("db-perf-optimized-");
        if (perf != edition.equals("ENTERPRISE_PLUS")) {
            throw invalid("Invalid Tier (" + str(settings, "tier") + ") for (" + edition + ") Edition. "
                    + (perf ? "Use settings.edition ENTERPRISE_PLUS" : "Use a predefined Tier like db-perf-optimized-N-* or settings.edition ENTERPRISE"));
        }
    }

    /** The backup run a restore names: it must be held in the provider's region. */
    private static SimObject run(Props restore, SimScope scope) throws ProviderException {
        String instance = str(restore, "instanceId");
        Double runId = num(restore, "backupRunId");
        String project = str(restore, "project");
        String id = instance + "/" + (runId == null ? restore.string("backupRunId") : String.valueOf(runId.longValue()));
        SimObject run = scope.find(BackupRunType.TOKEN, id);
        if (run == null || (project != null && scope.project() != null && !project.equals(run.hidden().getOrDefault(PROJECT, project)))) {
            throw notFoundPath("projects/" + (project == null ? scope.project() : project) + "/instances/" + instance + "/backupRuns/"
                    + GcpRefs.last(id) + " (no such backup run is held in " + scope.region() + ")");
        }
        return run;
    }

    @Override
    public String newId(Props in, SimScope scope) {
        return str(in, "name");
    }

    @Override
    public Map<String, String> hiddenOnCreate(String id, Props in, SimScope scope) {
        Map<String, String> h = new HashMap<>(super.hiddenOnCreate(id, in, scope));
        Props restore = obj(in, "restoreBackupContext");
        SimObject run = restore.isEmpty() ? null : scope.find(BackupRunType.TOKEN, restoreRunId(restore));
        String master = str(in, "masterInstanceName");
        SimObject m = master == null ? null : master(master, scope.cloud(), scope.project());
        h.put(DATA, run != null ? run.hidden().get(RUN_DATA) : m != null ? m.hidden().getOrDefault(DATA, "db:" + master) : "db:" + id + "@" + scope.now());
        if (run != null) h.put(BASE, run.hidden().getOrDefault(ROWS, "0"));
        if (master != null) h.put(LAG, String.valueOf(scope.replicaLag().toMillis()));
        return h;
    }

    /** An update with a new restoreBackupContext restores that run into the instance (pulumi-gcp's restoreBackup). */
    @Override
    public Map<String, String> hiddenOnUpdate(SimObject current, Props in, SimScope scope) {
        Map<String, String> h = new HashMap<>();
        // promoted first (the master removed), then restored into when the same update asks for it
        if (sourceName(current) != null && str(in, "masterInstanceName") == null) h.putAll(SimReplicas.promoted(this, current, scope.cloud(), scope.replicaLag(), scope.now()));
        Props restore = obj(in, "restoreBackupContext");
        if (restore.isEmpty() || restore.equals(obj(current.inputs(), "restoreBackupContext"))) return h;
        SimObject run = scope.find(BackupRunType.TOKEN, restoreRunId(restore));
        if (run == null) return h;
        h.put(DATA, run.hidden().get(RUN_DATA));
        h.put(BASE, run.hidden().getOrDefault(ROWS, "0"));
        h.put(WRITES, null);
        return h;
    }

    /** A restore into the instance takes as long as making one from the backup. */
    @Override
    public boolean updateRebuilds(Props before, Props after) {
        Props restore = obj(after, "restoreBackupContext");
        return !restore.isEmpty() && !restore.equals(obj(before, "restoreBackupContext"));
    }

    private static String restoreRunId(Props restore) {
        Double runId = num(restore, "backupRunId");
        return str(restore, "instanceId") + "/" + (runId == null ? restore.string("backupRunId") : String.valueOf(runId.longValue()));
    }

    @Override
    public Props computed(String id, Props in, SimScope scope) {
        Props settings = obj(in, "settings");
        Props ip = obj(settings, "ipConfiguration");
        String project = project(scope);
        List<Map<String, Object>> addresses = new ArrayList<>();
        String privateIp = null;
        String publicIp = null;
        if (str(ip, "privateNetwork") != null) {
            privateIp = "10." + (16 + Integer.parseInt(scope.ids().upperHex(2), 16) % 200) + ".0." + (2 + Integer.parseInt(scope.ids().upperHex(2), 16) % 250);
            addresses.add(Map.of("ipAddress", privateIp, "type", "PRIVATE"));
        }
        if (bool(ip, "ipv4Enabled", true)) {
            publicIp = scope.ids().publicIp();
            addresses.add(Map.of("ipAddress", publicIp, "type", "PRIMARY"));
        }
        return Props.builder()
                .put("connectionName", project + ":" + scope.region() + ":" + id)
                .put("privateIpAddress", privateIp)
                .put("publicIpAddress", publicIp)
                .put("firstIpAddress", addresses.isEmpty() ? null : (String) addresses.get(0).get("ipAddress"))
                .put("ipAddresses", PropertyValue.fromJava(addresses))
                .put("selfLink", "https://sqladmin.googleapis.com/sql/v1beta4/projects/" + project + "/instances/" + id)
                .put("serviceAccountEmailAddress", "p" + numericId(scope, 12) + "-" + scope.ids().lowerAlnum(6) + "@gcp-sa-cloud-sql.iam.gserviceaccount.com")
                .build();
    }

    @Override
    public Props live(SimObject o, SimScope scope) {
        String state = o.is(SimObject.CREATING) ? "PENDING_CREATE" : o.is(SimObject.DELETING) ? "PENDING_DELETE" : "RUNNABLE";
        return o.computed().with("state", s(state)).with("instanceType", s(sourceName(o) != null ? "READ_REPLICA_INSTANCE" : "CLOUD_SQL_INSTANCE"));
    }

    @Override
    public Props outputDefaults(SimScope scope) {
        return Props.builder().put("region", scope.region()).put("deletionProtection", true).build();
    }

    @Override
    public void beforeDelete(SimObject o, SimScope scope) throws ProviderException {
        if (bool(o.inputs(), "deletionProtection", true)) {
            throw failedPrecondition("Cannot delete instance " + o.id() + " because deletion_protection is set to true. Set it to false to proceed with instance deletion");
        }
    }

    /**
     * The first backup is taken once the instance is made; a deleted instance's runs held in its
     * own region go with it, those held in another location stay (GCP keeps them for a while).
     */
    @Override
    public void replicate(SimObject before, SimObject after, SimCloud cloud, Instant now) {
        if (before == null && after != null && backupsEnabled(after) && !cloud.state(backupLocation(after)).out()) record(after, cloud, now);
        if (after == null && before != null) {
            for (SimObject run : runsOf(cloud, before.region(), before.id(), now)) cloud.remove(before.region(), BackupRunType.TOKEN, run.id());
        }
    }

    private static boolean backupsEnabled(SimObject instance) {
        return bool(obj(obj(instance.inputs(), "settings"), "backupConfiguration"), "enabled", false);
    }

    @Override
    public String backupLocation(SimObject instance) {
        String location = str(obj(obj(instance.inputs(), "settings"), "backupConfiguration"), "location");
        return location != null ? location : instance.region();
    }

    @Override
    public void backupNow(SimObject instance, SimCloud cloud, Instant now) throws ProviderException {
        if (!instance.is(SimObject.AVAILABLE)) throw invalid("Invalid request: instance " + instance.id() + " is not running (state " + instance.status() + ")");
        if (!backupsEnabled(instance)) throw invalid("Invalid request: backups are not enabled on instance " + instance.id() + " (settings.backupConfiguration.enabled)");
        record(instance, cloud, now);
    }

    /** Writes a run of the instance where its backups are kept, then keeps only the newest retainedBackups of them there. */
    private void record(SimObject instance, SimCloud cloud, Instant now) {
        String location = backupLocation(instance);
        long runId = now.toEpochMilli();
        while (cloud.object(location, BackupRunType.TOKEN, instance.id() + "/" + runId) != null) runId++;
        Instant taken = Instant.ofEpochMilli(runId);
        String id = instance.id() + "/" + runId;
        String project = instance.hidden().get(PROJECT);
        Props inputs = Props.builder().put("instance", instance.id()).put("location", location)
                .put("databaseVersion", instance.inputs().get("databaseVersion")).put("type", "ON_DEMAND").build();
        Props computed = Props.builder()
                .put("backupRunId", runId)
                .put("startTime", taken.toString())
                .put("endTime", taken.toString())
                .put("windowStartTime", taken.toString())
                .put("status", "SUCCESSFUL")
                .put("selfLink", "https://sqladmin.googleapis.com/sql/v1beta4/projects/" + project + "/instances/" + instance.id() + "/backupRuns/" + runId)
                .build();
        Map<String, String> hidden = new HashMap<>();
        hidden.put(RUN_DATA, instance.hidden().getOrDefault(DATA, "db:" + instance.id()));
        hidden.put(ROWS, String.valueOf(SimReplicas.rows(this, instance, cloud, java.time.Duration.ZERO, taken)));
        if (project != null) hidden.put(PROJECT, project);
        cloud.put(new SimObject(id, BackupRunType.TOKEN, location, SimObject.AVAILABLE, taken, null, null, inputs, computed, hidden));
        Double retained = num(obj(obj(obj(instance.inputs(), "settings"), "backupConfiguration"), "backupRetentionSettings"), "retainedBackups");
        int keep = retained == null ? 7 : retained.intValue();
        List<SimObject> runs = runsOf(cloud, location, instance.id(), now);
        for (int i = keep; i < runs.size(); i++) cloud.remove(location, BackupRunType.TOKEN, runs.get(i).id());
    }

    /** The runs of an instance held in a region, newest first. */
    static List<SimObject> runsOf(SimCloud cloud, String region, String instance, Instant now) {
        List<SimObject> out = new ArrayList<>();
        for (SimObject r : cloud.objects(region, BackupRunType.TOKEN)) {
            if (instance.equals(r.inputs().string("instance"))) out.add(r);
        }
        out.sort(Comparator.comparing(SimObject::createdAt).reversed());
        return out;
    }

    @Override
    public Optional<KeepsBackups.Backup> newestBackup(SimCloud cloud, String region, String database, Instant now) {
        List<SimObject> runs = runsOf(cloud, region, database, now);
        if (runs.isEmpty()) return Optional.empty();
        SimObject newest = runs.get(0);
        return Optional.of(new KeepsBackups.Backup(newest.id(), newest.createdAt()));
    }
}
