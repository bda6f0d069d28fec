package io.lifeboat.deploy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.lifeboat.deploy.StepGraph.Action;
import io.lifeboat.deploy.StepGraph.Node;
import io.lifeboat.deploy.StepGraph.Status;
import io.lifeboat.plan.Plan;
import io.lifeboat.plan.Step;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import io.lifeboat.state.Journal;
import io.lifeboat.state.ResourceState;
import io.lifeboat.state.Snapshot;

/**
 * Applies a plan: its steps as a {@link StepGraph}, run by a {@link StepScheduler} (as soon as
 * what each part needs is done, at most {@code parallel} at a time, skipping what depends on a
 * failure), each part done by a {@link StepApplier} whose provider calls go through the
 * {@link CallChain} (journalled before and after, retried, rate limited, adopted by mark). Once
 * the cancellation is requested no step starts; the steps in flight finish, and the result tells
 * what was left undone.
 */
public final class StepExecutor {
    private final Journal journal;
    private final DeployListener listener;
    private final Cancellation cancellation;
    private final StepScheduler scheduler;
    private final StepApplier applier;
    private final List<StepError> errors = java.util.Collections.synchronizedList(new ArrayList<>());

    public StepExecutor(ProviderPool providers, Journal journal, DeployListener listener, RetryPolicy retry, int parallel) {
        this(providers, journal, listener, retry, parallel, Cancellation.NONE);
    }

    public StepExecutor(ProviderPool providers, Journal journal, DeployListener listener, RetryPolicy retry, int parallel,
                        Cancellation cancellation) {
        this.journal = journal;
        this.listener = listener;
        this.cancellation = cancellation;
        this.scheduler = new StepScheduler(parallel, cancellation, listener);
        this.applier = new StepApplier(providers, journal, listener, retry);
    }

    public ExecutionResult execute(Plan plan, Snapshot old, Map<String, PropertyValue> stackOutputs) throws InterruptedException {
        Instant start = Instant.now();
        applier.registerAll(old);
        List<Node> nodes = StepGraph.of(plan);
        scheduler.run(nodes, this::perform);
        List<ResourceState> result = assemble(plan, old, stackOutputs);
        Cancellation.Interruption interruption = interruption(plan, nodes);
        if (interruption != null) cancellation.record(interruption);
        return new ExecutionResult(result, new ArrayList<>(errors), outcomes(plan, nodes), Duration.between(start, Instant.now()),
                interruption);
    }

    /**
     * Applies one step now, on the calling thread, with the same applier (so it resolves against
     * what this executor applied before), journal and call chain as {@link #execute}; for a
     * driver that answers goals one at a time with their outputs. A step that ends with the
     * resource in place answers its new state; a delete deletes and answers null. Nothing is
     * reported to the listener and no error is collected: the provider's error is thrown.
     */
    public ResourceState apply(Step step) throws ProviderException, InterruptedException {
        if (step instanceof Step.Delete d) {
            applier.delete(d, d.replacedCopy());
            return null;
        }
        return applier.apply(step);
    }

    /**
     * What the cancellation left undone, counted in steps that change something: null when
     * nothing was left unstarted. A step counts as in flight when a part of it ended after the
     * request; a replacement whose delete never started counts as not started.
     */
    private Cancellation.Interruption interruption(Plan plan, List<Node> nodes) {
        if (!cancellation.cancelled()) return null;
        Map<Step, List<Node>> byStep = new IdentityHashMap<>();
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
        Map<Step, ExecutionResult.Outcome> worst = new IdentityHashMap<>();
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

    // ------------------------------------------------------------------ one part, reported

    private boolean perform(Node n) {
        String op = switch (n.action) {
            case APPLY -> n.step instanceof Step.Update ? "updating" : n.step instanceof Step.Same ? "same" : "creating";
            default -> "deleting";
        };
        String shown = n.step instanceof Step.Replace && n.action == Action.APPLY ? "replacing" : op;
        Instant t0 = Instant.now();
        if (!(n.step instanceof Step.Same)) listener.stepStarted(n.step, shown);
        try {
            if (n.action == Action.APPLY) applier.apply(n.step);
            else applier.delete(n.step, n.action == Action.DELETE_OLD || ((Step.Delete) n.step).replacedCopy());
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

    // ------------------------------------------------------------------ the new state

    private List<ResourceState> assemble(Plan plan, Snapshot old, Map<String, PropertyValue> stackOutputs) {
        List<ResourceState> out = new ArrayList<>();
        for (Step s : plan.steps()) {
            if (s instanceof Step.Delete d) {
                if (!applier.deleted(d.urn())) out.add(d.old());
                continue;
            }
            ResourceState now = applier.applied(s.urn());
            ResourceState prior = s.old();
            if (s instanceof Step.Replace r && !applier.deleted(s.urn()) && now != null && !r.deleteBeforeReplace()) {
                out.add(r.old().markedForDeletion());
            }
            if (now != null) {
                if (now.urn().type().equals(Urn.STACK_TYPE)) now = withStackOutputs(now, stackOutputs);
                out.add(now);
            } else if (prior != null && !(s instanceof Step.Replace r2 && r2.deleteBeforeReplace() && applier.deleted(s.urn()))) {
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
                resolved.put(k, applier.resolve(v));
            } catch (ProviderException e) {
                // an output whose resource failed is left out
            }
        });
        return stack.withObserved(stack.inputs(), new Props(resolved));
    }
}
