package io.lifeboat.dr;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.lifeboat.deploy.Background;
import io.lifeboat.deploy.DeployListener;
import io.lifeboat.deploy.StackRunner;
import io.lifeboat.plan.Differ;
import io.lifeboat.plan.PlanOptions;
import io.lifeboat.program.Clouds;
import io.lifeboat.program.Posture;
import io.lifeboat.program.ProgramOptions;
import io.lifeboat.program.ProgramResult;
import io.lifeboat.resource.Goal;
import io.lifeboat.resource.Urn;
import io.lifeboat.spec.Durations;
import io.lifeboat.spec.Stack;
import io.lifeboat.state.ResourceState;
import io.lifeboat.state.Snapshot;
import io.lifeboat.state.StackMetadata;
import io.lifeboat.state.StateStore;

/**
 * Re-creates a platform in the surviving region of its pair. The lost region is never called:
 * its stack's state is only read (for the backups copied out of it) and marked lost. While the
 * lost region's probe waits out its timeout, the survivor is read under its lock, its cloud is
 * read (a refresh of 10,000 resources is most of that time) while the backups are found, and
 * its plan is made; nothing is written before the probe answers. The survivor is then applied in
 * promoted mode: full capacity, the database restored from the newest backup copied into its
 * region, peering requested again, and anything missing re-created; meanwhile what cannot come
 * back is worked out for the report. Running it again, or after
 * a crash half-way, converges on the same result.
 */
public final class Failover {
    /**
     * How many steps a DR command (failover, failback, drill) runs at once unless told otherwise.
     * A day-to-day {@code up} runs 10, Terraform's default, which keeps a pipeline gentle on the
     * cloud's APIs. During an outage the RTO is what counts, and a failover of 1,000 deployments
     * changes about 5,500 resources: 10 at a time, the plan's 18 s critical path took 160 s
     * (bin/bench failover --deployments 1000, realistic latency); 256 at a time, 22.5 s. Pulumi's
     * own default is unbounded. A cloud that throttles is retried with backoff, and a stack's
     * {@code requestsPerSecond} caps its calls; {@code --parallel} still chooses.
     */
    public static final int PARALLEL = 256;

    private final StackRunner runner;

    public Failover(StackRunner runner) {
        this.runner = runner;
    }

