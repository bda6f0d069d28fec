package io.lifeboat.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.lifeboat.plan.Differ;
import io.lifeboat.plan.Step;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.provider.TypeSchema;
import io.lifeboat.resource.Goal;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import io.lifeboat.state.Journal;
import io.lifeboat.state.ResourceState;
import io.lifeboat.state.Snapshot;

/**
 * What one step does: resolves its inputs against the outputs of the resources applied before it,
 * creates, updates or deletes through a provider (every call through the {@link CallChain}), and
 * makes the resource's new state. It remembers what it applied and deleted, so later steps'
 * references resolve; it is thread-safe, for steps that run in parallel. The
 * {@link StepExecutor} uses one per plan; a driver that applies goals one at a time (a streaming
 * source) can use one directly: {@link #apply} answers each step with the resource's new state.
 */
public final class StepApplier {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    private final ProviderPool providers;
    private final CallChain calls;
    private final Journal journal;
    private final DeployListener listener;
    private final Map<Urn, ResourceState> live = new ConcurrentHashMap<>();
    private final java.util.Set<Urn> deleted = ConcurrentHashMap.newKeySet();

    /** Calls go through {@link CallChain#standard} with this journal, retry policy and listener. */
    public StepApplier(ProviderPool providers, Journal journal, DeployListener listener, RetryPolicy retry) {
        this(providers, journal, listener, CallChain.standard(journal, retry, listener, providers::limiter));
    }

    public StepApplier(ProviderPool providers, Journal journal, DeployListener listener, CallChain calls) {
        this.providers = providers;
        this.journal = journal;
        this.listener = listener;
        this.calls = calls;
    }

    /** Makes the providers a state records known, so the resources they made can be deleted. */
    public void registerAll(Snapshot old) {
        providers.registerAll(old);
    }

    /**
     * Applies a step that ends with the resource in place (a create, an update, a same, or the
     * create half of a replace, whose old copy {@link #delete} then removes) and returns the
     * resource's new state: the outputs, with secrets marked, that later steps' references
     * resolve against. A step whose inputs refer to a resource not applied yet fails.
     *
     * @throws ProviderException the provider's refusal, or an input that cannot be resolved
     */
    public ResourceState apply(Step step) throws ProviderException, InterruptedException {
        Goal goal = goalOf(step);
        ResourceState prior = step.old();
        Props inputs = resolve(goal.inputs());
        if (!goal.custom()) {
            ResourceState state = stateOf(goal, null, inputs.isEmpty() ? Props.EMPTY : inputs,
                    prior == null ? Props.EMPTY : prior.outputs(), null);
            if (prior == null) journal.end("creating", state);
            return applied(state);
        }
        if (Urn.isProviderType(goal.type())) {
            // a replaced provider gets a new id: what the old one made is deleted through the old configuration
            String id = prior != null && !(step instanceof Step.Replace) ? prior.id() : UUID.randomUUID().toString();
            providers.register(goal.urn(), id, inputs);
            ResourceState state = stateOf(goal, id, inputs, inputs, null);
            if (!(step instanceof Step.Same)) journal.end(prior == null || step instanceof Step.Replace ? "creating" : "updating", state);
            return applied(state);
        }
        String providerRef = providerRef(goal);
        if (step instanceof Step.Same s) return applied(stateOf(goal, s.old().id(), s.old().inputs(), s.old().outputs(), providerRef));
        ResourceType type = providers.type(providerRef, goal.type());
        Props revealed = inputs.reveal();
        List<String> problems = type.check(revealed);
        if (!problems.isEmpty()) {
            throw new ProviderException(ProviderException.Kind.INVALID_INPUT, "InvalidInput",
                    "invalid inputs for " + goal.type() + ": " + String.join("; ", problems)
                            + (goal.source() != null ? " (declared at " + goal.source() + ")" : ""));
        }
        TypeSchema schema = type.schema();
        if (step instanceof Step.Update u) {
            Props kept = Differ.inputsAgainst(goal, u.old(), inputs);
            java.util.function.Function<Props, ResourceState> made =
                    outputs -> stateOf(goal, u.old().id(), kept, markSecrets(outputs, kept, schema), providerRef);
            OperationContext ctx = context(goal.urn(), timeout(goal.options().customTimeouts().update()));
            Props outputs = calls.call(ProviderCall.update(type, providerRef, goal.urn(), u.old().id(), u.old().outputs().reveal(),
                    kept.reveal(), ctx).journalled(new ProviderCall.Entry<>("updating", u.old(), made)));
            return applied(made.apply(outputs));
        }
        java.util.function.Function<ResourceType.Created, ResourceState> made =
                c -> stateOf(goal, c.id(), inputs, markSecrets(c.outputs(), inputs, schema), providerRef);
        OperationContext ctx = context(goal.urn(), timeout(goal.options().customTimeouts().create()));
        ProviderCall<ResourceType.Created> create = ProviderCall.create(type, providerRef, goal.urn(), revealed, ctx)
                .journalled(new ProviderCall.Entry<>("creating", stateOf(goal, null, inputs, Props.EMPTY, providerRef), made));
        // a new resource whose object exists already, with its own mark, is adopted (a replacement's clash is the old copy's)
        if (prior == null) create = create.adoptingByMark(ProviderCall.findByMark(type, providerRef, goal.urn(), revealed, ctx));
        return applied(made.apply(calls.call(create)));
    }

