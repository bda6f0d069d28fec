package io.lifeboat.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lifeboat.plan.ReplaceReason;
import io.lifeboat.plan.Step;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.Provider;
import io.lifeboat.provider.ProviderConfig;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ProviderFactory;
import io.lifeboat.provider.ProviderRegistry;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.provider.TypeSchema;
import io.lifeboat.resource.Goal;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.ResourceOptions;
import io.lifeboat.resource.Urn;
import io.lifeboat.state.CheckpointCodec;
import io.lifeboat.state.FileBackend;
import io.lifeboat.state.Journal;
import io.lifeboat.state.ResourceState;
import io.lifeboat.state.SecretsCrypter;

/** One step at a time through the executor: the state it answers, references resolved against it, adoption only for new resources, ignored paths kept. */
class StepApplierTest {
    private static final String THING = "test:index:Thing";
    private static final Urn PROVIDER = new Urn("dev", "proj", Urn.providerType("test"), "east");
    private static final Urn FIRST = new Urn("dev", "proj", THING, "first");
    private static final Urn SECOND = new Urn("dev", "proj", THING, "second");

    @TempDir
    Path dir;

    private final FakeThing things = new FakeThing();
    private ProviderPool pool;

    @AfterEach
    void close() {
        if (pool != null) pool.close();
    }

    @Test
    void applyingAStepAnswersItsStateAndLaterReferencesResolveAgainstIt() throws Exception {
        StepExecutor executor = executor();
        executor.apply(new Step.Create(new Goal(PROVIDER, true, Props.EMPTY, ResourceOptions.NONE, null)));

        ResourceState first = executor.apply(create(FIRST, Props.builder().put("name", "one")
                .put("password", new PropertyValue.Secret(new PropertyValue.Str("hunter2"))).build()));
        ResourceState second = executor.apply(create(SECOND, Props.builder().put("name", new PropertyValue.Ref(FIRST, "id", "-child")).build()));

        assertThat(first.id()).isEqualTo("thing-1");
        assertThat(first.outputs().get("password")).isInstanceOf(PropertyValue.Secret.class);
        assertThat(first.provider()).startsWith(PROVIDER + "::");
        assertThat(second.inputs().string("name")).isEqualTo("thing-1-child");
        assertThat(things.created).containsExactly("one", "thing-1-child");
    }

    @Test
    void aNewResourceWhoseCreateConflictsIsAdoptedByItsMark() throws Exception {
        StepExecutor executor = executor();
        executor.apply(new Step.Create(new Goal(PROVIDER, true, Props.EMPTY, ResourceOptions.NONE, null)));
        things.conflict = true;

        ResourceState adopted = executor.apply(create(FIRST, Props.builder().put("name", "one").build()));

        assertThat(adopted.id()).isEqualTo("thing-marked");
        assertThat(things.found).containsExactly(FIRST);
    }

    @Test
    void aReplacementWhoseCreateConflictsIsNotAdopted() throws Exception {
        StepExecutor executor = executor();
        executor.apply(new Step.Create(new Goal(PROVIDER, true, Props.EMPTY, ResourceOptions.NONE, null)));
        things.conflict = true;
        ResourceState old = new ResourceState(FIRST, true, "thing-0", Props.EMPTY, Props.EMPTY, null, false, false, List.of(), Map.of(),
                null, false, null, null);

        Step replace = new Step.Replace(goal(FIRST, Props.builder().put("name", "one").build()), old, List.of(), false, ReplaceReason.CHANGES);

        assertThatThrownBy(() -> executor.apply(replace))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.CONFLICT));
        assertThat(things.found).isEmpty();
    }

    @Test
    void anUpdateSendsAndRecordsTheRecordedValueOfAnIgnoredPath() throws Exception {
        StepExecutor executor = executor();
        executor.apply(new Step.Create(new Goal(PROVIDER, true, Props.EMPTY, ResourceOptions.NONE, null)));
        Props recorded = Props.builder().put("name", "one").put("size", "small").build();
        ResourceState old = new ResourceState(FIRST, true, "thing-0", recorded, recorded, null, false, false, List.of(), Map.of(),
                null, false, null, null);
        Goal goal = new Goal(FIRST, true, Props.builder().put("name", "two").put("size", "large").build(),
                ResourceOptions.NONE.withProvider(PROVIDER).withIgnoreChanges(List.of("size")), null);

        ResourceState updated = executor.apply(new Step.Update(goal, old, List.of()));

        assertThat(things.updated).containsExactly(Props.builder().put("name", "two").put("size", "small").build());
        assertThat(updated.inputs().string("size")).isEqualTo("small");
        assertThat(updated.inputs().string("name")).isEqualTo("two");
    }

    private StepExecutor executor() {
        ProviderFactory factory = new ProviderFactory() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public Provider open(ProviderConfig config) {
                return new Provider() {
                    @Override
                    public ResourceType type(String token) {
                        return token.equals(THING) ? things : null;
                    }

                    @Override
                    public Set<String> types() {
                        return Set.of(THING);
                    }
                };
            }
        };
        pool = new ProviderPool(new ProviderRegistry(List.of(factory)), dir, Map.of());
        Journal journal = new Journal(new FileBackend(dir), "dev", new CheckpointCodec(SecretsCrypter.fresh(() -> "pass phrase".toCharArray())),
                "lineage", 1);
        return new StepExecutor(pool, journal, DeployListener.NONE, RetryPolicy.DEFAULT, 1);
    }

    private static Step create(Urn urn, Props inputs) {
        return new Step.Create(goal(urn, inputs));
    }

    private static Goal goal(Urn urn, Props inputs) {
        return new Goal(urn, true, inputs, ResourceOptions.NONE.withProvider(PROVIDER), null);
    }

    /** A type that makes numbered things, or refuses every create as a conflict with one that carries the mark. */
    private static final class FakeThing implements ResourceType {
        final List<String> created = Collections.synchronizedList(new ArrayList<>());
        final List<Urn> found = Collections.synchronizedList(new ArrayList<>());
        final List<Props> updated = Collections.synchronizedList(new ArrayList<>());
        volatile boolean conflict;

        @Override
        public TypeSchema schema() {
            return TypeSchema.builder(THING).required("name").secret("password", false).build();
        }

        @Override
        public List<String> check(Props inputs) {
            return inputs.containsKey("name") ? List.of() : List.of("name is required");
        }

        @Override
        public Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
            if (conflict) throw new ProviderException(ProviderException.Kind.CONFLICT, "AlreadyExists", "a thing of that name exists");
            created.add(inputs.string("name"));
            return new Created("thing-" + created.size(), inputs);
        }

        @Override
        public Optional<Created> findByUrn(Urn urn, Props inputs, OperationContext ctx) {
            found.add(urn);
            return Optional.of(new Created("thing-marked", inputs));
        }

        @Override
        public Optional<Observed> read(String id, Props inputs, Props outputs, OperationContext ctx) {
            return Optional.of(new Observed(inputs, outputs));
        }

        @Override
        public Props update(String id, Props oldOutputs, Props newInputs, OperationContext ctx) {
            updated.add(newInputs);
            return newInputs;
        }

        @Override
        public void delete(String id, Props outputs, OperationContext ctx) {
        }
    }
}
