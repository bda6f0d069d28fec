package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

import io.lifeboat.deploy.DeployListener;
import io.lifeboat.deploy.ProviderPool;
import io.lifeboat.deploy.RetryPolicy;
import io.lifeboat.deploy.SourceDeployment;
import io.lifeboat.deploy.SpecHash;
import io.lifeboat.deploy.StackRunner;
import io.lifeboat.deploy.StepExecutor;
import io.lifeboat.plan.FixedSource;
import io.lifeboat.plan.Plan;
import io.lifeboat.plan.PlanOptions;
import io.lifeboat.plan.PlanRenderer;
import io.lifeboat.plan.Source;
import io.lifeboat.plan.Step;
import io.lifeboat.plan.StepGenerator;
import io.lifeboat.program.ProgramResult;
import io.lifeboat.program.SecretReader;
import io.lifeboat.provider.ProviderRegistry;
import io.lifeboat.providers.sim.SimAdmin;
import io.lifeboat.resource.Goal;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import io.lifeboat.spec.LoadResult;
import io.lifeboat.spec.SpecLoader;
import io.lifeboat.spec.Stack;
import io.lifeboat.spec.WorkingTreeSource;
import io.lifeboat.state.ResourceState;
import io.lifeboat.state.Snapshot;
import io.lifeboat.state.StateStore;

/**
 * The streaming seam end to end on the sim cloud: a program that registers the example stack's
 * goals one at a time, waiting for each one's outputs before the next (and writing them in for
 * its references, as a pulumi-java program does), plans and applies it as the YAML program does.
 */
class SourceDeploymentEndToEndTest extends SimRepoTest {
    static final String PRIMARY = "stacks/primary.yaml";
    final StepGenerator generator = new StepGenerator(io.lifeboat.program.Schemas::get);

    /** The example's primary stack at a repository root, with the engine set up as the command line sets it up. */
    record Example(Repo repo, StackRunner runner, Stack stack, StackRunner.Target target) {
        static Example at(Repo repo) throws IOException {
            return at(repo, PRIMARY);
        }

        /** The stack of {@code file} ({@code stacks/secondary.yaml}) in the repository. */
        static Example at(Repo repo, String file) throws IOException {
            WorkingTreeSource tree = new WorkingTreeSource(repo.root);
            LoadResult loaded = new SpecLoader(tree).load(List.of(SpecLoader.DEFAULT_STACKS));
            Stack stack = loaded.stacks().stream().filter(s -> s.file().equals(file)).findFirst().orElseThrow();
            Stack pair = stack.pair() == null ? null : loaded.stack(stack.pair());
            StackRunner runner = new StackRunner(ProviderRegistry.load(), new StackRunner.Settings(repo.root, Map.of(),
                    () -> repo.env.get("LIFEBOAT_PASSPHRASE").toCharArray(), 4, RetryPolicy.DEFAULT, java.time.Duration.ZERO,
                    SecretReader.of(repo.env, repo.root)));
            return new Example(repo, runner, stack, runner.target(stack, pair, SpecHash.of(tree, stack), null));
        }

        Snapshot state() {
            return runner.store(stack).load(stack.name()).snapshot();
        }

        /** Applies the source through the streaming driver and commits the new state. */
        SourceDeployment.Result apply(StepGenerator generator, Source source) throws InterruptedException {
            return apply(generator, source, PlanOptions.DEFAULT);
        }

        SourceDeployment.Result apply(StepGenerator generator, Source source, PlanOptions options) throws InterruptedException {
            StateStore store = runner.store(stack);
            StateStore.Loaded loaded = store.load(stack.name());
            var journal = store.journal(stack.name(), loaded);
            SourceDeployment.Result result;
            try (ProviderPool pool = runner.pool()) {
                result = new SourceDeployment(generator,
                        () -> new StepExecutor(pool, journal, DeployListener.NONE, RetryPolicy.DEFAULT, 2), 4,
                        SourceDeployment.Reader.through(pool, RetryPolicy.DEFAULT))
                        .apply(stack.name(), source, loaded.snapshot(), options);
            }
            commit(store, loaded, result.execution());
            return result;
        }

