package io.lifeboat.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.lifeboat.plan.Differ;
import io.lifeboat.plan.Drift;
import io.lifeboat.plan.PropertyChange;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import io.lifeboat.state.ResourceState;
import io.lifeboat.state.Snapshot;

/**
 * Reads every recorded cloud resource as it is now and reports what changed behind Lifeboat's
 * back. The refreshed state keeps what the cloud says; the next plan then reverts it to the spec.
 */
public final class Refresher {
    private final ProviderPool providers;
    private final CallChain calls;
    private final int parallel;

    public Refresher(ProviderPool providers, RetryPolicy retry, int parallel) {
        this.providers = providers;
        this.calls = CallChain.reading(retry, providers);
        this.parallel = Math.max(1, parallel);
    }

    public record Result(Snapshot snapshot, List<Drift> drift, List<StepError> errors) {
    }

    public Result refresh(Snapshot old) throws InterruptedException {
        providers.registerAll(old);
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "lifeboat-refresh");
            t.setDaemon(true);
            return t;
        });
        List<Future<Object>> reads = new ArrayList<>();
        try {
            for (ResourceState r : old.resources()) {
                boolean cloud = r.custom() && !Urn.isProviderType(r.type()) && r.id() != null;
                reads.add(cloud ? pool.submit(() -> read(r)) : null);
            }
            List<ResourceState> out = new ArrayList<>();
            List<Drift> drift = new ArrayList<>();
            List<StepError> errors = new ArrayList<>();
            for (int i = 0; i < old.resources().size(); i++) {
                ResourceState r = old.resources().get(i);
                Future<Object> f = reads.get(i);
                if (f == null) {
                    out.add(r);
                    continue;
                }
                Object result;
                try {
                    result = f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    result = e.getCause();
                }
                if (result instanceof ProviderException e) {
                    errors.add(new StepError(r.urn(), "reading", e.code(), e.getMessage()));
                    out.add(r);
                } else if (result instanceof Throwable t) {
                    errors.add(new StepError(r.urn(), "reading", null, String.valueOf(t.getMessage())));
                    out.add(r);
                } else {
                    @SuppressWarnings("unchecked")
                    Optional<ResourceType.Observed> seen = (Optional<ResourceType.Observed>) result;
                    if (seen.isEmpty()) {
                        drift.add(new Drift(r.urn(), List.of(), true));
                        continue;
                    }
                    Props inputs = keepSecrets(r.inputs(), seen.get().inputs());
                    Props outputs = keepSecrets(r.outputs(), seen.get().outputs());
                    List<PropertyChange> changes = Differ.diff(r.inputs(), inputs, null, List.of());
                    if (!changes.isEmpty()) drift.add(new Drift(r.urn(), changes, false));
                    out.add(r.withObserved(inputs, outputs));
                }
            }
            return new Result(old.with(out, old.pending(), old.metadata()), drift, errors);
        } finally {
            pool.shutdownNow();
        }
    }

    private Object read(ResourceState r) throws InterruptedException {
        try {
            ResourceType type = providers.type(r.provider(), r.type());
            OperationContext ctx = OperationContext.of(r.urn(), Duration.ofMinutes(5));
            return calls.call(ProviderCall.read(type, r.provider(), r.urn(), r.id(), r.inputs().reveal(), r.outputs().reveal(), ctx));
        } catch (ProviderException e) {
            return e;
        }
    }

    /**
     * The cloud's view, with the recorded secrets kept secret, and a recorded secret kept where
     * the cloud does not give it back (a provider never returns a password).
     */
    private static Props keepSecrets(Props recorded, Props observed) {
        Map<String, PropertyValue> out = new TreeMap<>(observed.asMap());
        recorded.forEach((k, v) -> {
            if (!v.containsSecrets()) return;
            PropertyValue seen = out.get(k);
            out.put(k, seen == null ? v : new PropertyValue.Secret(seen.reveal()));
        });
        return new Props(out);
    }

}
