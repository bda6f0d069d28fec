package io.lifeboat.deploy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.lifeboat.plan.Plan;
import io.lifeboat.plan.Step;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.provider.TypeSchema;
import io.lifeboat.resource.Goal;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import io.lifeboat.state.Journal;
import io.lifeboat.state.ResourceState;
import io.lifeboat.state.Snapshot;

/**
 * Applies a plan: every step as a node of a graph, run as soon as what it needs is done, at most
 * {@code parallel} at a time. Creates, updates and the create half of replacements follow the
 * goals' dependencies; deletes follow the recorded dependencies backwards (dependents first) and
 * run once everything else succeeded, except where a delete-before-replace needs them first.
 * A failed step skips everything that depends on it; independent steps finish. Every provider
 * call is journalled before it is made and after it returns. Once the cancellation is requested
 * no step starts; the steps in flight finish, and the result tells what was left undone.
 */
public final class StepExecutor {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    private final ProviderPool providers;
    private final Journal journal;
    private final DeployListener listener;
    private final RetryPolicy retry;
    private final int parallel;
    private final Cancellation cancellation;

    private final Map<Urn, ResourceState> live = new ConcurrentHashMap<>();
    private final Map<Urn, ResourceState> pendingDelete = new ConcurrentHashMap<>();
    private final Set<Urn> deleted = ConcurrentHashMap.newKeySet();
    private final List<StepError> errors = java.util.Collections.synchronizedList(new ArrayList<>());

    public StepExecutor(ProviderPool providers, Journal journal, DeployListener listener, RetryPolicy retry, int parallel) {
        this(providers, journal, listener, retry, parallel, Cancellation.NONE);
    }

    public StepExecutor(ProviderPool providers, Journal journal, DeployListener listener, RetryPolicy retry, int parallel,
                        Cancellation cancellation) {
        this.providers = providers;
        this.journal = journal;
        this.listener = listener;
        this.retry = retry;
        this.parallel = Math.max(1, parallel);
        this.cancellation = cancellation;
    }

    private enum Action { APPLY, DELETE_OLD, DELETE, BARRIER }

    private enum Status { PENDING, DONE, FAILED, SKIPPED, INTERRUPTED }

    private static final class Node {
        final Action action;
        final Step step;
        final List<Node> dependents = new ArrayList<>();
        int waiting;
        Status status = Status.PENDING;
        String blockedBy;
        /** When it finished running ({@link System#nanoTime}); 0 when it never ran. */
        volatile long endedAt;

        Node(Action action, Step step) {
            this.action = action;
            this.step = step;
        }
    }

    public ExecutionResult execute(Plan plan, Snapshot old, Map<String, PropertyValue> stackOutputs) throws InterruptedException {
        Instant start = Instant.now();
        providers.registerAll(old);
        List<Node> nodes = graph(plan, old);
        run(nodes);
        List<ResourceState> result = assemble(plan, old, stackOutputs);
        Cancellation.Interruption interruption = interruption(plan, nodes);
        if (interruption != null) cancellation.record(interruption);
        return new ExecutionResult(result, new ArrayList<>(errors), outcomes(plan, nodes), Duration.between(start, Instant.now()),
                interruption);
    }

    /**
     * What the cancellation left undone, counted in steps that change something: null when
     * nothing was left unstarted. A step counts as in flight when a part of it ended after the
     * request; a replacement whose delete never started counts as not started.
     */
    private Cancellation.Interruption interruption(Plan plan, List<Node> nodes) {
        if (!cancellation.cancelled()) return null;
        Map<Step, List<Node>> byStep = new java.util.IdentityHashMap<>();
        for (Node n : nodes) if (n.action != Action.BARRIER) byStep.computeIfAbsent(n.step, x -> new ArrayList<>()).add(n);
        int done = 0;
        int inFlight = 0;
        int notStarted = 0;
        for (Step s : plan.steps()) {
            if (s instanceof Step.Same) continue;
            List<Node> parts = byStep.getOrDefault(s, List.of());
            if (parts.stream().anyMatch(n -> n.endedAt != 0 && cancellation.after(n.endedAt))) inFlight++;
            else if (parts.stream().anyMatch(n -> n.status == Status.INTERRUPTED)) notStarted++;
            else if (parts.stream().allMatch(n -> n.status == Status.DONE)) done++;
        }
        return notStarted == 0 ? null : new Cancellation.Interruption(plan.stack(), done, inFlight, notStarted);
    }

