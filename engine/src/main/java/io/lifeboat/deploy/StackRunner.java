package io.lifeboat.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.lifeboat.plan.Drift;
import io.lifeboat.plan.Plan;
import io.lifeboat.plan.PlanOptions;
import io.lifeboat.plan.StepGenerator;
import io.lifeboat.program.Cloud;
import io.lifeboat.program.Clouds;
import io.lifeboat.program.Posture;
import io.lifeboat.program.ProgramOptions;
import io.lifeboat.program.ProgramResult;
import io.lifeboat.program.SecretReader;
import io.lifeboat.program.pulumi.PulumiProgram;
import io.lifeboat.program.pulumi.PulumiProject;
import io.lifeboat.provider.ProviderRegistry;
import io.lifeboat.resource.Props;
import io.lifeboat.state.LockLease;
import io.lifeboat.state.Snapshot;
import io.lifeboat.state.StackMetadata;
import io.lifeboat.state.StateBackend;
import io.lifeboat.state.StateBackends;
import io.lifeboat.state.StateException;
import io.lifeboat.state.StateStore;
import io.lifeboat.spec.Stack;

/**
 * Runs the operations of a stack (preview, up, destroy, refresh) in three parts, so that each
 * does its work once: {@link #prepare} reads the stack (under its lock, to write: its state
 * loaded once, finishing in memory what an interrupted run left in the journal; its program run
 * once), {@link #plan} makes the one plan, and {@link #apply} applies exactly that plan and writes
 * the new checkpoint, also when some steps failed, so that everything that did happen is recorded.
 */
public final class StackRunner {
    /** Plans from goals and from running sources, with the schemas of every cloud of this build. */
    private static final StepGenerator GENERATOR = new StepGenerator(io.lifeboat.program.Schemas::get);
    private final ProviderRegistry registry;
    private final Settings settings;
    private final Cancellation cancellation;
    private final Map<String, LockLease> leases = new java.util.concurrent.ConcurrentHashMap<>();
    /** The checkpoints this runner read: one unchanged since is not parsed again. */
    private final StateStore.Parsed parsed = new StateStore.Parsed();

    public StackRunner(ProviderRegistry registry, Settings settings) {
        this(registry, settings, Cancellation.NONE);
    }

    /** @param cancellation stops the applies of this runner early (see {@link StepExecutor}) */
    public StackRunner(ProviderRegistry registry, Settings settings, Cancellation cancellation) {
        this.registry = registry;
        this.settings = settings;
        this.cancellation = cancellation;
    }

    /** This runner without its cancellation: for work that must finish even when the operation is interrupted. */
    public StackRunner uncancelled() {
        return cancellation == Cancellation.NONE ? this : new StackRunner(registry, settings);
    }

    /**
     * @param workDir the repository root: where {@code file://} state and the sim cloud live
     */
    /** @param lockTimeout how long to wait for a stack's lock held by another live operation; zero fails at once */
    /** @param secrets reads the secrets the spec names (a deployment's secret env) */
    /** @param lockLease how long a lock's lease lasts and how often it is renewed */
    /** @param lockNotices hears of locks broken because their holder was gone, and of leases lost */
    /** @param events hears of each state load, program run and plan (for debugging) */
    public record Settings(Path workDir, Map<String, String> providerSettings, Supplier<char[]> passphrase, int parallel,
                           RetryPolicy retry, java.time.Duration lockTimeout, SecretReader secrets, LockLease.Terms lockLease,
                           java.util.function.Consumer<String> lockNotices, EngineEvents events) {
        public Settings {
            providerSettings = Map.copyOf(providerSettings);
            lockTimeout = lockTimeout == null ? java.time.Duration.ZERO : lockTimeout;
            secrets = secrets == null ? SecretReader.NONE : secrets;
            lockLease = lockLease == null ? LockLease.Terms.DEFAULT : lockLease;
            lockNotices = lockNotices == null ? notice -> { } : lockNotices;
            events = events == null ? EngineEvents.NONE : events;
        }

        public Settings(Path workDir, Map<String, String> providerSettings, Supplier<char[]> passphrase, int parallel,
                        RetryPolicy retry, java.time.Duration lockTimeout, SecretReader secrets, LockLease.Terms lockLease,
                        java.util.function.Consumer<String> lockNotices) {
            this(workDir, providerSettings, passphrase, parallel, retry, lockTimeout, secrets, lockLease, lockNotices, null);
        }

        /** These settings, telling {@code events} what the engine does. */
        public Settings withEvents(EngineEvents e) {
            return new Settings(workDir, providerSettings, passphrase, parallel, retry, lockTimeout, secrets, lockLease, lockNotices, e);
        }

        public Settings(Path workDir, Map<String, String> providerSettings, Supplier<char[]> passphrase, int parallel,
                        RetryPolicy retry, java.time.Duration lockTimeout, SecretReader secrets) {
            this(workDir, providerSettings, passphrase, parallel, retry, lockTimeout, secrets, null, null, null);
        }

        public Settings(Path workDir, Map<String, String> providerSettings, Supplier<char[]> passphrase, int parallel,
                        RetryPolicy retry, java.time.Duration lockTimeout) {
            this(workDir, providerSettings, passphrase, parallel, retry, lockTimeout, SecretReader.NONE);
        }

        public Settings(Path workDir, Map<String, String> providerSettings, Supplier<char[]> passphrase, int parallel, RetryPolicy retry) {
            this(workDir, providerSettings, passphrase, parallel, retry, java.time.Duration.ZERO);
        }
    }

