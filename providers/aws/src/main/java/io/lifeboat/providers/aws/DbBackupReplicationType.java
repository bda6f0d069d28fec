package io.lifeboat.providers.aws;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.TakesBackups;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import software.amazon.awssdk.services.rds.model.DBSnapshot;

/**
 * {@code aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication}, made
 * in the destination region (the pair's provider): a snapshot of the source database, copied
 * into this region ({@code <instance>-dr-<time>}); the snapshot in the source region is dropped
 * once the copy is available. Its id is the source instance's ARN, which a failover hands to
 * {@link DbInstanceType} to restore from the newest copy here; {@code latestBackupTime} is that
 * copy's time, the recovery point. Deleting it deletes the copies it made. AWS takes no further
 * copies on its own: {@code lifeboat backup}, run on the spec's {@code backup.every}, takes each
 * next one ({@link #backupNow}).
 */
final class DbBackupReplicationType extends AwsType implements TakesBackups {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    DbBackupReplicationType(AwsClients aws) {
        super(AwsSchemas.DB_BACKUP_REPLICATION, aws);
    }

    @Override
    public Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        Props in = clean(inputs);
        String source = copy(urn, in, ctx);
        return created(source, in, ctx);
    }

    /** Another copy of the source into this region, for {@code lifeboat backup} on the spec's interval. */
    @Override
    public Props backupNow(String id, Props inputs, OperationContext ctx) throws ProviderException {
        Props in = clean(inputs);
        copy(ctx == null ? null : ctx.urn(), in, ctx);
        return current(id, in, ctx);
    }

    /** Snapshots the source in its region, copies the snapshot here, drops the source's; returns the source's ARN. */
    private String copy(Urn urn, Props in, OperationContext ctx) throws ProviderException {
        String source = str(in, "sourceDbInstanceArn");
        String instance = SnapshotCopies.instanceOf(source);
        String sourceRegion = SnapshotCopies.regionOf(source);
        if (instance == null || sourceRegion == null) throw invalid("InvalidParameterValue", "sourceDbInstanceArn is not a DB instance ARN: " + source);
        if (sourceRegion.equals(aws.region())) {
            throw invalid("InvalidParameterCombination", "backups are copied to another region than the source's (" + sourceRegion + ")");
        }
        AwsClients from = aws.inRegion(sourceRegion);
        String name = instance + SnapshotCopies.INFIX + STAMP.format(java.time.Instant.now());
        var tags = RdsTags.of(markedTags(Props.EMPTY, urn));
        String snapshotArn = poll.consistent(ctx, "snapshotting " + instance, () -> AwsCall.run("CreateDBSnapshot in " + sourceRegion,
                () -> from.rds().createDBSnapshot(r -> r.dbInstanceIdentifier(instance).dbSnapshotIdentifier(name).tags(tags)).dbSnapshot().dbSnapshotArn()));
        DBSnapshot snapshot = awaitSnapshot(from, name, ctx);
        String kms = kmsKey(str(in, "kmsKeyId"), snapshot);
        poll.consistent(ctx, "copying " + name + " to " + aws.region(), () -> AwsCall.run(in("CopyDBSnapshot"), () -> aws.rds().copyDBSnapshot(r -> r
                .sourceDBSnapshotIdentifier(snapshotArn).targetDBSnapshotIdentifier(name).sourceRegion(sourceRegion)
                .kmsKeyId(kms).tags(tags))));
        awaitSnapshot(aws, name, ctx);
        AwsCall.delete("DeleteDBSnapshot in " + sourceRegion, () -> from.rds().deleteDBSnapshot(r -> r.dbSnapshotIdentifier(name)));
        return source;
    }

    /**
     * The key of the copy: the one asked for; else, for an encrypted snapshot copied across regions
     * on AWS (which requires a key of the destination region), that region's AWS managed RDS key.
     */
    private String kmsKey(String asked, DBSnapshot snapshot) {
        if (asked != null) return asked;
        return Boolean.TRUE.equals(snapshot.encrypted()) && aws.settings().endpoint() == null ? "alias/aws/rds" : null;
    }

    private DBSnapshot awaitSnapshot(AwsClients where, String name, OperationContext ctx) throws ProviderException {
        return poll.until(ctx, "waiting for snapshot " + name + " in " + where.region(), () -> {
            Optional<DBSnapshot> s = AwsCall.find("DescribeDBSnapshots in " + where.region(), () -> where.rds().describeDBSnapshots(r -> r
                    .dbSnapshotIdentifier(name)).dbSnapshots().stream().findFirst().orElse(null));
            String status = s.map(DBSnapshot::status).orElse("creating");
            if ("available".equals(status)) return s;
            if (status.matches("failed|incompatible-.*")) throw invalid("InvalidDBSnapshotState", "snapshot " + name + " in " + where.region() + " is " + status);
            return Optional.empty();
        });
    }

    @Override
    protected Optional<View> view(String id, Props given, OperationContext ctx) throws ProviderException {
        String instance = SnapshotCopies.instanceOf(id);
        if (instance == null) return Optional.empty();
        Optional<DBSnapshot> newest = SnapshotCopies.newest(aws, instance);
        if (newest.isEmpty()) return Optional.empty();
        var at = SnapshotCopies.takenAt(newest.get());
        return Optional.of(new View(Props.builder().put("sourceDbInstanceArn", id).build(),
                Props.builder().put("latestBackupTime", at == null ? null : at.toString()).build()));
    }

    @Override
    public Props update(String id, Props oldOutputs, Props newInputs, OperationContext ctx) throws ProviderException {
        return current(id, clean(newInputs), ctx);
    }

    @Override
    public void delete(String id, Props outputs, OperationContext ctx) throws ProviderException {
        String instance = SnapshotCopies.instanceOf(id);
        if (instance == null) return;
        List<DBSnapshot> copies = SnapshotCopies.of(aws, instance);
        for (DBSnapshot s : copies) {
            AwsCall.delete(in("DeleteDBSnapshot"), () -> aws.rds().deleteDBSnapshot(r -> r.dbSnapshotIdentifier(s.dbSnapshotIdentifier())));
        }
    }

    /** The copies of the same source in this region: one replication per source, so the source names it. */
    @Override
    protected Optional<String> idForUrn(Urn urn, Props inputs) throws ProviderException {
        String source = str(clean(inputs), "sourceDbInstanceArn");
        String instance = SnapshotCopies.instanceOf(source);
        if (instance == null) return Optional.empty();
        return SnapshotCopies.newest(aws, instance).isPresent() ? Optional.of(source) : Optional.empty();
    }
}
