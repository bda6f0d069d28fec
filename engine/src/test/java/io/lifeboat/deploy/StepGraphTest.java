package io.lifeboat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.lifeboat.deploy.StepGraph.Action;
import io.lifeboat.deploy.StepGraph.Node;
import io.lifeboat.deploy.StepGraph.Status;
import io.lifeboat.plan.Plan;
import io.lifeboat.plan.ReplaceReason;
import io.lifeboat.plan.Step;
import io.lifeboat.resource.Goal;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.ResourceOptions;
import io.lifeboat.resource.Urn;
import io.lifeboat.state.ResourceState;

/** The executor's parts apart: the graph a plan makes, and how the scheduler runs it. */
class StepGraphTest {
    private static final Urn VPC = urn("vpc");
    private static final Urn SUBNET = urn("subnet");
    private static final Urn BUCKET = urn("bucket");
    private static final Urn OLD = urn("old");

    @Test
    void aReplacementCreatesFirstAndDeletesTheOldCopyAfterEverythingElse() {
        Step replace = new Step.Replace(goal(VPC, ResourceOptions.NONE), state(VPC), List.of(), false, ReplaceReason.CHANGES);
        List<Node> nodes = StepGraph.of(plan(replace));

        Node create = node(nodes, Action.APPLY, VPC);
        Node delete = node(nodes, Action.DELETE_OLD, VPC);
        Node barrier = node(nodes, Action.BARRIER, null);
        assertThat(create.waiting).isZero();
        assertThat(create.dependents).containsExactly(barrier);
        assertThat(barrier.dependents).containsExactly(delete);
        assertThat(delete.waiting).isEqualTo(1);
    }

    @Test
    void aDeleteBeforeReplaceDeletesTheOldCopyFirst() {
        Step replace = new Step.Replace(goal(VPC, ResourceOptions.NONE.withDeleteBeforeReplace(true)), state(VPC), List.of(), true, ReplaceReason.CHANGES);
        List<Node> nodes = StepGraph.of(plan(replace));

        Node create = node(nodes, Action.APPLY, VPC);
        Node delete = node(nodes, Action.DELETE_OLD, VPC);
        assertThat(delete.waiting).isZero();
        assertThat(delete.dependents).containsExactly(create);
        assertThat(create.waiting).isEqualTo(1);
    }

    @Test
    void aCreateWaitsForWhatItDependsOn() {
        List<Node> nodes = StepGraph.of(plan(new Step.Create(goal(SUBNET, ResourceOptions.NONE.withDependsOn(List.of(VPC)))),
                new Step.Create(goal(VPC, ResourceOptions.NONE))));

        assertThat(node(nodes, Action.APPLY, VPC).dependents).contains(node(nodes, Action.APPLY, SUBNET));
        assertThat(node(nodes, Action.APPLY, SUBNET).waiting).isEqualTo(1);
    }

    @Test
    void aFailureSkipsWhatDependsOnItAndTheDeletesWhileIndependentStepsFinish() throws Exception {
        Plan plan = plan(new Step.Create(goal(VPC, ResourceOptions.NONE)),
                new Step.Create(goal(SUBNET, ResourceOptions.NONE.withDependsOn(List.of(VPC)))),
                new Step.Create(goal(BUCKET, ResourceOptions.NONE)),
                new Step.Delete(state(OLD), false));
        List<Node> nodes = StepGraph.of(plan);
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        List<String> skipped = Collections.synchronizedList(new ArrayList<>());
        DeployListener listener = new DeployListener() {
            @Override
            public void stepSkipped(Step step, String reason) {
                skipped.add(step.urn().name() + ": " + reason);
            }
        };

        new StepScheduler(2, Cancellation.NONE, listener).run(nodes, n -> {
            ran.add(n.step.urn().name());
            return !n.step.urn().equals(VPC);
        });

        assertThat(ran).containsExactlyInAnyOrder("vpc", "bucket");
        assertThat(node(nodes, Action.APPLY, VPC).status).isEqualTo(Status.FAILED);
        assertThat(node(nodes, Action.APPLY, SUBNET).status).isEqualTo(Status.SKIPPED);
        assertThat(node(nodes, Action.APPLY, BUCKET).status).isEqualTo(Status.DONE);
        assertThat(node(nodes, Action.DELETE, OLD).status).isEqualTo(Status.SKIPPED);
        assertThat(skipped).containsExactlyInAnyOrder("subnet: skipped: create of vpc did not succeed",
                "old: skipped: an earlier step failed");
    }

