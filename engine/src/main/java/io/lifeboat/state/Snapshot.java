package io.lifeboat.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lifeboat.resource.Urn;

/**
 * A stack's state: the resources in dependency order (each after everything it depends on), the
 * operations left pending by a crash, and Lifeboat's metadata.
 */
public record Snapshot(Instant time, List<ResourceState> resources, List<PendingOperation> pending, StackMetadata metadata) {

    public Snapshot {
        resources = List.copyOf(resources);
        pending = List.copyOf(pending);
    }

    public static Snapshot empty(String stack) {
        return new Snapshot(Instant.now(), List.of(), List.of(), StackMetadata.fresh(stack));
    }

    public Map<Urn, ResourceState> byUrn() {
        Map<Urn, ResourceState> m = new LinkedHashMap<>();
        for (ResourceState r : resources) {
            if (!r.delete()) m.put(r.urn(), r);
        }
        return m;
    }

    public ResourceState get(Urn urn) {
        for (ResourceState r : resources) {
            if (r.urn().equals(urn) && !r.delete()) return r;
        }
        return null;
    }

    /** Custom resources that exist in a cloud (not providers, not components). */
    public List<ResourceState> cloudResources() {
        List<ResourceState> out = new ArrayList<>();
        for (ResourceState r : resources) {
            if (r.custom() && !Urn.isProviderType(r.type())) out.add(r);
        }
        return out;
    }

    public Snapshot with(List<ResourceState> newResources, List<PendingOperation> newPending, StackMetadata newMetadata) {
        return new Snapshot(Instant.now(), newResources, newPending, newMetadata);
    }
}
