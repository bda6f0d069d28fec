package io.lifeboat.dr;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import io.lifeboat.provider.TakesBackups;
import io.lifeboat.resource.Props;
import io.lifeboat.spec.Stack;
import io.lifeboat.state.ResourceState;
import io.lifeboat.state.Snapshot;

/**
 * Brings a primary's copies of its database in its pair's region up to date, for a scheduler (CI)
 * to run every {@code backup.every}: where the cloud copies continuously (automated-backups
 * replication, the sim) it only reports the newest copy; where copies are taken one at a time (an
 * AWS snapshot copy) it takes one. Reads the stack's state, never changes it.
 */
public final class BackupNow {
    private static final Duration TIMEOUT = Duration.ofHours(2);

    /** One copy's outcome: {@code taken} when a backup was made now; {@code error} when it could not be. */
    public record Result(String stack, String region, String backups, boolean taken, Instant newest, Duration every, String error) {
        /** The newest copy is older than the spec's interval (or there is none). */
        public boolean overdue(Instant now) {
            return newest == null || (every != null && newest.plus(every).isBefore(now));
        }
    }

    private final StackRunner runner;

    public BackupNow(StackRunner runner) {
        this.runner = runner;
    }

    /** Every copy the stack's state records; none for a stack that makes no copies (a secondary, a lost primary). */
    public List<Result> run(Stack stack) throws InterruptedException {
        Snapshot s = runner.store(stack).load(stack.name()).snapshot();
        List<Result> out = new ArrayList<>();
        if (s.metadata().lost()) return out;
        Duration every = stack.platform() == null ? null : stack.platform().database().backup().every();
        try (ProviderPool pool = runner.pool()) {
            pool.registerAll(s);
            DrTraits dr = Clouds.of(stack).dr();
            for (ResourceState r : s.resources()) {
                if (!r.type().equals(dr.databaseCopies()) || r.delete() || r.id() == null) continue;
                out.add(copy(pool, CallChain.reading(RetryPolicy.DEFAULT, pool), stack, r, dr.copiesHeldIn(s, r), every));
            }
        }
        return out;
    }

    private Result copy(ProviderPool pool, CallChain calls, Stack stack, ResourceState r, String region, Duration every)
            throws InterruptedException {
        OperationContext ctx = OperationContext.of(r.urn(), TIMEOUT);
        try {
            ResourceType type = pool.type(r.provider(), r.type());
            Props outputs;
            boolean taken = type instanceof TakesBackups;
            if (taken) {
                outputs = calls.call(ProviderCall.backupNow((TakesBackups) type, r.provider(), r.urn(), r.id(), r.inputs().reveal(), ctx));
            } else {
                Optional<Props> seen = Backups.observe(calls,
                        ProviderCall.read(type, r.provider(), r.urn(), r.id(), r.inputs().reveal(), r.outputs().reveal(), ctx));
                if (seen.isEmpty()) return new Result(stack.name(), region, r.id(), false, null, every, "the copies " + r.id() + " are gone; run lifeboat up");
                outputs = seen.get();
            }
            return new Result(stack.name(), region, r.id(), taken, Backups.newest(outputs), every, null);
        } catch (ProviderException e) {
            return new Result(stack.name(), region, r.id(), false, null, every, e.getMessage());
        }
    }
}