    /** A stack to act on: its spec, its pair's, what its program must know, and what is being applied. */
    public record Target(Stack stack, Stack pair, ProgramOptions program, String specHash, io.lifeboat.state.AppliedCommit commit) {
        public Posture posture() {
            return program.posture();
        }

        /** The role the stack holds now: the spec's, or the one a failover or failback gave it. */
        public String role() {
            return program.posture().primary() ? "primary" : "secondary";
        }
    }

    /**
     * What one operation on a stack works from: its state as loaded once (the journal replayed,
     * its secrets opened), the target that state gives, and its program, run once against it.
     * Prepared for writing, it holds the stack's lock until {@link #release}: nothing else can
     * move the state between the plan a person reads and the apply.
     */
    public record Prepared(Target target, StateStore.Loaded loaded, ProgramResult program, String lockedFor, SavedPlanConstraint saved) {
        Prepared(Target target, StateStore.Loaded loaded, ProgramResult program, String lockedFor) {
            this(target, loaded, program, lockedFor, null);
        }

        public Stack stack() {
            return target.stack();
        }

        public Snapshot state() {
            return loaded.snapshot();
        }

        /** The goals a plan with these options works towards: none for a destroy. */
        ProgramResult goalsFor(PlanOptions options) {
            return options.destroy() ? new ProgramResult(List.of(), Map.of()) : program;
        }
    }

    /**
     * @param handMade routes and rules made by hand in the stack's network (found only with refresh);
     *                 the drift found and what an interrupted run left are the plan's
     */
    public record Preview(Plan plan, List<StepError> refreshErrors, List<HandMade> handMade) {
        public List<Drift> drift() {
            return plan.drift();
        }

        public List<String> recovered() {
            return plan.recovered();
        }
    }

    public record Applied(Plan plan, ExecutionResult result, Snapshot snapshot, long stateBytes) {
        public boolean ok() {
            return result.ok();
        }

        public List<Drift> drift() {
            return plan.drift();
        }

        public List<String> recovered() {
            return plan.recovered();
        }
    }

    public record Refreshed(List<Drift> drift, List<StepError> errors, Snapshot snapshot, List<HandMade> handMade) {
    }

    /** A stack to read for an operation: its spec, its pair's, and what an apply records (the spec hash, the commit). */
    public record Request(Stack stack, Stack pair, String specHash, io.lifeboat.state.AppliedCommit commit) {
    }

    /**
     * Reads a stack for an operation: its state, once; the target it gives (the role a failover
     * or failback recorded, whether the pair is lost); and its program, once. With
     * {@code lockFor} (the operation's name) the lock is taken first and held until {@link #release}.
     */
    public Prepared prepare(Stack stack, Stack pair, String specHash, io.lifeboat.state.AppliedCommit commit, String lockFor) {
        return prepareAll(List.of(new Request(stack, pair, specHash, commit)), lockFor).get(0);
    }

    /**
     * Reads stacks for one operation, as {@link #prepare(Stack, Stack, String, io.lifeboat.state.AppliedCommit, String)}
     * does one: all are locked first (with {@code lockFor}), then each state is loaded once and
     * each program run once. A primary's program reuses the API keys its pair's state holds:
     * from the pair's state as loaded here when the pair is one of the stacks.
     */
    public List<Prepared> prepareAll(List<Request> requests, String lockFor) {
        List<Stack> locked = new ArrayList<>();
        try {
            if (lockFor != null) {
                for (Request r : requests) {
                    lock(r.stack(), lockFor);
                    locked.add(r.stack());
                }
            }
            Map<String, StateStore.Loaded> loaded = new java.util.LinkedHashMap<>();
            for (Request r : requests) {
                StateStore.Loaded l = load(r.stack());
                checkOwnership(r.stack(), l.snapshot());
                loaded.put(r.stack().name(), l);
            }
            List<Prepared> out = new ArrayList<>();
            for (Request r : requests) {
                StateStore.Loaded l = loaded.get(r.stack().name());
                boolean pairAvailable = r.pair() == null || !store(r.pair()).metadata(r.pair().name()).lost();
                StateStore.Loaded pairState = r.pair() == null ? null : loaded.get(r.pair().name());
                Target t = withReplicaSource(new Target(r.stack(), r.pair(), programOptions(r.stack(), r.pair(), l.snapshot().metadata(), pairAvailable),
                        r.specHash(), r.commit()), l.snapshot(), pairState == null ? null : pairState.snapshot());
                out.add(new Prepared(t, l, program(t, l.snapshot(), pairState == null ? null : pairState.snapshot()), lockFor));
            }
            return out;
        } catch (RuntimeException | Error e) {
            for (Stack s : locked) unlock(s);
            throw e;
        }
    }

