package io.lifeboat.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.lifeboat.program.ProgramResult;
import io.lifeboat.resource.Goal;
import io.lifeboat.resource.Urn;
import io.lifeboat.state.ResourceState;

/**
 * Which resources a narrowed plan ({@code --target}, {@code --exclude}) acts on, and the ways a
 * narrowed plan would leave the stack broken, as Pulumi's step generator checks them:
 *
 * <ul>
 *   <li>with {@code --target-dependents}, everything that depends on a target, directly or not,
 *       is a target too;</li>
 *   <li>a target's provider that does not exist yet is made with it;</li>
 *   <li>a target whose other dependency does not exist yet, and is not a target, cannot be made:
 *       the plan is refused, naming the dependency;</li>
 *   <li>a target that is replaced or deleted while resources that depend on it are left out
 *       would leave them pointing at what is gone: refused, naming them, unless
 *       {@code --target-dependents} takes them along.</li>
 * </ul>
 */
final class TargetSelection {
    private final PlanOptions options;
    private final Set<Urn> selected = new HashSet<>();
    private final Map<Urn, Goal> goals = new LinkedHashMap<>();
    private final Map<Urn, ResourceState> olds;

    TargetSelection(PlanOptions options, ProgramResult program, List<ResourceState> state, Map<Urn, ResourceState> olds) {
        this.options = options;
        this.olds = olds;
        if (!options.destroy()) for (Goal g : program.goals()) goals.put(g.urn(), g);
        if (!options.targeted()) return;
        selected.addAll(options.targets());
        selected.removeAll(options.excludes());
        if (options.targetDependents()) {
            // goals and the state are both in dependency order: one pass each reaches every dependent
            for (Goal g : goals.values()) if (!options.excludes().contains(g.urn()) && dependsOnSelected(g.dependencies())) selected.add(g.urn());
            for (ResourceState r : state) {
                if (!r.delete() && !options.excludes().contains(r.urn()) && dependsOnSelected(dependencies(r))) selected.add(r.urn());
            }
        }
        // A target's provider is made with it when it is not there yet (in reverse, so a provider
        // pulled in by a target is itself looked at afterwards).
        List<Goal> reversed = new ArrayList<>(goals.values());
        java.util.Collections.reverse(reversed);
        for (Goal g : reversed) {
            Urn provider = g.options().provider();
            if (selected.contains(g.urn()) && provider != null && !exists(provider) && goals.containsKey(provider)
                    && !options.excludes().contains(provider)) {
                selected.add(provider);
            }
        }
    }

    /** Whether the plan acts on this resource. */
    boolean selects(Urn urn) {
        if (options.excludes().contains(urn)) return false;
        return !options.targeted() || selected.contains(urn);
    }

    /** Targets that need a resource that does not exist and that this plan will not make. */
    List<String> missingDependencies() {
        List<String> errors = new ArrayList<>();
        for (Goal g : goals.values()) {
            if (!g.custom() || !selects(g.urn())) continue;
            for (Urn dep : g.dependencies()) {
                Goal d = goals.get(dep);
                if (d == null || !d.custom() || selects(dep) || exists(dep)) continue;
                errors.add(g.urn().name() + " depends on " + dep.name() + ", which does not exist yet and is "
                        + (options.excludes().contains(dep) ? "excluded" : "not targeted")
                        + "; nothing was changed. Add `--target " + dep.name() + "`, or apply without --target first");
            }
        }
        return errors;
    }

    /**
     * Steps that would replace or delete a target while something depending on it stays as it
     * is. Empty when nothing is narrowed.
     */
    List<String> strandedDependents(Iterable<Step> steps) {
        List<String> errors = new ArrayList<>();
        if (!options.targeted() && options.excludes().isEmpty()) return errors;
        Set<Urn> going = new HashSet<>();
        for (Step s : steps) if (s instanceof Step.Delete || s instanceof Step.Replace) going.add(s.urn());
        for (Step s : steps) {
            if (!(s instanceof Step.Delete) && !(s instanceof Step.Replace)) continue;
            if (s instanceof Step.Delete d && d.old().delete()) continue; // a leftover from an earlier replacement
            Set<String> left = new LinkedHashSet<>();
            for (ResourceState r : olds.values()) {
                if (r.delete() || selects(r.urn()) || going.contains(r.urn())) continue;
                Goal g = goals.get(r.urn());
                boolean dependsNow = g != null ? g.dependencies().contains(s.urn()) : dependencies(r).contains(s.urn());
                if (dependsNow) left.add(r.urn().name());
            }
            if (left.isEmpty()) continue;
            String what = s instanceof Step.Replace ? "would be replaced" : "would be deleted";
            errors.add(s.urn().name() + " " + what + ", and " + String.join(", ", left) + (left.size() == 1 ? " depends" : " depend")
                    + " on it but " + (left.size() == 1 ? "is" : "are") + " not targeted, so "
                    + (left.size() == 1 ? "it" : "they") + " would point at what is gone; nothing was changed. "
                    + "Add --target-dependents to take " + (left.size() == 1 ? "it" : "them") + " along, or --target "
                    + (left.size() == 1 ? "it" : "them") + " too");
        }
        return errors;
    }

    private boolean dependsOnSelected(Set<Urn> deps) {
        for (Urn d : deps) if (selected.contains(d)) return true;
        return false;
    }

    private boolean exists(Urn urn) {
        ResourceState r = olds.get(urn);
        return r != null && !r.delete();
    }

    private static Set<Urn> dependencies(ResourceState r) {
        Set<Urn> deps = new LinkedHashSet<>(r.dependencies());
        if (r.parent() != null) deps.add(r.parent());
        Urn provider = r.providerUrn();
        if (provider != null) deps.add(provider);
        return deps;
    }
}
