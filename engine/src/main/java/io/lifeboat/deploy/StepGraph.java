package io.lifeboat.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.lifeboat.plan.Plan;
import io.lifeboat.plan.Step;
import io.lifeboat.resource.Urn;
import io.lifeboat.state.ResourceState;

/**
 * A plan as a graph of the parts its steps are done in, and what each part waits for. Creates,
 * updates and the create half of replacements follow the goals' dependencies; deletes (of
 * removed resources and the delete half of replacements) follow the recorded dependencies
 * backwards (dependents first) and wait for a barrier behind everything else, except where a
 * delete-before-replace needs them, and what its delete waits for, first.
 */
final class StepGraph {

    enum Action { APPLY, DELETE_OLD, DELETE, BARRIER }

    enum Status { PENDING, DONE, FAILED, SKIPPED, INTERRUPTED }

    /** One part of a step; the barrier has no step. Its mutable fields belong to the scheduler. */
    static final class Node {
        final Action action;
        final Step step;
        final List<Node> dependents = new ArrayList<>();
        int waiting;
        Status status = Status.PENDING;
        String blockedBy;
        /** When it finished running ({@link System#nanoTime}); 0 when it never ran. */
        volatile long endedAt;

        Node(Action action, Step step) {
            this.action = action;
            this.step = step;
        }

        /** What messages call the part: {@code create of vpc}. */
        String describe() {
            return step.verb() + " of " + step.urn().name();
        }

        @Override
        public String toString() {
            return action == Action.BARRIER ? "barrier" : action + " " + step.urn().name();
        }
    }

    private StepGraph() {
    }

    /** The nodes of the plan's steps, in the plan's order, and the barrier last. */
    static List<Node> of(Plan plan) {
        List<Node> nodes = new ArrayList<>();
        Map<Urn, Node> apply = new HashMap<>();
        Map<Urn, Node> deleteOld = new HashMap<>();
        Map<Urn, Node> delete = new HashMap<>();
        Node barrier = new Node(Action.BARRIER, null);
        for (Step s : plan.steps()) {
            if (s instanceof Step.Delete) {
                Node d = new Node(Action.DELETE, s);
                delete.put(s.urn(), d);
                nodes.add(d);
                continue;
            }
            Node a = new Node(Action.APPLY, s);
            apply.put(s.urn(), a);
            nodes.add(a);
            if (s instanceof Step.Replace) {
                Node d = new Node(Action.DELETE_OLD, s);
                deleteOld.put(s.urn(), d);
                nodes.add(d);
            }
        }
        nodes.add(barrier);
        // Creates and updates wait for what they depend on.
        for (Node a : apply.values()) {
            for (Urn dep : StepApplier.goalOf(a.step).dependencies()) {
                Node d = apply.get(dep);
                if (d != null) edge(d, a);
            }
            edge(a, barrier);
            if (a.step instanceof Step.Replace r && r.deleteBeforeReplace()) edge(deleteOld.get(a.step.urn()), a);
        }
        // Deletes wait for the deletes of what depended on the deleted resource.
        Map<Urn, Node> deletes = new HashMap<>(delete);
        deletes.putAll(deleteOld);
        Map<Urn, List<Node>> waitsFor = new HashMap<>();
        for (Node n : deletes.values()) {
            ResourceState gone = StepApplier.oldOf(n.step);
            for (Urn dep : dependenciesOf(gone)) {
                Node target = deletes.get(dep);
                if (target != null && target != n) {
                    edge(n, target);
                    waitsFor.computeIfAbsent(dep, x -> new ArrayList<>()).add(n);
                }
            }
        }
        // Deletes run after everything else succeeded, unless a delete-before-replace needs them earlier.
        Set<Node> early = new HashSet<>();
        List<Node> todo = new ArrayList<>();
        for (Node d : deleteOld.values()) {
            if (((Step.Replace) d.step).deleteBeforeReplace()) todo.add(d);
        }
        while (!todo.isEmpty()) {
            Node n = todo.remove(todo.size() - 1);
            if (!early.add(n)) continue;
            todo.addAll(waitsFor.getOrDefault(n.step.urn(), List.of()));
        }
        for (Node n : deletes.values()) {
            if (!early.contains(n)) edge(barrier, n);
        }
        return nodes;
    }

    private static void edge(Node from, Node to) {
        from.dependents.add(to);
        to.waiting++;
    }

    private static Set<Urn> dependenciesOf(ResourceState r) {
        Set<Urn> deps = new HashSet<>(r.dependencies());
        if (r.parent() != null) deps.add(r.parent());
        if (r.provider() != null) deps.add(r.providerUrn());
        return deps;
    }
}
