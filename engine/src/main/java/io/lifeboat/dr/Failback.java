package io.lifeboat.dr;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.lifeboat.deploy.DeployListener;
import io.lifeboat.deploy.ProviderPool;
import io.lifeboat.deploy.StackRunner;
import io.lifeboat.deploy.StepError;
import io.lifeboat.plan.PlanOptions;
import io.lifeboat.program.AwsSchemas;
import io.lifeboat.program.Posture;
import io.lifeboat.program.ProgramOptions;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import io.lifeboat.spec.Stack;
import io.lifeboat.state.Snapshot;

/**
 * Brings a stack lost in a failover back: once its region answers, its stale resources are
 * removed, it is rebuilt as the secondary of the stack that took over, and the backup copies turn
 * around (now from the new primary into it). With {@code promote}, roles are then switched back:
 * the returning stack's database is restored from the copies of the new primary's backups and it
 * becomes primary again; the other returns to standby.
 */
public final class Failback {
    private final StackRunner runner;

    public Failback(StackRunner runner) {
        this.runner = runner;
    }

    /**
     * What is being applied, recorded in both stacks' checkpoints as {@code up} records it.
     *
     * @param specHashes each stack's spec hash by stack name
     * @param commit     the commit the specs come from, or null
     */
    public record Applying(java.util.Map<String, String> specHashes, io.lifeboat.state.AppliedCommit commit) {
        public static final Applying NOTHING = new Applying(java.util.Map.of(), null);
    }

    public DrReport run(Stack returning, Stack current, boolean promote, DeployListener listener) throws InterruptedException {
        return run(returning, current, promote, listener, Applying.NOTHING);
    }

    public DrReport run(Stack returning, Stack current, boolean promote, DeployListener listener, Applying applying)
            throws InterruptedException {
        if (!current.name().equals(returning.pair())) {
            throw new IllegalArgumentException(current.name() + " is not the pair of " + returning.name());
        }
        Instant start = Instant.now();
        List<String> notes = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        probe(returning);

        Snapshot returningState = runner.store(returning).load(returning.name()).snapshot();
        Snapshot currentState = runner.store(current).load(current.name()).snapshot();
        boolean wasLost = returningState.metadata().lost();
        if (wasLost) {
            runner.setLost(returning, false, "failback");
            StackRunner.Target stale = new StackRunner.Target(returning, current, ProgramOptions.of(Posture.WARM), null, null);
            StackRunner.Applied gone = runner.destroy(stale, listener);
            collect(gone, errors);
            notes.add("removed " + returning.name() + "'s stale resources in " + returning.region()
                    + " (its database's final snapshot is kept, for what it held after the last copied backup)");
        }
        if (!errors.isEmpty()) return report(returning, current, start, null, List.of(), notes, errors);

        String currentBackups = currentState.metadata().restoredFrom();
        StackRunner.Applied secondary = runner.up(new StackRunner.Target(returning, current,
                new ProgramOptions(Posture.WARM, null, true, false), applying.specHashes().get(returning.name()), applying.commit()),
                PlanOptions.DEFAULT, false, listener);
        collect(secondary, errors);
        boolean currentIsPrimary = !"secondary".equals(currentState.metadata().role()) && (currentState.metadata().role() != null
                || current.role() == Stack.Role.PRIMARY);
        Posture currentPosture = current.role() == Stack.Role.PRIMARY ? Posture.ACTIVE : Posture.PROMOTED;
        StackRunner.Applied primary = runner.up(new StackRunner.Target(current, returning,
                new ProgramOptions(currentPosture, currentBackups, true, false), applying.specHashes().get(current.name()),
                applying.commit()), PlanOptions.DEFAULT, false, listener);
        collect(primary, errors);
        notes.add(returning.name() + " is the secondary of " + current.name() + "; backups and images are copied into " + returning.region());
        if (!currentIsPrimary) notes.add(current.name() + " was not marked primary; it is now");

        Instant backupTime = null;
        List<DrReport.Restored> restored = new ArrayList<>();
        StackRunner.Applied last = secondary;
        if (promote && errors.isEmpty()) {
            Snapshot now = runner.store(current).load(current.name()).snapshot();
            String backups = Backups.copied(now, returning.region());
            backupTime = backups == null ? null : Backups.latestTime(runner, returning, backups, notes);
            Posture back = returning.role() == Stack.Role.PRIMARY ? Posture.ACTIVE : Posture.PROMOTED;
            last = runner.up(new StackRunner.Target(returning, current, new ProgramOptions(back, backups, true, false),
                    applying.specHashes().get(returning.name()), applying.commit()),
                    PlanOptions.DEFAULT, false, listener);
            collect(last, errors);
            if (errors.isEmpty()) {
                StackRunner.Applied standby = runner.up(new StackRunner.Target(current, returning,
                        new ProgramOptions(current.role() == Stack.Role.PRIMARY ? Posture.WARM : Posture.of(current), null, true, false),
                        applying.specHashes().get(current.name()), applying.commit()), PlanOptions.DEFAULT, false, listener);
                collect(standby, errors);
                notes.add(returning.name() + " is primary again, its database restored from " + current.name()
                        + "'s copied backups; " + current.name() + " is back on standby. Writes made to " + current.name()
                        + " after the newest copied backup are not in it: stop writers before a planned failback");
            }
        }
        for (var r : last.snapshot().cloudResources()) restored.add(new DrReport.Restored(r.type(), r.urn().name(), r.id(), "present"));
        return report(returning, current, start, backupTime, restored, notes, errors);
    }

    private DrReport report(Stack returning, Stack current, Instant start, Instant backupTime, List<DrReport.Restored> restored,
                            List<String> notes, List<String> errors) {
        return new DrReport("failback", current.name(), current.region(), returning.name(), returning.region(), start, Instant.now(),
                backupTime, restored, List.of(), List.of(), notes, errors);
    }

    private static void collect(StackRunner.Applied a, List<String> errors) {
        for (StepError e : a.result().errors()) errors.add(e.toString());
    }

    /** Fails unless the returning stack's region answers. */
    private void probe(Stack returning) throws InterruptedException {
        try (ProviderPool pool = runner.pool()) {
            Urn provider = new Urn(returning.name(), "lifeboat", "pulumi:providers:aws", "aws-" + returning.region());
            String ref = pool.register(provider, "probe", Props.builder().put("region", returning.region())
                    .put("endpoint", returning.endpoint()).build());
            pool.type(ref, AwsSchemas.VPC).findByUrn(new Urn(returning.name(), "lifeboat", AwsSchemas.VPC, "probe"), Props.EMPTY,
                    OperationContext.of(provider, Duration.ofSeconds(30)));
        } catch (ProviderException e) {
            throw new IllegalStateException(returning.region() + " does not answer yet (" + e.getMessage() + "); fail back once it does");
        }
    }

}