        /** Plans the program whole and applies the plan as {@code up} does (the whole-plan executor), committing the new state. */
        io.lifeboat.deploy.ExecutionResult applyWhole(StepGenerator generator, ProgramResult program, PlanOptions options)
                throws InterruptedException {
            StateStore store = runner.store(stack);
            StateStore.Loaded loaded = store.load(stack.name());
            Plan plan = generator.plan(stack.name(), program, loaded.snapshot(), options);
            assertThat(plan.errors()).isEmpty();
            io.lifeboat.deploy.ExecutionResult result;
            try (ProviderPool pool = runner.pool()) {
                result = new StepExecutor(pool, store.journal(stack.name(), loaded), DeployListener.NONE, RetryPolicy.DEFAULT, 4)
                        .execute(plan, loaded.snapshot(), program.outputs());
            }
            commit(store, loaded, result);
            return result;
        }

        private void commit(StateStore store, StateStore.Loaded loaded, io.lifeboat.deploy.ExecutionResult result) {
            Snapshot before = loaded.snapshot();
            store.commit(stack.name(), before.with(result.resources(), List.of(), before.metadata().next(null, null, "primary")), loaded.codec());
        }
    }

    /**
     * Registers the goals one at a time and waits for each one's outputs, which it writes in for
     * the references of the goals after it; what is not known yet (in a preview) is unknown.
     */
    record WaitingSource(ProgramResult program) implements Source {
        @Override
        public Map<String, PropertyValue> run(Monitor monitor) {
            Map<Urn, Props> known = new HashMap<>();
            for (Goal g : program.goals()) {
                Goal resolved = new Goal(g.urn(), g.custom(), substitute(g.inputs(), known), g.options(), g.source());
                CompletionStage<Props> outputs = monitor.register(resolved);
                known.put(g.urn(), outputs.toCompletableFuture().join());
            }
            Map<String, PropertyValue> out = new LinkedHashMap<>();
            program.outputs().forEach((k, v) -> out.put(k, substitute(v, known)));
            return out;
        }

        static Props substitute(Props props, Map<Urn, Props> known) {
            Map<String, PropertyValue> out = new LinkedHashMap<>();
            props.forEach((k, v) -> out.put(k, substitute(v, known)));
            return new Props(out);
        }

        static PropertyValue substitute(PropertyValue v, Map<Urn, Props> known) {
            if (v instanceof PropertyValue.Ref ref) {
                PropertyValue value = known.getOrDefault(ref.target(), Props.EMPTY).at(ref.property());
                return value == null || value.containsUnknowns() ? PropertyValue.UNKNOWN : ref.complete(value);
            }
            if (v instanceof PropertyValue.Secret s) return new PropertyValue.Secret(substitute(s.value(), known));
            if (v instanceof PropertyValue.Arr a) return new PropertyValue.Arr(a.items().stream().map(i -> substitute(i, known)).toList());
            if (v instanceof PropertyValue.Obj o) return new PropertyValue.Obj(substitute(o.props(), known));
            return v;
        }
    }

    /** A second copy of the example repository, with a sim cloud of its own. */
    Example another(String name) throws IOException {
        return Example.at(new Repo(dir.resolve(name)));
    }

