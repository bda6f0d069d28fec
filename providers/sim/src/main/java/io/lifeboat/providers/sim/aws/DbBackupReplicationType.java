package io.lifeboat.providers.sim.aws;

import static io.lifeboat.program.aws.AwsSchemas.DB_BACKUP_REPLICATION;
import static io.lifeboat.program.aws.AwsSchemas.DB_INSTANCE;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.providers.sim.Reference;
import io.lifeboat.providers.sim.RegionState;
import io.lifeboat.providers.sim.SimErrors;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.providers.sim.SimScope;
import io.lifeboat.resource.Props;

/**
 * {@code aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication}: made in
 * the destination region, it copies a source instance's automated backups there. Its newest
 * backup trails the present by the log shipping lag — and stops advancing when the source
 * region goes out, which is the recovery point a failover restores to.
 */
final class DbBackupReplicationType extends AwsSimType {
    DbBackupReplicationType() {
        super(DB_BACKUP_REPLICATION);
    }

    @Override
    public String notFoundCode() {
        return "DBInstanceAutomatedBackupNotFound";
    }

    @Override
    public List<Reference> references() {
        return List.of(Reference.to("sourceDbInstanceArn", DB_INSTANCE, "DBInstanceNotFound").resolvedBy(Resolvers.DB_INSTANCE_BY_ARN).weak());
    }

    @Override
    public void validate(Props in, SimScope scope, SimObject current) throws ProviderException {
        String arn = str(in, "sourceDbInstanceArn");
        String source = arnRegion(arn);
        if (source.equals(scope.region())) {
            throw SimErrors.invalid("InvalidParameterCombination", "automated backups are replicated to another region than the source's (" + source + ")");
        }
        RegionState state = scope.regionState(source);
        if (state.out()) {
            throw SimErrors.unavailable("EndpointConnectionError", "the source region " + source + " is unavailable (simulated outage)");
        }
        SimObject db = Resolvers.DB_INSTANCE_BY_ARN.resolve(scope, arn);
        Double retention = num(db.inputs(), "backupRetentionPeriod");
        if (retention != null && retention == 0) {
            throw SimErrors.invalid("InvalidDBInstanceState", "automated backups are not enabled on " + db.id() + " (backupRetentionPeriod is 0)");
        }
        Double days = num(in, "retentionPeriod");
        if (days != null && (days < 1 || days > 35)) throw bad("retentionPeriod must be within 1..35 days");
    }

    @Override
    public String uniqueKey(Props in) {
        return str(in, "sourceDbInstanceArn");
    }

    @Override
    public ProviderException duplicate(Props in, SimObject existing) {
        return SimErrors.conflict("InvalidDBInstanceState", "the automated backups of " + str(in, "sourceDbInstanceArn")
                + " are already replicated to this region (" + existing.id() + ")");
    }

    @Override
    public String newId(Props in, SimScope scope) {
        return scope.arn("rds", "auto-backup:ab-" + scope.ids().lowerAlnum(26));
    }

    @Override
    public Props live(SimObject o, SimScope scope) {
        return o.computed().with("latestBackupTime", s(latestBackupTime(o, scope).toString()));
    }

    /** The newest backup in this region: the log lag behind now, or behind the start of the source region's outage. */
    static Instant latestBackupTime(SimObject o, SimScope scope) {
        Instant cutoff = scope.now();
        String source = arnRegion(o.inputs().string("sourceDbInstanceArn"));
        if (source != null) {
            RegionState state = scope.regionState(source);
            if (state.out() && state.outSince() != null && state.outSince().isBefore(cutoff)) cutoff = state.outSince();
        }
        Instant t = cutoff.minus(DbInstanceType.LOG_LAG);
        return (t.isBefore(o.createdAt()) ? o.createdAt() : t).truncatedTo(ChronoUnit.SECONDS);
    }

    @Override
    public Props outputDefaults(SimScope scope) {
        return Props.builder().put("retentionPeriod", 7).build();
    }
}