    /**
     * Fails over from {@code lost} to {@code survivor} after checking, before any change, that this
     * is a failover that should happen (see {@link #check}).
     *
     * @param lost     the stack whose region is gone
     * @param survivor the stack to promote; its pair must be {@code lost}
     * @param force    a planned switchover: {@code lost}'s region may still answer; it is demoted first
     */
    public DrReport run(Stack lost, Stack survivor, boolean force, String specHash, io.lifeboat.state.AppliedCommit commit,
                        DeployListener listener, String operation) throws InterruptedException {
        Instant start = Instant.now();
        StackMetadata lostMeta = checkStacks(lost, survivor);
        boolean rerun = lostMeta.lost();
        // a run again after one cut short: when the first marked the lost stack, the recovery began
        Instant markedLost = rerun ? lostMeta.appliedAt() : null;
        // the probe of the lost region waits out a connection's timeout: meanwhile what the failover will do is read (read-only)
        java.util.concurrent.FutureTask<RegionProbe.Answer> probe = Background.start("lifeboat-probe-" + lost.region(),
                () -> new RegionProbe(runner).ask(lost));
        // and the survivor's: in a region that does not answer either, nothing can be restored, and nothing is to be marked
        java.util.concurrent.FutureTask<RegionProbe.Answer> survivorProbe = Background.start("lifeboat-probe-" + survivor.region(),
                () -> new RegionProbe(runner).ask(survivor));
        List<String> notes = new ArrayList<>();
        Recovery recovery = null;
        Ahead ahead = null;
        // the survivor as read under its lock, and its cloud as being read meanwhile, for the plan made ahead
        StateStore.Loaded held = null;
        java.util.concurrent.FutureTask<StackRunner.CloudRead> reading = null;
        RuntimeException unread = null;
        boolean switchover = false;
        boolean decided = false;
        try {
            try {
                Snapshot survivorState;
                if (force) {
                    // a planned switchover demotes the primary first and reads again: nothing to read ahead of it
                    survivorState = runner.store(survivor).load(survivor.name()).snapshot();
                } else {
                    held = runner.lockAndLoad(survivor, "failover");
                    Snapshot state = held.snapshot();
                    // the refresh needs no program: it reads the survivor's cloud while the backups are found
                    reading = Background.start("lifeboat-refresh-" + survivor.name(), () -> runner.read(survivor, state, true));
                    survivorState = state;
                }
                recovery = recovery(lost, survivor, survivorState, notes);
                if (!force) ahead = ahead(survivor, lost, recovery, specHash, commit, held, reading);
            } catch (RuntimeException e) {
                unread = e; // a refusal by the probe's answer comes first
            }
            RegionProbe.Answer there = Background.answer(survivorProbe);
            if (!there.answers()) {
                throw new DrRefusedException(survivor.name() + "'s region " + survivor.region() + " does not answer either (" + there.silence()
                        + "): nothing could be restored there, so " + lost.name() + " is not marked lost",
                        "run the same command once " + survivor.region() + " answers; `lifeboat status` shows both stacks meanwhile");
            }
            switchover = decide(lost, survivor, force, rerun, Background.answer(probe));
            decided = unread == null;
        } finally {
            probe.cancel(true);
            survivorProbe.cancel(true);
            if (!decided) {
                if (reading != null) reading.cancel(true);
                if (held != null) runner.unlock(survivor);
            }
        }
        if (unread != null) throw unread;
        if (switchover) {
            if (ahead != null) runner.release(ahead.prepared());
            ahead = null;
            notes.clear();
            List<String> errors = demote(lost, survivor, listener, notes);
            if (!errors.isEmpty()) {
                notes.add("nothing was changed in " + survivor.name() + ": " + lost.name() + " could not be demoted");
                return new DrReport(operation, lost.name(), lost.region(), survivor.name(), survivor.region(), start, Instant.now(), null,
                        null, false, List.of(), List.of(), List.of(), notes, errors);
            }
            // read again once demoted: its final copy taken, its replica caught up
            recovery = recovery(lost, survivor, runner.store(survivor).load(survivor.name()).snapshot(), notes);
        }
        // the survivor's state says an earlier run was cut short: this one finishes it
        boolean cutShort = held != null && (held.recovered() || held.snapshot().metadata().partial());
        return failover(lost, survivor, recovery, ahead, specHash, commit, listener, operation, start, cutShort ? markedLost : null, switchover,
                notes);
    }

    /**
     * The survivor prepared (under its lock) and planned, refresh and all, while the lost region's
     * probe runs: nothing is written yet. Its lock is the caller's to release.
     */
    private record Ahead(StackRunner.Prepared prepared, StackRunner.Preview preview) {
    }

    private Ahead ahead(Stack survivor, Stack lost, Recovery recovery, String specHash, io.lifeboat.state.AppliedCommit commit,
                        StateStore.Loaded held, java.util.concurrent.FutureTask<StackRunner.CloudRead> reading) throws InterruptedException {
        StackRunner.Prepared p = runner.prepare(new StackRunner.Target(survivor, lost, recovery.program(), specHash, commit), held, "failover");
        return new Ahead(p, runner.plan(p, PlanOptions.DR, Background.answer(reading)));
    }


    /**
     * The preconditions of a failover, checked before anything changes: the two stacks are a pair;
     * {@code lost} is the pair's primary by its state and {@code survivor} its secondary (or
     * {@code lost} is already marked lost by an earlier failover, which this one finishes); the
     * survivor is not lost; and {@code lost}'s region does not answer a read-only probe. With
     * {@code force} an answering region is a planned switchover.
     *
     * @return true for a planned switchover (the region answers and {@code force} was given)
     * @throws DrRefusedException naming what was found and the command that would be right
     */
    public boolean check(Stack lost, Stack survivor, boolean force) throws InterruptedException {
        boolean rerun = checkStacks(lost, survivor).lost();
        return decide(lost, survivor, force, rerun, new RegionProbe(runner).ask(lost));
    }