    /** Reads a stack for an operation on a target given by a DR command, as {@link #prepare(Stack, Stack, String, io.lifeboat.state.AppliedCommit, String)}. */
    public Prepared prepare(Target t, String lockFor) {
        StateStore.Loaded loaded = lockAndLoad(t.stack(), lockFor);
        try {
            return prepare(t, loaded, lockFor);
        } catch (RuntimeException | Error e) {
            if (lockFor != null) unlock(t.stack());
            throw e;
        }
    }

    /**
     * A stack's state, read once, under its lock when {@code lockFor} names the operation (the
     * caller then releases it): what {@link #prepare(Target, StateStore.Loaded, String)} prepares
     * once the target is known. A failover reads the survivor so, and its cloud, while it works
     * out how the database comes back.
     */
    public StateStore.Loaded lockAndLoad(Stack stack, String lockFor) {
        if (lockFor != null) lock(stack, lockFor);
        try {
            StateStore.Loaded loaded = load(stack);
            checkOwnership(stack, loaded.snapshot());
            return loaded;
        } catch (RuntimeException | Error e) {
            if (lockFor != null) unlock(stack);
            throw e;
        }
    }

    /** A DR command's target prepared from its stack's state as {@link #lockAndLoad} read it (under {@code lockFor}): its program run once. */
    public Prepared prepare(Target t, StateStore.Loaded loaded, String lockFor) {
        Target target = withReplicaSource(t, loaded.snapshot(), null);
        return new Prepared(target, loaded, program(target, loaded.snapshot(), null), lockFor);
    }

    /**
     * Reads a stack, under its lock, to apply a saved plan: its state once, to check that the
     * plan still holds (refused, with the reasons, when the state or the specs moved since). A
     * platform's program is not run again: the plan's goals are applied as they were saved. A
     * Pulumi program runs again, each of its steps held to the plan's ({@link SavedPlanConstraint}).
     */
    public Prepared prepare(Stack stack, Stack pair, String specHash, io.lifeboat.state.AppliedCommit commit, PlanFile.Entry saved,
                            String file) {
        lock(stack, "up");
        try {
            StateStore.Loaded loaded = load(stack);
            checkWritable(stack, loaded.snapshot());
            Target t = new Target(stack, pair, saved.program(), specHash, commit);
            // The plan's key (the state's own) and, for a stack's first plan, its lineage: what its first checkpoint is written with.
            Snapshot state = loaded.exists() ? loaded.snapshot() : saved.prior();
            StateStore.Loaded keyed = new StateStore.Loaded(state, saved.codec(), loaded.exists(), loaded.replay());
            // a program runs again, held to the plan: each of its steps must be one the plan saved
            Prepared p = new Prepared(t, keyed, saved.goals(), "up", stack.runsProgram() ? new SavedPlanConstraint(saved, file) : null);
            List<String> moved = PlanFile.verify(saved, p, specHash, file);
            if (!moved.isEmpty()) throw new PlanRefusedException(moved);
            return p;
        } catch (RuntimeException | Error e) {
            unlock(stack);
            throw e;
        }
    }

    /**
     * The plan a saved plan applies: planned again from what it saved (the state it was made
     * against, its goals, its options), which gives the steps it saved, or it is refused.
     */
    public Plan plan(Prepared p, PlanFile.Entry saved, String file) {
        Plan plan = plan(p.stack().name(), p.goalsFor(saved.options()), saved.prior(), saved.options());
        if (!PlanFile.StepLine.of(plan).equals(saved.steps())) {
            throw new PlanRefusedException(List.of("the plan of " + p.stack().name() + " in " + file + " does not give the steps it lists when this "
                    + "Lifeboat plans it again (was it made by another version?); nothing was changed. Make it again with "
                    + "`lifeboat preview --stack " + p.stack().name() + " --save-plan " + file + "`"));
        }
        settings.events().planned(p.stack().name(), plan);
        return plan;
    }

    /** Releases the lock a prepared stack holds; nothing for one prepared for reading. */
    public void release(Prepared p) {
        if (p.lockedFor() != null) unlock(p.stack());
    }

    /**
     * The plan of a prepared stack: what an interrupted run left is finished (in memory: a
     * preview changes nothing), the cloud read first with {@code refresh}, and the steps from the
     * state to the program's goals. The plan carries the state it was made against.
     */
    public Preview plan(Prepared p, PlanOptions options, boolean refresh) throws InterruptedException {
        return plan(p, options, read(p.stack(), p.state(), refresh));
    }

