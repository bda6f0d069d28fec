package io.lifeboat.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 *
 * <p>Goals are {@link #admit admitted} one at a time, in registration order, as a source
 * registers them; a target's provider left out when it came is pulled in when the target comes.
 * (A resource the state records as depending on a goal the program now registers after it is
 * selected only once that goal is, too late for its own step.)
 */
final class TargetSelection {
    private final PlanOptions options;
    private final List<ResourceState> state;
    private final Map<Urn, ResourceState> olds;
    /** The goals registered so far, in registration order. */
    private final Map<Urn, Goal> goals = new LinkedHashMap<>();
    /** The targets, and with --target-dependents the goals that depend on them. */
    private final Set<Urn> byGoals = new HashSet<>();
    /** The above, and with --target-dependents what the state records as depending on them. */
    private final Set<Urn> selected = new HashSet<>();
    /** Providers of targets, made with them as they do not exist yet. */
    private final Set<Urn> providers = new HashSet<>();

    TargetSelection(PlanOptions options, List<ResourceState> state, Map<Urn, ResourceState> olds) {
        this.options = options;
        this.state = state;
        this.olds = olds;
        if (!options.targeted()) return;
        byGoals.addAll(options.targets());
        byGoals.removeAll(options.excludes());
        selected.addAll(byGoals);
        if (options.targetDependents()) addStateDependents();
    }

    /**
     * Takes the next goal, in registration order (what it depends on came before it). Returns the
     * providers it pulls in, earliest first: ones registered before it and left out then, which
     * the plan now makes with it.
     */
    List<Urn> admit(Goal g) {
        if (options.destroy()) return List.of();
        goals.putIfAbsent(g.urn(), g);
        if (!options.targeted()) return List.of();
        if (options.targetDependents() && !byGoals.contains(g.urn()) && !options.excludes().contains(g.urn())
                && dependsOn(byGoals, g.dependencies())) {
            byGoals.add(g.urn());
            selected.add(g.urn());
            // the state is in dependency order: one pass reaches every dependent
            addStateDependents();
        }
        // a provider named by a target before the provider itself came is made when it comes
        if (!selects(g.urn()) && wantedProvider(g.urn())) providers.add(g.urn());
        List<Urn> pulled = new ArrayList<>();
        if (!selects(g.urn())) return pulled;
        for (Urn p = g.options().provider(); p != null && canPullIn(p); p = goals.get(p).options().provider()) {
            providers.add(p);
            pulled.add(0, p);
        }
        return pulled;
    }

    /** Whether the plan leaves anything out (a target or an exclude): else every check here passes. */
    private boolean narrowed() {
        return options.targeted() || !options.excludes().isEmpty();
    }

    /** Whether the plan acts on this resource. */
    boolean selects(Urn urn) {
        if (options.excludes().contains(urn)) return false;
        return !options.targeted() || selected.contains(urn) || providers.contains(urn);
    }

    /** Targets that need a resource that does not exist and that this plan will not make. */
    List<String> missingDependencies() {
        List<String> errors = new ArrayList<>();
        if (!narrowed()) return errors;
        for (Goal g : goals.values()) errors.addAll(missingDependencies(g));
        return errors;
    }

    /** What a target needs that does not exist and that this plan will not make (known once it is admitted). */
    List<String> missingDependencies(Goal g) {
        List<String> errors = new ArrayList<>();
        if (!narrowed() || !g.custom() || !selects(g.urn())) return errors;
        for (Urn dep : g.dependencies()) {
            Goal d = goals.get(dep);
            if (d == null || !d.custom() || selects(dep) || exists(dep)) continue;
            errors.add(g.urn().name() + " depends on " + dep.name() + ", which does not exist yet and is "
                    + (options.excludes().contains(dep) ? "excluded" : "not targeted")
                    + "; nothing was changed. Add `--target " + dep.name() + "`, or apply without --target first");
        }
        return errors;
    }

    /**
     * Steps that would replace or delete a target while something depending on it stays as it
     * is. Empty when nothing is narrowed.
     */
    List<String> strandedDependents(Iterable<Step> steps) {
        List<String> errors = new ArrayList<>();
        if (!narrowed()) return errors;
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

    private void addStateDependents() {
        for (ResourceState r : state) {
            if (!r.delete() && !options.excludes().contains(r.urn()) && dependsOn(selected, dependencies(r))) selected.add(r.urn());
        }
    }

    /** A registered provider, left out so far, that a target needs made. */
    private boolean canPullIn(Urn provider) {
        return goals.containsKey(provider) && !selects(provider) && !exists(provider) && !options.excludes().contains(provider);
    }

    /** Whether a target registered before names this provider, which does not exist yet. */
    private boolean wantedProvider(Urn urn) {
        if (exists(urn) || options.excludes().contains(urn)) return false;
        for (Goal g : goals.values()) if (urn.equals(g.options().provider()) && !g.urn().equals(urn) && selects(g.urn())) return true;
        return false;
    }

    private static boolean dependsOn(Set<Urn> set, Set<Urn> deps) {
        for (Urn d : deps) if (set.contains(d)) return true;
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