    /** Each step's outcome: a replacement is done only when both its create and its delete are. */
    private static List<ExecutionResult.StepOutcome> outcomes(Plan plan, List<Node> nodes) {
        Map<Step, ExecutionResult.Outcome> worst = new java.util.IdentityHashMap<>();
        for (Node n : nodes) {
            if (n.action == Action.BARRIER) continue;
            ExecutionResult.Outcome o = switch (n.status) {
                case DONE -> ExecutionResult.Outcome.DONE;
                case FAILED -> ExecutionResult.Outcome.FAILED;
                case INTERRUPTED -> ExecutionResult.Outcome.INTERRUPTED;
                default -> ExecutionResult.Outcome.SKIPPED;
            };
            worst.merge(n.step, o, (a, b) -> severity(a) >= severity(b) ? a : b);
        }
        List<ExecutionResult.StepOutcome> out = new ArrayList<>();
        for (Step s : plan.steps()) out.add(new ExecutionResult.StepOutcome(s, worst.get(s)));
        return out;
    }

    /** A step of two parts ends as its worse part: failed, then not started, then skipped, then done. */
    private static int severity(ExecutionResult.Outcome o) {
        return switch (o) {
            case FAILED -> 3;
            case INTERRUPTED -> 2;
            case SKIPPED -> 1;
            case DONE -> 0;
        };
    }

    // ------------------------------------------------------------------ the graph

    private List<Node> graph(Plan plan, Snapshot old) {
        List<Node> nodes = new ArrayList<>();
        Map<Urn, Node> apply = new HashMap<>();
        Map<Urn, Node> deleteOld = new HashMap<>();
        Map<Urn, Node> delete = new HashMap<>();
        Node barrier = new Node(Action.BARRIER, null);
        for (Step s : plan.steps()) {
            if (s instanceof Step.Delete) {
                Node d = new Node(Action.DELETE, s);
                delete.put(s.urn(), d);
                nodes.add(d);
                continue;
            }
            Node a = new Node(Action.APPLY, s);
            apply.put(s.urn(), a);
            nodes.add(a);
            if (s instanceof Step.Replace) {
                Node d = new Node(Action.DELETE_OLD, s);
                deleteOld.put(s.urn(), d);
                nodes.add(d);
            }
        }
        nodes.add(barrier);
        // Creates and updates wait for what they depend on.
        for (Node a : apply.values()) {
            Goal goal = goalOf(a.step);
            for (Urn dep : goal.dependencies()) {
                Node d = apply.get(dep);
                if (d != null) edge(d, a);
            }
            edge(a, barrier);
            if (a.step instanceof Step.Replace r && r.deleteBeforeReplace()) edge(deleteOld.get(a.step.urn()), a);
        }
        // Deletes wait for the deletes of what depended on the deleted resource.
        Map<Urn, Node> deletes = new HashMap<>(delete);
        deletes.putAll(deleteOld);
        Map<Urn, List<Node>> waitsFor = new HashMap<>();
        for (Node n : deletes.values()) {
            ResourceState gone = oldOf(n.step);
            for (Urn dep : dependenciesOf(gone)) {
                Node target = deletes.get(dep);
                if (target != null && target != n) {
                    edge(n, target);
                    waitsFor.computeIfAbsent(dep, x -> new ArrayList<>()).add(n);
                }
            }
        }
        // Deletes run after everything else succeeded, unless a delete-before-replace needs them earlier.
        Set<Node> early = new HashSet<>();
        List<Node> todo = new ArrayList<>();
        for (Node d : deleteOld.values()) {
            if (((Step.Replace) d.step).deleteBeforeReplace()) todo.add(d);
        }
        while (!todo.isEmpty()) {
            Node n = todo.remove(todo.size() - 1);
            if (!early.add(n)) continue;
            todo.addAll(waitsFor.getOrDefault(n.step.urn(), List.of()));
        }
        for (Node n : deletes.values()) {
            if (!early.contains(n)) edge(barrier, n);
        }
        return nodes;
    }