    /**
     * What a plan is made against: a state with what an interrupted run left settled by asking
     * the cloud and, after a refresh, the cloud as read, with the drift, errors and hand-made
     * routes and rules found.
     */
    public record CloudRead(Snapshot snapshot, List<String> recovered, List<Drift> drift, List<StepError> errors, List<HandMade> handMade) {
    }

    /**
     * Reads the cloud for a plan of {@code stack} from {@code state}: what an interrupted run
     * left is settled (in memory) and, with {@code refresh}, every resource read. Nothing is
     * written; it needs no program, so a failover reads while it finds its backups.
     */
    public CloudRead read(Stack stack, Snapshot state, boolean refresh) throws InterruptedException {
        try (ProviderPool pool = pool(stack)) {
            Snapshot snapshot = state;
            List<String> recovered = new ArrayList<>();
            if (!snapshot.pending().isEmpty()) {
                Recovery.Result r = new Recovery(pool, settings.retry()).resolve(snapshot);
                snapshot = r.snapshot();
                recovered.addAll(r.actions());
            }
            List<Drift> drift = List.of();
            List<StepError> errors = new ArrayList<>();
            List<HandMade> handMade = List.of();
            if (refresh) {
                // the search for hand-made routes and rules needs only what the state holds (ids, owners), not what the
                // refresh reads: it runs beside the refresh instead of after it (a failover's first change waits on both)
                Snapshot known = snapshot;
                List<StepError> searchErrors = new ArrayList<>();
                java.util.concurrent.FutureTask<List<HandMade>> search = Background.start("lifeboat-hand-made-" + stack.name(),
                        () -> handMade(pool, stack, known, searchErrors));
                Refresher.Result r;
                try {
                    r = new Refresher(pool, settings.retry(), settings.parallel()).refresh(snapshot);
                } catch (InterruptedException | RuntimeException e) {
                    search.cancel(true);
                    throw e;
                }
                snapshot = r.snapshot();
                drift = r.drift();
                errors.addAll(r.errors());
                handMade = Background.answer(search);
                errors.addAll(searchErrors);
            }
            return new CloudRead(snapshot, recovered, drift, errors, handMade);
        }
    }

    /** The plan of a prepared stack against the cloud as {@link #read} read it from the prepared state. */
    public Preview plan(Prepared p, PlanOptions options, CloudRead read) {
        Snapshot snapshot = read.snapshot();
        Plan planned = p.stack().runsProgram() && !options.destroy()
                ? ProgramPlanChecks.check(GENERATOR.plan(p.stack().name(), pulumiProgram(p.target(), true), snapshot, options), snapshot,
                        io.lifeboat.program.Schemas::get)
                : plan(p.stack().name(), p.goalsFor(options), snapshot, options);
        Plan plan = planned.madeAgainst(snapshot, options, read.drift(), read.recovered());
        settings.events().planned(p.stack().name(), plan);
        return new Preview(plan, read.errors(), read.handMade());
    }

