package io.lifeboat.providers.sim.aws;

import io.lifeboat.provider.TypeSchema;
import io.lifeboat.providers.sim.SimScope;
import io.lifeboat.resource.Props;

/**
 * {@code aws:rds/snapshot:Snapshot}: the final snapshot the cloud takes when an instance is
 * deleted without {@code skipFinalSnapshot}; an instance can be restored from it. Not served as a
 * type of the provider (the aws program does not emit it); it lives in the cloud only.
 */
final class DbSnapshotType extends AwsSimType {
    static final String TOKEN = "aws:rds/snapshot:Snapshot";
    static final TypeSchema SCHEMA = TypeSchema.builder(TOKEN).replaces("dbInstanceIdentifier", "dbSnapshotIdentifier")
            .optional("engine", "engineVersion", "allocatedStorage", "username", "dbName").tagged()
            .outputs("dbSnapshotArn", "snapshotCreateTime", "snapshotType", "status").build();

    DbSnapshotType() {
        super(SCHEMA);
    }

    @Override
    public boolean served() {
        return false;
    }

    @Override
    public String notFoundCode() {
        return "DBSnapshotNotFound";
    }

    @Override
    public String newId(Props in, SimScope scope) {
        return str(in, "dbSnapshotIdentifier");
    }
}
