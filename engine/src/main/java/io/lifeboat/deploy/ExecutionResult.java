package io.lifeboat.deploy;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.lifeboat.plan.Step;
import io.lifeboat.state.ResourceState;

/**
 * What applying a plan did: the resources as they now stand (in dependency order), the errors,
 * and what became of every step of the plan, so that totals count what happened rather than
 * what was planned.
 *
 * @param interruption what a cancellation (Ctrl-C) left undone; null when the apply ran to its end
 */
public record ExecutionResult(List<ResourceState> resources, List<StepError> errors, List<StepOutcome> steps, Duration elapsed,
                              Cancellation.Interruption interruption) {
    public ExecutionResult {
        resources = List.copyOf(resources);
        errors = List.copyOf(errors);
        steps = List.copyOf(steps);
    }

    /**
     * How a step ended: done, failed, not tried because something it waited for did not succeed,
     * or not started because the operation was interrupted.
     */
    public enum Outcome { DONE, FAILED, SKIPPED, INTERRUPTED }

    public record StepOutcome(Step step, Outcome outcome) {
        /** What the step counts as in the totals. */
        public Count count() {
            if (step instanceof Step.Same) return Count.UNCHANGED;
            if (outcome == Outcome.FAILED) return Count.FAILED;
            if (outcome == Outcome.SKIPPED || outcome == Outcome.INTERRUPTED) return Count.SKIPPED;
            if (step instanceof Step.Create) return Count.CREATED;
            if (step instanceof Step.Update) return Count.UPDATED;
            if (step instanceof Step.Replace) return Count.REPLACED;
            return Count.DELETED;
        }
    }

    /** The totals of an operation, in the order they are shown. */
    public enum Count { CREATED, UPDATED, REPLACED, DELETED, FAILED, SKIPPED, UNCHANGED }

    public Map<Count, Integer> counts() {
        Map<Count, Integer> c = new EnumMap<>(Count.class);
        for (Count k : Count.values()) c.put(k, 0);
        for (StepOutcome s : steps) c.merge(s.count(), 1, Integer::sum);
        return c;
    }

    public int count(Count kind) {
        return counts().get(kind);
    }

    /** No step failed and none was left unstarted by an interruption. */
    public boolean ok() {
        return errors.isEmpty() && interruption == null;
    }

    public boolean interrupted() {
        return interruption != null;
    }
}