    /** The checks of {@link #check} on the stacks' specs and states; the lost stack's metadata, marked lost when an earlier failover did. */
    private StackMetadata checkStacks(Stack lost, Stack survivor) {
        String right = "lifeboat failover --from " + survivor.name() + " --to " + lost.name();
        if (lost.name().equals(survivor.name())) {
            throw new DrRefusedException("--from and --to both name " + lost.name() + ": a failover moves a stack's platform to its pair",
                    lost.pair() == null ? null : "did you mean `lifeboat failover --from " + lost.name() + " --to " + lost.pair() + "`?");
        }
        if (!lost.name().equals(survivor.pair()) || !survivor.name().equals(lost.pair())) {
            throw new DrRefusedException(lost.name() + " and " + survivor.name() + " are not a pair (" + lost.name() + "'s pair is "
                    + lost.pair() + ", " + survivor.name() + "'s is " + survivor.pair() + ")",
                    lost.pair() == null ? null : "did you mean `lifeboat failover --from " + lost.name() + " --to " + lost.pair() + "`?");
        }
        StackMetadata lostMeta = runner.store(lost).metadata(lost.name());
        StackMetadata survivorMeta = runner.store(survivor).metadata(survivor.name());
        if (survivorMeta.lost()) {
            throw new DrRefusedException(survivor.name() + " is itself marked lost by an earlier failover, so it cannot take over",
                    lostMeta.lost() ? "both stacks are marked lost: bring one back with `lifeboat failback --stack "
                            + survivor.name() + "` once its region answers"
                            : "its pair " + lost.name() + " serves the platform; did you mean `" + right + "`?");
        }
        boolean rerun = lostMeta.lost();
        if (!rerun) {
            String lostRole = role(lost, lostMeta);
            String survivorRole = role(survivor, survivorMeta);
            if (!lostRole.equals("primary")) {
                throw new DrRefusedException(lost.name() + " is not the pair's primary: by its state it is the " + lostRole + " of "
                        + survivor.name() + ", which is " + survivorRole,
                        survivorRole.equals("primary") ? "to fail over from the primary, run `" + right + "`" : null);
            }
            if (!survivorRole.equals("secondary")) {
                throw new DrRefusedException(survivor.name() + " is not the pair's secondary: by its state it is " + survivorRole, null);
            }
        }
        return lostMeta;
    }

    /** What the probe's answer means: false for a failover, true for a planned switchover; a refusal otherwise. */
    private static boolean decide(Stack lost, Stack survivor, boolean force, boolean rerun, RegionProbe.Answer answer) {
        if (!answer.answers()) return false;
        if (rerun) {
            throw new DrRefusedException(lost.name() + " was failed over to " + survivor.name() + " and its region " + lost.region()
                    + " answers again", "bring it back with `lifeboat failback --stack " + lost.name() + "`");
        }
        if (!force) {
            throw new DrRefusedException(lost.region() + " answers a read-only probe, so " + lost.name() + " is not lost; a failover now "
                    + "would run the platform (and every DAG) in two regions",
                    "for a planned switchover, which first stops " + lost.name() + "'s schedulers, run `lifeboat failover --from "
                            + lost.name() + " --to " + survivor.name() + " --force`");
        }
        return true;
    }

    /** The role a stack holds now: the one its state records (a failover or failback may have changed the spec's). */
    public static String role(Stack stack, StackMetadata m) {
        return m.role() != null ? m.role() : stack.role().id();
    }