    /**
     * Applies exactly {@code plan}, made by {@link #plan} from {@code p}, which must be prepared
     * for writing, and writes the new checkpoint, also when some steps failed, so that
     * everything that did happen is recorded.
     */
    public Applied apply(Prepared p, Plan plan, DeployListener listener) throws InterruptedException {
        if (p.lockedFor() == null) throw new IllegalStateException(p.stack().name() + " was prepared for reading; prepare it for writing to apply");
        Target t = p.target();
        String name = t.stack().name();
        boolean destroy = plan.destroy();
        checkWritable(t.stack(), p.state());
        ProgramResult program = destroy ? new ProgramResult(List.of(), Map.of()) : p.program();
        Snapshot snapshot = plan.prior();
        boolean live = t.stack().runsProgram() && !destroy;
        if (!destroy && !live && t.posture().replicates() && t.program().replicaOf() == null && p.saved() == null) {
            // planned before its primary made its database (the first `up --all`): the source is known now, as an output is once made
            Target known = withReplicaSource(t, snapshot, null);
            if (known.program().replicaOf() != null) {
                t = known;
                program = program(t, snapshot, null);
                plan = plan(name, program, snapshot, plan.options());
            }
        }
        if (!live) {
            try (ProviderPool pool = pool(t)) {
                List<String> missing = new Preflight(settings.passphrase()).problems(name, program, snapshot, pool);
                if (!missing.isEmpty()) throw new PlanRefusedException(missing);
            }
        }
        if (!plan.errors().isEmpty()) throw new PlanRefusedException(plan.errors());
        if (!destroy && t.posture().replicates() && t.program().replicaOf() == null && !live) {
            throw new PlanRefusedException(List.of(name + " keeps a hot standby (standby: hot) of " + (t.pair() == null ? "its pair" : t.pair().name())
                    + "'s database, which its state does not hold yet, so there is nothing to replicate; apply the primary first (`lifeboat up --stack "
                    + (t.pair() == null ? "<primary>" : t.pair().name()) + "`, or `lifeboat up --all`, which applies primaries first); nothing was changed"));
        }
        StateStore store = store(t.stack());
        try (ProviderPool pool = pool(t)) {
            var journal = store.journal(name, p.loaded());
            ExecutionResult result;
            if (live) {
                // the program runs again, for real: each resource applied as it registers, as pulumi up does after its preview
                SourceDeployment.Result run = new SourceDeployment(GENERATOR,
                        () -> new StepExecutor(pool, journal, listener, settings.retry(), settings.parallel(), cancellation), settings.parallel(),
                        SourceDeployment.Reader.through(pool, settings.retry()))
                        .apply(name, pulumiProgram(t, false), snapshot, plan.options(), p.saved());
                result = run.execution();
                program = new ProgramResult(List.of(), run.plan().outputs());
            } else {
                StepExecutor executor = new StepExecutor(pool, journal, listener, settings.retry(), settings.parallel(), cancellation);
                result = executor.execute(plan, snapshot, program.outputs());
            }
            String role = destroy ? null : t.role();
            int pending = destroy ? 0 : live ? unfinished(result) : pending(name, program, snapshot.with(result.resources(), snapshot.pending(),
                    snapshot.metadata()), plan.options(), result);
            boolean whole = !destroy && result.ok() && pending == 0;
            StackMetadata meta = snapshot.metadata().next(whole ? t.specHash() : null, whole ? t.commit() : null, role);
            if (!destroy) meta = meta.withRole(role, databaseOrigin(t.program())).withPendingSteps(pending);
            Snapshot next = snapshot.with(result.resources(), snapshot.pending(), meta);
            long bytes = store.commit(name, next, p.loaded().codec()) + journal.bytesWritten();
            return new Applied(plan, result, next, bytes);
        }
    }

    public Preview preview(Target t, PlanOptions options, boolean refresh) throws InterruptedException {
        return plan(prepare(t, null), options, refresh);
    }

    /** Prepares, plans and applies a target under its lock, in one go: what DR commands do. */
    public Applied up(Target t, PlanOptions options, boolean refresh, DeployListener listener) throws InterruptedException {
        Prepared p = prepare(t, options.destroy() ? "destroy" : "up");
        try {
            checkWritable(t.stack(), p.state());
            return apply(p, plan(p, options, refresh).plan(), listener);
        } finally {
            release(p);
        }
    }

    public Applied destroy(Target t, DeployListener listener) throws InterruptedException {
        return up(t, PlanOptions.destroyAll(), false, listener);
    }

    public Refreshed refresh(Target t) throws InterruptedException {
        StateStore store = store(t.stack());
        lock(t.stack(), "refresh");
        try (ProviderPool pool = pool(t)) {
            StateStore.Loaded loaded = load(t.stack());
            checkWritable(t.stack(), loaded.snapshot());
            Snapshot snapshot = new Recovery(pool, settings.retry()).resolve(loaded.snapshot()).snapshot();
            Refresher.Result r = new Refresher(pool, settings.retry(), settings.parallel()).refresh(snapshot);
            Snapshot next = r.snapshot().with(StateOrder.sort(r.snapshot().resources()), r.snapshot().pending(),
                    r.snapshot().metadata().next(null, null, null));
            store.commit(t.stack().name(), next, loaded.codec());
            List<StepError> errors = new ArrayList<>(r.errors());
            List<HandMade> handMade = handMade(pool, t.stack(), next, errors);
            return new Refreshed(r.drift(), errors, next, handMade);
        } finally {
            unlock(t.stack());
        }
    }

    /**
     * What an apply needs, checked before anything changes (the passphrase, the providers); each
     * problem with its fix. {@code up --all} checks every stack so before applying the first.
     */
    public List<String> check(Prepared p, PlanOptions options) {
        try (ProviderPool pool = pool(p.target())) {
            return new Preflight(settings.passphrase()).problems(p.stack().name(), p.goalsFor(options), p.state(), pool);
        }
    }

    /**
     * The steps of the full, untargeted plan still to do after an apply: the same goals planned
     * again against the new state. Only an apply narrowed by --target or --exclude, or one with a
     * failed step, can leave any; planning again counts exactly what is still undone (excluded,
     * not selected, failed, skipped behind a failure), which counting this plan's steps cannot
     * (a step left out of it leaves its dependents out too).
     */
    private static int pending(String stack, ProgramResult program, Snapshot after, PlanOptions options, ExecutionResult result) {
        if (result.ok() && options.targets().isEmpty() && options.excludes().isEmpty() && !options.targeted()) return 0;
        Plan full = GENERATOR.plan(stack, program, after, PlanOptions.DEFAULT);
        int n = 0;
        for (var s : full.steps()) if (!(s instanceof io.lifeboat.plan.Step.Same)) n++;
        return n;
    }

