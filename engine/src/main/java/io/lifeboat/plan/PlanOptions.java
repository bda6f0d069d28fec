package io.lifeboat.plan;

import java.util.Set;

import io.lifeboat.resource.Urn;

/**
 * How to narrow or force a plan: {@code --target} (only these, when {@code targeted}: a target
 * list that names nothing in this stack selects nothing, never everything), {@code --exclude},
 * {@code --replace}, and {@code destroy} (every resource goes).
 */
public record PlanOptions(Set<Urn> targets, Set<Urn> excludes, Set<Urn> replaces, boolean destroy, boolean targeted) {
    public static final PlanOptions DEFAULT = new PlanOptions(Set.of(), Set.of(), Set.of(), false);

    public PlanOptions {
        targets = Set.copyOf(targets);
        excludes = Set.copyOf(excludes);
        replaces = Set.copyOf(replaces);
        targeted |= !targets.isEmpty();
    }

    public PlanOptions(Set<Urn> targets, Set<Urn> excludes, Set<Urn> replaces, boolean destroy) {
        this(targets, excludes, replaces, destroy, !targets.isEmpty());
    }

    public static PlanOptions destroyAll() {
        return new PlanOptions(Set.of(), Set.of(), Set.of(), true);
    }

    public boolean selects(Urn urn) {
        if (excludes.contains(urn)) return false;
        return !targeted || targets.contains(urn);
    }
}