    /**
     * A planned switchover's first step: the primary keeps everything but its schedulers, so no
     * DAG runs in two regions, and its database, no longer written by schedulers, gives one last
     * copy into the survivor's region where copies are taken one at a time.
     */
    private List<String> demote(Stack primary, Stack secondary, DeployListener listener, List<String> notes) throws InterruptedException {
        StackRunner.Target now = runner.target(primary, secondary, null, null);
        ProgramOptions demoted = new ProgramOptions(Posture.DEMOTED, now.program().restoreFrom(), now.program().pairAvailable(), false);
        StackRunner.Target target = new StackRunner.Target(primary, secondary, demoted, null, null);
        StackRunner.Applied applied = runner.up(target, PlanOptions.DR, false, listener);
        List<String> errors = AppliedErrors.of(applied);
        if (!errors.isEmpty()) return errors;
        if (primary.runsProgram()) {
            // a program has no posture without its writers: what it runs keeps running
            notes.add("planned switchover: " + primary.name() + " runs a Pulumi program, which Lifeboat cannot tell to stop what writes to"
                    + " its database; writes they made after the final copy below are not in the restored database");
        } else {
            notes.add("planned switchover: " + primary.name() + "'s schedulers were stopped first, so no DAG runs in two regions; "
                    + primary.name() + " keeps running without them until `lifeboat failback --stack " + primary.name() + "`");
        }
        for (BackupNow.Result r : new BackupNow(runner).run(primary)) {
            if (r.error() != null) notes.add("the final copy of " + primary.name() + "'s database could not be taken: " + r.error());
            else if (r.taken()) notes.add("took a final copy of " + primary.name() + "'s database into " + r.region() + " after its schedulers stopped");
        }
        notes.add("writes to " + primary.name() + "'s database after the newest copy are not in the restored database: stop other writers first");
        return errors;
    }

    /**
     * How the survivor's database comes back, found by reading alone: its replica promoted, or the
     * newest copied backup restored.
     *
     * @param program    the survivor's program options for the failover
     * @param backupTime the restored backup's time; null when none is restored
     * @param replicaLag the promoted replica's lag; null when none is promoted, or unknown
     * @param replicaId  the promoted replica; null when none is promoted
     * @param lostData   what cannot come back ({@link #lostData}): worked out on a thread of its own once the
     *                   failover is decided, while the survivor is applied, since only the report needs it
     */
    private record Recovery(Snapshot lostState, ProgramOptions program, Instant backupTime, Duration replicaLag, String replicaId,
                            java.util.concurrent.FutureTask<List<String>> lostData) {
        /** Starts working out what cannot come back, beside what follows. */
        void startLostData(String lost) {
            Background.start("lifeboat-lost-data-" + lost, lostData);
        }
    }

    private Recovery recovery(Stack lost, Stack survivor, Snapshot survivorState, List<String> notes) throws InterruptedException {
        Snapshot lostState = runner.store(lost).load(lost.name()).snapshot();
        boolean finishing = lostState.metadata().lost();

        // a failover run again does what the first run did: promotes the same replica, or restores the same backups
        String recorded = survivorState.metadata().restoredFrom();
        String promotedSource = StackMetadata.promotedReplicaSource(recorded);
        boolean promotedBefore = promotedSource != null;
        ReplicaCheck.Verdict replica = null;
        if (promotedBefore || recorded == null && hot(survivor, lost)) {
            replica = ReplicaCheck.check(runner, survivor, survivorState, finishing || promotedBefore);
            if (!replica.promote() && promotedBefore) {
                notes.add("the replica " + lost.name() + "'s database was promoted from in an earlier run: " + replica.why());
            } else if (!replica.promote()) {
                notes.add(replica.why() + "; restoring the newest backup copied into " + survivor.region() + " instead");
            }
        }
        ProgramOptions program;
        Instant backupTime = null;
        Duration replicaLag = null;
        if (replica != null && replica.promote()) {
            String source = promotedBefore ? promotedSource : sourceOf(survivor, lost, lostState, survivorState);
            program = new ProgramOptions(Posture.PROMOTED, null, false, false).replicaOf(source);
            replicaLag = replica.lag();
            notes.add("promoting the replica " + replica.id() + " of " + lost.name() + "'s database in " + survivor.region() + " (no restore): "
                    + (replicaLag == null ? "its lag when " + lost.region() + " went silent is unknown" : "it was " + Durations.format(replicaLag)
                    + " behind when last measured"));
        } else {
            Backups.RecoveryPoint point = Backups.newest(runner, lost, lostState, survivor, notes);
            String backups = recorded != null && !promotedBefore ? recorded : point == null ? null : point.restoreFrom();
            backupTime = point == null ? null : point.time();
            if (backups == null) {
                notes.add("no backup of " + lost.name() + "'s database was copied into " + survivor.region()
                        + "; the database in " + survivor.region() + " starts empty");
            }
            program = new ProgramOptions(Posture.PROMOTED, backups, false, false);
        }
        String since = replicaLag != null || program.promotedReplica()
                ? "written in the last " + (replicaLag == null ? "moments (the replica's lag is unknown)" : Durations.format(replicaLag))
                        + " before " + lost.region() + " went silent (the replica's lag)"
                : backupTime == null ? "(no backup was restored: all of it)" : "newer than " + backupTime;
        return new Recovery(lostState, program, backupTime, replicaLag, replica == null ? null : replica.id(),
                new java.util.concurrent.FutureTask<>(() -> lostData(lost, survivor, since, lostState, runner)));
    }

