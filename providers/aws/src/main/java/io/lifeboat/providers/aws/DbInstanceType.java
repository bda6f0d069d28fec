package io.lifeboat.providers.aws;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.provider.HoldsReplicas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBInstanceStatusInfo;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.VpcSecurityGroupMembership;

/**
 * {@code aws:rds/instance:Instance}: made empty (CreateDBInstance), from a snapshot
 * ({@code snapshotIdentifier}), or restored to the newest restorable time of automated backups
 * ({@code restoreToPointInTime}: with an automated backups ARN, to its newest restorable time;
 * with a source instance's ARN, from the newest copy of its snapshots in this region, which is
 * how a failover restores, see {@link DbBackupReplicationType}); waited for until available.
 * Deleting it takes the final snapshot the inputs name; its automated backups go with it (the
 * API's default), the copies in the pair's region stay.
 *
 * <p>With {@code replicateSourceDb} (the source's ARN; its identifier in the same region) it is a
 * read replica (CreateDBInstanceReadReplica), which takes its engine, version, storage, master
 * user and database from its source: those inputs are not sent. A replica of an encrypted source
 * in another region is encrypted with {@code kmsKeyId}, a key of this region (KMS keys do not
 * cross regions), and the SDK presigns the request in the source's region. While it is a replica
 * its backup retention is not reported (RDS for PostgreSQL replicas take no automated backups):
 * the promotion sets it. An update that removes {@code replicateSourceDb} promotes it
 * (PromoteReadReplica) and returns once it accepts writes, then applies the other changes; a
 * replica is deleted without a final snapshot, which RDS refuses for one. {@link #replica} says
 * how the replica stands and how far behind it was ({@code ReplicaLag} from CloudWatch).
 */
final class DbInstanceType extends AwsType implements HoldsReplicas {
    /** The newest {@code ReplicaLag} is looked for over this window, in one-minute periods. */
    static final Duration LAG_WINDOW = Duration.ofMinutes(15);
    static final Duration LAG_PERIOD = Duration.ofSeconds(60);
    private static final String READ_REPLICATION = "read replication";

    private static final String FAILED = "failed|incompatible-parameters|incompatible-restore|incompatible-network|storage-full"
            + "|inaccessible-encryption-credentials|restore-error";

    DbInstanceType(AwsClients aws) {
        super(AwsSchemas.DB_INSTANCE, aws);
    }

    private RdsClient rds() {
        return aws.rds();
    }

