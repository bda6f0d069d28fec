package io.lifeboat.providers.sim.aws;

import static io.lifeboat.program.aws.AwsSchemas.*;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.Values;
import io.lifeboat.providers.sim.Reference;
import io.lifeboat.providers.sim.SimErrors;
import io.lifeboat.providers.sim.SimIds;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.providers.sim.SimReplicas;
import io.lifeboat.providers.sim.SimScope;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

/**
 * {@code aws:rds/instance:Instance}: identified by its identifier, unique in the region; made
 * empty, from a snapshot, or restored to a point in time from automated backups (those replicated
 * into this region included, which is how a failover brings the database back), or as a read
 * replica of an instance in another region ({@code replicateSourceDb}, its ARN), which an update
 * that removes the source promotes (PromoteReadReplica). Deleting it takes a final snapshot unless
 * told to skip it; a replica takes none. The rows it holds are {@link SimReplicas}'.
 */
final class DbInstanceType extends AwsSimType implements SimReplicas {
    /** How far behind the present the newest restorable time lags (transaction logs are shipped every few minutes). */
    static final Duration LOG_LAG = Duration.ofMinutes(5);
    private static final Map<String, String> DEFAULT_VERSIONS = Map.of("postgres", "16.3", "mysql", "8.0.39", "mariadb", "10.11.9");
    private static final Map<String, Long> PORTS = Map.of("postgres", 5432L, "mysql", 3306L, "mariadb", 3306L);
    private static final List<String> STORAGE_TYPES = List.of("standard", "gp2", "gp3", "io1", "io2");

    DbInstanceType() {
        super(DB_INSTANCE);
    }

    @Override
    public String notFoundCode() {
        return "DBInstanceNotFound";
    }

    @Override
    public List<Reference> references() {
        return List.of(
                Reference.to("dbSubnetGroupName", DB_SUBNET_GROUP, "DBSubnetGroupNotFoundFault"),
                Reference.to("vpcSecurityGroupIds", SECURITY_GROUP, "InvalidParameterValue").resolvedBy(Resolvers.SECURITY_GROUP_OR_DEFAULT));
    }

    @Override
    public void validate(Props in, SimScope scope, SimObject current) throws ProviderException {
        String id = str(in, "identifier");
        if (id.length() > 63 || !id.matches("[a-zA-Z][a-zA-Z0-9]*(-[a-zA-Z0-9]+)*")) {
            throw bad("The parameter DBInstanceIdentifier is not a valid identifier. Identifiers must begin with a letter; must contain only "
                    + "ASCII letters, digits, and hyphens; and must not end with a hyphen or contain two consecutive hyphens (at most 63): " + id);
        }
        String engine = str(in, "engine");
        if (!DEFAULT_VERSIONS.containsKey(engine)) throw bad("Invalid DB engine: " + engine + " (the sim knows " + DEFAULT_VERSIONS.keySet() + ")");
        String cls = str(in, "instanceClass");
        if (!cls.matches("db\\.[a-z0-9]+\\.[a-z0-9]+")) throw SimErrors.invalid("InvalidParameterCombination", "Invalid DB Instance class: " + cls);
        Double storage = num(in, "allocatedStorage");
        if (storage != null && (storage < 20 || storage > 65536)) throw bad("allocatedStorage must be within 20..65536 GiB");
        Double retention = num(in, "backupRetentionPeriod");
        if (retention != null && (retention < 0 || retention > 35)) throw bad("backupRetentionPeriod must be within 0..35 days");
        String storageType = str(in, "storageType");
        if (storageType != null && !STORAGE_TYPES.contains(storageType)) {
            throw bad("Invalid storage type: " + storageType + " (one of " + String.join(", ", STORAGE_TYPES) + ")");
        }
        String password = str(in, "password");
        if (password != null && bool(in, "manageMasterUserPassword", false)) {
            throw SimErrors.invalid("InvalidParameterCombination", "MasterUserPassword cannot be given with ManageMasterUserPassword");
        }
        if (password != null && (password.length() < 8 || password.length() > 128 || password.matches(".*[/\"@ ].*"))) {
            throw bad("The parameter MasterUserPassword is not a valid password: it must be 8 to 128 printable characters, without /, \", @ or spaces");
        }
        if (current == null && str(in, "replicateSourceDb") != null) checkReplicaSource(in, scope);
        else if (current == null) checkSource(in, scope);
    }

