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
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import io.lifeboat.spec.Stack;
import io.lifeboat.state.ResourceState;
import io.lifeboat.state.Snapshot;

/** The database backups a primary copies into its pair's region: which, and how recent. */
final class Backups {
    private Backups() {
    }

    /** The replicated automated backups the lost stack made in {@code region}, from its last state. */
    static String copied(Stack lost, Snapshot lostState, String region) {
        String copies = Clouds.of(lost).dr().databaseCopies();
        for (ResourceState r : lostState.resources()) {
            if (!r.type().equals(copies) || r.id() == null || r.delete()) continue;
            if (region.equals(regionOf(lostState, r))) return r.id();
        }
        return null;
    }

    private static String regionOf(Snapshot s, ResourceState r) {
        if (r.provider() == null) return null;
        ResourceState p = s.get(r.providerUrn());
        return p == null ? null : p.inputs().string("region");
    }

    /** Asks the surviving region how recent the newest copied backup is: the recovery point. */
    static Instant latestTime(StackRunner runner, Stack survivor, String backups, List<String> notes) throws InterruptedException {
        try (ProviderPool pool = runner.pool()) {
            DrTraits dr = Clouds.of(survivor).dr();
            Urn provider = dr.regionProvider(survivor);
            String ref = pool.register(provider, "recovery-point", dr.regionProviderConfig(survivor));
            ResourceType type = pool.type(ref, dr.databaseCopies());
            OperationContext ctx = OperationContext.of(provider, Duration.ofMinutes(2));
            Optional<Props> seen = observe(CallChain.reading(RetryPolicy.DEFAULT, pool),
                    ProviderCall.read(type, ref, provider, backups, Props.EMPTY, Props.EMPTY, ctx));
            if (seen.isEmpty()) {
                notes.add("the copied backups " + backups + " are gone from " + survivor.region());
                return null;
            }
            return newest(seen.get());
        } catch (ProviderException e) {
            notes.add("could not read the copied backups in " + survivor.region() + ": " + e.getMessage());
            return null;
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
