package io.lifeboat.dr;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.lifeboat.deploy.CallChain;
import io.lifeboat.deploy.ProviderCall;
import io.lifeboat.deploy.ProviderPool;
import io.lifeboat.deploy.RetryPolicy;
import io.lifeboat.deploy.StackRunner;
import io.lifeboat.program.Clouds;
import io.lifeboat.program.DrTraits;
import io.lifeboat.provider.KeepsBackups;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import io.lifeboat.spec.Stack;
import io.lifeboat.state.Snapshot;

/** The database backups a primary copies into its pair's region: which, and how recent. */
public final class Backups {
    private Backups() {
    }

    /**
     * The newest copy of a database that a restore can name: {@code restoreFrom} is what the
     * program's restore is given (the copies on AWS, one backup run on Cloud SQL), {@code time}
     * when it was taken (the recovery point; null when the cloud did not say).
     */
    public record RecoveryPoint(String restoreFrom, Instant time) {
    }

    /**
     * The newest copy of {@code owner}'s database held in {@code survivor}'s region, from the
     * owner's last state and asked of the survivor's region (so it answers while the owner's is
     * lost); null when none is held there, with a note saying why when it should have been.
     */
    public static RecoveryPoint newest(StackRunner runner, Stack owner, Snapshot ownerState, Stack survivor, List<String> notes)
            throws InterruptedException {
        DrTraits dr = Clouds.of(owner).dr();
        String copies = dr.copiesIn(ownerState, survivor.region());
        if (copies == null) return null;
        try (ProviderPool pool = runner.pool()) {
            DrTraits own = Clouds.of(survivor).dr();
            Urn provider = own.regionProvider(survivor);
            String ref = pool.register(provider, "recovery-point", own.regionProviderConfig(survivor));
            ResourceType type = pool.type(ref, dr.databaseCopies());
            OperationContext ctx = OperationContext.of(provider, Duration.ofMinutes(2));
            CallChain calls = CallChain.reading(RetryPolicy.DEFAULT, pool);
            if (type instanceof KeepsBackups kept) {
                Optional<KeepsBackups.Backup> newest = calls.call(ProviderCall.of("reading", provider, ref, ctx,
                        () -> kept.newestBackup(copies, ctx)));
                if (newest.isEmpty()) {
                    notes.add("no backup of " + owner.name() + "'s database " + copies + " is held in " + survivor.region());
                    return null;
                }
                return new RecoveryPoint(newest.get().name(), newest.get().time());
            }
            Optional<Props> seen = observe(calls, ProviderCall.read(type, ref, provider, copies, Props.EMPTY, Props.EMPTY, ctx));
            if (seen.isEmpty()) {
                notes.add("the copied backups " + copies + " are gone from " + survivor.region());
                return new RecoveryPoint(copies, null);
            }
            return new RecoveryPoint(copies, newest(seen.get()));
        } catch (ProviderException e) {
            notes.add("could not read the copied backups in " + survivor.region() + ": " + e.getMessage());
            return new RecoveryPoint(copies, null);
        }
    }

    /** The copies' outputs as the cloud has them now (read through the chain: its hiccups retried); empty when they are gone. */
    static Optional<Props> observe(CallChain calls, ProviderCall<Optional<ResourceType.Observed>> read)
            throws ProviderException, InterruptedException {
        return calls.call(read).map(ResourceType.Observed::outputs);
    }

    /** The time of the newest copy in the copies' outputs, or null. */
    static Instant newest(Props outputs) {
        String t = outputs.string("latestBackupTime");
        return t == null ? null : Instant.parse(t);
    }
}