    /**
     * What a program's run left undone: its steps that did not succeed; at least one when it
     * failed or was stopped, since what it never got to register is not known until it runs again.
     */
    private static int unfinished(ExecutionResult result) {
        int n = 0;
        for (ExecutionResult.StepOutcome o : result.steps()) {
            if (!(o.step() instanceof io.lifeboat.plan.Step.Same) && o.outcome() != ExecutionResult.Outcome.DONE) n++;
        }
        return result.ok() ? n : Math.max(1, n);
    }


    private static List<HandMade> handMade(ProviderPool pool, Stack stack, Snapshot s, List<StepError> errors) {
        try {
            return new HandMadeFinder(pool, Clouds.of(stack).dr()).find(s);
        } catch (io.lifeboat.provider.ProviderException e) {
            errors.add(new StepError(new io.lifeboat.resource.Urn(s.metadata().stack(), "lifeboat", "lifeboat:search:HandMade", "network"),
                    "reading", e.code(), "could not look for hand-made routes and rules: " + e.getMessage()));
            return List.of();
        }
    }

    /**
     * The target for a stack as things stand: the role its state records (a failover or failback
     * may have changed the spec's), whether its pair's region is lost, and the backups its
     * database was restored from. Reads only the checkpoints' metadata.
     */
    public Target target(Stack stack, Stack pair, String specHash, io.lifeboat.state.AppliedCommit commit) {
        StackMetadata m = store(stack).metadata(stack.name());
        boolean pairAvailable = pair == null || !store(pair).metadata(pair.name()).lost();
        return new Target(stack, pair, programOptions(stack, pair, m, pairAvailable), specHash, commit);
    }

    /**
     * A hot standby's target with the source its replica follows: the database in its pair's
     * state (as loaded for this operation, else loaded now), else, while that state cannot be read
     * or holds none, the source the replica was made with (its own state). Left unknown when
     * neither knows it: {@link #apply} then refuses.
     */
    private Target withReplicaSource(Target t, Snapshot own, Snapshot pairState) {
        if (!t.posture().replicates() || t.program().replicaOf() != null || t.pair() == null || t.stack().runsProgram()) return t;
        io.lifeboat.program.DrTraits dr = Clouds.of(t.stack()).dr();
        String source = null;
        try {
            source = dr.replicaSourceIn(pairState != null ? pairState : load(t.pair()).snapshot());
        } catch (RuntimeException e) {
            // the pair's state cannot be read: the replica keeps the source it was made with
        }
        if (source == null) source = dr.replicatedSourceIn(own);
        return source == null ? t : new Target(t.stack(), t.pair(), t.program().replicaOf(source), t.specHash(), t.commit());
    }

    /**
     * The program of a stack as its specs and its state's role shape it, for its graph: no secret
     * is read (each is a placeholder), nor the state's, so no passphrase is needed.
     */
    public ProgramResult shape(Stack stack, Stack pair) {
        Cloud cloud = Clouds.of(stack);
        Target t = target(stack, pair, null, null);
        if (stack.runsProgram()) {
            // a preview run of the program, each registration answered with nothing known yet
            List<io.lifeboat.resource.Goal> goals = java.util.Collections.synchronizedList(new ArrayList<>());
            Map<String, io.lifeboat.resource.PropertyValue> outputs = pulumiProgram(t, true).run(goal -> {
                goals.add(goal);
                return java.util.concurrent.CompletableFuture.completedFuture(Props.EMPTY);
            });
            return new ProgramResult(List.copyOf(goals), outputs);
        }
        settings.events().programRun(stack.name());
        return cloud.run(stack, pair, t.program(), SecretReader.PLACEHOLDERS, io.lifeboat.program.KnownKeys.NONE);
    }

    private static ProgramOptions programOptions(Stack stack, Stack pair, StackMetadata m, boolean pairAvailable) {
        return ProgramOptions.recorded(Posture.of(stack, pair, m.role()), m.restoredFrom(), pairAvailable);
    }

    /** What a stack's metadata records of where its database came from (see {@link StackMetadata#restoredFrom}). */
    private static String databaseOrigin(ProgramOptions o) {
        if (o.promotedReplica()) return StackMetadata.PROMOTED_REPLICA + o.replicaOf();
        return o.posture().replicates() ? null : o.restoreFrom();
    }

    /** The plan for a target against a state, without applying it. */
    public Plan plan(Target t, Snapshot snapshot, PlanOptions options) {
        ProgramResult goals = options.destroy() ? new ProgramResult(List.of(), Map.of()) : program(t, snapshot, null);
        return plan(t.stack().name(), goals, snapshot, options);
    }