    /**
     * Deletes the resource a step removes (a delete, or the old copy of a replace:
     * {@code replacedCopy}), unless it is retained, goes with another resource deleted in the same
     * plan ({@code deletedWith}), is not the stack's own ({@code external}: only read) or has
     * nothing in the cloud, and journals it gone.
     */
    public void delete(Step step, boolean replacedCopy) throws ProviderException, InterruptedException {
        ResourceState old = oldOf(step);
        boolean retain = old.retainOnDelete() || (step instanceof Step.Replace r && r.goal().options().retainOnDelete())
                || (step instanceof Step.Delete d && d.goesWith() != null) || old.external();
        if (old.custom() && !Urn.isProviderType(old.type()) && !retain && old.id() != null) {
            ResourceType type = providers.type(old.provider(), old.type());
            OperationContext ctx = context(old.urn(), timeout(old.customTimeouts().delete()));
            calls.call(ProviderCall.delete(type, old.provider(), old.urn(), old.id(), old.outputs().reveal(), ctx)
                    .journalled(new ProviderCall.Entry<>("deleting", replacedCopy ? old.markedForDeletion() : old, null)));
        }
        journal.deleted(old.urn(), old.id(), replacedCopy);
        deleted.add(old.urn());
    }

    /** The state a step of this run left the resource in; null when none did (yet). */
    public ResourceState applied(Urn urn) {
        return live.get(urn);
    }

    /** True when a step of this run deleted the resource (or its old copy). */
    public boolean deleted(Urn urn) {
        return deleted.contains(urn);
    }

    private ResourceState applied(ResourceState state) {
        live.put(state.urn(), state);
        return state;
    }

    // ------------------------------------------------------------------ values

    private Props resolve(Props inputs) throws ProviderException {
        Map<String, PropertyValue> out = new TreeMap<>();
        for (Map.Entry<String, PropertyValue> e : inputs.entrySet()) out.put(e.getKey(), resolve(e.getValue()));
        return new Props(out);
    }

    /** A value with its references replaced by the outputs they name. */
    PropertyValue resolve(PropertyValue v) throws ProviderException {
        if (v instanceof PropertyValue.Ref ref) {
            ResourceState target = live.get(ref.target());
            PropertyValue value = target == null ? null : target.outputs().at(ref.property());
            if (value == null && target != null && ref.property().equals("id") && target.id() != null) value = new PropertyValue.Str(target.id());
            if (value == null) {
                throw new ProviderException(ProviderException.Kind.INVALID_INPUT, "UnresolvedReference",
                        ref.target().name() + " has no output '" + ref.property() + "'");
            }
            return ref.complete(value);
        }
        if (v instanceof PropertyValue.Secret s) return new PropertyValue.Secret(resolve(s.value()));
        if (v instanceof PropertyValue.Arr a) {
            List<PropertyValue> items = new ArrayList<>();
            for (PropertyValue i : a.items()) items.add(resolve(i));
            return new PropertyValue.Arr(items);
        }
        if (v instanceof PropertyValue.Obj o) return new PropertyValue.Obj(resolve(o.props()));
        return v;
    }

    /** Outputs stay secret where the schema or the inputs say so. */
    static Props markSecrets(Props outputs, Props inputs, TypeSchema schema) {
        Map<String, PropertyValue> out = new TreeMap<>();
        outputs.forEach((k, v) -> {
            TypeSchema.Input in = schema.inputs().get(k);
            PropertyValue input = inputs.get(k);
            boolean secret = (in != null && in.secret()) || (input != null && input.containsSecrets());
            out.put(k, secret && !(v instanceof PropertyValue.Secret) ? new PropertyValue.Secret(v) : v);
        });
        return new Props(out);
    }

    private static ResourceState stateOf(Goal goal, String id, Props inputs, Props outputs, String providerRef) {
        List<Urn> deps = new ArrayList<>(goal.options().dependsOn());
        Map<String, List<Urn>> propDeps = new LinkedHashMap<>();
        goal.propertyDependencies().forEach((k, v) -> {
            propDeps.put(k, new ArrayList<>(v));
            for (Urn u : v) if (!deps.contains(u)) deps.add(u);
        });
        return new ResourceState(goal.urn(), goal.custom(), id, inputs, outputs, goal.options().parent(), goal.options().protect(),
                goal.options().retainOnDelete(), deps, propDeps, providerRef, false, goal.options().customTimeouts(),
                goal.source() == null ? null : goal.source().toString(), goal.options().deletedWith());
    }

    private String providerRef(Goal goal) {
        Urn p = goal.options().provider();
        if (p == null) return null;
        ResourceState provider = live.get(p);
        return provider == null ? null : ResourceState.providerRef(p, provider.id());
    }

    private OperationContext context(Urn urn, Duration timeout) {
        return OperationContext.of(urn, timeout).withProgress(m -> listener.progress(urn, m));
    }

    private static Duration timeout(Duration custom) {
        return custom == null ? DEFAULT_TIMEOUT : custom;
    }

    static Goal goalOf(Step s) {
        if (s.goal() == null) throw new IllegalArgumentException("a delete has no goal");
        return s.goal();
    }

    static ResourceState oldOf(Step s) {
        if (s.old() == null) throw new IllegalArgumentException("no old state for " + s);
        return s.old();
    }
}
