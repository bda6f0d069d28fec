package io.lifeboat.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.lifeboat.resource.Goal;
import io.lifeboat.resource.Urn;
import io.lifeboat.state.ResourceState;

/**
 * Resources and what each needs first: its parent (a component holds it) and its dependencies
 * (dependsOn and references to other resources' outputs). Provider resources are left out: every
 * resource of a region has one, and they would only crowd the picture.
 *
 * @param nodes in plan (registration) order
 * @param edges from the resource needed first to the one that needs it
 */
public record ResourceGraph(List<Node> nodes, List<Edge> edges) {

    /** @param change what the plan does to it, or null in a graph of goals alone */
    public record Node(Urn urn, Plan.Kind change) {
    }

    public record Edge(Urn from, Urn to, boolean parent) {
    }

    /** Every goal of a program, with the parents and dependencies among them. */
    public static ResourceGraph of(List<Goal> goals) {
        Map<Urn, Node> nodes = new LinkedHashMap<>();
        for (Goal g : goals) {
            if (!isProvider(g.urn())) nodes.put(g.urn(), new Node(g.urn(), null));
        }
        Set<Edge> edges = new LinkedHashSet<>();
        for (Goal g : goals) addEdges(g.urn(), g.options().parent(), g.dependencies(), nodes, edges);
        return new ResourceGraph(List.copyOf(nodes.values()), List.copyOf(edges));
    }

    /**
     * The resources a plan changes (create, update, replace, delete), with the unchanged parents
     * and dependencies they hang from for context (their change is {@link Plan.Kind#SAME}).
     */
    public static ResourceGraph changes(Plan plan) {
        Map<Urn, Step> byUrn = new LinkedHashMap<>();
        for (Step s : plan.steps()) byUrn.putIfAbsent(s.urn(), s);
        Map<Urn, Node> nodes = new LinkedHashMap<>();
        for (Step s : plan.steps()) {
            if (!(s instanceof Step.Same) && !isProvider(s.urn())) nodes.putIfAbsent(s.urn(), new Node(s.urn(), Plan.kind(s)));
        }
        Set<Urn> context = new LinkedHashSet<>();
        for (Urn u : List.copyOf(nodes.keySet())) {
            for (Urn d : needs(byUrn.get(u))) {
                if (!nodes.containsKey(d) && !isProvider(d)) context.add(d);
            }
        }
        for (Urn u : context) nodes.put(u, new Node(u, Plan.Kind.SAME));
        Set<Edge> edges = new LinkedHashSet<>();
        for (Node n : nodes.values()) {
            Step s = byUrn.get(n.urn());
            if (s == null || n.change() == Plan.Kind.SAME) continue; // context nodes bring no edges of their own
            addEdges(n.urn(), parentOf(s), needs(s), nodes, edges);
        }
        return new ResourceGraph(List.copyOf(nodes.values()), List.copyOf(edges));
    }

    /** The first {@code max} nodes and the edges among them. */
    public ResourceGraph limit(int max) {
        if (nodes.size() <= max) return this;
        List<Node> kept = nodes.subList(0, max);
        Set<Urn> keep = new LinkedHashSet<>();
        for (Node n : kept) keep.add(n.urn());
        List<Edge> e = new ArrayList<>();
        for (Edge x : edges) if (keep.contains(x.from()) && keep.contains(x.to())) e.add(x);
        return new ResourceGraph(List.copyOf(kept), e);
    }

    private static void addEdges(Urn urn, Urn parent, Set<Urn> needs, Map<Urn, Node> nodes, Set<Edge> edges) {
        if (!nodes.containsKey(urn)) return;
        for (Urn d : needs) {
            if (d.equals(urn) || !nodes.containsKey(d)) continue;
            edges.add(new Edge(d, urn, d.equals(parent)));
        }
    }

    private static Set<Urn> needs(Step s) {
        if (s == null) return Set.of();
        if (s instanceof Step.Delete d) {
            ResourceState old = d.old();
            Set<Urn> out = new LinkedHashSet<>();
            if (old.parent() != null) out.add(old.parent());
            out.addAll(old.dependencies());
            return out;
        }
        return s.goal().dependencies();
    }

    private static Urn parentOf(Step s) {
        return s.goal() == null ? s.old().parent() : s.goal().options().parent();
    }

    private static boolean isProvider(Urn u) {
        return Urn.isProviderType(u.type());
    }
}
