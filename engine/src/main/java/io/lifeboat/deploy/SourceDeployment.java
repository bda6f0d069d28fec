package io.lifeboat.deploy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import io.lifeboat.plan.Plan;
import io.lifeboat.plan.PlanOptions;
import io.lifeboat.plan.Source;
import io.lifeboat.plan.Step;
import io.lifeboat.plan.StepGenerator;
import io.lifeboat.resource.Goal;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import io.lifeboat.state.ResourceState;
import io.lifeboat.state.Snapshot;

/**
 * Applies a program as it runs, after Pulumi's deployment executor: each goal a {@link Source}
 * registers becomes its step at once, the step is applied as soon as the steps of what it
 * depends on are, and the registration completes with the resource's real outputs, so a
 * program that waits for them can go on. Once the program is done, the deletes run, as one
 * plan, only when nothing failed and the plan has no errors. (A preview needs no driver:
 * {@link StepGenerator#plan(String, Source, Snapshot, PlanOptions)} answers each registration
 * with the outputs known before applying.)
 *
 * <p>Each step is applied by a fresh {@link StepExecutor} as a plan of its own: the step, after
 * the resources it depends on as they now stand (unchanged, so no provider is called for them).
 * Once the plan refuses a registration (a protected or data-holding resource that would be
 * replaced, a target's dependency that this plan does not make), neither it nor any later one is
 * applied: each fails with the reason, and the plan's errors say it.
 *
 * <p>A replacement is made as its step, and its old copy is deleted at the end with the deletes,
 * as the whole-plan executor does.
 *
 * <p>Not handled as the whole-plan executor handles them: a delete-first replacement deletes its
 * old copy within its own step, before the program has registered what depends on it, so one
 * whose old copy something else still holds on to cannot be deleted (the provider's retries run
 * until they give up): a new CIDR's chain of replacements needs the whole plan; and a targeted
 * plan's stranded dependents are found only once the program is done (the deletes are then not run).
 */
public final class SourceDeployment {
    private final StepGenerator generator;
    private final Supplier<StepExecutor> executors;
    private final int parallel;
    private final Reader reader;

    /**
     * @param executors makes the executor of one step (they share the providers and the journal)
     * @param parallel  how many steps are applied at once
     */
    public SourceDeployment(StepGenerator generator, Supplier<StepExecutor> executors, int parallel) {
        this(generator, executors, parallel, null);
    }

    /** @param reader reads a resource the program reads but does not manage; null when the program may read none */
    public SourceDeployment(StepGenerator generator, Supplier<StepExecutor> executors, int parallel, Reader reader) {
        this.generator = generator;
        this.executors = executors;
        this.parallel = Math.max(1, parallel);
        this.reader = reader;
    }

    /** Reads an existing resource through the provider {@code providerRef} (registered by the run); empty when it does not exist. */
    public interface Reader {
        java.util.Optional<io.lifeboat.provider.ResourceType.Observed> read(String providerRef, Goal goal, String id)
                throws io.lifeboat.provider.ProviderException, InterruptedException;

        /** Reads through the providers of a pool, a cloud's hiccups retried as a refresh retries them. */
        static Reader through(ProviderPool pool, RetryPolicy retry) {
            CallChain calls = CallChain.reading(retry, pool);
            return (providerRef, goal, id) -> calls.call(ProviderCall.read(pool.type(providerRef, goal.type()), providerRef, goal.urn(), id,
                    goal.inputs().reveal(), Props.EMPTY, io.lifeboat.provider.OperationContext.of(goal.urn(), Duration.ofMinutes(5))));
        }
    }

    /** What the program asked for, and what applying it did. */
    public record Result(Plan plan, ExecutionResult execution) {
    }

    public Result apply(String stack, Source source, Snapshot old, PlanOptions options) throws InterruptedException {
        return apply(stack, source, old, options, null);
    }

