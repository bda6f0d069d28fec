package io.lifeboat.plan;

import static io.lifeboat.plan.StepGeneratorTest.CFG;
import static io.lifeboat.plan.StepGeneratorTest.NET;
import static io.lifeboat.plan.StepGeneratorTest.ROLE;
import static io.lifeboat.plan.StepGeneratorTest.goal;
import static io.lifeboat.plan.StepGeneratorTest.snapshot;
import static io.lifeboat.plan.StepGeneratorTest.state;
import static io.lifeboat.plan.StepGeneratorTest.urn;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.lifeboat.program.ProgramResult;
import io.lifeboat.resource.Goal;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.ResourceOptions;
import io.lifeboat.resource.Urn;
import io.lifeboat.state.Snapshot;

/** A plan made one goal at a time, as a source registers them, and why a replacement is made. */
class StepGeneratorSessionTest {
    final StepGenerator generator = new StepGenerator(StepGeneratorTest.SCHEMAS::get);
    final StepGeneratorTest fixtures = new StepGeneratorTest();
    final PlanRenderer renderer = new PlanRenderer();

    /** Registers each goal with its references written in from the outputs it was answered with, as a pulumi-java program does. */
    record Waiting(List<Goal> goals, Map<String, PropertyValue> outputs) implements Source {
        @Override
        public Map<String, PropertyValue> run(Monitor monitor) {
            Map<Urn, Props> known = new HashMap<>();
            for (Goal g : goals) {
                Map<String, PropertyValue> inputs = new LinkedHashMap<>();
                g.inputs().forEach((k, v) -> inputs.put(k, written(v, known)));
                known.put(g.urn(), monitor.register(new Goal(g.urn(), g.custom(), new Props(inputs), g.options(), g.source()))
                        .toCompletableFuture().join());
            }
            Map<String, PropertyValue> out = new LinkedHashMap<>();
            outputs.forEach((k, v) -> out.put(k, written(v, known)));
            return out;
        }

        static PropertyValue written(PropertyValue v, Map<Urn, Props> known) {
            if (!(v instanceof PropertyValue.Ref ref)) return v;
            PropertyValue value = known.getOrDefault(ref.target(), Props.EMPTY).at(ref.property());
            return value == null || value.containsUnknowns() ? PropertyValue.UNKNOWN : ref.complete(value);
        }
    }

    @Test
    void registrationsFromManyThreadsAtOnceAllGetTheirStep() {
        // a Pulumi program's registrations come in on gRPC's threads, independent ones at the same time
        List<Goal> goals = new ArrayList<>();
        for (int i = 0; i < 20000; i++) {
            goals.add(new Goal(new Urn("dev", "p", "aws:ec2/vpc:Vpc", "vpc-" + i), true, Props.builder().put("cidrBlock", "10.0.0.0/16").build(),
                    ResourceOptions.NONE, null));
        }
        Source parallel = monitor -> {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
            try {
                List<java.util.concurrent.Future<?>> all = new ArrayList<>();
                for (Goal g : goals) all.add(pool.submit(() -> monitor.register(g).toCompletableFuture().join()));
                for (java.util.concurrent.Future<?> f : all) f.get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                pool.shutdownNow();
            }
            return Map.of();
        };
        Plan plan = generator.plan("dev", parallel, Snapshot.empty("dev"), PlanOptions.DEFAULT);
        // before the session took them one at a time, 20 to 2,300 of them were lost in a run
        assertThat(plan.steps().size()).as("steps").isEqualTo(20000);
        assertThat(plan.steps().stream().map(Step::urn).distinct().count()).as("distinct URNs").isEqualTo(20000);
        assertThat(plan.steps()).allMatch(st -> st instanceof Step.Create);
    }