    /**
     * @param markedLost when an earlier run of this failover, cut short, marked {@code lost}: the RTO and RPO count from then; null
     *                   for a first run, or one again after a failover that ended
     * @param switchover a planned one: {@code lost} was demoted first, its schedulers stopped
     */
    private DrReport failover(Stack lost, Stack survivor, Recovery recovery, Ahead ahead, String specHash, io.lifeboat.state.AppliedCommit commit,
                              DeployListener listener, String operation, Instant start, Instant markedLost, boolean switchover,
                              List<String> notes) throws InterruptedException {
        Snapshot lostState = recovery.lostState();
        ProgramOptions program = recovery.program();
        Instant backupTime = recovery.backupTime();
        Duration replicaLag = recovery.replicaLag();
        markLost(lost, notes);
        // beside the apply, not on the way to the first change: the refresh and the plan had the CPU to themselves
        recovery.startLostData(lost.name());

        StackRunner.Applied applied;
        if (ahead != null) {
            try {
                applied = runner.apply(ahead.prepared(), ahead.preview().plan(), listener);
            } finally {
                runner.release(ahead.prepared());
            }
        } else {
            applied = runner.up(new StackRunner.Target(survivor, lost, program, specHash, commit), PlanOptions.DR, true, listener);
        }

        List<DrReport.Restored> restored = restored(applied);
        List<String> actions = actions(applied.snapshot(), lost, survivor);
        if (!switchover) actions.add(whenBack(lost, survivor));
        actions.addAll(new ImageSync(runner).missing(survivor, applied.snapshot()));
        notes.addAll(apiKeys(Clouds.of(survivor).dr(), applied.snapshot(), lostState, survivor.region()));
        List<String> lostData = Background.answer(recovery.lostData());
        List<String> errors = AppliedErrors.of(applied);
        if (!applied.plan().hasChanges()) {
            notes.add(survivor.name() + " was already promoted and healthy; nothing needed changing");
        } else if (markedLost != null) {
            notes.add("this run finished a failover cut short, which began when it marked " + lost.name() + " lost at " + markedLost
                    + ": the RTO and RPO count from then, " + io.lifeboat.spec.Durations.format(Duration.between(markedLost, start))
                    + " before this run");
        }
        Instant from = markedLost != null ? markedLost : start;
        if (program.promotedReplica() && applied.ok()) {
            notes.add("the promoted database " + recovery.replicaId() + " accepts writes; its backups are " + survivor.name() + "'s own from now on");
        }
        java.time.Duration every = survivor.platform() == null ? null : survivor.platform().database().backup().every();
        if (backupTime != null && every != null) {
            java.time.Duration rpo = java.time.Duration.between(backupTime, from);
            notes.add(rpo.compareTo(every) <= 0
                    ? "the recovery point is within the spec's backup interval (" + io.lifeboat.spec.Durations.format(every) + ")"
                    : "the recovery point is older than the spec's backup interval (" + io.lifeboat.spec.Durations.format(every)
                            + "): the copies into " + survivor.region() + " had fallen behind");
        }
        return new DrReport(operation, lost.name(), lost.region(), survivor.name(), survivor.region(), from, Instant.now(), backupTime,
                replicaLag, program.promotedReplica(), restored, actions, lostData, notes, errors);
    }

