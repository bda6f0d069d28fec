package io.lifeboat.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.lifeboat.program.DrTraits;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.resource.Urn;
import io.lifeboat.state.ResourceState;
import io.lifeboat.state.Snapshot;

/**
 * Finds network changes made by hand that a lost region would take with it: routes in the stack's
 * route tables and rules in its security groups that no spec declared. Today's platforms lose
 * them in a failover; found, they can be captured into the spec and restored like the rest.
 */
public final class HandMadeFinder {
    private final ProviderPool providers;
    /** Which types are looked for, and which input names the managed object they were added to. */
    private final Map<String, String> owners;
    private final CallChain limited;

    public HandMadeFinder(ProviderPool providers, DrTraits cloud) {
        this.providers = providers;
        this.limited = new CallChain(List.of(new RateLimitInterceptor(providers::limiter)));
        this.owners = cloud.capturable();
    }

    public List<HandMade> find(Snapshot s) throws ProviderException {
        providers.registerAll(s);
        Map<String, ResourceState> byId = new HashMap<>();
        List<ResourceState> regions = new ArrayList<>();
        for (ResourceState r : s.resources()) {
            if (r.delete()) continue;
            if (Urn.isProviderType(r.type())) regions.add(r);
            else if (r.id() != null) {
                byId.put(r.id(), r);
                // a hand-made object may name what it was added to by its self link (GCP's network)
                String link = r.outputs().string("selfLink");
                if (link != null) byId.putIfAbsent(link, r);
            }
        }
        List<HandMade> out = new ArrayList<>();
        for (ResourceState region : regions) {
            Urn provider = region.urn();
            String ref = ResourceState.providerRef(provider, region.id());
            for (Map.Entry<String, String> owner : owners.entrySet()) {
                ResourceType type = providers.find(ref, owner.getKey());
                if (type == null) continue; // a provider of another package (kubernetes)
                for (ResourceType.Listed o : listed(type, ref, provider)) {
                    // made by Lifeboat, for this stack or another (marked), or held in this state: some objects carry no mark
                    if (o.urn() != null || byId.containsKey(o.id())) continue;
                    ResourceState in = byId.get(o.inputs().string(owner.getValue()));
                    if (in == null || !provider.toString().equals(String.valueOf(in.providerUrn()))) continue;
                    out.add(new HandMade(owner.getKey(), o.id(), o.inputs(), in.urn(), provider));
                }
            }
        }
        return out;
    }

    /** The objects of a type, listed at the provider's rate (its hiccups not retried: a failed look-up is reported). */
    private List<ResourceType.Listed> listed(ResourceType type, String ref, Urn provider) throws ProviderException {
        OperationContext ctx = OperationContext.of(provider, Duration.ofMinutes(2));
        try {
            return limited.call(ProviderCall.list(type, ref, provider, ctx));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(ProviderException.Kind.TIMEOUT, "Interrupted", "interrupted while listing " + type.token());
        }
    }
}
