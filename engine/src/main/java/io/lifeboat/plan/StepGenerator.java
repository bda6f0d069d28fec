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
 *
 * <p>A plan is made in a {@link Session}, one goal at a time as a {@link Source} registers them,
 * so a program that waits for outputs before registering more can be planned and applied as it runs.
 */
public final class StepGenerator {
    private final Function<String, TypeSchema> schemas;

    public StepGenerator(Function<String, TypeSchema> schemas) {
        this.schemas = schemas;
    }

    /**
     * The plan of a finished program (the YAML program): as of a {@link FixedSource}, without
     * working out the outputs each registration would be answered with, which it never reads.
     */
    public Plan plan(String stack, ProgramResult program, Snapshot old, PlanOptions options) {
        Session session = start(stack, old, options);
        for (Goal goal : program.goals()) session.register(goal);
        return session.finish(program.outputs());
    }

    /**
     * The plan of a program run as a source, without applying anything: each registration is
     * answered at once with the resource's outputs as known before applying ({@link Session#knownOutputs}).
     * A source may register from several threads at once (a Pulumi program's calls come in on
     * gRPC's): the session takes them one at a time.
     */
    public Plan plan(String stack, Source source, Snapshot old, PlanOptions options) {
        Session session = start(stack, old, options);
        Map<String, PropertyValue> outputs = source.run(new Source.Monitor() {
            @Override
            public java.util.concurrent.CompletionStage<Props> register(Goal goal) {
                synchronized (session) {
                    session.register(goal);
                    return java.util.concurrent.CompletableFuture.completedFuture(session.knownOutputs(goal.urn()));
                }
            }

            @Override
            public java.util.concurrent.CompletionStage<Props> read(Goal goal, String id) {
                synchronized (session) {
                    // a preview reads nothing: what the last run read, else only its id
                    ResourceState recorded = session.recorded(goal.urn());
                    ResourceState seen = recorded != null && recorded.external() && id.equals(recorded.id()) ? recorded
                            : Session.read(goal, id, Props.EMPTY, null);
                    session.registerRead(goal, seen);
                    return java.util.concurrent.CompletableFuture.completedFuture(withId(seen.outputs(), id));
                }
            }

            @Override
            public Props recorded(Urn urn) {
                synchronized (session) {
                    ResourceState r = session.recorded(urn);
                    return r == null ? null : r.inputs();
                }
            }
        });
        synchronized (session) {
            return session.finish(outputs);
        }
    }

    /** A plan made one goal at a time, as a program registers them. */
    public Session start(String stack, Snapshot old, PlanOptions options) {
        return new Session(stack, old, options);
    }

    /**
     * One plan in the making: {@link #register} decides each goal's step as it arrives (goals come
     * in registration order, dependencies first), {@link #finish} adds the deletes, the errors and
     * the stack outputs. Not thread-safe: one registration at a time.
     */
    public final class Session {
        private final String stack;
        private final Snapshot old;
        private final PlanOptions options;
        private final Map<Urn, ResourceState> olds;
        private final Map<Urn, Goal> registered = new LinkedHashMap<>();
        private final Map<Urn, Step> steps = new HashMap<>();
        private final Map<Urn, Props> resolved = new HashMap<>();
        private final Set<Urn> deleteFirst = new HashSet<>();
        private final List<String> errors = new ArrayList<>();
        private final Map<Urn, String> refusals = new HashMap<>();
        /** A recorded URN to the URN a goal that names it among its aliases took it under. */
        private final Map<Urn, Urn> renamed = new HashMap<>();
        private final TargetSelection selection;

        private Session(String stack, Snapshot old, PlanOptions options) {
            this.stack = stack;
            this.old = old;
            this.options = options;
            this.olds = new HashMap<>(old.byUrn());
            this.selection = new TargetSelection(options, old.resources(), olds);
        }

        /**
         * Decides the steps this goal's arrival settles, in the order they run: a provider it
         * pulls into a targeted plan (left out when it came), then its own. Empty when the plan
         * leaves the goal out (not targeted and not recorded, or every resource goes).
         */
        public List<Step> register(Goal goal) {
            if (options.destroy()) return List.of();
            registered.putIfAbsent(goal.urn(), goal);
            List<Step> decided = new ArrayList<>();
            for (Urn provider : selection.admit(goal)) {
                Step s = decide(registered.get(provider));
                if (s != null) decided.add(s);
            }
            Step own = decide(goal);
            if (own != null) decided.add(own);
            return decided;
        }

