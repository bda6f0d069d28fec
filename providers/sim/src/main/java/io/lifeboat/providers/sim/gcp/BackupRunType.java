package io.lifeboat.providers.sim.gcp;

import io.lifeboat.provider.TypeSchema;
import io.lifeboat.providers.sim.SimScope;
import io.lifeboat.resource.Props;

/**
 * {@code gcp:sql/backupRun:BackupRun}: a backup of a Cloud SQL instance, kept in the region its
 * backup configuration names ({@code location}), its id {@code <instance>/<run id>}. Not served
 * (the gcp program does not make them): the cloud takes them, and a new instance is restored
 * from one by {@code restoreBackupContext}. It carries the data of its instance ({@code data}).
 */
final class BackupRunType extends GcpSimType {
    static final String TOKEN = "gcp:sql/backupRun:BackupRun";
    static final TypeSchema SCHEMA = TypeSchema.builder(TOKEN).replaces("instance", "location")
            .optional("databaseVersion", "type")
            .outputs("backupRunId", "startTime", "endTime", "windowStartTime", "status", "selfLink").build();

    BackupRunType() {
        super(SCHEMA);
    }

    @Override
    public boolean served() {
        return false;
    }

    @Override
    protected boolean uniqueInProject() {
        return false;
    }

    @Override
    public String newId(Props in, SimScope scope) {
        return str(in, "instance") + "/" + scope.now().toEpochMilli();
    }
}
