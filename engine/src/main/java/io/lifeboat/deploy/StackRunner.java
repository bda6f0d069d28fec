package io.lifeboat.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.lifeboat.plan.Plan;
import io.lifeboat.plan.PlanOptions;
import io.lifeboat.plan.StepGenerator;
import io.lifeboat.program.Cloud;
import io.lifeboat.program.Clouds;
import io.lifeboat.program.Posture;
import io.lifeboat.program.ProgramOptions;
import io.lifeboat.program.ProgramResult;
import io.lifeboat.program.SecretReader;
import io.lifeboat.provider.ProviderRegistry;
import io.lifeboat.state.LockLease;
import io.lifeboat.state.Snapshot;
import io.lifeboat.state.StackMetadata;
import io.lifeboat.state.StateBackend;
import io.lifeboat.state.StateBackends;
import io.lifeboat.state.StateException;
import io.lifeboat.state.StateStore;
import io.lifeboat.spec.Stack;

/**
 * Runs the operations of one stack: preview, up, destroy and refresh. Each loads the state
 * (finishing what an interrupted run left in the journal), plans, and, unless previewing, takes
 * the stack's lock, applies, and writes the new checkpoint, also when some steps failed, so that
 * everything that did happen is recorded.
 */
public final class StackRunner {
    private final ProviderRegistry registry;
    private final Settings settings;
    private final Cancellation cancellation;
    private final Map<String, LockLease> leases = new java.util.concurrent.ConcurrentHashMap<>();

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
    public record Settings(Path workDir, Map<String, String> providerSettings, Supplier<char[]> passphrase, int parallel,
                           RetryPolicy retry, java.time.Duration lockTimeout, SecretReader secrets, LockLease.Terms lockLease,
                           java.util.function.Consumer<String> lockNotices) {
        public Settings {
            providerSettings = Map.copyOf(providerSettings);
            lockTimeout = lockTimeout == null ? java.time.Duration.ZERO : lockTimeout;
            secrets = secrets == null ? SecretReader.NONE : secrets;
            lockLease = lockLease == null ? LockLease.Terms.DEFAULT : lockLease;
            lockNotices = lockNotices == null ? notice -> { } : lockNotices;
        }

        public Settings(Path workDir, Map<String, String> providerSettings, Supplier<char[]> passphrase, int parallel,
                        RetryPolicy retry, java.time.Duration lockTimeout, SecretReader secrets) {
            this(workDir, providerSettings, passphrase, parallel, retry, lockTimeout, secrets, null, null);
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

    /** @param handMade routes and rules made by hand in the stack's network (found only with refresh) */
    public record Preview(Plan plan, List<Drift> drift, List<StepError> refreshErrors, List<String> recovered, List<HandMade> handMade) {
    }

    public record Applied(Plan plan, ExecutionResult result, List<Drift> drift, List<String> recovered, Snapshot snapshot,
                          long stateBytes) {
        public boolean ok() {
            return result.ok();
        }
    }

    public record Refreshed(List<Drift> drift, List<StepError> errors, Snapshot snapshot, List<HandMade> handMade) {
    }

    public Preview preview(Target t, PlanOptions options, boolean refresh) throws InterruptedException {
        StateStore store = store(t.stack());
        StateStore.Loaded loaded = store.load(t.stack().name());
        checkOwnership(t.stack(), loaded.snapshot());
        try (ProviderPool pool = pool(t)) {
            Snapshot snapshot = loaded.snapshot();
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
                Refresher.Result r = new Refresher(pool, settings.retry(), settings.parallel()).refresh(snapshot);
                snapshot = r.snapshot();
                drift = r.drift();
                errors.addAll(r.errors());
                handMade = handMade(pool, t.stack(), snapshot, errors);
            }
            Plan plan = plan(t, snapshot, options);
            return new Preview(plan, drift, errors, recovered, handMade);
        }
    }

    public Applied up(Target t, PlanOptions options, boolean refresh, DeployListener listener) throws InterruptedException {
        return apply(t, options, refresh, listener, options.destroy() ? "destroy" : "up");
    }

    public Applied destroy(Target t, DeployListener listener) throws InterruptedException {
        return apply(t, PlanOptions.destroyAll(), false, listener, "destroy");
    }

    public Refreshed refresh(Target t) throws InterruptedException {
        StateStore store = store(t.stack());
        StateBackend backend = store.backend();
        lock(backend, t.stack().name(), "refresh");
        try (ProviderPool pool = pool(t)) {
            StateStore.Loaded loaded = store.load(t.stack().name());
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
            unlock(backend, t.stack().name());
        }
    }

    private Applied apply(Target t, PlanOptions options, boolean refresh, DeployListener listener, String operation)
            throws InterruptedException {
        StateStore store = store(t.stack());
        StateBackend backend = store.backend();
        String name = t.stack().name();
        lock(backend, name, operation);
        try (ProviderPool pool = pool(t)) {
            StateStore.Loaded loaded = store.load(name);
            checkWritable(t.stack(), loaded.snapshot());
            Snapshot snapshot = loaded.snapshot();
            List<String> recovered = new ArrayList<>();
            if (!snapshot.pending().isEmpty()) {
                Recovery.Result r = new Recovery(pool, settings.retry()).resolve(snapshot);
                snapshot = r.snapshot();
                recovered.addAll(r.actions());
            }
            List<Drift> drift = List.of();
            if (refresh) {
                Refresher.Result r = new Refresher(pool, settings.retry(), settings.parallel()).refresh(snapshot);
                snapshot = r.snapshot();
                drift = r.drift();
            }
            ProgramResult program = options.destroy() ? new ProgramResult(List.of(), Map.of()) : program(t);
            List<String> missing = check(t, program, snapshot);
            if (!missing.isEmpty()) throw new PlanRefusedException(missing);
            Plan plan = new StepGenerator(io.lifeboat.program.Schemas::get).plan(name, program, snapshot, options);
            if (!plan.errors().isEmpty()) throw new PlanRefusedException(plan.errors());
            var journal = store.journal(name, loaded);
            StepExecutor executor = new StepExecutor(pool, journal, listener, settings.retry(), settings.parallel(), cancellation);
            ExecutionResult result = executor.execute(plan, snapshot, program.outputs());
            String role = options.destroy() ? null : t.role();
            int pending = options.destroy() ? 0 : pending(name, program, snapshot.with(result.resources(), snapshot.pending(),
                    snapshot.metadata()), options, result);
            boolean whole = !options.destroy() && result.ok() && pending == 0;
            StackMetadata meta = snapshot.metadata().next(whole ? t.specHash() : null, whole ? t.commit() : null, role);
            if (!options.destroy()) meta = meta.withRole(role, t.program().restoreFrom()).withPendingSteps(pending);
            Snapshot next = snapshot.with(result.resources(), snapshot.pending(), meta);
            long bytes = store.commit(name, next, loaded.codec()) + journal.bytesWritten();
            return new Applied(plan, result, drift, recovered, next, bytes);
        } finally {
            unlock(backend, name);
        }
    }

    /**
     * What an apply needs, checked before anything changes (the passphrase, the providers); each
     * problem with its fix. {@code up --all} checks every stack so before applying the first.
     */
    public List<String> check(Target t, ProgramResult program) {
        return check(t, program, store(t.stack()).load(t.stack().name()).snapshot());
    }

    private List<String> check(Target t, ProgramResult program, Snapshot state) {
        try (ProviderPool pool = pool(t)) {
            return new Preflight(settings.passphrase()).problems(t.stack().name(), program, state, pool);
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
        Plan full = new StepGenerator(io.lifeboat.program.Schemas::get).plan(stack, program, after, PlanOptions.DEFAULT);
        int n = 0;
        for (var s : full.steps()) if (!(s instanceof io.lifeboat.plan.Step.Same)) n++;
        return n;
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
     * database was restored from.
     */
    public Target target(Stack stack, Stack pair, String specHash, io.lifeboat.state.AppliedCommit commit) {
        StackMetadata m = store(stack).load(stack.name()).snapshot().metadata();
        boolean pairAvailable = pair == null || !store(pair).load(pair.name()).snapshot().metadata().lost();
        return new Target(stack, pair, programOptions(stack, m, pairAvailable), specHash, commit);
    }

    /**
     * The program of a stack as its specs and its state's role shape it, for its graph: no secret
     * is read (each is a placeholder), nor the state's, so no passphrase is needed.
     */
    public ProgramResult shape(Stack stack, Stack pair) {
        Cloud cloud = Clouds.of(stack);
        boolean pairAvailable = pair == null || !store(pair).metadata(pair.name()).lost();
        ProgramOptions options = programOptions(stack, store(stack).metadata(stack.name()), pairAvailable);
        return cloud.run(stack, pair, options, SecretReader.PLACEHOLDERS, io.lifeboat.program.KnownKeys.NONE);
    }

    private static ProgramOptions programOptions(Stack stack, StackMetadata m, boolean pairAvailable) {
        boolean specPrimary = stack.role() == Stack.Role.PRIMARY;
        boolean primary = m.role() == null ? specPrimary : m.role().equals("primary");
        Posture posture;
        if (primary) posture = specPrimary ? Posture.ACTIVE : Posture.PROMOTED;
        else posture = specPrimary ? Posture.WARM : Posture.of(stack);
        return new ProgramOptions(posture, m.restoredFrom(), pairAvailable, false);
    }

    /** The plan for a target against a state, without applying it. */
    public Plan plan(Target t, Snapshot snapshot, PlanOptions options) {
        return new StepGenerator(io.lifeboat.program.Schemas::get).plan(t.stack().name(), options.destroy() ? new ProgramResult(List.of(), Map.of())
                : program(t), snapshot, options);
    }

    public ProgramResult program(Target t) {
        return Clouds.of(t.stack()).run(t.stack(), t.pair(), t.program(), settings.secrets(), knownKeys(t));
    }

    /** The API key material the stack's state and its pair's hold, which its program reuses. */
    private io.lifeboat.program.KnownKeys knownKeys(Target t) {
        if (!t.posture().primary() || t.program().drill()) return io.lifeboat.program.KnownKeys.NONE;
        Snapshot own = store(t.stack()).load(t.stack().name()).snapshot();
        if (t.pair() == null) return io.lifeboat.program.KnownKeys.of(own, null, null);
        try {
            return io.lifeboat.program.KnownKeys.of(own, store(t.pair()).load(t.pair().name()).snapshot(), null);
        } catch (RuntimeException e) {
            return io.lifeboat.program.KnownKeys.of(own, null, t.pair().name() + "'s state: " + e.getMessage());
        }
    }

    public StateStore store(Stack stack) {
        return new StateStore(StateBackends.open(stack.state(), settings.workDir(), stack.endpoint()), settings.passphrase());
    }

    /** Providers opened as this runner's stacks open them, with no rate limit; the caller closes them. */
    public ProviderPool pool() {
        return new ProviderPool(registry, settings.workDir(), settings.providerSettings());
    }

    /** Providers for one stack, under its API rate limit. */
    private ProviderPool pool(Target t) {
        Map<String, String> merged = new java.util.HashMap<>(t.stack().simSettings());
        merged.putAll(settings.providerSettings());
        return new ProviderPool(registry, settings.workDir(), merged, t.stack().requestsPerSecond());
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
            StateStore.Loaded loaded = store.load(stack.name());
            Snapshot s = loaded.snapshot();
            if (s.metadata().lost() == lost && (role == null || role.equals(s.metadata().role()))) return false;
            StackMetadata m = s.metadata().next(null, null, role).withLost(lost);
            store.commit(stack.name(), s.with(s.resources(), s.pending(), m), loaded.codec());
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
