package io.lifeboat.provider;

import java.time.Instant;
import java.util.Optional;

/**
 * A database type whose backups are kept apart from the database, in locations of their own, and
 * restored by name into another instance (Cloud SQL's backup runs, whose location the instance's
 * backup configuration names). Asked through a provider of the region the backups are held in,
 * so it answers while the database's own region is lost.
 */
public interface KeepsBackups {
    /**
     * The newest backup of the database named {@code database} held in this provider's region;
     * empty when none is held there.
     */
    Optional<Backup> newestBackup(String database, OperationContext ctx) throws ProviderException;

    /**
     * One backup: {@code name} is what a restore names ({@code <instance>/<backup run id>} on Cloud
     * SQL), {@code time} when it was taken (the recovery point).
     */
    record Backup(String name, Instant time) {
    }
}