    @Test
    void aSourceThatWaitsForEachOutputPlansAndAppliesTheExampleAsTheFixedSourceDoes() throws Exception {
        Example fixed = Example.at(repo);
        Example streamed = another("streamed");
        Repo other = streamed.repo();
        // one program run for both, so the key material it makes is the same
        ProgramResult program = fixed.runner().program(fixed.target());

        Plan batch = generator.plan(fixed.stack().name(), program, fixed.state(), PlanOptions.DEFAULT);
        Plan preview = generator.plan(streamed.stack().name(), new WaitingSource(program), streamed.state(), PlanOptions.DEFAULT);
        PlanRenderer renderer = new PlanRenderer();
        assertThat(preview.steps()).hasSameSizeAs(program.goals()).allMatch(s -> s instanceof Step.Create);
        assertThat(renderer.text(preview)).isEqualTo(renderer.text(batch));
        assertThat(renderer.jsonText(preview)).as("the same inputs, known and unknown, and outputs").isEqualTo(renderer.jsonText(batch));

        SourceDeployment.Result a = fixed.apply(generator, new FixedSource(program));
        SourceDeployment.Result b = streamed.apply(generator, new WaitingSource(program));

        assertThat(a.execution().errors()).isEmpty();
        assertThat(b.execution().errors()).isEmpty();
        assertThat(a.execution().ok()).isTrue();
        assertThat(b.execution().ok()).isTrue();
        assertThat(b.execution().steps()).allMatch(o -> o.count() == io.lifeboat.deploy.ExecutionResult.Count.CREATED
                || o.step().goal() != null && !o.step().goal().custom());
        assertThat(described(streamed.state())).containsExactlyInAnyOrderEntriesOf(described(fixed.state()));
        assertThat(cloud(new SimAdmin(other.root))).isEqualTo(cloud(sim)).isNotEmpty();
        for (Example e : List.of(fixed, streamed)) {
            assertThat(generator.plan(e.stack().name(), program, e.state(), PlanOptions.DEFAULT).hasChanges())
                    .as("the YAML program finds nothing to change after %s", e == fixed ? "the fixed source" : "the waiting source")
                    .isFalse();
        }
        Map<String, PropertyValue> outputs = stackOutputs(streamed.state());
        assertThat(outputs).containsKeys("vpcId", "clusterEndpoint", "databaseEndpoint");
        assertThat(outputs.values()).noneMatch(PropertyValue::containsUnknowns);
    }

    @Test
    void aChangeToTheAppliedExampleIsAppliedAsItRunsAsTheWholePlanIsApplied() throws Exception {
        Example fixed = Example.at(repo);
        Example streamed = another("streamed");
        Repo other = streamed.repo();
        ProgramResult first = fixed.runner().program(fixed.target());
        fixed.apply(generator, new FixedSource(first));
        streamed.apply(generator, new WaitingSource(first));
        for (Repo r : List.of(repo, other)) {
            r.edit("specs/platform.yaml", "- name: reporting", "- name: reports");
            r.edit("specs/platform.yaml", "AIRFLOW__CORE__PARALLELISM: \"64\"", "AIRFLOW__CORE__PARALLELISM: \"96\"");
        }
        Example changed = Example.at(repo);
        ProgramResult program = changed.runner().program(changed.target());
        Plan plan = generator.plan(changed.stack().name(), program, changed.state(), PlanOptions.DEFAULT);
        assertThat(plan.counts().get(Plan.Kind.DELETE)).as("the old deployment's objects go").isPositive();
        assertThat(plan.counts().get(Plan.Kind.UPDATE) + plan.counts().get(Plan.Kind.REPLACE)).isPositive();

        io.lifeboat.deploy.ExecutionResult a = changed.applyWhole(generator, program, PlanOptions.DEFAULT);
        SourceDeployment.Result b = Example.at(other).apply(generator, new WaitingSource(program));

        assertThat(a.ok()).as("%s", a.errors()).isTrue();
        assertThat(b.execution().ok()).as("%s", b.execution().errors()).isTrue();
        assertThat(b.execution().steps()).extracting(o -> o.step().verb() + " " + o.step().urn().name())
                .containsExactlyElementsOf(a.steps().stream().map(o -> o.step().verb() + " " + o.step().urn().name()).toList());
        assertThat(b.execution().counts()).isEqualTo(a.counts());
        assertThat(described(streamed.state())).containsExactlyInAnyOrderEntriesOf(described(fixed.state()));
        assertThat(cloud(new SimAdmin(other.root))).isEqualTo(cloud(sim));
        assertThat(b.execution().count(io.lifeboat.deploy.ExecutionResult.Count.DELETED)).as("the deletes ran at the end")
                .isEqualTo(plan.counts().get(Plan.Kind.DELETE));
        for (Step s : plan.steps()) {
            if (s instanceof Step.Delete d) assertThat(streamed.state().resources()).noneMatch(r -> r.urn().equals(d.urn()) && r.id() != null && r.id().equals(d.old().id()));
        }
        assertThat(generator.plan(streamed.stack().name(), program, streamed.state(), PlanOptions.DEFAULT).hasChanges()).isFalse();
    }