    /**
     * CreateDBInstanceReadReplica's rules: the source exists and answers, keeps automated backups,
     * is no replica itself (RDS for PostgreSQL replicates no replica across regions); a
     * cross-region replica of an encrypted source names a key of its own region.
     */
    private void checkReplicaSource(Props in, SimScope scope) throws ProviderException {
        if (str(in, "snapshotIdentifier") != null || Values.isObj(in, "restoreToPointInTime")) {
            throw SimErrors.invalid("InvalidParameterCombination", "a read replica (replicateSourceDb) is made from its source, not from a snapshot or a point in time");
        }
        String arn = str(in, "replicateSourceDb");
        String region = arnRegion(arn);
        if (region == null) throw bad("replicateSourceDb must be the source instance's ARN for a replica in another region: " + arn);
        if (scope.regionState(region).out()) {
            throw SimErrors.unavailable("EndpointConnectionError", "the source region " + region + " is unavailable (simulated outage)");
        }
        SimObject source = Resolvers.DB_INSTANCE_BY_ARN.resolve(scope, arn);
        if (source == null || source.is(SimObject.DELETING)) throw SimErrors.invalid("DBInstanceNotFound", "DBInstance " + arn + " not found");
        if (!source.is(SimObject.AVAILABLE)) {
            throw SimErrors.invalid("InvalidDBInstanceState", "the source instance " + source.id() + " is " + source.status() + ", not available");
        }
        if (sourceName(source) != null) {
            throw SimErrors.invalid("InvalidDBInstanceState", "the source " + source.id() + " is itself a read replica; RDS for PostgreSQL makes no "
                    + "cross-region replica of a replica");
        }
        if (bool(source.inputs(), "manageMasterUserPassword", false)) {
            throw SimErrors.invalid("InvalidParameterValue", "Creating read replicas for source instance with engine " + str(source.inputs(), "engine")
                    + " where ManageMasterUserPassword is enabled is not supported (" + source.id() + ": give it a master password of its own)");
        }
        Double retention = num(source.inputs(), "backupRetentionPeriod");
        if (retention == null || retention == 0) {
            throw SimErrors.invalid("InvalidDBInstanceState", "Automated backups are not enabled for " + source.id()
                    + ". To enable automated backups, use ModifyDBInstance to set the backup retention period to a non-zero value.");
        }
        if (!region.equals(scope.region()) && bool(source.inputs(), "storageEncrypted", false) && str(in, "kmsKeyId") == null) {
            throw SimErrors.invalid("InvalidParameterCombination", "the source " + source.id() + " is encrypted: a cross-region read replica needs the "
                    + "KmsKeyId of a key in " + scope.region());
        }
        String engine = str(in, "engine");
        if (engine != null && !engine.equals(str(source.inputs(), "engine"))) {
            throw SimErrors.invalid("InvalidParameterCombination", "a read replica runs its source's engine (" + str(source.inputs(), "engine") + "), not " + engine);
        }
    }

    @Override
    public String sourceName(SimObject db) {
        return db.inputs().string("replicateSourceDb");
    }

    @Override
    public SimObject source(SimObject replica, io.lifeboat.providers.sim.SimCloud cloud) {
        String arn = sourceName(replica);
        String region = arnRegion(arn);
        if (region == null || !io.lifeboat.providers.sim.SimCloud.validRegionName(region)) return null;
        SimObject o = cloud.object(region, DB_INSTANCE, arnName(arn));
        return o == null || o.is(SimObject.DELETING) ? null : o;
    }

    /** A replica trails its source by the latency profile's lag; a restored instance holds what its backup held. */
    @Override
    public Map<String, String> hiddenOnCreate(String id, Props in, SimScope scope) {
        if (str(in, "replicateSourceDb") != null) return Map.of(LAG, String.valueOf(scope.replicaLag().toMillis()));
        String snapshot = str(in, "snapshotIdentifier");
        if (snapshot != null) {
            SimObject s = scope.find(DbSnapshotType.TOKEN, snapshot);
            return s == null ? Map.of() : Map.of(BASE, s.hidden().getOrDefault(ROWS, "0"));
        }
        Props pitr = obj(in, "restoreToPointInTime");
        if (pitr.isEmpty()) return Map.of();
        String backupsArn = str(pitr, "sourceDbInstanceAutomatedBackupsArn");
        SimObject source;
        Instant at;
        if (backupsArn != null) {
            SimObject backups = scope.find(DB_BACKUP_REPLICATION, backupsArn);
            if (backups == null) return Map.of();
            source = Resolvers.DB_INSTANCE_BY_ARN.resolve(scope, backups.inputs().string("sourceDbInstanceArn"));
            at = DbBackupReplicationType.latestBackupTime(backups, scope);
        } else {
            source = scope.find(DB_INSTANCE, str(pitr, "sourceDbInstanceIdentifier"));
            at = source == null ? null : latestRestorableTime(source, scope);
        }
        if (source == null) return Map.of();
        return Map.of(BASE, String.valueOf(SimReplicas.rows(this, source, scope.cloud(), scope.replicaLag(), at)));
    }

