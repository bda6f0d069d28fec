package io.lifeboat.deploy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.lifeboat.resource.Urn;
import io.lifeboat.state.ResourceState;

/**
 * Orders resources so each comes after its parent, its provider and its dependencies: the
 * invariant of a Pulumi checkpoint. Stable: an order that already holds is kept.
 */
final class StateOrder {
    private StateOrder() {
    }

    static List<ResourceState> sort(List<ResourceState> resources) {
        Map<Urn, List<ResourceState>> byUrn = new LinkedHashMap<>();
        for (ResourceState r : resources) byUrn.computeIfAbsent(r.urn(), x -> new ArrayList<>()).add(r);
        List<ResourceState> out = new ArrayList<>(resources.size());
        Set<ResourceState> placed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        Set<Urn> visiting = new HashSet<>();
        for (ResourceState r : resources) place(r, byUrn, placed, visiting, out);
        return out;
    }

    private static void place(ResourceState r, Map<Urn, List<ResourceState>> byUrn, Set<ResourceState> placed, Set<Urn> visiting,
                              List<ResourceState> out) {
        if (placed.contains(r) || !visiting.add(r.urn())) return;
        List<Urn> needs = new ArrayList<>(r.dependencies());
        if (r.parent() != null) needs.add(r.parent());
        if (r.provider() != null) needs.add(r.providerUrn());
        for (Urn u : needs) {
            for (ResourceState d : byUrn.getOrDefault(u, List.of())) place(d, byUrn, placed, visiting, out);
        }
        visiting.remove(r.urn());
        placed.add(r);
        out.add(r);
    }
}