    @Test
    void onceCancelledNoStepStarts() throws Exception {
        Cancellation cancellation = new Cancellation();
        Plan plan = plan(new Step.Create(goal(VPC, ResourceOptions.NONE)),
                new Step.Create(goal(SUBNET, ResourceOptions.NONE.withDependsOn(List.of(VPC)))));
        List<Node> nodes = StepGraph.of(plan);
        AtomicReference<String> ran = new AtomicReference<>();

        new StepScheduler(1, cancellation, DeployListener.NONE).run(nodes, n -> {
            ran.set(n.step.urn().name());
            cancellation.cancel();
            return true;
        });

        assertThat(ran).hasValue("vpc");
        assertThat(node(nodes, Action.APPLY, VPC).status).isEqualTo(Status.DONE);
        assertThat(node(nodes, Action.APPLY, SUBNET).status).isEqualTo(Status.INTERRUPTED);
    }

    @Test
    void ofTheStepsReadyTheOneWithTheLongestChainBehindItGoesFirstThenPlanOrder() throws Exception {
        // the independent creates come first in the plan; the database has two steps waiting on it
        Urn a = urn("a");
        Urn b = urn("b");
        Urn db = urn("db");
        Urn config = urn("config");
        Urn app = urn("app");
        Plan plan = plan(new Step.Create(goal(a, ResourceOptions.NONE)), new Step.Create(goal(b, ResourceOptions.NONE)),
                new Step.Create(goal(db, ResourceOptions.NONE)),
                new Step.Create(goal(config, ResourceOptions.NONE.withDependsOn(List.of(db)))),
                new Step.Create(goal(app, ResourceOptions.NONE.withDependsOn(List.of(config)))));
        List<Node> nodes = StepGraph.of(plan);
        java.util.IdentityHashMap<Node, Integer> index = new java.util.IdentityHashMap<>();
        for (int i = 0; i < nodes.size(); i++) index.put(nodes.get(i), i);
        int[] chains = StepScheduler.chains(nodes, index);
        assertThat(chains[index.get(node(nodes, Action.APPLY, db))]).isEqualTo(3);
        assertThat(chains[index.get(node(nodes, Action.APPLY, a))]).isEqualTo(1);

        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        new StepScheduler(1, Cancellation.NONE, DeployListener.NONE).run(nodes, n -> {
            ran.add(n.step.urn().name());
            return true;
        });
        // the database first, then its config (the longest chain once the database is done, whether or not a and b are
        // queued by then); after that a tie of one call each, whose order depends on when a and b reached the queue
        assertThat(ran).hasSize(5).startsWith("db", "config").containsExactlyInAnyOrder("db", "config", "app", "a", "b");
        assertThat(ran.indexOf("a")).isLessThan(ran.indexOf("b"));
    }

    private static Node node(List<Node> nodes, Action action, Urn urn) {
        return nodes.stream().filter(n -> n.action == action && (urn == null || n.step.urn().equals(urn))).findFirst().orElseThrow();
    }

    private static Plan plan(Step... steps) {
        return new Plan("dev", List.of(steps), Map.of(), List.of());
    }

    private static Urn urn(String name) {
        return new Urn("dev", "proj", "test:index:Thing", name);
    }

    private static Goal goal(Urn urn, ResourceOptions options) {
        return new Goal(urn, true, Props.EMPTY, options, null);
    }

    private static ResourceState state(Urn urn) {
        return new ResourceState(urn, true, urn.name() + "-1", Props.EMPTY, Props.EMPTY, null, false, false, List.of(), Map.of(), null,
                false, ResourceOptions.CustomTimeouts.NONE, null);
    }
}