    /**
     * As {@link #apply(String, Source, Snapshot, PlanOptions)}, each step held to a saved plan
     * ({@code constraint}, or null for none): a registration whose step the plan does not hold is
     * refused as a plan's refusal is (it and everything after it is not applied), and deletes the
     * plan does not hold are not run.
     */
    Result apply(String stack, Source source, Snapshot old, PlanOptions options, SavedPlanConstraint constraint) throws InterruptedException {
        Instant start = Instant.now();
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "lifeboat-source-step");
            t.setDaemon(true);
            return t;
        });
        Run run = new Run(generator.start(stack, old, options), old, pool, constraint);
        Map<String, PropertyValue> outputs;
        try {
            try {
                outputs = source.run(new Source.Monitor() {
                    @Override
                    public java.util.concurrent.CompletionStage<Props> register(Goal goal) {
                        return run.register(goal);
                    }

                    @Override
                    public java.util.concurrent.CompletionStage<Props> read(Goal goal, String id) {
                        return run.read(goal, id);
                    }

                    @Override
                    public Props recorded(Urn urn) {
                        ResourceState r;
                        synchronized (run.session) {
                            r = run.session.recorded(urn);
                        }
                        return r == null ? null : r.inputs();
                    }
                });
            } catch (CompletionException e) {
                // the program stopped at a registration that failed: what was started still finishes
                outputs = Map.of();
            } catch (Source.ProgramFailed e) {
                // what it registered is applied and recorded; nothing is deleted
                outputs = Map.of();
                run.errors.add(new StepError(run.rootOrNone(), "run", "ProgramFailed", e.getMessage()));
            }
            run.awaitAll();
        } finally {
            pool.shutdownNow();
        }
        Plan plan = run.session.finish(outputs);
        ExecutionResult end = run.finish(plan, outputs);
        return new Result(plan, new ExecutionResult(end.resources(), end.errors(), end.steps(), Duration.between(start, Instant.now()),
                end.interruption()));
    }

    /** One apply in progress: the steps applied so far and the registrations waiting for them. */
    private final class Run {
        final StepGenerator.Session session;
        final Snapshot old;
        final ExecutorService pool;
        final Map<Urn, Goal> goals = new ConcurrentHashMap<>();
        final Map<Urn, CompletableFuture<ResourceState>> applied = new ConcurrentHashMap<>();
        final Map<Urn, ResourceState> states = new ConcurrentHashMap<>();
        /** What a step that did not succeed left of its resource: the old copy, or nothing when a delete-first replacement took it. */
        final Map<Urn, java.util.Optional<ResourceState>> failed = new ConcurrentHashMap<>();
        /** The old copies of replacements made before them, deleted at the end. */
        final Map<Step, ResourceState> oldCopies = java.util.Collections.synchronizedMap(new IdentityHashMap<>());
        /** Old copies a delete-first replacement left (its delete ran, and failed). */
        final List<ResourceState> leftovers = java.util.Collections.synchronizedList(new ArrayList<>());
        final Map<Step, ExecutionResult.Outcome> outcomes = java.util.Collections.synchronizedMap(new IdentityHashMap<>());
        final List<StepError> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<Cancellation.Interruption> interruptions = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<CompletableFuture<?>> all = java.util.Collections.synchronizedList(new ArrayList<>());
        final java.util.concurrent.atomic.AtomicReference<PlanRefusedException> refusal = new java.util.concurrent.atomic.AtomicReference<>();

        final SavedPlanConstraint constraint;

        Run(StepGenerator.Session session, Snapshot old, ExecutorService pool, SavedPlanConstraint constraint) {
            this.session = session;
            this.old = old;
            this.pool = pool;
            this.constraint = constraint;
        }

        CompletableFuture<Props> register(Goal goal) {
            List<Step> steps;
            List<String> refused;
            synchronized (session) {
                steps = session.register(goal);
                refused = new ArrayList<>(session.refusals(goal.urn()));
            }
            for (Step st : constraint == null ? List.<Step>of() : steps) {
                String violation = constraint.violation(st);
                if (violation == null) continue;
                refused.add(violation);
                errors.add(new StepError(st.urn(), "plan", "PlanViolation", violation));
            }
            goals.putIfAbsent(goal.urn(), goal);
            // once the plan refuses a step, nothing more is applied: the plan as a whole is refused
            if (!refused.isEmpty()) refusal.compareAndSet(null, new PlanRefusedException(refused));
            if (refusal.get() != null) {
                for (Step s : steps) outcomes.put(s, ExecutionResult.Outcome.SKIPPED);
                return CompletableFuture.failedFuture(refused.isEmpty() ? refusal.get() : new PlanRefusedException(refused));
            }
            for (Step s : steps) schedule(s);
            CompletableFuture<ResourceState> own = applied.get(goal.urn());
            if (own == null) {
                ResourceState prior = old.byUrn().get(goal.urn());
                return CompletableFuture.completedFuture(prior == null ? Props.EMPTY : outputsOf(prior));
            }
            return own.thenApply(SourceDeployment::outputsOf);
        }

        /**
         * Reads a resource the program does not manage, once its provider's step is applied:
         * recorded as external (never updated nor deleted), a step that changes nothing.
         */
        CompletableFuture<Props> read(Goal goal, String id) {
            if (reader == null) return CompletableFuture.failedFuture(new UnsupportedOperationException("this run reads no resource"));
            Urn provider = goal.options().provider();
            CompletableFuture<ResourceState> providerStep = provider == null ? null : applied.get(provider);
            CompletableFuture<ResourceState> ready = providerStep != null ? providerStep
                    : CompletableFuture.completedFuture(provider == null ? null : old.byUrn().get(provider));
            CompletableFuture<ResourceState> done = ready.thenApplyAsync(p -> {
                if (p == null) throw new CompletionException(new IllegalStateException("the provider of " + goal.urn() + " is not known"));
                String ref = ResourceState.providerRef(p.urn(), p.id());
                java.util.Optional<io.lifeboat.provider.ResourceType.Observed> seen;
                try {
                    seen = reader.read(ref, goal, id);
                } catch (io.lifeboat.provider.ProviderException e) {
                    throw new CompletionException(new IllegalStateException("cannot read " + goal.type() + " " + id + ": " + e.getMessage(), e));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CompletionException(e);
                }
                if (seen.isEmpty()) throw new CompletionException(new IllegalStateException(goal.type() + " " + id + " does not exist"));
                ResourceState read = StepGenerator.Session.read(goal, id, seen.get().outputs(), ref);
                Step step;
                synchronized (session) {
                    step = session.registerRead(goal, read);
                }
                outcomes.put(step, ExecutionResult.Outcome.DONE);
                goals.putIfAbsent(goal.urn(), goal);
                states.put(goal.urn(), read);
                return read;
            }, pool);
            done.whenComplete((r, failed) -> {
                if (failed != null) errors.add(new StepError(goal.urn(), "reading", "ReadFailed",
                        failed instanceof CompletionException c && c.getCause() != null ? c.getCause().getMessage() : failed.getMessage()));
            });
            applied.put(goal.urn(), done);
            all.add(done);
            return done.thenApply(SourceDeployment::outputsOf);
        }

        private void schedule(Step step) {
            List<CompletableFuture<ResourceState>> deps = new ArrayList<>();
            for (Urn d : step.goal().dependencies()) {
                CompletableFuture<ResourceState> f = applied.get(d);
                if (f != null) deps.add(f);
            }
            CompletableFuture<ResourceState> done = CompletableFuture.allOf(deps.toArray(CompletableFuture[]::new))
                    .handle((ok, failed) -> failed)
                    .thenApplyAsync(failed -> {
                        if (failed != null) {
                            outcomes.put(step, ExecutionResult.Outcome.SKIPPED);
                            throw new CompletionException(new IllegalStateException(
                                    step.urn().name() + " was not applied: a resource it depends on did not succeed"));
                        }
                        return applyOne(step);
                    }, pool);
            applied.put(step.urn(), done);
            all.add(done);
        }

        /** Applies one step after its dependencies as they now stand; its new state. */
        private ResourceState applyOne(Step step) {
            List<Step> steps = new ArrayList<>();
            for (Urn d : step.goal().dependencies()) {
                ResourceState now = states.get(d);
                Goal g = goals.get(d);
                // recorded inputs hold no references: nothing more needs to stand for them to resolve
                if (now != null && g != null) steps.add(new Step.Same(new Goal(g.urn(), g.custom(), now.inputs(), g.options(), g.source()), now));
            }
            // a replacement made before its old copy goes is made here; the old copy goes at the end, with the deletes
            boolean deferred = step instanceof Step.Replace x && !x.deleteBeforeReplace();
            Step handed = deferred ? new Step.Create(step.goal()) : step;
            steps.add(handed);
            ExecutionResult r;
            try {
                r = executors.get().execute(new Plan(old.metadata().stack(), steps, Map.of(), List.of()), old, Map.of());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcomes.put(step, ExecutionResult.Outcome.INTERRUPTED);
                throw new CompletionException(e);
            }
            errors.addAll(r.errors());
            if (r.interruption() != null) interruptions.add(r.interruption());
            for (ExecutionResult.StepOutcome o : r.steps()) if (o.step() == handed) outcomes.put(step, o.outcome());
            ResourceState now = null;
            for (ResourceState s : r.resources()) {
                if (!s.urn().equals(step.urn())) continue;
                if (!s.delete()) now = s;
                else if (step instanceof Step.Replace && java.util.Objects.equals(s.id(), step.old().id())) leftovers.add(s);
            }
            String problem = outcomes.get(step) != ExecutionResult.Outcome.DONE || now == null
                    ? (r.errors().isEmpty() ? "it did not succeed" : r.errors().get(0).message())
                    : deferred && now.id() != null && now.id().equals(step.old().id()) ? "its replacement was found to be the old copy itself" : null;
            if (problem != null) {
                // a step that did not succeed fails the operation, whether or not the provider said why
                if (r.errors().isEmpty()) errors.add(new StepError(step.urn(), "apply", "StepFailed", step.urn().name() + " was not applied: " + problem));
                if (deferred) now = step.old(); // nothing was done to the old copy: it stands
                if (outcomes.get(step) == ExecutionResult.Outcome.DONE) outcomes.put(step, ExecutionResult.Outcome.FAILED);
                failed.put(step.urn(), java.util.Optional.ofNullable(now));
                throw new CompletionException(new IllegalStateException(step.urn().name() + " was not applied: " + problem));
            }
            if (deferred) oldCopies.put(step, step.old().markedForDeletion());
            states.put(step.urn(), now);
            return now;
        }

        /** The stack resource the program registered (what its failure is told against); a placeholder when none. */
        Urn rootOrNone() {
            for (Urn u : goals.keySet()) if (u.type().equals(Urn.STACK_TYPE)) return u;
            return new Urn(old.metadata().stack(), "lifeboat", Urn.STACK_TYPE, old.metadata().stack());
        }

        void awaitAll() throws InterruptedException {
            for (int i = 0; i < all.size(); i++) {
                try {
                    all.get(i).get();
                } catch (java.util.concurrent.ExecutionException e) {
                    // told in the step's outcome and errors
                }
            }
        }

        /**
         * The new state: every step's resource as it now stands, the stack outputs resolved, and
         * the deletes run (when nothing failed and the plan has no errors), as one last plan.
         */
        ExecutionResult finish(Plan plan, Map<String, PropertyValue> stackOutputs) throws InterruptedException {
            if (constraint != null) {
                for (String v : constraint.unplannedDeletes(plan)) errors.add(new StepError(rootOrNone(), "plan", "PlanViolation", v));
            }
            boolean ok = errors.isEmpty() && interruptions.isEmpty() && plan.errors().isEmpty()
                    && plan.steps().stream().filter(s -> !(s instanceof Step.Delete)).allMatch(s -> outcomes.get(s) == ExecutionResult.Outcome.DONE);
            Map<Urn, ResourceState> standing = new java.util.LinkedHashMap<>();
            for (Step s : plan.steps()) {
                if (s instanceof Step.Delete) continue;
                ResourceState now = states.get(s.urn());
                if (now == null) now = failed.getOrDefault(s.urn(), java.util.Optional.ofNullable(s.old())).orElse(null);
                if (now != null) standing.put(s.urn(), now);
            }
            // The stack resource takes its outputs, resolved against everything as it now stands
            // (as itself, and the rest with their recorded inputs, which hold no references).
            List<Step> last = new ArrayList<>();
            Urn root = null;
            for (ResourceState r : standing.values()) {
                Goal g = goals.get(r.urn());
                if (g == null) continue;
                boolean isRoot = r.urn().type().equals(Urn.STACK_TYPE);
                if (isRoot) root = r.urn();
                last.add(new Step.Same(isRoot ? g : new Goal(g.urn(), g.custom(), r.inputs(), g.options(), g.source()), r));
            }
            Map<Step, Step> copyDeletes = new IdentityHashMap<>();
            if (ok) {
                oldCopies.forEach((replace, copy) -> copyDeletes.put(replace, new Step.Delete(copy, true)));
                last.addAll(copyDeletes.values());
                for (Step s : plan.steps()) if (s instanceof Step.Delete) last.add(s);
            }
            ExecutionResult r = executors.get().execute(new Plan(plan.stack(), last, Map.of(), List.of()), old, stackOutputs);
            errors.addAll(r.errors());
            if (r.interruption() != null) interruptions.add(r.interruption());
            for (ExecutionResult.StepOutcome o : r.steps()) if (o.step() instanceof Step.Delete) outcomes.put(o.step(), o.outcome());
            // a replacement is done when its old copy is gone too
            oldCopies.forEach((replace, copy) -> {
                Step d = copyDeletes.get(replace);
                ExecutionResult.Outcome o = d == null ? ExecutionResult.Outcome.SKIPPED : outcomes.get(d);
                if (o != ExecutionResult.Outcome.DONE) {
                    outcomes.put(replace, o == null ? ExecutionResult.Outcome.SKIPPED : o);
                    leftovers.add(copy);
                }
            });
            List<ResourceState> resources = new ArrayList<>();
            for (ResourceState x : standing.values()) {
                ResourceState now = x;
                if (x.urn().equals(root)) {
                    for (ResourceState y : r.resources()) if (y.urn().equals(root) && !y.delete()) now = y;
                }
                resources.add(now);
            }
            for (Step s : plan.steps()) {
                if (s instanceof Step.Delete d && outcomes.get(d) != ExecutionResult.Outcome.DONE) resources.add(d.old());
            }
            // old copies of replaced resources left by an earlier run, which this plan did not touch
            for (ResourceState x : old.resources()) {
                if (x.delete() && plan.steps().stream().noneMatch(s -> s instanceof Step.Delete d && d.old() == x)) resources.add(x);
            }
            resources.addAll(leftovers);
            List<ExecutionResult.StepOutcome> steps = new ArrayList<>();
            for (Step s : plan.steps()) {
                ExecutionResult.Outcome o = outcomes.get(s);
                steps.add(new ExecutionResult.StepOutcome(s, o == null ? ExecutionResult.Outcome.SKIPPED : o));
            }
            return new ExecutionResult(StateOrder.sort(resources), new ArrayList<>(errors), steps, Duration.ZERO,
                    interruptions.isEmpty() ? null : interruptions.get(0));
        }
    }

    /** What a registration completes with: the outputs, and the id under {@code id} when they carry none. */
    private static Props outputsOf(ResourceState s) {
        return s.id() == null || s.outputs().containsKey("id") ? s.outputs() : s.outputs().with("id", new PropertyValue.Str(s.id()));
    }
}
