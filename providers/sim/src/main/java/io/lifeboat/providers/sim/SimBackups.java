package io.lifeboat.providers.sim;

import java.time.Instant;
import java.util.Optional;

import io.lifeboat.provider.KeepsBackups;
import io.lifeboat.provider.ProviderException;

/**
 * The rules of a database type whose backups the cloud keeps apart from it, in a location of their
 * own (Cloud SQL's backup runs): a provider serves such a type as {@link TakesBackups} and
 * {@link KeepsBackups} ({@link SimBackupsType}).
 */
public interface SimBackups {
    /** The region where the instance's backups are kept. */
    String backupLocation(SimObject instance);

    /** Records a backup of the instance taken now, where its backups are kept; refuses one that cannot be backed up. */
    void backupNow(SimObject instance, SimCloud cloud, Instant now) throws ProviderException;

    /** The newest backup of {@code database} held in {@code region}; empty when none is. */
    Optional<KeepsBackups.Backup> newestBackup(SimCloud cloud, String region, String database, Instant now);
}