    /** An update that removes the source promotes the replica: it keeps what it had replayed and takes writes of its own. */
    @Override
    public Map<String, String> hiddenOnUpdate(SimObject current, Props in, SimScope scope) {
        if (sourceName(current) == null || str(in, "replicateSourceDb") != null) return Map.of();
        return SimReplicas.promoted(this, current, scope.cloud(), scope.replicaLag(), scope.now());
    }

    /** A snapshot or a point-in-time source must exist; not both. */
    private void checkSource(Props in, SimScope scope) throws ProviderException {
        String snapshot = str(in, "snapshotIdentifier");
        boolean pointInTime = Values.isObj(in, "restoreToPointInTime");
        if (snapshot != null && pointInTime) {
            throw SimErrors.invalid("InvalidParameterCombination", "snapshotIdentifier and restoreToPointInTime cannot be used together");
        }
        if (snapshot != null && scope.find(DbSnapshotType.TOKEN, snapshot) == null) {
            throw SimErrors.invalid("DBSnapshotNotFound", "DBSnapshot " + snapshot + " not found in " + scope.region());
        }
        if (!pointInTime) return;
        Props pitr = obj(in, "restoreToPointInTime");
        String backupsArn = str(pitr, "sourceDbInstanceAutomatedBackupsArn");
        String sourceId = str(pitr, "sourceDbInstanceIdentifier");
        Instant latest;
        if (backupsArn != null) {
            SimObject backups = scope.find(DB_BACKUP_REPLICATION, backupsArn);
            if (backups == null) {
                throw SimErrors.invalid("DBInstanceAutomatedBackupNotFound", "No automated backup found for " + backupsArn + " in " + scope.region());
            }
            latest = DbBackupReplicationType.latestBackupTime(backups, scope);
        } else if (sourceId != null) {
            SimObject source = scope.find(DB_INSTANCE, sourceId);
            if (source == null) throw SimErrors.invalid("DBInstanceNotFound", "DBInstance " + sourceId + " not found in " + scope.region());
            latest = latestRestorableTime(source, scope);
        } else {
            throw SimErrors.invalid("InvalidParameterCombination",
                    "restoreToPointInTime needs sourceDbInstanceAutomatedBackupsArn or sourceDbInstanceIdentifier");
        }
        String restoreTime = str(pitr, "restoreTime");
        if (restoreTime != null && !bool(pitr, "useLatestRestorableTime", false)) {
            Instant t;
            try {
                t = Instant.parse(restoreTime);
            } catch (java.time.format.DateTimeParseException e) {
                throw bad("restoreTime is not an ISO-8601 time: " + restoreTime);
            }
            if (t.isAfter(latest)) {
                throw SimErrors.invalid("InvalidRestoreFault", "Restore time " + t + " is after the latest restorable time " + latest);
            }
        }
    }

    @Override
    public String uniqueKey(Props in) {
        return str(in, "identifier").toLowerCase(Locale.ROOT);
    }

    @Override
    public ProviderException duplicate(Props in, SimObject existing) {
        return SimErrors.conflict("DBInstanceAlreadyExists", "DB instance already exists: " + str(in, "identifier"));
    }

    @Override
    public String newId(Props in, SimScope scope) {
        return str(in, "identifier");
    }

