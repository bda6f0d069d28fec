package io.lifeboat.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import io.lifeboat.plan.Plan;
import io.lifeboat.plan.Step;
import io.lifeboat.provider.TypeSchema;
import io.lifeboat.resource.Goal;
import io.lifeboat.resource.Urn;
import io.lifeboat.state.ResourceState;
import io.lifeboat.state.Snapshot;

/**
 * What a Pulumi program's plan must be refused for before anything is applied, as errors of the
 * plan (a preview shows them; an up changes nothing): a resource of a type, or with an input,
 * that Lifeboat's providers do not implement (the program would fail half-way through its
 * apply); and a replacement the run cannot order (see {@link #unorderable}).
 */
final class ProgramPlanChecks {
    private ProgramPlanChecks() {
    }

    static Plan check(Plan plan, Snapshot state, Function<String, TypeSchema> schemas) {
        List<String> errors = new ArrayList<>();
        for (Step s : plan.steps()) {
            if (s instanceof Step.Create || s instanceof Step.Update || s instanceof Step.Replace) errors.addAll(inputs(s.goal(), schemas));
        }
        errors.addAll(unorderable(plan, state));
        return errors.isEmpty() ? plan : plan.withErrors(errors);
    }

    /** A custom resource's type and inputs against what the providers implement. */
    static List<String> inputs(Goal goal, Function<String, TypeSchema> schemas) {
        if (!goal.custom() || Urn.isProviderType(goal.type())) return List.of();
        TypeSchema schema = schemas.apply(goal.type());
        String at = goal.urn().name() + " (" + goal.type() + ")";
        if (schema == null) {
            return List.of(at + ": Lifeboat's providers do not implement the type " + goal.type() + "; nothing was changed. Leave it out of the"
                    + " program, or keep it in a stack Pulumi's own engine runs");
        }
        List<String> out = new ArrayList<>();
        TreeSet<String> unknown = new TreeSet<>(schema.unknownInputs(goal.inputs().keySet()));
        if (!unknown.isEmpty()) {
            out.add(at + ": " + String.join(", ", unknown) + (unknown.size() == 1 ? " is not an input" : " are not inputs")
                    + " Lifeboat's providers implement for " + goal.type() + "; nothing was changed. Leave "
                    + (unknown.size() == 1 ? "it" : "them") + " out of the program (the type takes " + String.join(", ", new TreeSet<>(schema.inputs().keySet()))
                    + ")");
        }
        TreeSet<String> missing = new TreeSet<>(schema.missingInputs(goal.inputs().keySet()));
        if (!missing.isEmpty()) out.add(at + ": " + String.join(", ", missing) + " must be given; nothing was changed");
        return out;
    }

    /**
     * A replacement whose old copy must go before it is made (it keeps a name only one may have,
     * or says deleteBeforeReplace) while other resources of the state still hold on to that copy.
     * The whole plan deletes those first; a program's run applies each step as the program
     * registers it, before the resources that hold on have registered, so the delete would be
     * refused by the cloud.
     */
    static List<String> unorderable(Plan plan, Snapshot state) {
        List<String> errors = new ArrayList<>();
        Map<Urn, List<String>> holdersOf = null;
        for (Step s : plan.steps()) {
            if (!(s instanceof Step.Replace r) || !r.deleteBeforeReplace()) continue;
            if (holdersOf == null) holdersOf = holders(state); // once, not a scan of the state for each such replacement
            List<String> holders = holdersOf.getOrDefault(r.urn(), List.of());
            if (holders.isEmpty()) continue;
            errors.add(r.urn() + " must be deleted before its replacement is made (" + (r.reason() == null ? "its changes" : r.reason())
                    + "; it keeps a name only one may have, or says deleteBeforeReplace), and " + String.join(", ", holders) + " still hold"
                    + (holders.size() == 1 ? "s" : "") + " on to it: a program stack applies each step as its program registers it, so it cannot"
                    + " delete those first; nothing was changed. Let the name be auto-named (a replacement then takes a new one), or replace "
                    + String.join(", ", holders) + " in a run of their own first");
        }
        return errors;
    }

    /** For each resource of the state, the names of the others that hold on to it: depend on it, or have it as parent or provider. */
    private static Map<Urn, List<String>> holders(Snapshot state) {
        Map<Urn, List<String>> out = new HashMap<>();
        for (ResourceState other : state.resources()) {
            if (other.delete()) continue;
            Set<Urn> held = new LinkedHashSet<>(other.dependencies());
            if (other.parent() != null) held.add(other.parent());
            if (other.providerUrn() != null) held.add(other.providerUrn());
            for (List<Urn> deps : other.propertyDependencies().values()) held.addAll(deps);
            held.remove(other.urn());
            for (Urn u : held) out.computeIfAbsent(u, k -> new ArrayList<>()).add(other.urn().name());
        }
        return out;
    }
}