    @Test
    void eachGoalGetsItsStepAsItArrivesAndTheFinishAddsTheDeletesAsTheBatchPlanDoes() {
        Snapshot old = fixtures.applied("10.0.0.0/16", "10.0.1.0/24");
        Goal net = fixtures.net("10.1.0.0/16");
        Goal gone = goal(CFG.token(), "gone", Props.EMPTY, ResourceOptions.NONE);
        Snapshot withGone = snapshot(old.resources().get(0), old.resources().get(1), state(gone, "g-1", Props.EMPTY, Props.EMPTY));

        StepGenerator.Session session = generator.start("dev", withGone, PlanOptions.DEFAULT);
        List<Step> first = session.register(net);
        assertThat(first).singleElement().isInstanceOf(Step.Replace.class);
        assertThat(session.knownOutputs(net.urn()).get("id")).as("a new network's id is known only once it is made").isNull();
        assertThat(session.knownOutputs(net.urn()).get("cidr")).isEqualTo(PropertyValue.of("10.1.0.0/16"));
        assertThat(session.register(fixtures.sub("10.1.1.0/24"))).singleElement().isInstanceOf(Step.Replace.class);
        Plan incremental = session.finish(Map.of());

        Plan batch = generator.plan("dev", new ProgramResult(List.of(net, fixtures.sub("10.1.1.0/24")), Map.of()), withGone, PlanOptions.DEFAULT);
        assertThat(incremental.steps()).extracting(Step::verb, s -> s.urn().name())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("replace", "net"), org.assertj.core.groups.Tuple.tuple("replace", "sub"),
                        org.assertj.core.groups.Tuple.tuple("delete", "gone"));
        assertThat(renderer.jsonText(incremental)).isEqualTo(renderer.jsonText(batch));
    }

    @Test
    void aSourceThatWaitsForOutputsPlansAsTheFixedSourceDoes() {
        Snapshot old = fixtures.applied("10.0.0.0/16", "10.0.1.0/24");
        Map<String, PropertyValue> outputs = Map.of("netId", new PropertyValue.Ref(urn(NET.token(), "net"), "id"));
        for (Goal net : List.of(fixtures.net("10.0.0.0/16"), fixtures.net("10.1.0.0/16"),
                goal(NET.token(), "net", Props.builder().put("cidr", "10.0.0.0/16").put("dns", false).build(), ResourceOptions.NONE))) {
            List<Goal> goals = List.of(net, fixtures.sub("10.0.1.0/24"));
            Plan fixed = generator.plan("dev", new FixedSource(new ProgramResult(goals, outputs)), old, PlanOptions.DEFAULT);
            Plan waiting = generator.plan("dev", new Waiting(goals, outputs), old, PlanOptions.DEFAULT);
            assertThat(renderer.jsonText(waiting)).as("net %s", net.inputs()).isEqualTo(renderer.jsonText(fixed));
            assertThat(renderer.text(waiting)).isEqualTo(renderer.text(fixed));
        }
    }

    @Test
    void aTargetsProviderLeftOutWhenItCameIsMadeWhenTheTargetComes() {
        Goal provider = new Goal(urn("pulumi:providers:t", "default"), true, Props.EMPTY, ResourceOptions.NONE, null);
        Goal other = goal(CFG.token(), "other", Props.builder().put("value", "x").build(), ResourceOptions.NONE);
        Goal n = goal(NET.token(), "net", Props.builder().put("cidr", "10.0.0.0/16").build(), ResourceOptions.NONE.withProvider(provider.urn()));
        PlanOptions options = StepGeneratorTest.targeting(n.urn(), false, false);

        StepGenerator.Session session = generator.start("dev", snapshot(), options);
        assertThat(session.register(provider)).as("nothing targets it yet").isEmpty();
        assertThat(session.register(other)).isEmpty();
        assertThat(session.register(n)).extracting(s -> s.urn().name()).containsExactly("default", "net");
        Plan p = session.finish(Map.of());
        assertThat(p.errors()).isEmpty();
        assertThat(p.steps()).extracting(s -> s.urn().name()).containsExactly("default", "net");
    }

    @Test
    void aRefusalIsKnownWhenItsGoalArrives() {
        Goal n = goal(NET.token(), "net", Props.builder().put("cidr", "10.0.0.0/16").put("dns", true).build(), ResourceOptions.NONE.withProtect(true));
        Snapshot old = snapshot(state(n, "net-1", n.inputs(), n.inputs()));
        StepGenerator.Session session = generator.start("dev", old, PlanOptions.DEFAULT);
        Goal changed = goal(NET.token(), "net", Props.builder().put("cidr", "10.9.0.0/16").put("dns", true).build(), ResourceOptions.NONE.withProtect(true));
        session.register(changed);
        assertThat(session.refusals(changed.urn())).singleElement().asString().contains("is protected and would be replaced");
        assertThat(session.finish(Map.of()).errors()).isEqualTo(session.refusals(changed.urn()));

        StepGenerator.Session missing = generator.start("dev", snapshot(), StepGeneratorTest.targeting(urn(StepGeneratorTest.SUB.token(), "sub"), false, false));
        missing.register(fixtures.net("10.0.0.0/16"));
        missing.register(fixtures.sub("10.0.1.0/24"));
        assertThat(missing.refusals(urn(StepGeneratorTest.SUB.token(), "sub"))).singleElement().asString().startsWith("sub depends on net");
    }

    @Test
    void eachReasonIsAKindWithItsResourceAndReadsAsBefore() {
        Goal role = goal(ROLE.token(), "role", Props.builder().put("name", "r").build(), ResourceOptions.NONE);
        Goal holds = goal(CFG.token(), "holds", Props.builder().put("owner", new PropertyValue.Ref(role.urn(), "arn")).build(), ResourceOptions.NONE);
        Props roleOut = role.inputs().with("arn", PropertyValue.of("arn:r-1"));
        Snapshot old = snapshot(state(role, "r-1", role.inputs(), roleOut), state(holds, "h-1", Props.builder().put("owner", "arn:r-1").build(), Props.EMPTY));
        Plan p = generator.plan("dev", new ProgramResult(List.of(role, holds), Map.of()), old,
                new PlanOptions(Set.of(), Set.of(), Set.of(role.urn()), false));

        Step.Replace r = (Step.Replace) p.steps().get(0);
        Step.Replace h = (Step.Replace) p.steps().get(1);
        assertThat(r.cause()).isEqualTo(ReplaceReason.REQUESTED);
        assertThat(h.cause()).isEqualTo(ReplaceReason.dependencyDeletedFirst(role.urn()));
        assertThat(renderer.details(p, "  ")).contains("-+ t:iam:Role role: replace (delete first, --replace)\n")
                .contains("-+ t:app:Config holds: replace (delete first, depends on role, which is deleted before it is replaced)\n");
        assertThat(PlanRenderer.reason(r)).isEqualTo("--replace");
        assertThat(PlanRenderer.reason(h)).isEqualTo("depends on role, which is deleted before it is replaced");

        Goal provider = goal("pulumi:providers:k", "cluster", Props.builder().put("server", "https://new").build(), ResourceOptions.NONE);
        Goal made = goal(CFG.token(), "made", Props.builder().put("value", "v").build(), ResourceOptions.NONE.withProvider(provider.urn()));
        Plan q = generator.plan("dev", new ProgramResult(List.of(provider, made), Map.of()),
                snapshot(state(provider, "p-1", Props.builder().put("server", "https://old").build(), Props.EMPTY), state(made, "m-1", made.inputs(), Props.EMPTY)),
                PlanOptions.DEFAULT);
        Step.Replace byProvider = (Step.Replace) q.steps().get(1);
        Step.Replace own = (Step.Replace) q.steps().get(0);
        assertThat(byProvider.cause()).isEqualTo(ReplaceReason.providerReplaced(provider.urn()));
        assertThat(PlanRenderer.reason(byProvider)).isEqualTo("its provider cluster is replaced");
        assertThat(own.cause()).isEqualTo(ReplaceReason.CHANGES);
        assertThat(own.reason()).isNull();
        assertThat(PlanRenderer.reason(own)).isEqualTo("replacement forced by server");
        assertThat(StepGenerator.reason(own)).isEqualTo("changes to server");
    }
}
