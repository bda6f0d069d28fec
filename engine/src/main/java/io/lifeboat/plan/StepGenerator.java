package io.lifeboat.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.lifeboat.program.ProgramResult;
import io.lifeboat.provider.TypeSchema;
import io.lifeboat.resource.Goal;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import io.lifeboat.state.ResourceState;
import io.lifeboat.state.Snapshot;

/**
 * Turns goals and the last state into steps, as Pulumi's step generator does: each goal becomes
 * Same, Create, Update or Replace; each recorded resource without a goal becomes a Delete.
 *
 * <p>Goals are visited in registration order, dependencies first, so a goal's references resolve
 * against steps already decided: to the recorded output when the target stays the same, to the
 * goal's own input when the output echoes an input, else to unknown. An unknown value in a
 * property that forces replacement replaces the dependent too, which is how a new VPC CIDR
 * becomes a chain of replacements. A resource replaced delete-first takes everything that holds
 * on to it (by id, ARN or name, or as its provider) down with it, replaced delete-first as well;
 * what only copies a value from it (an endpoint) is updated once it is back. A provider whose
 * configuration changes is replaced, and so is everything it made.
 */
public final class StepGenerator {
    private final Function<String, TypeSchema> schemas;

    public StepGenerator(Function<String, TypeSchema> schemas) {
        this.schemas = schemas;
    }

    public Plan plan(String stack, ProgramResult program, Snapshot old, PlanOptions options) {
        Map<Urn, ResourceState> olds = old.byUrn();
        Map<Urn, Step> steps = new LinkedHashMap<>();
        Map<Urn, Props> resolved = new HashMap<>();
        Set<Urn> deleteFirst = new HashSet<>();
        List<String> errors = new ArrayList<>();
        TargetSelection selection = new TargetSelection(options, program, old.resources(), olds);
        errors.addAll(selection.missingDependencies());

        if (!options.destroy()) {
            for (Goal goal : program.goals()) {
                ResourceState prior = olds.get(goal.urn());
                if (!selection.selects(goal.urn()) && goal.custom()) {
                    if (prior != null) steps.put(goal.urn(), new Step.Same(goal, prior));
                    continue;
                }
                Props inputs = resolve(goal.inputs(), steps, resolved, olds);
                if (prior != null) inputs = Differ.applyIgnoreChanges(prior.inputs(), inputs, goal.options().ignoreChanges());
                resolved.put(goal.urn(), inputs);
                Step step = step(goal, prior, inputs, options, deleteFirst, steps);
                if (step instanceof Step.Replace r && goal.options().protect()) {
                    errors.add(goal.urn() + " is protected and would be replaced (" + reason(r)
                            + "); remove protect from its options first, or revert the change");
                } else if (step instanceof Step.Replace r && losesData(goal.type(), goal.urn(), options)) {
                    errors.add(goal.urn() + " holds data and would be replaced (" + reason(r) + ")"
                            + (r.deleteBeforeReplace() ? ", deleted before its replacement is made," : "")
                            + " and the new one starts empty; nothing was changed. Revert the change, or go ahead knowingly with `--replace "
                            + goal.urn().name() + "` or `--allow-data-loss`");
                }
                steps.put(goal.urn(), step);
            }
        }

        List<Step> ordered = new ArrayList<>(steps.values());
        for (ResourceState r : reversed(old.resources())) {
            boolean live = !r.delete() && steps.containsKey(r.urn());
            if (live) continue;
            if (!r.delete() && !options.destroy() && !selection.selects(r.urn())) continue;
            if (options.destroy() && !selection.selects(r.urn())) continue;
            if (!r.delete() && r.protect()) {
                errors.add(r.urn() + " is protected and would be deleted; remove protect from its options and apply first");
            } else if (!r.delete() && !options.destroy() && losesData(r.type(), r.urn(), options)) {
                errors.add(r.urn() + " holds data and would be deleted, as the spec no longer has it; nothing was changed. "
                        + "Put it back in the spec, or go ahead knowingly with `--allow-data-loss`");
            }
            ordered.add(new Step.Delete(r, r.delete()));
        }
        errors.addAll(selection.strandedDependents(ordered));
        Map<String, PropertyValue> outputs = new LinkedHashMap<>();
        program.outputs().forEach((k, v) -> outputs.put(k, resolveValue(v, steps, resolved, olds)));
        return new Plan(stack, ordered, options.destroy() ? Map.of() : outputs, errors, resolved);
    }

    private Step step(Goal goal, ResourceState prior, Props inputs, PlanOptions options, Set<Urn> deleteFirst,
                      Map<Urn, Step> steps) {
        if (prior == null) return new Step.Create(goal);
        if (!goal.custom()) return new Step.Same(goal, prior);
        TypeSchema schema = schemas.apply(goal.type());
        List<PropertyChange> changes = Differ.diff(prior.inputs(), inputs, schema, goal.options().replaceOnChanges());
        if (Urn.isProviderType(goal.type())) return providerStep(goal, prior, changes, deleteFirst);
        String forced = null;
        if (options.replaces().contains(goal.urn())) forced = "--replace";
        if (goal.options().provider() != null && steps.get(goal.options().provider()) instanceof Step.Replace) {
            forced = "its provider " + goal.options().provider().name() + " is replaced";
        }
        for (Urn dep : dependenciesOf(goal, prior)) {
            if (deleteFirst.contains(dep) && goal.linksTo(dep)) {
                forced = "depends on " + dep.name() + ", which is deleted before it is replaced";
                break;
            }
        }
        boolean replace = forced != null;
        for (PropertyChange c : changes) replace |= c.forcesReplacement();
        if (!replace) {
            return changes.isEmpty() ? new Step.Same(goal, prior) : new Step.Update(goal, prior, changes);
        }
        boolean dbr = goal.options().deleteBeforeReplace() || (forced != null && forced.startsWith("depends on"))
                || keepsUniqueName(schema, prior.inputs(), inputs);
        if (dbr) deleteFirst.add(goal.urn());
        return new Step.Replace(goal, prior, changes, dbr, forced);
    }

