package io.lifeboat.plan;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import io.lifeboat.state.Snapshot;

/**
 * Every step of an operation on one stack, goals first in registration order, then deletes; and
 * the stack outputs as far as they are known before applying; and each goal's inputs with its
 * references resolved as far as they are known before applying (what a create will send).
 *
 * <p>A plan also carries what it was made from and with, so that applying it needs nothing
 * more: the state it was made against ({@code prior}: after an interrupted run's operations were
 * finished and, with refresh, the cloud read), the options, the drift the refresh found and the
 * operations of an interrupted run that were finished. {@code prior} is null only for a plan
 * made on its own, outside an operation (tests, the generator).
 */
public record Plan(String stack, List<Step> steps, Map<String, PropertyValue> outputs, List<String> errors,
                   Map<Urn, Props> resolvedInputs, Snapshot prior, PlanOptions options, List<Drift> drift, List<String> recovered) {

    public Plan {
        steps = List.copyOf(steps);
        outputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
        errors = List.copyOf(errors);
        resolvedInputs = Map.copyOf(resolvedInputs);
        options = options == null ? PlanOptions.DEFAULT : options;
        drift = List.copyOf(drift);
        recovered = List.copyOf(recovered);
    }

    public Plan(String stack, List<Step> steps, Map<String, PropertyValue> outputs, List<String> errors, Map<Urn, Props> resolvedInputs) {
        this(stack, steps, outputs, errors, resolvedInputs, null, null, List.of(), List.of());
    }

    public Plan(String stack, List<Step> steps, Map<String, PropertyValue> outputs, List<String> errors) {
        this(stack, steps, outputs, errors, Map.of());
    }

    /** This plan as made against {@code prior} with {@code options}, with what the operation found on the way. */
    public Plan madeAgainst(Snapshot prior, PlanOptions options, List<Drift> drift, List<String> recovered) {
        return new Plan(stack, steps, outputs, errors, resolvedInputs, prior, options, drift, recovered);
    }

    /** This plan with {@code more} errors after its own. */
    public Plan withErrors(List<String> more) {
        List<String> all = new java.util.ArrayList<>(errors);
        all.addAll(more);
        return new Plan(stack, steps, outputs, all, resolvedInputs, prior, options, drift, recovered);
    }

    /** Every resource goes: a destroy. */
    public boolean destroy() {
        return options.destroy();
    }

    public enum Kind { SAME, CREATE, UPDATE, REPLACE, DELETE }

    public Map<Kind, Integer> counts() {
        Map<Kind, Integer> c = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) c.put(k, 0);
        for (Step s : steps) c.merge(kind(s), 1, Integer::sum);
        return c;
    }

    public static Kind kind(Step s) {
        if (s instanceof Step.Same) return Kind.SAME;
        if (s instanceof Step.Create) return Kind.CREATE;
        if (s instanceof Step.Update) return Kind.UPDATE;
        if (s instanceof Step.Replace) return Kind.REPLACE;
        return Kind.DELETE;
    }

    public boolean hasChanges() {
        for (Step s : steps) {
            if (!(s instanceof Step.Same)) return true;
        }
        return false;
    }
}
