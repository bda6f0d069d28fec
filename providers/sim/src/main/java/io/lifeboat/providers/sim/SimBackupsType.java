package io.lifeboat.providers.sim;

import static io.lifeboat.providers.sim.SimResourceType.guarded;

import java.time.Instant;
import java.util.Optional;

import io.lifeboat.provider.KeepsBackups;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.TakesBackups;
import io.lifeboat.resource.Props;

/**
 * A database type of the sim whose backups are kept in a location of their own ({@link SimBackups}):
 * the lifecycle is {@link SimResourceType}'s; a backup asked for now is recorded where the
 * instance's backups are kept (which must answer), and the newest backup held in this provider's
 * region is read from this region alone, so it answers while the instance's own region is out.
 */
class SimBackupsType extends SimLifecycleType implements TakesBackups, KeepsBackups {
    private final SimBackups backups;

    SimBackupsType(SimResourceType lifecycle, SimRuntime rt) {
        super(lifecycle, rt);
        this.backups = (SimBackups) lifecycle.rules();
    }

    @Override
    public Props backupNow(String id, Props inputs, OperationContext ctx) throws ProviderException {
        SimType type = lifecycle.rules();
        rt.gate().enter(type.service(), rt.region(), ctx);
        SimObject instance = guarded(() -> rt.cloud().object(rt.region(), type.token(), id));
        if (instance == null || instance.is(SimObject.DELETING)) throw type.notFound(id, "The " + type.noun() + " '" + id + "' does not exist in " + rt.region());
        rt.gate().failIfOut(backups.backupLocation(instance), type.service(), ctx);
        String location = backups.backupLocation(instance);
        Optional<Backup> taken = guarded(() -> {
            backups.backupNow(instance, rt.cloud(), Instant.now());
            return backups.newestBackup(rt.cloud(), location, id, Instant.now());
        });
        Props outputs = lifecycle.read(id, inputs, Props.EMPTY, ctx)
                .orElseThrow(() -> type.notFound(id, type.noun() + " " + id + " was deleted during its backup")).outputs();
        // as TakesBackups says: the newest backup's time among the outputs
        return taken.map(b -> outputs.with("latestBackupTime", io.lifeboat.resource.PropertyValue.of(b.time().toString()))).orElse(outputs);
    }

    @Override
    public Optional<Backup> newestBackup(String database, OperationContext ctx) throws ProviderException {
        rt.gate().enter(lifecycle.rules().service(), rt.region(), ctx);
        return guarded(() -> backups.newestBackup(rt.cloud(), rt.region(), database, Instant.now()));
    }
}