    /** The survivor keeps a hot standby: its posture, by its state's role, keeps a replica of its pair's database. */
    private boolean hot(Stack survivor, Stack lost) {
        return !survivor.runsProgram() && runner.target(survivor, lost, null, null).posture().replicates();
    }

    /** What the promoted replica followed: the lost primary's database, else what the replica was made with. */
    private static String sourceOf(Stack survivor, Stack lost, Snapshot lostState, Snapshot survivorState) {
        io.lifeboat.program.DrTraits dr = Clouds.of(survivor).dr();
        String source = dr.replicaSourceIn(lostState);
        return source != null ? source : dr.replicatedSourceIn(survivorState);
    }

    /** Marks the lost stack read-only, so nothing acts on it until failback. */
    private void markLost(Stack lost, List<String> notes) {
        try {
            if (runner.setLost(lost, true, "failover")) notes.add(lost.name() + " is marked lost and read-only until `lifeboat failback`");
        } catch (UncheckedIOException e) {
            notes.add("could not mark " + lost.name() + " lost (its state at " + runner.store(lost).backend().describe()
                    + " is unreachable: " + e.getMessage() + "); do not run `up` on it until the region is back");
        }
    }

    /** The survivor's resources, each with what the apply did to it: a step failed or left undone by an interruption says so. */
    private static List<DrReport.Restored> restored(StackRunner.Applied applied) {
        java.util.Map<Urn, io.lifeboat.deploy.ExecutionResult.StepOutcome> outcomes = new java.util.HashMap<>();
        for (io.lifeboat.deploy.ExecutionResult.StepOutcome s : applied.result().steps()) {
            if (!(s.step() instanceof io.lifeboat.plan.Step.Same)) outcomes.put(s.step().urn(), s);
        }
        List<DrReport.Restored> out = new ArrayList<>();
        for (ResourceState r : applied.snapshot().cloudResources()) {
            if (r.delete()) continue;
            io.lifeboat.deploy.ExecutionResult.StepOutcome o = outcomes.get(r.urn());
            String how = o == null ? "kept" : switch (o.outcome()) {
                case FAILED -> "failed";
                case SKIPPED, INTERRUPTED -> "not done";
                case DONE -> switch (o.step().verb()) {
                    case "create" -> "created";
                    case "replace" -> "replaced";
                    case "update" -> "updated";
                    default -> "kept";
                };
            };
            out.add(new DrReport.Restored(r.type(), r.urn().name(), r.id(), how));
        }
        return out;
    }

    /**
     * The API keys: the survivor's secrets took over the replicas in its region, so they hold the
     * key material the lost primary made and clients keep working.
     */
    static List<String> apiKeys(io.lifeboat.program.DrTraits dr, Snapshot survivorState, Snapshot lostState, String region) {
        io.lifeboat.program.DrTraits.Named secrets = dr.replicatedSecret();
        java.util.Set<String> taken = new java.util.HashSet<>();
        for (ResourceState r : survivorState.cloudResources()) {
            // the same key of the same deployment (its resource name), whatever the secret is called in each stack
            if (r.type().equals(secrets.type()) && !r.delete()) taken.add(r.urn().name());
        }
        List<String> out = new ArrayList<>();
        for (ResourceState r : lostState.cloudResources()) {
            if (!r.type().equals(secrets.type()) || r.delete()) continue;
            String name = secrets.nameOf(r);
            out.add("API key " + name + (taken.contains(r.urn().name())
                    ? ": served from " + region + " with the same key material; clients keep working"
                    : dr.replicatedInto(r, region) ? ": its replica in " + region + " holds the same key material"
                    : ": NOT replicated into " + region + "; issue a new key to its clients"));
        }
        return out;
    }

    static List<String> actions(Snapshot survivorState, Stack lost, Stack survivor) {
        List<String> actions = new ArrayList<>(Clouds.of(survivor).dr().personActions(survivorState, lost, survivor));
        actions.addAll(pointClientsAt(survivorState, survivor));
        return actions;
    }