    private static void edge(Node from, Node to) {
        from.dependents.add(to);
        to.waiting++;
    }

    private static Set<Urn> dependenciesOf(ResourceState r) {
        Set<Urn> deps = new HashSet<>(r.dependencies());
        if (r.parent() != null) deps.add(r.parent());
        if (r.provider() != null) deps.add(r.providerUrn());
        return deps;
    }

    // ------------------------------------------------------------------ scheduling

    private void run(List<Node> nodes) throws InterruptedException {
        List<Node> ready = new ArrayList<>();
        for (Node n : nodes) if (n.waiting == 0) ready.add(n);
        Scheduler scheduler = new Scheduler(nodes.size());
        try {
            for (Node n : ready) scheduler.start(n);
            scheduler.await();
        } finally {
            scheduler.pool.shutdownNow();
        }
    }

    /** Starts nodes whose predecessors are all finished; a node behind a failure is skipped, not run. */
    private final class Scheduler {
        final ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "lifeboat-step");
            t.setDaemon(true);
            return t;
        });
        final CountDownLatch remaining;

        Scheduler(int count) {
            remaining = new CountDownLatch(count);
        }

        void start(Node n) {
            if (n.action != Action.BARRIER && cancellation.cancelled()) {
                interrupt(n);
                return;
            }
            if (n.action == Action.BARRIER || n.blockedBy != null) {
                n.status = n.blockedBy == null ? Status.DONE : Status.SKIPPED;
                if (n.status == Status.SKIPPED && n.action != Action.BARRIER) listener.stepSkipped(n.step, "skipped: " + n.blockedBy);
                finish(n);
                return;
            }
            pool.execute(() -> {
                // a step queued behind the parallel limit has not started yet
                if (cancellation.cancelled()) {
                    interrupt(n);
                    return;
                }
                n.status = perform(n) ? Status.DONE : Status.FAILED;
                n.endedAt = System.nanoTime();
                finish(n);
            });
        }

        void interrupt(Node n) {
            n.status = Status.INTERRUPTED;
            finish(n);
        }

        void finish(Node n) {
            List<Node> next = new ArrayList<>();
            synchronized (this) {
                for (Node d : n.dependents) {
                    if (n.status != Status.DONE && d.blockedBy == null) {
                        d.blockedBy = n.status == Status.INTERRUPTED ? "the operation was interrupted"
                                : n.action == Action.BARRIER ? "an earlier step failed" : describe(n) + " did not succeed";
                    }
                    if (--d.waiting == 0) next.add(d);
                }
            }
            remaining.countDown();
            for (Node d : next) start(d);
        }

        void await() throws InterruptedException {
            remaining.await();
        }
    }

    private static String describe(Node n) {
        return n.step.verb() + " of " + n.step.urn().name();
    }

    // ------------------------------------------------------------------ actions

    private boolean perform(Node n) {
        String op = switch (n.action) {
            case APPLY -> n.step instanceof Step.Update ? "updating" : n.step instanceof Step.Same ? "same" : "creating";
            default -> "deleting";
        };
        String shown = n.step instanceof Step.Replace && n.action == Action.APPLY ? "replacing" : op;
        Instant t0 = Instant.now();
        if (!(n.step instanceof Step.Same)) listener.stepStarted(n.step, shown);
        try {
            if (n.action == Action.APPLY) apply(n.step);
            else remove(n.step, n.action == Action.DELETE_OLD || ((Step.Delete) n.step).replacedCopy());
            if (!(n.step instanceof Step.Same)) listener.stepFinished(n.step, shown, Duration.between(t0, Instant.now()));
            return true;
        } catch (ProviderException e) {
            fail(n.step, op, e.code(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(n.step, op, null, "interrupted");
        } catch (RuntimeException e) {
            fail(n.step, op, null, e.getMessage() == null ? e.toString() : e.getMessage());
        }
        return false;
    }

    private void fail(Step step, String op, String code, String message) {
        errors.add(new StepError(step.urn(), op, code, message));
        try {
            journal.failed(op, step.urn(), message);
        } catch (RuntimeException ignored) {
            // the failure is reported either way
        }
        listener.stepFailed(step, op, message);
    }

    private void apply(Step step) throws ProviderException, InterruptedException {
        Goal goal = goalOf(step);
        ResourceState prior = step instanceof Step.Same s ? s.old() : step instanceof Step.Update u ? u.old()
                : step instanceof Step.Replace r ? r.old() : null;
        Props inputs = resolve(goal.inputs());
        if (!goal.custom()) {
            ResourceState state = stateOf(goal, null, inputs.isEmpty() ? Props.EMPTY : inputs,
                    prior == null ? Props.EMPTY : prior.outputs(), null);
            if (prior == null) journal.end("creating", state);
            live.put(goal.urn(), state);
            return;
        }
        if (goal.type().startsWith(ProviderPool.PROVIDER_PREFIX)) {
            // a replaced provider gets a new id: what the old one made is deleted through the old configuration
            String id = prior != null && !(step instanceof Step.Replace) ? prior.id() : UUID.randomUUID().toString();
            providers.register(goal.urn(), id, inputs);
            ResourceState state = stateOf(goal, id, inputs, inputs, null);
            if (!(step instanceof Step.Same)) journal.end(prior == null || step instanceof Step.Replace ? "creating" : "updating", state);
            if (step instanceof Step.Replace r && !r.deleteBeforeReplace()) pendingDelete.put(goal.urn(), prior);
            live.put(goal.urn(), state);
            return;
        }
        String providerRef = providerRef(goal);
        if (step instanceof Step.Same s) {
            live.put(goal.urn(), stateOf(goal, s.old().id(), s.old().inputs(), s.old().outputs(), providerRef));
            return;
        }
        ResourceType type = providers.type(providerRef, goal.type());
        Props revealed = inputs.reveal();
        List<String> problems = type.check(revealed);
        if (!problems.isEmpty()) {
            throw new ProviderException(ProviderException.Kind.INVALID_INPUT, "InvalidInput",
                    "invalid inputs for " + goal.type() + ": " + String.join("; ", problems)
                            + (goal.source() != null ? " (declared at " + goal.source() + ")" : ""));
        }
        TypeSchema schema = type.schema();
        if (step instanceof Step.Update u) {
            // properties under ignoreChanges keep what the resource has; a replacement takes the goal's
            Props kept = io.lifeboat.plan.Differ.applyIgnoreChanges(u.old().inputs(), inputs, goal.options().ignoreChanges());
            Props keptRevealed = kept.reveal();
            OperationContext ctx = context(goal, timeout(goal, "update"));
            journal.begin("updating", u.old());
            Props outputs = retry.run(ctx, observer(goal.urn(), "updating"), () -> type.update(u.old().id(), u.old().outputs().reveal(), keptRevealed, ctx));
            ResourceState state = stateOf(goal, u.old().id(), kept, markSecrets(outputs, kept, schema), providerRef);
            journal.end("updating", state);
            live.put(goal.urn(), state);
            return;
        }
        OperationContext ctx = context(goal, timeout(goal, "create"));
        journal.begin("creating", stateOf(goal, null, inputs, Props.EMPTY, providerRef));
        ResourceType.Created created;
        try {
            created = retry.run(ctx, observer(goal.urn(), "creating"), () -> type.create(goal.urn(), revealed, ctx));
        } catch (ProviderException e) {
            created = prior == null && e.kind() == ProviderException.Kind.CONFLICT ? adopt(type, goal, revealed, ctx) : null;
            if (created == null) throw e;
        }
        ResourceState state = stateOf(goal, created.id(), inputs, markSecrets(created.outputs(), inputs, schema), providerRef);
        journal.end("creating", state);
        if (prior != null && !(step instanceof Step.Replace r && r.deleteBeforeReplace())) pendingDelete.put(goal.urn(), prior);
        live.put(goal.urn(), state);
    }

    /**
     * The object that clashes with a new resource's, when it carries this resource's own mark: it
     * was made for it by a run the state no longer remembers (a checkpoint restored from history),
     * and is taken back rather than duplicated or refused. Null when the clash is someone else's.
     */
    private ResourceType.Created adopt(ResourceType type, Goal goal, Props revealed, OperationContext ctx)
            throws ProviderException, InterruptedException {
        java.util.Optional<ResourceType.Created> mine = retry.run(ctx, observer(goal.urn(), "looking for"),
                () -> type.findByUrn(goal.urn(), revealed, ctx));
        if (mine.isEmpty()) return null;
        listener.progress(goal.urn(), "adopted " + mine.get().id() + ", made for this resource by an earlier run (its lifeboat:urn mark)");
        return mine.get();
    }

    private void remove(Step step, boolean replacedCopy) throws ProviderException, InterruptedException {
        ResourceState old = oldOf(step);
        boolean retain = old.retainOnDelete() || (step instanceof Step.Replace r && r.goal().options().retainOnDelete());
        if (old.custom() && !old.type().startsWith(ProviderPool.PROVIDER_PREFIX) && !retain && old.id() != null) {
            ResourceType type = providers.type(old.provider(), old.type());
            Duration timeout = old.customTimeouts().delete() != null ? old.customTimeouts().delete() : DEFAULT_TIMEOUT;
            OperationContext ctx = OperationContext.of(old.urn(), timeout).withProgress(m -> listener.progress(old.urn(), m));
            journal.begin("deleting", replacedCopy ? old.markedForDeletion() : old);
            retry.run(ctx, observer(old.urn(), "deleting"), () -> {
                type.delete(old.id(), old.outputs().reveal(), ctx);
                return null;
            });
        }
        journal.deleted(old.urn(), old.id(), replacedCopy);
        if (step instanceof Step.Replace) pendingDelete.remove(old.urn());
        deleted.add(old.urn());
    }

    // ------------------------------------------------------------------ values

    private Props resolve(Props inputs) throws ProviderException {
        Map<String, PropertyValue> out = new TreeMap<>();
        for (Map.Entry<String, PropertyValue> e : inputs.entrySet()) out.put(e.getKey(), resolve(e.getValue()));
        return new Props(out);
    }

    private PropertyValue resolve(PropertyValue v) throws ProviderException {
        if (v instanceof PropertyValue.Ref ref) {
            ResourceState target = live.get(ref.target());
            PropertyValue value = target == null ? null : target.outputs().at(ref.property());
            if (value == null && target != null && ref.property().equals("id") && target.id() != null) value = new PropertyValue.Str(target.id());
            if (value == null) {
                throw new ProviderException(ProviderException.Kind.INVALID_INPUT, "UnresolvedReference",
                        ref.target().name() + " has no output '" + ref.property() + "'");
            }
            return ref.complete(value);
        }
        if (v instanceof PropertyValue.Secret s) return new PropertyValue.Secret(resolve(s.value()));
        if (v instanceof PropertyValue.Arr a) {
            List<PropertyValue> items = new ArrayList<>();
            for (PropertyValue i : a.items()) items.add(resolve(i));
            return new PropertyValue.Arr(items);
        }
        if (v instanceof PropertyValue.Obj o) return new PropertyValue.Obj(resolve(o.props()));
        return v;
    }


    /** Outputs stay secret where the schema or the inputs say so. */
    static Props markSecrets(Props outputs, Props inputs, TypeSchema schema) {
        Map<String, PropertyValue> out = new TreeMap<>();
        outputs.forEach((k, v) -> {
            TypeSchema.Input in = schema.inputs().get(k);
            PropertyValue input = inputs.get(k);
            boolean secret = (in != null && in.secret()) || (input != null && input.containsSecrets());
            out.put(k, secret && !(v instanceof PropertyValue.Secret) ? new PropertyValue.Secret(v) : v);
        });
        return new Props(out);
    }

    private ResourceState stateOf(Goal goal, String id, Props inputs, Props outputs, String providerRef) {
        List<Urn> deps = new ArrayList<>(goal.options().dependsOn());
        Map<String, List<Urn>> propDeps = new LinkedHashMap<>();
        goal.propertyDependencies().forEach((k, v) -> {
            propDeps.put(k, new ArrayList<>(v));
            for (Urn u : v) if (!deps.contains(u)) deps.add(u);
        });
        return new ResourceState(goal.urn(), goal.custom(), id, inputs, outputs, goal.options().parent(), goal.options().protect(),
                goal.options().retainOnDelete(), deps, propDeps, providerRef, false, goal.options().customTimeouts(),
                goal.source() == null ? null : goal.source().toString());
    }

    private String providerRef(Goal goal) {
        Urn p = goal.options().provider();
        if (p == null) return null;
        ResourceState provider = live.get(p);
        return provider == null ? null : ResourceState.providerRef(p, provider.id());
    }

    private OperationContext context(Goal goal, Duration timeout) {
        return OperationContext.of(goal.urn(), timeout).withProgress(m -> listener.progress(goal.urn(), m));
    }

    private static Duration timeout(Goal goal, String op) {
        var t = goal.options().customTimeouts();
        Duration d = op.equals("create") ? t.create() : op.equals("update") ? t.update() : t.delete();
        return d == null ? DEFAULT_TIMEOUT : d;
    }

    private RetryPolicy.Observer observer(Urn urn, String op) {
        return (attempt, error, delay) -> listener.retrying(urn, op, attempt, error.getMessage(), delay);
    }

    private static Goal goalOf(Step s) {
        if (s.goal() == null) throw new IllegalArgumentException("a delete has no goal");
        return s.goal();
    }

    private static ResourceState oldOf(Step s) {
        if (s.old() == null) throw new IllegalArgumentException("no old state for " + s);
        return s.old();
    }

    // ------------------------------------------------------------------ the new state

    private List<ResourceState> assemble(Plan plan, Snapshot old, Map<String, PropertyValue> stackOutputs) {
        List<ResourceState> out = new ArrayList<>();
        for (Step s : plan.steps()) {
            if (s instanceof Step.Delete d) {
                if (!deleted.contains(d.urn())) out.add(d.old());
                continue;
            }
            ResourceState now = live.get(s.urn());
            ResourceState prior = s instanceof Step.Same x ? x.old() : s instanceof Step.Update u ? u.old()
                    : s instanceof Step.Replace r ? r.old() : null;
            if (s instanceof Step.Replace r && !deleted.contains(s.urn()) && now != null && !r.deleteBeforeReplace()) {
                out.add(r.old().markedForDeletion());
            }
            if (now != null) {
                if (now.urn().type().equals(Urn.STACK_TYPE)) now = withStackOutputs(now, stackOutputs);
                out.add(now);
            } else if (prior != null && !(s instanceof Step.Replace r2 && r2.deleteBeforeReplace() && deleted.contains(s.urn()))) {
                out.add(prior);
            }
        }
        // Old copies of replaced resources left by an earlier run, if this plan did not touch them.
        for (ResourceState r : old.resources()) {
            if (r.delete() && !plan.steps().stream().anyMatch(s -> s instanceof Step.Delete d && d.old() == r)) out.add(r);
        }
        return StateOrder.sort(out);
    }

    private ResourceState withStackOutputs(ResourceState stack, Map<String, PropertyValue> outputs) {
        Map<String, PropertyValue> resolved = new TreeMap<>();
        outputs.forEach((k, v) -> {
            try {
                resolved.put(k, resolve(v));
            } catch (ProviderException e) {
                // an output whose resource failed is left out
            }
        });
        return stack.withObserved(stack.inputs(), new Props(resolved));
    }
}
