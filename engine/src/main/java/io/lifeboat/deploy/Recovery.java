package io.lifeboat.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.resource.Urn;
import io.lifeboat.state.PendingOperation;
import io.lifeboat.state.ResourceState;
import io.lifeboat.state.Snapshot;

/**
 * Resolves the operations a crash left pending by asking the cloud: a create that happened is
 * adopted (found through its idempotency mark), one that did not is forgotten and will be
 * planned again; a delete that happened is recorded; an update is settled by reading the object.
 */
public final class Recovery {
    private final ProviderPool providers;
    private final CallChain calls;

    public Recovery(ProviderPool providers, RetryPolicy retry) {
        this.providers = providers;
        this.calls = CallChain.reading(retry, providers);
    }

    public record Result(Snapshot snapshot, List<String> actions, List<PendingOperation> unresolved) {
    }

    public Result resolve(Snapshot s) throws InterruptedException {
        if (s.pending().isEmpty()) return new Result(s, List.of(), List.of());
        providers.registerAll(s);
        List<ResourceState> resources = new ArrayList<>(s.resources());
        List<String> actions = new ArrayList<>();
        List<PendingOperation> unresolved = new ArrayList<>();
        for (PendingOperation op : s.pending()) {
            ResourceState r = op.resource();
            try {
                if (!r.custom() || Urn.isProviderType(r.type())) {
                    actions.add("dropped pending " + op.type() + " of " + r.urn().name() + " (nothing in the cloud)");
                    continue;
                }
                ResourceType type = providers.type(r.provider(), r.type());
                OperationContext ctx = OperationContext.of(r.urn(), Duration.ofMinutes(5));
                switch (op.type()) {
                    case "creating" -> {
                        Optional<ResourceType.Created> found = calls.call(ProviderCall.findByMark(type, r.provider(), r.urn(), r.inputs().reveal(), ctx));
                        if (found.isPresent()) {
                            ResourceState adopted = new ResourceState(r.urn(), true, found.get().id(), r.inputs(),
                                    StepApplier.markSecrets(found.get().outputs(), r.inputs(), type.schema()), r.parent(), r.protect(),
                                    r.retainOnDelete(), r.dependencies(), r.propertyDependencies(), r.provider(), false,
                                    r.customTimeouts(), r.source(), r.deletedWith());
                            replace(resources, adopted);
                            actions.add("adopted " + r.urn().name() + " (" + found.get().id() + "), created before the interruption");
                        } else {
                            actions.add("the interrupted create of " + r.urn().name() + " never reached the cloud; it will be planned again");
                        }
                    }
                    case "deleting", "updating", "reading" -> {
                        Optional<ResourceType.Observed> seen = r.id() == null ? Optional.empty()
                                : calls.call(ProviderCall.read(type, r.provider(), r.urn(), r.id(), r.inputs().reveal(), r.outputs().reveal(), ctx));
                        if (seen.isEmpty()) {
                            resources.removeIf(x -> x.urn().equals(r.urn()) && java.util.Objects.equals(x.id(), r.id()));
                            actions.add(r.urn().name() + " is gone from the cloud; removed from the state");
                        } else {
                            for (int i = 0; i < resources.size(); i++) {
                                ResourceState x = resources.get(i);
                                if (x.urn().equals(r.urn()) && java.util.Objects.equals(x.id(), r.id())) {
                                    resources.set(i, x.withObserved(seen.get().inputs(), seen.get().outputs()));
                                }
                            }
                            actions.add(r.urn().name() + " read back after an interrupted " + op.type());
                        }
                    }
                    default -> unresolved.add(op);
                }
            } catch (ProviderException e) {
                unresolved.add(op);
                actions.add("could not resolve the pending " + op.type() + " of " + r.urn().name() + ": " + e.getMessage());
            }
        }
        return new Result(s.with(resources, unresolved, s.metadata()), actions, unresolved);
    }

    private static void replace(List<ResourceState> resources, ResourceState adopted) {
        for (int i = 0; i < resources.size(); i++) {
            ResourceState x = resources.get(i);
            if (x.urn().equals(adopted.urn()) && !x.delete()) {
                resources.set(i, x.markedForDeletion());
                resources.add(adopted);
                return;
            }
        }
        resources.add(adopted);
    }
}
