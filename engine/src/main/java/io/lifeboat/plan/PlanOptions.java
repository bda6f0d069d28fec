package io.lifeboat.plan;

import java.util.Set;

import io.lifeboat.resource.Urn;

/**
 * How to narrow or force a plan: {@code --target} (only these, when {@code targeted}: a target
 * list that names nothing in this stack selects nothing, never everything), {@code --exclude},
 * {@code --replace}, {@code destroy} (every resource goes), and {@code allowDataLoss}: a resource
 * that holds data (a database) or is protected may be deleted or replaced by this plan. Without
 * it such a plan is refused, unless {@code --replace} names the resource; DR commands restore
 * databases on purpose and allow it. {@code targetDependents} ({@code --target-dependents}, as in
 * Pulumi): whatever depends on a target, directly or not, is a target too.
 */
public record PlanOptions(Set<Urn> targets, Set<Urn> excludes, Set<Urn> replaces, boolean destroy, boolean targeted,
                          boolean allowDataLoss, boolean targetDependents) {
    public static final PlanOptions DEFAULT = new PlanOptions(Set.of(), Set.of(), Set.of(), false);
    /** What a DR command applies: its own restores replace databases. */
    public static final PlanOptions DR = DEFAULT.allowingDataLoss();

    public PlanOptions {
        targets = Set.copyOf(targets);
        excludes = Set.copyOf(excludes);
        replaces = Set.copyOf(replaces);
        targeted |= !targets.isEmpty();
    }

    public PlanOptions(Set<Urn> targets, Set<Urn> excludes, Set<Urn> replaces, boolean destroy) {
        this(targets, excludes, replaces, destroy, !targets.isEmpty(), false, false);
    }

    public PlanOptions(Set<Urn> targets, Set<Urn> excludes, Set<Urn> replaces, boolean destroy, boolean targeted) {
        this(targets, excludes, replaces, destroy, targeted, false, false);
    }

    public PlanOptions allowingDataLoss() {
        return new PlanOptions(targets, excludes, replaces, destroy, targeted, true, targetDependents);
    }

    public PlanOptions withTargetDependents() {
        return new PlanOptions(targets, excludes, replaces, destroy, targeted, allowDataLoss, true);
    }

    public static PlanOptions destroyAll() {
        return new PlanOptions(Set.of(), Set.of(), Set.of(), true);
    }
}