    @Test
    void theFixedSourceAppliesTheExampleAsUpDoes() throws Exception {
        Example fixed = Example.at(repo);
        Repo other = another("up").repo();
        ProgramResult program = fixed.runner().program(fixed.target());
        fixed.apply(generator, new FixedSource(program));
        Repo.Result up = other.ok("up", "--stack", PRIMARY, "--yes");
        assertThat(up.out()).contains("created");
        Example viaUp = Example.at(other);
        assertThat(viaUp.state().resources().stream().map(ResourceState::urn).sorted(Comparator.comparing(Urn::toString)).toList())
                .isEqualTo(fixed.state().resources().stream().map(ResourceState::urn).sorted(Comparator.comparing(Urn::toString)).toList());
        assertThat(cloud(new SimAdmin(other.root))).isEqualTo(cloud(sim));
    }

    /**
     * Each resource as its inputs (secrets revealed, every id the cloud made replaced by whose it
     * is) and the names of its outputs: the cloud makes their values (endpoints, certificates, times).
     */
    static Map<String, String> described(Snapshot s) {
        Map<String, String> ids = new TreeMap<>(Comparator.comparing(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        for (ResourceState r : s.resources()) {
            if (r.id() != null && r.id().length() >= 8 && !r.urn().name().equals(r.id())) ids.put(r.id(), "<id of " + r.urn().name() + ">");
            // what the cloud made (an endpoint, a certificate), as another resource's input
            r.outputs().reveal().forEach((k, v) -> {
                if (!r.inputs().containsKey(k)) made(v, "<" + k + " of " + r.urn().name() + ">", ids);
            });
        }
        Map<String, String> out = new TreeMap<>();
        for (ResourceState r : s.resources()) {
            String text = r.custom() + " " + r.delete() + " " + r.inputs().reveal() + " => " + new java.util.TreeSet<>(r.outputs().keySet());
            for (Map.Entry<String, String> e : ids.entrySet()) text = text.replace(e.getKey(), e.getValue());
            out.put(r.urn().toString(), text);
        }
        return out;
    }

    private static void made(PropertyValue v, String whose, Map<String, String> into) {
        if (v instanceof PropertyValue.Str str && str.value().length() >= 8) into.putIfAbsent(str.value(), whose);
        if (v instanceof PropertyValue.Obj o) o.props().forEach((k, x) -> made(x, whose, into));
        if (v instanceof PropertyValue.Arr a) a.items().forEach(x -> made(x, whose, into));
    }

    /** How many objects of each type the sim holds, by region. */
    static Map<String, Integer> cloud(SimAdmin sim) {
        Map<String, Integer> out = new TreeMap<>();
        for (SimAdmin.RegionStatus status : sim.status()) {
            for (SimAdmin.ObjectView o : sim.objects(status.region())) out.merge(status.region() + " " + o.type(), 1, Integer::sum);
        }
        return out;
    }

    static Map<String, PropertyValue> stackOutputs(Snapshot s) {
        List<ResourceState> roots = new ArrayList<>();
        for (ResourceState r : s.resources()) if (r.urn().type().equals(Urn.STACK_TYPE)) roots.add(r);
        assertThat(roots).hasSize(1);
        return roots.get(0).outputs().asMap();
    }
}