    @Override
    public Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        Props in = clean(inputs);
        String id = str(in, "identifier");
        Props pitr = obj(in, "restoreToPointInTime");
        List<software.amazon.awssdk.services.rds.model.Tag> tags = RdsTags.of(markedTags(in, urn));
        String replicated = str(in, "replicateSourceDb");
        if (replicated != null) {
            createReplica(id, replicated, in, tags, ctx);
        } else if (str(in, "snapshotIdentifier") != null) {
            restoreSnapshot(id, str(in, "snapshotIdentifier"), in, tags, ctx);
        } else if (!pitr.isEmpty() && SnapshotCopies.instanceOf(str(pitr, "sourceDbInstanceAutomatedBackupsArn")) != null) {
            // the source is a database whose snapshots were copied here: restore the newest copy
            String source = SnapshotCopies.instanceOf(str(pitr, "sourceDbInstanceAutomatedBackupsArn"));
            DBSnapshot newest = SnapshotCopies.newest(aws, source).orElseThrow(() -> notFound("DBSnapshotNotFound",
                    "no copy of the snapshots of " + source + " is available in " + aws.region() + " to restore " + id + " from"));
            restoreSnapshot(id, newest.dbSnapshotIdentifier(), in, tags, ctx);
        } else if (!pitr.isEmpty()) {
            boolean latest = bool(pitr, "useLatestRestorableTime", str(pitr, "restoreTime") == null);
            poll.consistent(ctx, "restoring " + id, () -> AwsCall.run(in("RestoreDBInstanceToPointInTime"), () -> rds().restoreDBInstanceToPointInTime(r -> r
                    .targetDBInstanceIdentifier(id).sourceDBInstanceAutomatedBackupsArn(str(pitr, "sourceDbInstanceAutomatedBackupsArn"))
                    .sourceDBInstanceIdentifier(str(pitr, "sourceDbInstanceIdentifier"))
                    .useLatestRestorableTime(latest ? Boolean.TRUE : null)
                    .restoreTime(latest || str(pitr, "restoreTime") == null ? null : Instant.parse(str(pitr, "restoreTime")))
                    .dbInstanceClass(str(in, "instanceClass")).dbSubnetGroupName(str(in, "dbSubnetGroupName"))
                    .vpcSecurityGroupIds(strings(in, "vpcSecurityGroupIds")).multiAZ(bool(in, "multiAz"))
                    .publiclyAccessible(bool(in, "publiclyAccessible")).storageType(str(in, "storageType"))
                    .deletionProtection(bool(in, "deletionProtection")).tags(tags))));
        } else {
            poll.consistent(ctx, "creating " + id, () -> AwsCall.run(in("CreateDBInstance"), () -> rds().createDBInstance(r -> r
                    .dbInstanceIdentifier(id).engine(str(in, "engine")).engineVersion(str(in, "engineVersion"))
                    .dbInstanceClass(str(in, "instanceClass")).allocatedStorage(integer(in, "allocatedStorage"))
                    .dbSubnetGroupName(str(in, "dbSubnetGroupName")).vpcSecurityGroupIds(strings(in, "vpcSecurityGroupIds"))
                    .backupRetentionPeriod(integer(in, "backupRetentionPeriod")).preferredBackupWindow(str(in, "backupWindow"))
                    .masterUsername(str(in, "username")).manageMasterUserPassword(bool(in, "manageMasterUserPassword"))
                    .masterUserPassword(str(in, "password")).preferredMaintenanceWindow(str(in, "maintenanceWindow"))
                    .copyTagsToSnapshot(bool(in, "copyTagsToSnapshot")).autoMinorVersionUpgrade(bool(in, "autoMinorVersionUpgrade"))
                    .storageEncrypted(bool(in, "storageEncrypted")).multiAZ(bool(in, "multiAz")).dbName(str(in, "dbName"))
                    .publiclyAccessible(bool(in, "publiclyAccessible")).storageType(str(in, "storageType"))
                    .deletionProtection(bool(in, "deletionProtection")).tags(tags))));
        }
        awaitAvailable(id, ctx);
        if (replicated == null && (str(in, "snapshotIdentifier") != null || !pitr.isEmpty())) {
            // a restored instance takes its source's backup settings; bring them to the inputs'
            Optional<DBInstance> db = describe(id);
            Integer retention = integer(in, "backupRetentionPeriod");
            if (db.isPresent() && retention != null && !retention.equals(db.get().backupRetentionPeriod())) {
                AwsCall.run(in("ModifyDBInstance"), () -> rds().modifyDBInstance(r -> r.dbInstanceIdentifier(id)
                        .backupRetentionPeriod(retention).applyImmediately(true)));
                awaitAvailable(id, ctx);
            }
        }
        return created(id, in, ctx);
    }

    /**
     * A read replica of {@code source}: an ARN (in another region, or this one) or an identifier
     * in this region. What the API takes of the inputs is sent, the rest it inherits.
     */
    private void createReplica(String id, String source, Props in, List<software.amazon.awssdk.services.rds.model.Tag> tags,
            OperationContext ctx) throws ProviderException {
        boolean arn = source.startsWith("arn:");
        if (arn && SnapshotCopies.instanceOf(source) == null) {
            throw invalid("InvalidParameterValue", "replicateSourceDb of " + id + " is not a DB instance ARN (arn:aws:rds:REGION:ACCOUNT:db:NAME): " + source);
        }
        String sourceRegion = arn ? SnapshotCopies.regionOf(source) : aws.region();
        boolean crossRegion = !sourceRegion.equals(aws.region());
        String kms = str(in, "kmsKeyId");
        if (crossRegion && kms == null && bool(in, "storageEncrypted", false)) {
            throw invalid("InvalidParameterCombination", "the replica " + id + " in " + aws.region() + " of the encrypted " + source
                    + " needs kmsKeyId: a KMS key of " + aws.region() + " (KMS keys do not cross regions), e.g. alias/aws/rds for the region's"
                    + " default RDS key");
        }
        List<String> groups = strings(in, "vpcSecurityGroupIds");
        try {
            poll.consistent(ctx, "creating replica " + id, () -> AwsCall.run(in("CreateDBInstanceReadReplica"), () -> rds().createDBInstanceReadReplica(r -> r
                    .dbInstanceIdentifier(id).sourceDBInstanceIdentifier(source)
                    // the SDK presigns the request in the source's region (PreSignedUrl) and sends that, not SourceRegion
                    .sourceRegion(crossRegion ? sourceRegion : null)
                    // a replica in its source's region has its source's key: the API wants none then
                    .kmsKeyId(crossRegion ? kms : null)
                    .dbInstanceClass(str(in, "instanceClass")).dbSubnetGroupName(str(in, "dbSubnetGroupName"))
                    .vpcSecurityGroupIds(groups.isEmpty() ? null : groups).multiAZ(bool(in, "multiAz"))
                    .storageType(str(in, "storageType")).publiclyAccessible(bool(in, "publiclyAccessible"))
                    .deletionProtection(bool(in, "deletionProtection")).copyTagsToSnapshot(bool(in, "copyTagsToSnapshot"))
                    .autoMinorVersionUpgrade(bool(in, "autoMinorVersionUpgrade")).tags(tags))));
        } catch (ProviderException e) {
            if (e.getMessage() != null && e.getMessage().contains("ManageMasterUserPassword")) {
                throw new ProviderException(e.kind(), e.code(), e.getMessage() + " (RDS makes no read replica of a database whose master"
                        + " password it manages in Secrets Manager: give " + source + " a password of its own, manageMasterUserPassword false)", e);
            }
            throw e;
        }
    }

    private void restoreSnapshot(String id, String snapshot, Props in, List<software.amazon.awssdk.services.rds.model.Tag> tags,
            OperationContext ctx) throws ProviderException {
        poll.consistent(ctx, "restoring " + id, () -> AwsCall.run(in("RestoreDBInstanceFromDBSnapshot"), () -> rds().restoreDBInstanceFromDBSnapshot(r -> r
                .dbInstanceIdentifier(id).dbSnapshotIdentifier(snapshot).dbInstanceClass(str(in, "instanceClass"))
                .dbSubnetGroupName(str(in, "dbSubnetGroupName")).vpcSecurityGroupIds(strings(in, "vpcSecurityGroupIds"))
                .multiAZ(bool(in, "multiAz")).publiclyAccessible(bool(in, "publiclyAccessible")).storageType(str(in, "storageType"))
                .deletionProtection(bool(in, "deletionProtection")).tags(tags))));
    }

    private void awaitAvailable(String id, OperationContext ctx) throws ProviderException {
        poll.until(ctx, "waiting for database " + id + " to be available", () -> {
            Optional<DBInstance> db = describe(id);
            String status = db.map(DBInstance::dbInstanceStatus).orElse("creating");
            if ("available".equals(status)) return Optional.of(status);
            if (status.matches(FAILED)) throw invalid("InvalidDBInstanceState", "database " + id + " in " + aws.region() + " is " + status);
            return Optional.empty();
        });
    }

    private Optional<DBInstance> describe(String id) throws ProviderException {
        return AwsCall.find(in("DescribeDBInstances"), () -> rds().describeDBInstances(r -> r.dbInstanceIdentifier(id)).dbInstances()
                .stream().findFirst().orElse(null));
    }

    @Override
    protected Optional<View> view(String id, Props given, OperationContext ctx) throws ProviderException {
        Optional<DBInstance> found = describe(id);
        if (found.isEmpty() || "deleting".equals(found.get().dbInstanceStatus())) return Optional.empty();
        DBInstance db = found.get();
        Props in = clean(given);
        List<String> groups = new ArrayList<>();
        for (VpcSecurityGroupMembership m : db.vpcSecurityGroups()) groups.add(m.vpcSecurityGroupId());
        // "15" asks for the newest 15.x: the cloud's 15.7 is what was asked
        String version = db.engineVersion();
        String asked = str(in, "engineVersion");
        if (asked != null && version != null && version.startsWith(asked + ".")) version = asked;
        String source = db.readReplicaSourceDBInstanceIdentifier();
        Props.Builder seen = Props.builder().put("identifier", db.dbInstanceIdentifier()).put("engine", db.engine())
                .put("engineVersion", version).put("instanceClass", db.dbInstanceClass()).put("allocatedStorage", db.allocatedStorage())
                // absent once promoted: a refresh sees the promotion
                .put("replicateSourceDb", s(source)).put("multiAz", Boolean.TRUE.equals(db.multiAZ()))
                .put("storageEncrypted", Boolean.TRUE.equals(db.storageEncrypted()))
                .put("vpcSecurityGroupIds", PropertyValue.strings(sameMembers(strings(in, "vpcSecurityGroupIds"), groups)))
                .put("tags", tagsValue(RdsTags.map(db.tagList())));
        // a replica's retention is the one its promotion sets, not its own (it has no automated backups)
        if (source == null) seen.put("backupRetentionPeriod", db.backupRetentionPeriod());
        if (db.dbSubnetGroup() != null) seen.put("dbSubnetGroupName", db.dbSubnetGroup().dbSubnetGroupName());
        if (db.masterUsername() != null) seen.put("username", db.masterUsername());
        if (in.containsKey("backupWindow")) seen.put("backupWindow", db.preferredBackupWindow());
        if (in.containsKey("publiclyAccessible")) seen.put("publiclyAccessible", Boolean.TRUE.equals(db.publiclyAccessible()));
        if (in.containsKey("storageType")) seen.put("storageType", db.storageType());
        if (in.containsKey("deletionProtection")) seen.put("deletionProtection", Boolean.TRUE.equals(db.deletionProtection()));
        if (in.containsKey("maintenanceWindow")) seen.put("maintenanceWindow", db.preferredMaintenanceWindow());
        if (in.containsKey("copyTagsToSnapshot")) seen.put("copyTagsToSnapshot", Boolean.TRUE.equals(db.copyTagsToSnapshot()));
        if (in.containsKey("autoMinorVersionUpgrade")) seen.put("autoMinorVersionUpgrade", Boolean.TRUE.equals(db.autoMinorVersionUpgrade()));
        String address = db.endpoint() == null ? null : db.endpoint().address();
        Integer port = db.endpoint() == null ? null : db.endpoint().port();
        Props computed = Props.builder().put("arn", db.dbInstanceArn()).put("address", address)
                .put("endpoint", address == null ? null : address + ":" + port).put("port", n(port)).put("status", db.dbInstanceStatus())
                .put("resourceId", db.dbiResourceId())
                .put("latestRestorableTime", db.latestRestorableTime() == null ? null : db.latestRestorableTime().toString()).build();
        return Optional.of(new View(seen.build(), computed));
    }

    @Override
    public Props update(String id, Props oldOutputs, Props newInputs, OperationContext ctx) throws ProviderException {
        Props in = clean(newInputs);
        Props old = clean(oldOutputs);
        if (str(old, "replicateSourceDb") != null && str(in, "replicateSourceDb") == null) promote(id, in, ctx);
        boolean changed = false;
        // applied now unless the program says to wait for the maintenance window (applyImmediately false)
        var modify = software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest.builder().dbInstanceIdentifier(id)
                .applyImmediately(!Boolean.FALSE.equals(bool(in, "applyImmediately")));
        if (differs(old, in, "instanceClass")) { modify.dbInstanceClass(str(in, "instanceClass")); changed = true; }
        if (differs(old, in, "allocatedStorage")) { modify.allocatedStorage(integer(in, "allocatedStorage")); changed = true; }
        if (differs(old, in, "engineVersion")) { modify.engineVersion(str(in, "engineVersion")).allowMajorVersionUpgrade(true); changed = true; }
        if (differs(old, in, "backupRetentionPeriod")) { modify.backupRetentionPeriod(integer(in, "backupRetentionPeriod")); changed = true; }
        if (differs(old, in, "backupWindow")) { modify.preferredBackupWindow(str(in, "backupWindow")); changed = true; }
        if (differs(old, in, "multiAz")) { modify.multiAZ(bool(in, "multiAz")); changed = true; }
        if (differs(old, in, "publiclyAccessible")) { modify.publiclyAccessible(bool(in, "publiclyAccessible")); changed = true; }
        if (differs(old, in, "storageType")) { modify.storageType(str(in, "storageType")); changed = true; }
        if (differs(old, in, "deletionProtection")) { modify.deletionProtection(bool(in, "deletionProtection")); changed = true; }
        if (differs(old, in, "password")) { modify.masterUserPassword(str(in, "password")); changed = true; }
        if (differs(old, in, "maintenanceWindow")) { modify.preferredMaintenanceWindow(str(in, "maintenanceWindow")); changed = true; }
        if (differs(old, in, "copyTagsToSnapshot")) { modify.copyTagsToSnapshot(bool(in, "copyTagsToSnapshot")); changed = true; }
        if (differs(old, in, "autoMinorVersionUpgrade")) { modify.autoMinorVersionUpgrade(bool(in, "autoMinorVersionUpgrade")); changed = true; }
        if (differs(old, in, "vpcSecurityGroupIds")) { modify.vpcSecurityGroupIds(strings(in, "vpcSecurityGroupIds")); changed = true; }
        if (changed) {
            var request = modify.build();
            AwsCall.run(in("ModifyDBInstance"), () -> rds().modifyDBInstance(request));
            awaitAvailable(id, ctx);
        }
        RdsTags.update(rds(), str(oldOutputs, "arn"), tagChange(oldOutputs, in), aws.region());
        return current(id, in, ctx);
    }

    /**
     * Promotes the replica and waits until it stands alone and is available (it accepts writes
     * then). Run again on a replica already promoted, or being promoted, it waits only.
     */
    private void promote(String id, Props in, OperationContext ctx) throws ProviderException {
        Integer retention = integer(in, "backupRetentionPeriod");
        String window = str(in, "backupWindow");
        boolean[] asked = {false};
        poll.until(ctx, "waiting for replica " + id + " to be promoted", () -> {
            DBInstance db = describe(id).orElseThrow(() -> notFound("DBInstanceNotFound", "the replica " + id + " to promote is gone from " + aws.region()));
            String status = db.dbInstanceStatus();
            if (status != null && status.matches(FAILED)) {
                throw invalid("InvalidDBInstanceState", "the replica " + id + " in " + aws.region() + " is " + status + ": it cannot be promoted");
            }
            if (db.readReplicaSourceDBInstanceIdentifier() == null) return "available".equals(status) ? Optional.of(db) : Optional.empty();
            if (!asked[0] && "available".equals(status)) {
                try {
                    AwsCall.run(in("PromoteReadReplica"), () -> rds().promoteReadReplica(r -> r.dbInstanceIdentifier(id)
                            .backupRetentionPeriod(retention != null && retention > 0 ? retention : null).preferredBackupWindow(window)));
                    asked[0] = true;
                } catch (ProviderException e) {
                    // a promotion already under way (a run before this one's, cut short) is waited for
                    if (!"InvalidDBInstanceState".equals(e.code())) throw e;
                }
            }
            return Optional.empty();
        });
    }

    private static boolean differs(Props old, Props in, String key) {
        return in.containsKey(key) && !Objects.equals(old.get(key), in.get(key));
    }

    @Override
    public void delete(String id, Props outputs, OperationContext ctx) throws ProviderException {
        // RDS takes no final snapshot of a read replica (its source holds the data): asked for one, it refuses the delete
        boolean replica = describe(id).map(db -> db.readReplicaSourceDBInstanceIdentifier() != null)
                .orElse(str(outputs, "replicateSourceDb") != null);
        boolean skip = replica || bool(outputs, "skipFinalSnapshot", false) || str(outputs, "finalSnapshotIdentifier") == null;
        deleteInUse(ctx, "deleting database " + id, "DeleteDBInstance", () -> rds().deleteDBInstance(r -> r.dbInstanceIdentifier(id).skipFinalSnapshot(skip)
                    .finalDBSnapshotIdentifier(skip ? null : str(outputs, "finalSnapshotIdentifier"))));
        poll.until(ctx, "waiting for database " + id + " to be deleted", () -> describe(id).isEmpty() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /**
     * The replica as its region has it: its source, whether it replicates (its read replication
     * status, {@code replicating} and normal; its own status not a failed one), and the newest
     * {@code ReplicaLag} of the last 15 minutes (null when CloudWatch has none, or cannot be
     * asked: that does not make a replica broken). A promoted database has no source and does
     * not replicate, with no problem.
     */
    @Override
    public Optional<Replica> replica(String id, Props outputs, OperationContext ctx) throws ProviderException {
        Optional<DBInstance> found = describe(id);
        if (found.isEmpty() || "deleting".equals(found.get().dbInstanceStatus())) return Optional.empty();
        DBInstance db = found.get();
        String source = db.readReplicaSourceDBInstanceIdentifier();
        if (source == null) return Optional.of(new Replica(null, false, null, lag(id, ctx)));
        String status = db.dbInstanceStatus() == null ? "unknown" : db.dbInstanceStatus();
        String problem = null;
        DBInstanceStatusInfo replication = null;
        for (DBInstanceStatusInfo info : db.statusInfos()) {
            if (READ_REPLICATION.equalsIgnoreCase(info.statusType())) replication = info;
        }
        if (status.matches(FAILED)) {
            problem = "the database is " + status;
        } else if (replication != null) {
            boolean working = "replicating".equals(replication.status()) && Boolean.TRUE.equals(replication.normal());
            if (!working) {
                String message = replication.message() == null || replication.message().isBlank() ? null : replication.message().trim();
                problem = message != null ? message : "read replication is " + replication.status();
            }
        } else if ("creating".equals(status)) {
            problem = "the replica is still being made";
        }
        return Optional.of(new Replica(source, problem == null, problem, lag(id, ctx)));
    }

    /** The newest ReplicaLag of the instance; null when there is none or CloudWatch cannot be asked. */
    private Duration lag(String id, OperationContext ctx) {
        try {
            return new CloudWatchMetrics(aws).newestMaximum("AWS/RDS", "ReplicaLag", "DBInstanceIdentifier", id, LAG_WINDOW, LAG_PERIOD)
                    // RDS reports -1 while replication is not active: no figure
                    .filter(p -> Double.isFinite(p.value()) && p.value() >= 0)
                    .map(p -> Duration.ofMillis(Math.round(p.value() * 1000))).orElse(null);
        } catch (ProviderException | RuntimeException e) {
            if (ctx != null) ctx.progress().accept("the replica lag of " + id + " is not known: " + e.getMessage());
            return null;
        }
    }

    @Override
    protected Optional<String> idForUrn(Urn urn, Props inputs) throws ProviderException {
        String id = str(clean(inputs), "identifier");
        if (id == null) return Optional.empty();
        Optional<DBInstance> db = describe(id);
        return db.isPresent() && marked(RdsTags.map(db.get().tagList()), urn) ? Optional.of(id) : Optional.empty();
    }

    @Override
    protected void awaitUsable(String id, OperationContext ctx) throws ProviderException {
        awaitAvailable(id, ctx);
    }
}
