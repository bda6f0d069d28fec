package io.lifeboat.dr;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.lifeboat.deploy.DeployListener;
import io.lifeboat.deploy.StackRunner;
import io.lifeboat.plan.PlanOptions;
import io.lifeboat.program.Clouds;
import io.lifeboat.program.Posture;
import io.lifeboat.program.ProgramOptions;
import io.lifeboat.spec.Stack;
import io.lifeboat.state.Snapshot;
import io.lifeboat.state.StackMetadata;

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
        Instant start = Instant.now();
        check(returning, current, promote);
        List<String> notes = new ArrayList<>();
        List<String> errors = new ArrayList<>();

        Snapshot returningState = runner.store(returning).load(returning.name()).snapshot();
        Snapshot currentState = runner.store(current).load(current.name()).snapshot();
        String currentBackups = currentState.metadata().restoredFrom();
        Posture currentPosture = Posture.of(current, returning, true);
        Posture standbyPosture = Posture.of(returning, current, false);
        StackRunner.Applied last = null;
        if (returningState.metadata().lost()) {
            runner.reclaimAsSecondary(returning, "failback");
            StackRunner.Target stale = new StackRunner.Target(returning, current, ProgramOptions.of(Posture.WARM), null, null);
            StackRunner.Applied gone = runner.destroy(stale, listener);
            collect(gone, errors);
            if (!errors.isEmpty()) return report(returning, current, start, null, List.of(), notes, errors);
            notes.add("removed " + returning.name() + "'s stale resources in " + returning.region()
                    + " (its database's final snapshot is kept, for what it held after the last copied backup)");
        }
        // A lost stack is rebuilt as secondary; a rebuilt one is brought in line again when asked once more.
        if (returningState.metadata().lost() || !promote) {
            last = runner.up(target(returning, current, standbyPosture, null, true, applying), PlanOptions.DR, false, listener);
            collect(last, errors);
            // cut short, nothing more is started: the primary is brought in line when the same command runs again
            if (last.result().interrupted()) return report(returning, current, start, null, List.of(), notes, errors);
            StackRunner.Applied primary = runner.up(new StackRunner.Target(current, returning, ProgramOptions.recorded(currentPosture, currentBackups, true),
                    applying.specHashes().get(current.name()), applying.commit()), PlanOptions.DR, false, listener);
            collect(primary, errors);
            if (errors.isEmpty()) {
                notes.add(returning.name() + " is the secondary of " + current.name() + "; backups and images are copied into "
                        + returning.region() + (standbyPosture.replicates() ? ", and its database is a live replica of " + current.name() + "'s" : ""));
            }
        }

        Instant backupTime = null;
        if (promote && errors.isEmpty()) {
            backupTime = promote(returning, current, currentBackups, listener, applying, notes, errors);
        }
        List<DrReport.Restored> restored = new ArrayList<>();
        Snapshot now = runner.store(returning).load(returning.name()).snapshot();
        for (var r : now.cloudResources()) restored.add(new DrReport.Restored(r.type(), r.urn().name(), r.id(), "present"));
        // what was made again in the returning region needs its person again (subscriptions, peerings); once it serves, its clients too
        List<String> actions = new ArrayList<>(Clouds.of(returning).dr().personActions(now, null, returning));
        if (promote && errors.isEmpty()) actions.addAll(Failover.pointClientsAt(now, returning));
        return report(returning, current, start, backupTime, restored, actions, notes, errors);
    }

    /**
     * Switches the roles back, in an order in which no DAG runs in two regions and every API key
     * exists in at least one region at every moment: the current primary stops its schedulers;
     * the returning stack is restored from its copied backups and its secrets take over the
     * replicas in its region (same material); the other goes back to standby; then the returning
     * stack replicates its keys, backups and images into the other's region.
     */
    private Instant promote(Stack returning, Stack current, String currentBackups, DeployListener listener, Applying applying,
                            List<String> notes, List<String> errors) throws InterruptedException {
        collect(runner.up(new StackRunner.Target(current, returning, ProgramOptions.recorded(Posture.DEMOTED, currentBackups, true),
                applying.specHashes().get(current.name()), applying.commit()), PlanOptions.DR, false, listener), errors);
        if (!errors.isEmpty()) return null;
        Posture back = Posture.of(returning, current, true);
        Snapshot returningState = runner.store(returning).load(returning.name()).snapshot();
        Snapshot now = runner.store(current).load(current.name()).snapshot();
        // a hot standby's replica, caught up now that the schedulers stopped, is promoted; else the newest copied backup is restored
        ReplicaCheck.Verdict replica = Posture.of(returning, current, false).replicates()
                ? ReplicaCheck.check(runner, returning, returningState, false) : null;
        ProgramOptions backOptions;
        Instant backupTime = null;
        if (replica != null && replica.promote()) {
            String source = Clouds.of(returning).dr().replicaSourceIn(now);
            backOptions = new ProgramOptions(back, null, false, false).replicaOf(source != null ? source
                    : Clouds.of(returning).dr().replicatedSourceIn(returningState));
            notes.add("promoting " + returning.name() + "'s replica " + replica.id() + " of " + current.name() + "'s database"
                    + (replica.lag() == null ? "" : " (" + io.lifeboat.spec.Durations.format(replica.lag()) + " behind when last measured)"));
        } else {
            if (replica != null) notes.add(replica.why() + "; restoring " + current.name() + "'s newest copied backup instead");
            for (BackupNow.Result r : new BackupNow(runner).run(current)) {
                if (r.error() != null) notes.add("the final copy of " + current.name() + "'s database could not be taken: " + r.error());
            }
            now = runner.store(current).load(current.name()).snapshot();
            Backups.RecoveryPoint point = Backups.newest(runner, current, now, returning, notes);
            backOptions = new ProgramOptions(back, point == null ? null : point.restoreFrom(), false, false);
            backupTime = point == null ? null : point.time();
        }
        collect(runner.up(target(returning, backOptions, current, applying), PlanOptions.DR, false, listener), errors);
        if (!errors.isEmpty()) return backupTime;
        Posture standby = Posture.of(current, returning, false);
        collect(runner.up(target(current, returning, standby, null, true, applying), PlanOptions.DR, false, listener), errors);
        if (!errors.isEmpty()) return backupTime;
        ProgramOptions withPair = new ProgramOptions(back, backOptions.restoreFrom(), true, false).replicaOf(backOptions.replicaOf());
        collect(runner.up(target(returning, withPair, current, applying), PlanOptions.DR, false, listener), errors);
        if (errors.isEmpty()) {
            notes.add(returning.name() + " is primary again, its database " + (backOptions.promotedReplica()
                    ? "its replica of " + current.name() + "'s, promoted" : "restored from " + current.name() + "'s copied backups") + "; "
                    + current.name() + " is back on standby" + (standby.replicates() ? ", its database a new replica of " + returning.name() + "'s" : "")
                    + ". Writes made to " + current.name() + (backOptions.promotedReplica() ? " that its replica had not replayed"
                    : " after the newest copied backup") + " are not in it: stop writers before a planned failback");
            notes.add("API keys kept their key material: " + returning.name() + "'s secrets took over the replicas in "
                    + returning.region() + " before " + current.name() + " let go of its own");
        }
        return backupTime;
    }

    private static StackRunner.Target target(Stack stack, Stack pair, Posture posture, String restoreFrom, boolean pairAvailable,
                                             Applying applying) {
        return target(stack, new ProgramOptions(posture, restoreFrom, pairAvailable, false), pair, applying);
    }

    private static StackRunner.Target target(Stack stack, ProgramOptions options, Stack pair, Applying applying) {
        return new StackRunner.Target(stack, pair, options, applying.specHashes().get(stack.name()), applying.commit());
    }


    /**
     * The preconditions, checked before anything changes: the stacks are a pair; the returning
     * stack was lost in a failover (or, having been rebuilt as the secondary of the stack that took
     * over, it is to be promoted or its rebuilding finished); the other stack is not lost; and the
     * returning stack's region answers.
     *
     * @throws DrRefusedException naming what was found and the command that would be right
     */
    public void check(Stack returning, Stack current, boolean promote) throws InterruptedException {
        if (!current.name().equals(returning.pair()) || !returning.name().equals(current.pair())) {
            throw new DrRefusedException(current.name() + " is not the pair of " + returning.name(), null);
        }
        StackMetadata r = runner.store(returning).metadata(returning.name());
        StackMetadata c = runner.store(current).metadata(current.name());
        String name = returning.name();
        if (c.lost()) {
            throw new DrRefusedException(current.name() + " is the stack marked lost, and " + name + " took over from it",
                    "to bring " + current.name() + " back, run `lifeboat failback --stack " + current.name() + "`");
        }
        String returningRole = Failover.role(returning, r);
        String currentRole = Failover.role(current, c);
        boolean rebuilt = returningRole.equals("secondary") && currentRole.equals("primary") && returning.role() == Stack.Role.PRIMARY;
        if (!r.lost() && !rebuilt) {
            throw new DrRefusedException(name + " was never lost: by its state it is the pair's " + returningRole
                    + (returningRole.equals("primary") ? " and serves the platform" : "") + ", so there is nothing to fail back",
                    returningRole.equals("primary")
                            ? "to hand the primary role to " + current.name() + " on purpose, run `lifeboat failover --from " + name
                                    + " --to " + current.name() + " --force`"
                            : "to make it primary on purpose, run `lifeboat failover --from " + current.name() + " --to " + name + " --force`");
        }
        RegionProbe.Answer answer = new RegionProbe(runner).ask(returning);
        if (!answer.answers()) {
            throw new DrRefusedException(returning.region() + " does not answer yet (" + answer.silence() + ")",
                    "fail back once it does: `lifeboat failback --stack " + name + (promote ? " --promote" : "") + "`");
        }
        // the stack that serves now is where the returning one is rebuilt from: its stale copy is not removed while that one is silent
        RegionProbe.Answer serving = new RegionProbe(runner).ask(current);
        if (!serving.answers()) {
            throw new DrRefusedException(current.name() + "'s region " + current.region() + " does not answer (" + serving.silence() + "): "
                    + name + " is rebuilt from it, and its old copy in " + returning.region() + " is not removed while nothing else answers",
                    "fail back once " + current.region() + " answers: `lifeboat failback --stack " + name + (promote ? " --promote" : "") + "`");
        }
    }

    private DrReport report(Stack returning, Stack current, Instant start, Instant backupTime, List<DrReport.Restored> restored,
                            List<String> notes, List<String> errors) {
        return report(returning, current, start, backupTime, restored, List.of(), notes, errors);
    }

    private DrReport report(Stack returning, Stack current, Instant start, Instant backupTime, List<DrReport.Restored> restored,
                            List<String> actions, List<String> notes, List<String> errors) {
        return new DrReport("failback", current.name(), current.region(), returning.name(), returning.region(), start, Instant.now(),
                backupTime, null, false, restored, actions, List.of(), notes, errors);
    }

    private static void collect(StackRunner.Applied a, List<String> errors) {
        errors.addAll(AppliedErrors.of(a));
    }

}