    @Override
    public Props computed(String id, Props in, SimScope scope) {
        String address = id.toLowerCase(Locale.ROOT) + "." + SimIds.stableLowerAlnum(scope.account() + "/" + scope.region(), 12)
                + "." + scope.region() + ".rds.amazonaws.com";
        long port = PORTS.getOrDefault(str(in, "engine"), 5432L);
        Props.Builder b = Props.builder()
                .put("arn", scope.arn("rds", "db:" + id))
                .put("address", address)
                .put("endpoint", address + ":" + port)
                .put("port", port)
                .put("resourceId", "db-" + scope.ids().upperAlnum(26))
                .put("hostedZoneId", "Z2R2ITUGPM61AM");
        if (bool(in, "manageMasterUserPassword", false)) {
            b.put("masterUserSecrets", PropertyValue.fromJava(List.of(Map.of(
                    "secretArn", scope.arn("secretsmanager", "secret:rds!db-" + scope.ids().uuid() + "-" + scope.ids().alnum(6)),
                    "secretStatus", "active"))));
        }
        return b.build();
    }

    @Override
    public Props live(SimObject o, SimScope scope) {
        return o.computed()
                .with("status", s(o.status()))
                .with("latestRestorableTime", s(latestRestorableTime(o, scope).toString()));
    }

    static Instant latestRestorableTime(SimObject o, SimScope scope) {
        Instant t = scope.now().minus(LOG_LAG);
        return (t.isBefore(o.createdAt()) ? o.createdAt() : t).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    @Override
    public Props outputDefaults(SimScope scope) {
        return Props.builder()
                .put("engineVersion", "16.3")
                .put("allocatedStorage", 20)
                .put("vpcSecurityGroupIds", PropertyValue.list())
                .put("backupRetentionPeriod", 1)
                .put("backupWindow", "07:08-07:38")
                .put("manageMasterUserPassword", false)
                .put("skipFinalSnapshot", false)
                .put("multiAz", false)
                .put("storageEncrypted", false)
                .put("publiclyAccessible", false)
                .put("storageType", "gp2")
                .put("deletionProtection", false)
                .put("maintenanceWindow", "sun:05:00-sun:05:30")
                .put("copyTagsToSnapshot", false)
                .put("autoMinorVersionUpgrade", true)
                .put("dbSubnetGroupName", "default")
                .build();
    }

    /** Takes the final snapshot, which needs a name that is not taken yet. */
    @Override
    public void beforeDelete(SimObject o, SimScope scope) throws ProviderException {
        Props in = o.inputs();
        if (bool(in, "deletionProtection", false)) {
            throw SimErrors.invalid("InvalidParameterCombination", "Cannot delete protected DB Instance " + o.id()
                    + ", please disable deletion protection and try again.");
        }
        if (sourceName(o) != null && !bool(in, "skipFinalSnapshot", false)) {
            throw SimErrors.invalid("InvalidParameterCombination", "FinalDBSnapshotIdentifier can't be specified when deleting the read replica "
                    + o.id() + ": skip its final snapshot (skipFinalSnapshot)");
        }
        if (bool(in, "skipFinalSnapshot", false)) return;
        String name = str(in, "finalSnapshotIdentifier");
        if (name == null) {
            throw SimErrors.invalid("InvalidParameterCombination",
                    "FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is specified (deleting " + o.id() + ")");
        }
        SimObject earlier = scope.find(DbSnapshotType.TOKEN, name);
        if (earlier != null && o.id().equals(earlier.hidden().get("finalSnapshotOf")) && !earlier.createdAt().isBefore(o.createdAt())) {
            // this deletion's own snapshot, written before the sim's process died: RDS deletes atomically
            return;
        }
        if (earlier != null) {
            throw SimErrors.conflict("DBSnapshotAlreadyExists", "Cannot create the snapshot because a snapshot with the identifier " + name + " already exists.");
        }
        Props snapshotInputs = Props.builder()
                .put("dbSnapshotIdentifier", name)
                .put("dbInstanceIdentifier", o.id())
                .put("engine", str(in, "engine"))
                .put("engineVersion", in.get("engineVersion"))
                .put("allocatedStorage", in.get("allocatedStorage"))
                .put("username", in.get("username"))
                .put("dbName", in.get("dbName"))
                .build();
        Props computed = Props.builder()
                .put("dbSnapshotArn", scope.arn("rds", "snapshot:" + name))
                .put("snapshotCreateTime", scope.now().toString())
                .put("snapshotType", "manual")
                .put("status", "available")
                .build();
        scope.put(new SimObject(name, DbSnapshotType.TOKEN, scope.storageRegion(), SimObject.AVAILABLE, scope.now(), null, null,
                snapshotInputs, computed, Map.of("finalSnapshotOf", o.id(), ROWS, String.valueOf(SimReplicas.rows(this, o, scope.cloud(), scope.replicaLag(), scope.now())))));
    }
}
