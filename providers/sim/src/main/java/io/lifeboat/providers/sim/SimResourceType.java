package io.lifeboat.providers.sim;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;

import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.provider.TypeSchema;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/**
 * One type of the simulated cloud at the provider SPI: the lifecycle every type shares. Each call
 * passes the region's gate (outage, latency, faults) before it has any effect. A create checks
 * and persists the object with status {@code creating} and its idempotency mark in one step
 * under the region's lock, so a crash leaves an object {@link #findByUrn} finds; the cloud then
 * finishes provisioning on its own schedule, which the call waits for. A delete is refused while
 * other objects still name the object, and takes its time too.
 */
final class SimResourceType implements ResourceType {
    private final SimType type;
    private final SimRuntime rt;

    SimResourceType(SimType type, SimRuntime rt) {
        this.type = type;
        this.rt = rt;
    }

    SimType rules() {
        return type;
    }

    @Override
    public TypeSchema schema() {
        return type.schema();
    }

    @Override
    public Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        rt.gate().enter(type.service(), storageRegion(), ctx);
        Props in = accept(inputs);
        String mark = urn == null ? null : urn.toString();
        RegionStore store = rt.store(type);
        SimObject made = guarded(() -> store.locked(() -> {
            Instant now = Instant.now();
            SimScope scope = rt.scope(type, now);
            checkReferences(in, scope);
            type.validate(in, scope, null);
            SimObject previous = type.takeOver(in, scope);
            if (previous == null) {
                checkUnique(in, scope, null);
                checkQuota(scope);
            }
            String id = previous != null ? previous.id() : newId(in, scope);
            if (previous != null) type.tookOver(previous, scope);
            Duration provisioning = rt.settings().latency().create(type.token());
            String settled = type.settledStatus(in, scope);
            Map<String, String> hidden = new java.util.HashMap<>(type.hiddenOnCreate(id, in, scope));
            hidden.putAll(type.markHidden(in, mark));
            // one write either way: the object and its mark are on disk before the cloud works on it
            SimObject o = provisioning.isZero()
                    ? new SimObject(id, type.token(), storageRegion(), settled, now, null, null,
                            type.markedInputs(in, mark), type.computed(id, in, scope), hidden)
                    : new SimObject(id, type.token(), storageRegion(), SimObject.CREATING, now, now.plus(provisioning), settled,
                            type.markedInputs(in, mark), type.computed(id, in, scope), hidden);
            store.put(o);
            return o;
        }));
        SimObject ready = settle(made, "creating", ctx);
        guarded(() -> {
            type.replicate(null, ready, rt.cloud(), Instant.now());
            return null;
        });
        return new Created(ready.id(), outputs(ready));
    }

    @Override
    public Optional<Observed> read(String id, Props inputs, Props outputs, OperationContext ctx) throws ProviderException {
        rt.gate().enter(type.service(), storageRegion(), ctx);
        RegionStore store = rt.store(type);
        // a read takes no lock: the store's reads see the region as of one moment, as the cloud's API does
        return guarded(() -> {
            Instant now = Instant.now();
            SimObject o = store.get(type.token(), id, now);
            if (o == null) return Optional.empty();
            return Optional.of(new Observed(type.inputsOf(o), type.outputsOf(o, rt.scope(type, now))));
        });
    }

    @Override
    public Props update(String id, Props oldOutputs, Props newInputs, OperationContext ctx) throws ProviderException {
        rt.gate().enter(type.service(), storageRegion(), ctx);
        Props in = accept(newInputs);
        RegionStore store = rt.store(type);
        SimObject current = existing(id);
        if (current.transitionAt() != null) settle(current, "creating", ctx);
        String mark = ctx != null && ctx.urn() != null ? ctx.urn().toString() : null;
        SimObject[] before = new SimObject[1];
        Duration takes = type.updateRebuilds(current.inputs(), in) ? rt.settings().latency().create(type.token()) : rt.settings().latency().update(type.token());
        SimObject changed = guarded(() -> store.locked(() -> {
            Instant now = Instant.now();
            SimScope scope = rt.scope(type, now);
            SimObject cur = existing(id);
            before[0] = cur;
            type.beforeUpdate(cur, scope);
            Props wanted = keepReplacementInputs(cur, oldOutputs, in);
            checkReferences(wanted, scope);
            type.validate(wanted, scope, cur);
            checkUnique(wanted, scope, cur);
            Props computed = type.updated(cur, wanted, scope);
            String keep = mark != null ? mark : cur.mark();
            SimObject next = cur.withInputs(type.markedInputs(wanted, keep)).withComputed(computed)
                    .withHidden(SimObject.NO_TAGS, type.markProperty() == null || wanted.containsKey(type.markProperty())
                            ? null : cur.hidden().get(SimObject.NO_TAGS));
            for (Map.Entry<String, String> h : type.hiddenOnUpdate(cur, wanted, scope).entrySet()) next = next.withHidden(h.getKey(), h.getValue());
            store.put(next);
            return next;
        }));
        rt.gate().await(Instant.now().plus(takes), describe(changed), "updating", type.service(), ctx);
        guarded(() -> {
            type.replicate(before[0], changed, rt.cloud(), Instant.now());
            return null;
        });
        return outputs(existing(id));
    }

    @Override
    public void delete(String id, Props outputs, OperationContext ctx) throws ProviderException {
        rt.gate().enter(type.service(), storageRegion(), ctx);
        RegionStore store = rt.store(type);
        SimObject found = guarded(() -> store.get(type.token(), id, Instant.now()));
        if (found == null) return;
        if (found.is(SimObject.CREATING)) settle(found, "creating", ctx);
        SimObject[] before = new SimObject[1];
        SimObject deleting = guarded(() -> store.locked(() -> {
            Instant now = Instant.now();
            SimObject cur = store.get(type.token(), id, now);
            if (cur == null || cur.is(SimObject.DELETING)) return cur;
            before[0] = cur;
            SimScope scope = rt.scope(type, now);
            checkNoDependents(cur, scope);
            type.beforeDelete(cur, scope);
            Duration deletion = rt.settings().latency().delete(type.token());
            if (deletion.isZero()) {
                store.remove(type.token(), id);
                return null;
            }
            SimObject d = cur.withStatus(SimObject.DELETING, now.plus(deletion), null);
            store.put(d);
            return d;
        }));
        if (deleting != null) {
            rt.gate().await(deleting.transitionAt(), describe(deleting), "deleting", type.service(), ctx);
            guarded(() -> store.get(type.token(), id, Instant.now())); // a due deletion removes the file
        }
        if (before[0] != null) {
            guarded(() -> {
                type.replicate(before[0], null, rt.cloud(), Instant.now());
                return null;
            });
        }
    }

    @Override
    public List<Listed> list(OperationContext ctx) throws ProviderException {
        rt.gate().enter(type.service(), storageRegion(), ctx);
        RegionStore store = rt.store(type);
        return guarded(() -> store.locked(() -> {
            List<Listed> out = new java.util.ArrayList<>();
            for (SimObject o : store.ofType(type.token(), Instant.now())) {
                if (!o.is(SimObject.DELETING)) out.add(new Listed(o.id(), type.inputsOf(o), o.mark()));
            }
            return out;
        }));
    }

    @Override
    public Optional<Created> findByUrn(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        rt.gate().enter(type.service(), storageRegion(), ctx);
        String mark = urn.toString();
        RegionStore store = rt.store(type);
        SimObject found = guarded(() -> {
            SimObject oldest = null;
            for (SimObject o : store.withKey(type.token(), "mark", o -> listOf(o.mark()), mark, Instant.now())) {
                if (o.is(SimObject.DELETING)) continue;
                if (oldest == null || o.createdAt().isBefore(oldest.createdAt())) oldest = o;
            }
            return oldest;
        });
        if (found == null) return Optional.empty();
        SimObject ready = found.transitionAt() != null ? settle(found, "creating", ctx) : found;
        return Optional.of(new Created(ready.id(), outputs(ready)));
    }

    // ---- steps

    private String storageRegion() {
        return rt.storageRegion(type);
    }

    /** The inputs as the cloud takes them: secrets revealed, nulls dropped, checked against the schema. */
    private Props accept(Props inputs) throws ProviderException {
        Map<String, PropertyValue> values = new TreeMap<>();
        for (Map.Entry<String, PropertyValue> e : inputs.entrySet()) {
            PropertyValue v = e.getValue();
            if (v == null || v instanceof PropertyValue.Null) continue;
            if (v.containsUnknowns()) {
                throw SimErrors.invalid("UnknownValue", e.getKey() + " of " + type.token() + " is not known yet (an output of another resource)");
            }
            values.put(e.getKey(), v.reveal());
        }
        Props in = new Props(values);
        List<String> failures = check(in);
        if (!failures.isEmpty()) {
            boolean missing = failures.stream().anyMatch(f -> f.endsWith(" is required"));
            throw SimErrors.invalid(missing ? "MissingParameter" : "UnknownParameter", String.join("; ", failures));
        }
        type.checkTags(in);
        type.checkLabels(in);
        return in;
    }

    private void checkReferences(Props in, SimScope scope) throws ProviderException {
        for (Reference ref : type.references()) {
            for (String value : ref.valuesIn(in)) {
                if (ref.resolver().resolve(scope, value) == null) throw type.missingReference(ref, value, scope);
            }
        }
    }

    private void checkUnique(Props in, SimScope scope, SimObject self) throws ProviderException {
        String key = type.uniqueKey(in);
        if (key == null) return;
        for (SimObject o : scope.withKey(type.token(), "unique", stored -> listOf(type.uniqueKey(stored.inputs())), key)) {
            if (self == null || !o.id().equals(self.id())) throw type.duplicate(in, o);
        }
    }

    private void checkQuota(SimScope scope) throws ProviderException {
        String key = type.quotaKey();
        if (key == null) return;
        int limit = rt.settings().quota(key);
        if (scope.all(type.token()).size() >= limit) throw type.quotaExceeded(limit);
    }

    private String newId(Props in, SimScope scope) throws ProviderException {
        for (int attempt = 0; attempt < 20; attempt++) {
            String id = type.newId(in, scope);
            if (type.createOverwrites() || rt.store(type).get(type.token(), id, scope.now()) == null) return id;
        }
        throw SimErrors.conflict("AlreadyExists", type.noun() + " with these inputs already exists");
    }

    /**
     * An input that forces replacement cannot change in an update (the engine replaces instead):
     * the update fails when it asks for a value that is neither the cloud's nor the one the engine
     * knew ({@code oldOutputs}). When the engine asks for the value it knew while the cloud's
     * changed behind its back, the cloud's stays: an update cannot undo that drift.
     */
    private Props keepReplacementInputs(SimObject cur, Props oldOutputs, Props in) throws ProviderException {
        Props actual = type.inputsOf(cur);
        Props out = in;
        for (Map.Entry<String, TypeSchema.Input> e : type.schema().inputs().entrySet()) {
            if (!e.getValue().forceNew()) continue;
            String name = e.getKey();
            PropertyValue asked = in.get(name);
            // a replica's source removed: the replica is promoted in place (the type's rules do it)
            if (e.getValue().promotion() && asked == null) continue;
            if (sameValue(actual.get(name), asked)) continue;
            PropertyValue known = oldOutputs == null ? null : oldOutputs.get(name);
            if (known != null && sameValue(known.reveal(), asked)) {
                PropertyValue keep = actual.get(name);
                out = keep == null ? out.without(name) : out.with(name, keep);
                continue;
            }
            throw SimErrors.invalid(type.badParameter(), name + " of " + type.noun() + " " + cur.id()
                    + " cannot be changed in place (the change needs a new " + type.noun() + ")");
        }
        return out;
    }

    private static boolean sameValue(PropertyValue a, PropertyValue b) {
        if (a instanceof PropertyValue.Null) a = null;
        if (b instanceof PropertyValue.Null) b = null;
        return a == null ? b == null : a.equals(b);
    }

    private void checkNoDependents(SimObject o, SimScope scope) throws ProviderException {
        for (SimTypes.Referrer r : rt.types().referrersOf(type.token())) {
            if (!r.reference().blocksDelete()) continue;
            if (r.type().global() != type.global()) continue;
            Reference ref = r.reference();
            List<SimObject> users = scope.withKey(r.type().token(), "uses:" + ref.path(), other -> ref.keysIn(other.inputs()), ref.key(o.id()));
            if (!users.isEmpty()) {
                throw type.inUse("The " + type.noun() + " '" + o.id() + "' has dependencies and cannot be deleted: "
                        + r.type().noun() + " " + users.get(0).id() + " uses it (" + r.reference().path() + ")");
            }
        }
    }

    /** Waits until the cloud has finished what it was doing with {@code o}; returns it as it is then. */
    private SimObject settle(SimObject o, String doing, OperationContext ctx) throws ProviderException {
        if (o.transitionAt() != null) rt.gate().await(o.transitionAt(), describe(o), doing, type.service(), ctx);
        RegionStore store = rt.store(type);
        // the file already says when the object settles, and every read applies that (SimObject.at): nothing to write
        SimObject onFile = guarded(() -> store.get(type.token(), o.id(), Instant.now()));
        if (onFile == null) throw type.notFound(o.id(), type.noun() + " " + o.id() + " was deleted while it was " + doing);
        return onFile;
    }

    /** The object, which must exist and not be on its way out. */
    private SimObject existing(String id) throws ProviderException {
        SimObject o = guarded(() -> rt.store(type).get(type.token(), id, Instant.now()));
        if (o == null || o.is(SimObject.DELETING)) {
            throw type.notFound(id, "The " + type.noun() + " '" + id + "' does not exist in " + storageRegion());
        }
        return o;
    }

    private Props outputs(SimObject o) throws ProviderException {
        RegionStore store = rt.store(type);
        return guarded(() -> type.outputsOf(o, rt.scope(type, Instant.now())));
    }

    private String describe(SimObject o) {
        return type.noun() + " " + o.id() + " in " + o.region();
    }

    private static List<String> listOf(String value) {
        return value == null ? List.of() : List.of(value);
    }

    interface Step<T> {
        T run() throws ProviderException;
    }

    /** Runs a step, turning what the disk or an interruption throws into the SPI's errors. */
    static <T> T guarded(Step<T> step) throws ProviderException {
        try {
            return step.run();
        } catch (UncheckedIOException e) {
            throw new ProviderException(ProviderException.Kind.TRANSIENT, "InternalError",
                    "InternalError: the simulated cloud could not use its files: " + e.getMessage(), e);
        } catch (CancellationException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(ProviderException.Kind.TIMEOUT, "RequestCanceled", "RequestCanceled: " + e.getMessage(), e);
        }
    }
}