    /**
     * A lost region is not gone for good: what ran in it comes back with it, its schedulers (or a
     * program's writers) beside the survivor's, writing to a database of their own. Nothing stops
     * them but a failback.
     */
    static String whenBack(Stack lost, Stack survivor) {
        String what = lost.runsProgram() ? "what " + lost.name() + "'s program runs there (whatever writes to its database)"
                : lost.name() + "'s Airflow there (its schedulers, which run every DAG)";
        return "when " + lost.region() + " answers again, " + what + " comes back with it and runs beside " + survivor.name()
                + "'s: run `lifeboat failback --stack " + lost.name() + "` as soon as it answers, which removes it and rebuilds "
                + lost.name() + " as the secondary";
    }

    /** Pointing clients and DNS at the stack that serves the platform now: its cluster's and database's endpoints. */
    static List<String> pointClientsAt(Snapshot state, Stack serving) {
        List<String> actions = new ArrayList<>();
        for (ResourceState r : state.resources()) {
            if (!r.type().equals(io.lifeboat.resource.Urn.STACK_TYPE)) continue;
            String cluster = r.outputs().string("clusterEndpoint");
            String db = r.outputs().string("databaseEndpoint");
            List<String> endpoints = new ArrayList<>();
            if (cluster != null) endpoints.add("cluster " + cluster);
            if (db != null) endpoints.add("database " + db);
            if (!endpoints.isEmpty()) actions.add("point clients and DNS at " + serving.region() + ": " + String.join(", ", endpoints));
        }
        return actions;
    }

    /** What cannot come back: data newer than the backup, state kept only in the lost region, hand-made changes. */
    static List<String> lostData(Stack lost, Stack pair, String since, Snapshot lostState, StackRunner runner) {
        List<String> out = new ArrayList<>();
        if (lost.runsProgram()) {
            // what a program's database held is its own: Lifeboat knows only when the copy restored was taken
            out.add("the database's writes " + since);
            out.add("whatever the program's resources kept only in " + lost.region() + " (disks, queues, logs, metrics)");
            return out;
        }
        out.add("Airflow task history, DAG runs and task logs " + since);
        out.add("XComs " + since);
        out.add("variables, connections and settings changed by hand in the Airflow UI " + (since.startsWith("written") ? "in that window" : "after the backup")
                + ", unless they are in the spec");
        out.add("queued Celery tasks in Redis (Redis is not restored): re-trigger DAG runs that were in flight");
        out.add("metrics kept only in " + lost.region());
        out.addAll(handMadeChanges(lost, pair, lostState, runner));
        return out;
    }

    /** Properties of the lost stack's resources that its last recorded state had and its spec did not (hand-made changes seen by its last refresh). */
    private static List<String> handMadeChanges(Stack lost, Stack pair, Snapshot lostState, StackRunner runner) {
        List<String> out = new ArrayList<>();
        ProgramResult program;
        try {
            // the lost stack's spec as it ran, beside its pair (what it replicates into the pair's region is its own)
            program = runner.program(new StackRunner.Target(lost, pair, ProgramOptions.of(Posture.ACTIVE), null, null), lostState);
        } catch (RuntimeException e) {
            return out;
        }
        Map<Urn, ResourceState> recorded = lostState.byUrn(); // one look-up a goal: a scan each would be quadratic in the stack's size
        for (Goal g : program.goals()) {
            ResourceState r = recorded.get(g.urn());
            if (r == null || !g.custom() || g.type().startsWith("pulumi:")) continue;
            for (String key : r.inputs().keySet()) {
                if (g.inputs().containsKey(key) && !g.options().ignoreChanges().contains(key)) {
                    var want = g.inputs().get(key);
                    if (want.containsUnknowns()) continue;
                    if (!Differ.same(want, r.inputs().get(key))) {
                        out.add("hand-made change in " + lost.region() + ": " + g.type() + " " + g.name() + " " + key + " was "
                                + io.lifeboat.plan.ValueFormat.show(r.inputs().get(key)) + ", the spec says " + io.lifeboat.plan.ValueFormat.show(want));
                    }
                }
            }
        }
        return out;
    }

}