    private Plan plan(String stack, ProgramResult goals, Snapshot snapshot, PlanOptions options) {
        return GENERATOR.plan(stack, goals, snapshot, options)
                .madeAgainst(snapshot, options, List.of(), List.of());
    }

    /** The program of a target, with the API key material its state (loaded for this) and its pair's hold. */
    public ProgramResult program(Target t) {
        return program(t, t.posture().primary() && !t.program().drill() ? load(t.stack()).snapshot() : null, null);
    }

    /** The goals of a target whose own state was read already ({@code own}, what its API keys are kept in). */
    public ProgramResult program(Target t, Snapshot own) {
        return program(t, own, null);
    }

    /** @param pairState the pair's state when it was loaded for this operation already; null: load it if needed */
    private ProgramResult program(Target t, Snapshot own, Snapshot pairState) {
        if (t.stack().runsProgram()) {
            // its goals come as the program runs: in the plan (a preview run) and in the apply (a live one)
            return new ProgramResult(List.of(), Map.of());
        }
        settings.events().programRun(t.stack().name());
        return Clouds.of(t.stack()).run(t.stack(), t.pair(), t.program(), settings.secrets(), knownKeys(t, own, pairState));
    }

    /**
     * The Pulumi program a program stack runs, in a preview or for real: its config holds its
     * {@code Pulumi.<stack>.yaml}'s (a drill's, the stack it rehearses), the cloud's region (and
     * GCP's project) and Lifeboat's posture (see {@link #postureConfig}); the cloud's default
     * provider is configured as the stack's region provider (its region and endpoint).
     */
    private PulumiProgram pulumiProgram(Target t, boolean preview) {
        Stack stack = t.stack();
        PulumiProject project = PulumiProject.read(stack.programDir(settings.workDir()), stack.program() + "/" + PulumiProject.FILE);
        Props provider = Clouds.of(stack).dr().regionProviderConfig(stack);
        String configOf = t.program().drill() && stack.name().endsWith(io.lifeboat.dr.Drill.SUFFIX)
                ? stack.name().substring(0, stack.name().length() - io.lifeboat.dr.Drill.SUFFIX.length()) : stack.name();
        // the project's own stack config first; what Lifeboat knows of the stack wins over it
        Map<String, String> config = new java.util.LinkedHashMap<>(project.stackConfig(configOf));
        config.put(stack.cloud() + ":region", stack.region());
        if (stack.project() != null) config.put(stack.cloud() + ":project", stack.project());
        config.putAll(postureConfig(t));
        settings.events().programRun(stack.name());
        return new PulumiProgram(project, new PulumiProgram.Settings(stack.name(), preview, config, List.of(),
                pkg -> pkg.equals(stack.cloud()) ? provider : Props.EMPTY, stack.region(), new PulumiProgram.Listener() {
                    @Override
                    public void log(String severity, String urn, String message) {
                        settings.events().programSaid(stack.name(), severity, message);
                    }

                    @Override
                    public void output(String line) {
                        settings.events().programSaid(stack.name(), "OUTPUT", line);
                    }

                    @Override
                    public void exited(PulumiProgram.Lifetime lifetime) {
                        settings.events().programExited(stack.name(), lifetime);
                    }
                }));
    }

    /**
     * What a program is told of its place in the pair, in the {@code lifeboat} config namespace:
     * {@code role} ({@code primary} or {@code secondary}: the one its state records);
     * {@code posture}: {@code primary} (it serves the platform), {@code standby}, {@code promoted}
     * (a secondary that took over in a failover) or {@code drill} (a throw-away rehearsal of a
     * failover beside the secondary); {@code pairRegion}, only while the pair's region can be
     * written to (not while it is lost, nor in a drill): where its DR copies go; and
     * {@code restoreFrom}, only when the database is to be restored: the newest copy of the pair's
     * database held in this region, given for as long as the stack's state says it was restored
     * from it, so the database is not restored again on every run.
     */
    static Map<String, String> postureConfig(Target t) {
        Map<String, String> config = new java.util.LinkedHashMap<>();
        config.put("lifeboat:role", t.role());
        Posture posture = t.posture();
        config.put("lifeboat:posture", t.program().drill() ? "drill"
                : posture == Posture.PROMOTED || posture == Posture.DEMOTED && t.stack().role() == Stack.Role.SECONDARY ? "promoted"
                : posture.primary() ? "primary" : "standby");
        if (t.pair() != null && t.program().pairAvailable() && !t.program().drill()) config.put("lifeboat:pairRegion", t.pair().region());
        if (t.program().restoreFrom() != null) config.put("lifeboat:restoreFrom", t.program().restoreFrom());
        return config;
    }

