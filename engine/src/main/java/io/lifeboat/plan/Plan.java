package io.lifeboat.plan;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.lifeboat.resource.PropertyValue;

/**
 * Every step of an operation on one stack, goals first in registration order, then deletes; and
 * the stack outputs as far as they are known before applying; and each goal's inputs with its
 * references resolved as far as they are known before applying (what a create will send).
 */
public record Plan(String stack, List<Step> steps, Map<String, PropertyValue> outputs, List<String> errors,
                   Map<io.lifeboat.resource.Urn, io.lifeboat.resource.Props> resolvedInputs) {

    public Plan {
        steps = List.copyOf(steps);
        outputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
        errors = List.copyOf(errors);
        resolvedInputs = Map.copyOf(resolvedInputs);
    }

    public Plan(String stack, List<Step> steps, Map<String, PropertyValue> outputs, List<String> errors) {
        this(stack, steps, outputs, errors, Map.of());
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