        /**
         * A resource the program read ({@link Source.Monitor#read}) as it was read: a step that
         * changes nothing, so the plan shows it unchanged and keeps it in the state as external.
         */
        public Step registerRead(Goal goal, ResourceState read) {
            registered.putIfAbsent(goal.urn(), goal);
            Step s = new Step.Same(goal, read);
            steps.put(goal.urn(), s);
            return s;
        }

        /** What the state the plan is made against records under this URN (a look-up, not a scan of the state), or null. */
        public ResourceState recorded(Urn urn) {
            return olds.get(urn);
        }

        /** The state of a resource read by the program: external, its provider reference {@code providerRef}. */
        public static ResourceState read(Goal goal, String id, Props outputs, String providerRef) {
            return new ResourceState(goal.urn(), true, id, goal.inputs(), outputs, goal.options().parent(), false, false, List.copyOf(goal.dependencies()),
                    Map.of(), providerRef, false, null, goal.source() == null ? null : goal.source().toString(), null, true);
        }

        /**
         * A resource's outputs as far as they are known before applying: the recorded ones when it
         * stays the same (or the plan leaves it as it is); for an update, the recorded ones with
         * its inputs over them; else its resolved inputs (what is computed stays unknown, absent).
         * The id is under {@code id} when it is known and the outputs carry none.
         */
        public Props knownOutputs(Urn urn) {
            Step s = steps.get(urn);
            ResourceState prior = s != null ? s.old() : olds.get(urn);
            if (s == null || s instanceof Step.Same) return prior == null ? Props.EMPTY : withId(prior.outputs(), prior.id());
            Props inputs = resolved.getOrDefault(urn, Props.EMPTY);
            if (s instanceof Step.Update u) {
                Props out = u.old().outputs();
                for (Map.Entry<String, PropertyValue> e : inputs.entrySet()) out = out.with(e.getKey(), e.getValue());
                return withId(out, u.old().id());
            }
            return inputs;
        }

        /**
         * Why this registered goal's step must not be applied, as the plan's errors will say:
         * what it needs that this plan will not make, or that it is protected or holds data and
         * would be replaced. Empty when it may go ahead.
         */
        public List<String> refusals(Urn urn) {
            Goal goal = registered.get(urn);
            if (goal == null) return List.of();
            List<String> out = new ArrayList<>(selection.missingDependencies(goal));
            String refused = refusals.get(urn);
            if (refused != null) out.add(refused);
            return out;
        }

        private Step decide(Goal goal) {
            ResourceState prior = olds.get(goal.urn());
            if (prior == null) prior = aliased(goal);
            if (!selection.selects(goal.urn()) && goal.custom()) {
                if (prior == null) return null;
                Step same = new Step.Same(goal, prior);
                steps.put(goal.urn(), same);
                return same;
            }
            Props inputs = Differ.inputsAgainst(goal, prior, resolve(goal.inputs(), steps, resolved, olds));
            Step step = step(goal, prior, inputs, options, deleteFirst, steps);
            if (step instanceof Step.Replace && !goal.options().replacementDefaults().isEmpty()) {
                // a replacement takes its defaults anew (new auto-names), as Pulumi checks it again without its old inputs
                deleteFirst.remove(goal.urn());
                Props raw = goal.inputs();
                for (Map.Entry<String, PropertyValue> e : goal.options().replacementDefaults().entrySet()) raw = raw.with(e.getKey(), e.getValue());
                goal = new Goal(goal.urn(), goal.custom(), raw, goal.options().withReplacementDefaults(Props.EMPTY), goal.source());
                registered.put(goal.urn(), goal);
                inputs = Differ.inputsAgainst(goal, prior, resolve(goal.inputs(), steps, resolved, olds));
                step = step(goal, prior, inputs, options, deleteFirst, steps);
            }
            resolved.put(goal.urn(), inputs);
            String refused = null;
            if (step instanceof Step.Replace r && goal.options().protect()) {
                refused = goal.urn() + " is protected and would be replaced (" + reason(r)
                        + "); remove protect from its options first, or revert the change";
            } else if (step instanceof Step.Replace r && losesData(goal.type(), goal.urn(), options)) {
                refused = goal.urn() + " holds data and would be replaced (" + reason(r) + ")"
                        + (r.deleteBeforeReplace() ? ", deleted before its replacement is made," : "")
                        + " and the new one starts empty; nothing was changed. Revert the change, or go ahead knowingly with `--replace "
                        + goal.urn().name() + "` or `--allow-data-loss`";
            }
            if (refused != null) {
                errors.add(refused);
                refusals.put(goal.urn(), refused);
            }
            steps.put(goal.urn(), step);
            return step;
        }