    /** The API key material the stack's state and its pair's hold, which its program reuses. */
    private io.lifeboat.program.KnownKeys knownKeys(Target t, Snapshot own, Snapshot pairState) {
        if (!t.posture().primary() || t.program().drill()) return io.lifeboat.program.KnownKeys.NONE;
        Cloud cloud = Clouds.of(t.stack());
        if (t.pair() == null) return cloud.knownKeys(own, () -> io.lifeboat.program.KnownKeys.Pair.NONE);
        // the pair's state, read only when the stack's own lacks a key (a large state is most of a no-op preview's cost)
        return cloud.knownKeys(own, () -> {
            if (pairState != null) return new io.lifeboat.program.KnownKeys.Pair(pairState, null);
            try {
                return new io.lifeboat.program.KnownKeys.Pair(load(t.pair()).snapshot(), null);
            } catch (RuntimeException e) {
                return new io.lifeboat.program.KnownKeys.Pair(null, t.pair().name() + "'s state: " + e.getMessage());
            }
        });
    }

    /** A stack's state as it stands: the checkpoint, its journal replayed, its secrets opened. */
    private StateStore.Loaded load(Stack stack) {
        StateStore.Loaded loaded = store(stack).load(stack.name());
        settings.events().stateLoaded(stack.name(), loaded.snapshot().metadata().serial());
        return loaded;
    }

    public StateStore store(Stack stack) {
        return new StateStore(StateBackends.open(stack.state(), settings.workDir(), stack.endpoint()), settings.passphrase(), parsed);
    }

    /** Providers opened as this runner's stacks open them, with no rate limit; the caller closes them. */
    public ProviderPool pool() {
        return new ProviderPool(registry, settings.workDir(), settings.providerSettings());
    }

    /** Providers for one stack, under its API rate limit. */
    private ProviderPool pool(Target t) {
        return pool(t.stack());
    }

    private ProviderPool pool(Stack stack) {
        Map<String, String> merged = new java.util.HashMap<>(stack.simSettings());
        merged.putAll(settings.providerSettings());
        return new ProviderPool(registry, settings.workDir(), merged, stack.requestsPerSecond());
    }

    private static void checkOwnership(Stack stack, Snapshot s) {
        String owner = s.metadata().stack();
        if (owner != null && !owner.equals(stack.name())) {
            throw new StateException("the state found for " + stack.name() + " belongs to stack " + owner + "; check state: in " + stack.file());
        }
    }

    private static void checkWritable(Stack stack, Snapshot s) {
        checkOwnership(stack, s);
        if (s.metadata().lost()) {
            throw new StateException("stack " + stack.name() + " was declared lost by a failover and is read-only; "
                    + "bring it back with `lifeboat failback`");
        }
    }

    /** Takes a stack's lock as every operation does (see below), for work done outside this runner. */
    public void lock(Stack stack, String operation) {
        lock(store(stack).backend(), stack.name(), operation);
    }

    public void unlock(Stack stack) {
        unlock(store(stack).backend(), stack.name());
    }

    /** Marks a stack lost (read-only) or not; returns false when it already was so. */
    public boolean setLost(Stack stack, boolean lost, String operation) {
        return mark(stack, lost, null, operation);
    }

    /**
     * Takes a lost stack back as a secondary, in one write: no longer read-only, and never again
     * planned as the primary it was, even if what follows is cut short.
     */
    public boolean reclaimAsSecondary(Stack stack, String operation) {
        return mark(stack, false, "secondary", operation);
    }

    private boolean mark(Stack stack, boolean lost, String role, String operation) {
        StateStore store = store(stack);
        lock(stack, operation);
        try {
            StateStore.Loaded loaded = load(stack);
            Snapshot s = loaded.snapshot();
            if (s.metadata().lost() == lost && (role == null || role.equals(s.metadata().role()))) return false;
            // only the metadata changes: the resources are kept as written
            store.commitMetadata(stack.name(), loaded, s.metadata().next(null, null, role).withLost(lost));
            return true;
        } finally {
            unlock(stack);
        }
    }

    /**
     * Takes the stack's lock as a lease renewed while this runner holds it. A lock whose holder is
     * gone (its process died on this machine, or its lease ran out on any machine) is broken, and
     * the settings' lock notices hear whose it was; the operation it left is finished from the
     * journal. A live holder is waited for up to the lock timeout.
     */
    private void lock(StateBackend backend, String stack, String operation) {
        try {
            LockLease lease = LockLease.acquire(backend, stack, operation, settings.lockLease(), settings.lockTimeout(), settings.lockNotices());
            leases.put(backend.describe() + "/" + stack, lease);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock stack " + stack + " in " + backend.describe(), e);
        }
    }

    /** Releases the lease this runner holds on the stack, leaving a lock someone else took alone. */
    private void unlock(StateBackend backend, String stack) {
        LockLease lease = leases.remove(backend.describe() + "/" + stack);
        if (lease == null) return;
        try {
            lease.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unlock stack " + stack + " in " + backend.describe(), e);
        }
    }
}