    /**
     * A provider whose configuration changes points at another place (a region, an endpoint, a new
     * cluster): what it made is not there, so it is replaced, and everything it made with it.
     */
    private static Step providerStep(Goal goal, ResourceState prior, List<PropertyChange> changes, Set<Urn> deleteFirst) {
        if (changes.isEmpty()) return new Step.Same(goal, prior);
        List<PropertyChange> replacing = new ArrayList<>();
        for (PropertyChange c : changes) replacing.add(new PropertyChange(c.path(), c.before(), c.after(), true));
        String dependency = null;
        for (Urn dep : goal.dependencies()) if (deleteFirst.contains(dep)) dependency = dep.name();
        if (dependency != null) deleteFirst.add(goal.urn());
        return new Step.Replace(goal, prior, replacing, dependency != null,
                dependency == null ? null : "depends on " + dependency + ", which is deleted before it is replaced");
    }

    /** Deleting or replacing a resource of this type loses data the user did not give up. */
    private boolean losesData(String type, Urn urn, PlanOptions options) {
        if (options.allowDataLoss() || options.replaces().contains(urn)) return false;
        TypeSchema schema = schemas.apply(type);
        return schema != null && schema.holdsData();
    }

    /** A replacement that keeps a name that must be unique cannot exist beside the old object. */
    private static boolean keepsUniqueName(TypeSchema schema, Props olds, Props news) {
        if (schema == null) return false;
        for (String name : schema.uniqueNames()) {
            PropertyValue a = olds.get(name);
            PropertyValue b = news.get(name);
            if (a != null && b != null && !b.containsUnknowns() && Differ.same(a, b)) return true;
        }
        return false;
    }

    private static Set<Urn> dependenciesOf(Goal goal, ResourceState prior) {
        Set<Urn> deps = new HashSet<>(goal.dependencies());
        deps.addAll(prior.dependencies());
        return deps;
    }

    static String reason(Step.Replace r) {
        if (r.reason() != null) return r.reason();
        List<String> props = new ArrayList<>();
        for (PropertyChange c : r.changes()) if (c.forcesReplacement()) props.add(c.path());
        return "changes to " + String.join(", ", props);
    }

    private Props resolve(Props inputs, Map<Urn, Step> steps, Map<Urn, Props> resolved, Map<Urn, ResourceState> olds) {
        Map<String, PropertyValue> out = new LinkedHashMap<>();
        inputs.forEach((k, v) -> out.put(k, resolveValue(v, steps, resolved, olds)));
        return new Props(out);
    }

    private PropertyValue resolveValue(PropertyValue v, Map<Urn, Step> steps, Map<Urn, Props> resolved, Map<Urn, ResourceState> olds) {
        if (v instanceof PropertyValue.Ref ref) return ref.complete(resolveRef(ref, steps, resolved, olds));
        if (v instanceof PropertyValue.Secret s) return new PropertyValue.Secret(resolveValue(s.value(), steps, resolved, olds));
        if (v instanceof PropertyValue.Arr a) {
            List<PropertyValue> items = new ArrayList<>();
            for (PropertyValue i : a.items()) items.add(resolveValue(i, steps, resolved, olds));
            return new PropertyValue.Arr(items);
        }
        if (v instanceof PropertyValue.Obj o) return new PropertyValue.Obj(resolve(o.props(), steps, resolved, olds));
        return v;
    }

    private PropertyValue resolveRef(PropertyValue.Ref ref, Map<Urn, Step> steps, Map<Urn, Props> resolved, Map<Urn, ResourceState> olds) {
        Step target = steps.get(ref.target());
        if (target instanceof Step.Same s) {
            PropertyValue known = s.old().outputs().at(ref.property());
            return known == null ? PropertyValue.UNKNOWN : known;
        }
        Props targetInputs = resolved.get(ref.target());
        if (targetInputs != null && !ref.property().equals("id")) {
            PropertyValue echoed = targetInputs.at(ref.property());
            if (echoed != null && !echoed.containsUnknowns()) return echoed;
        }
        if (target instanceof Step.Update u) {
            // An update in place keeps the id, and computed outputs that no changed input feeds.
            String top = ref.property().split("\\.")[0];
            if (ref.property().equals("id") && u.old().id() != null) return new PropertyValue.Str(u.old().id());
            if (targetInputs == null || !targetInputs.containsKey(top)) {
                PropertyValue known = u.old().outputs().at(ref.property());
                if (known != null) return known;
            }
        }
        if (target == null) {
            ResourceState prior = olds.get(ref.target());
            PropertyValue known = prior == null ? null : prior.outputs().at(ref.property());
            if (known != null) return known;
        }
        return PropertyValue.UNKNOWN;
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }
}