        /**
         * The recorded resource a goal had under one of its aliases (a former name, type or
         * parent), now known under the goal's URN; null when none. An alias that is a goal of its
         * own, or that another goal took already, is not this one's.
         */
        private ResourceState aliased(Goal goal) {
            for (Urn alias : goal.options().aliases()) {
                ResourceState r = olds.get(alias);
                if (r == null || r.delete() || registered.containsKey(alias) || renamed.containsKey(alias)) continue;
                renamed.put(alias, goal.urn());
                ResourceState now = r.renamed(goal.urn(), goal.options().parent());
                olds.put(goal.urn(), now);
                return now;
            }
            return null;
        }

        /**
         * The plan: the registered goals' steps in registration order, then the deletes of what
         * the state has and the program no longer asks for (dependents first), the errors, and
         * the stack outputs as far as they are known before applying.
         */
        public Plan finish(Map<String, PropertyValue> programOutputs) {
            List<String> all = new ArrayList<>(selection.missingDependencies());
            all.addAll(errors);
            List<Step> ordered = new ArrayList<>();
            for (Urn urn : registered.keySet()) if (steps.containsKey(urn)) ordered.add(steps.get(urn));
            for (ResourceState r : reversed(old.resources())) {
                boolean live = !r.delete() && (steps.containsKey(r.urn()) || renamed.containsKey(r.urn()));
                if (live) continue;
                if (!r.delete() && !options.destroy() && !selection.selects(r.urn())) continue;
                if (options.destroy() && !selection.selects(r.urn())) continue;
                if (r.external()) {
                    // only read, never the stack's: forgotten, not deleted
                } else if (!r.delete() && r.protect()) {
                    all.add(r.urn() + " is protected and would be deleted; remove protect from its options and apply first");
                } else if (!r.delete() && !options.destroy() && losesData(r.type(), r.urn(), options)) {
                    all.add(r.urn() + " holds data and would be deleted, as the spec no longer has it; nothing was changed. "
                            + "Put it back in the spec, or go ahead knowingly with `--allow-data-loss`");
                }
                ordered.add(new Step.Delete(r, r.delete()));
            }
            ordered = goingWith(ordered);
            all.addAll(selection.strandedDependents(ordered));
            Map<String, PropertyValue> outputs = new LinkedHashMap<>();
            programOutputs.forEach((k, v) -> outputs.put(k, resolveValue(v, steps, resolved, olds)));
            return new Plan(stack, ordered, options.destroy() ? Map.of() : outputs, all, resolved);
        }
    }

    /**
     * The deletes of resources whose {@code deletedWith} resource is deleted or replaced in the
     * same plan, marked as going with it: its delete takes them (a namespace its objects, a
     * cluster its workloads), so theirs is not called.
     */
    private static List<Step> goingWith(List<Step> ordered) {
        Set<Urn> going = new HashSet<>();
        for (Step s : ordered) if (s instanceof Step.Delete || s instanceof Step.Replace) going.add(s.urn());
        List<Step> out = new ArrayList<>(ordered.size());
        for (Step s : ordered) {
            Urn with = s instanceof Step.Delete d ? d.old().deletedWith() : null;
            out.add(with != null && going.contains(with) ? new Step.Delete(((Step.Delete) s).old(), ((Step.Delete) s).replacedCopy(), with) : s);
        }
        return out;
    }

    private static Props withId(Props outputs, String id) {
        return id == null || outputs.containsKey("id") ? outputs : outputs.with("id", new PropertyValue.Str(id));
    }

