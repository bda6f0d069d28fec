package io.lifeboat.provider;

import io.lifeboat.resource.Props;

/**
 * A type whose objects copy backups that a cloud does not take on its own schedule (an AWS
 * database's snapshot copies into the pair's region), or take them on demand (a Cloud SQL
 * instance's backup runs): told when to take the next one.
 */
public interface TakesBackups {

    /**
     * Takes a backup now and waits for it; returns the object's outputs after it, the newest
     * backup's time among them as {@code latestBackupTime}.
     */
    Props backupNow(String id, Props inputs, OperationContext ctx) throws ProviderException;
}