    private Step step(Goal goal, ResourceState prior, Props inputs, PlanOptions options, Set<Urn> deleteFirst,
                      Map<Urn, Step> steps) {
        if (prior == null) return new Step.Create(goal);
        if (!goal.custom()) return new Step.Same(goal, prior);
        TypeSchema schema = schemas.apply(goal.type());
        List<PropertyChange> changes = Differ.diff(prior.inputs(), inputs, schema, goal.options().replaceOnChanges());
        if (Urn.isProviderType(goal.type())) return providerStep(goal, prior, changes, deleteFirst);
        ReplaceReason forced = null;
        if (options.replaces().contains(goal.urn())) forced = ReplaceReason.REQUESTED;
        if (goal.options().provider() != null && steps.get(goal.options().provider()) instanceof Step.Replace) {
            forced = ReplaceReason.providerReplaced(goal.options().provider());
        }
        for (Urn dep : deleteFirst.isEmpty() ? Set.<Urn>of() : dependenciesOf(goal, prior)) {
            if (deleteFirst.contains(dep) && goal.linksTo(dep)) {
                forced = ReplaceReason.dependencyDeletedFirst(dep);
                break;
            }
        }
        boolean replace = forced != null;
        for (PropertyChange c : changes) replace |= c.forcesReplacement();
        if (!replace) {
            return changes.isEmpty() ? new Step.Same(goal, prior) : new Step.Update(goal, prior, changes);
        }
        boolean dbr = goal.options().deleteBeforeReplace() || (forced != null && forced.kind() == ReplaceReason.Kind.DEPENDENCY_DELETED_FIRST)
                || keepsUniqueName(schema, prior.inputs(), inputs);
        if (dbr) deleteFirst.add(goal.urn());
        return new Step.Replace(goal, prior, changes, dbr, forced == null ? ReplaceReason.CHANGES : forced);
    }

    /**
     * A provider whose configuration changes points at another place (a region, an endpoint, a new
     * cluster): what it made is not there, so it is replaced, and everything it made with it.
     */
    private static Step providerStep(Goal goal, ResourceState prior, List<PropertyChange> changes, Set<Urn> deleteFirst) {
        if (changes.isEmpty()) return new Step.Same(goal, prior);
        List<PropertyChange> replacing = new ArrayList<>();
        for (PropertyChange c : changes) replacing.add(new PropertyChange(c.path(), c.before(), c.after(), true));
        Urn dependency = null;
        for (Urn dep : goal.dependencies()) if (deleteFirst.contains(dep)) dependency = dep;
        if (dependency != null) deleteFirst.add(goal.urn());
        return new Step.Replace(goal, prior, replacing, dependency != null,
                dependency == null ? ReplaceReason.CHANGES : ReplaceReason.dependencyDeletedFirst(dependency));
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

    /** The inputs with their references resolved; the very same props when they hold none. */
    private Props resolve(Props inputs, Map<Urn, Step> steps, Map<Urn, Props> resolved, Map<Urn, ResourceState> olds) {
        return inputs.mapValues(v -> resolveValue(v, steps, resolved, olds));
    }

    /** The value with its references resolved; the very same value when it holds none. */
    private PropertyValue resolveValue(PropertyValue v, Map<Urn, Step> steps, Map<Urn, Props> resolved, Map<Urn, ResourceState> olds) {
        if (v instanceof PropertyValue.Ref ref) return ref.complete(resolveRef(ref, steps, resolved, olds));
        if (v instanceof PropertyValue.Secret s) {
            PropertyValue inner = resolveValue(s.value(), steps, resolved, olds);
            return inner == s.value() ? v : new PropertyValue.Secret(inner);
        }
        if (v instanceof PropertyValue.Arr a) {
            List<PropertyValue> items = null;
            for (int i = 0; i < a.items().size(); i++) {
                PropertyValue item = a.items().get(i);
                PropertyValue r = resolveValue(item, steps, resolved, olds);
                if (r != item && items == null) items = new ArrayList<>(a.items());
                if (items != null) items.set(i, r);
            }
            return items == null ? v : new PropertyValue.Arr(items);
        }
        if (v instanceof PropertyValue.Obj o) {
            Props inner = resolve(o.props(), steps, resolved, olds);
            return inner == o.props() ? v : new PropertyValue.Obj(inner);
        }
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
