package io.lifeboat.plan;

import static io.lifeboat.plan.StepGeneratorTest.goal;
import static io.lifeboat.plan.StepGeneratorTest.snapshot;
import static io.lifeboat.plan.StepGeneratorTest.urn;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lifeboat.program.ProgramResult;
import io.lifeboat.resource.Goal;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.ResourceOptions;
import io.lifeboat.resource.Urn;
import io.lifeboat.state.ResourceState;
import io.lifeboat.state.Snapshot;

/**
 * Pulumi's {@code aliases} (a resource renamed keeps its recorded object: no replace, no delete)
 * and {@code deletedWith} (a resource whose owner goes in the same plan is not deleted on its own).
 */
class AliasesAndDeletedWithTest {
    final StepGenerator generator = new StepGenerator(StepGeneratorTest.SCHEMAS::get);

    static ResourceState recorded(Goal g, String id, Urn deletedWith) {
        return new ResourceState(g.urn(), true, id, g.inputs(), g.inputs().with("id", PropertyValue.of(id)), null, false, false, List.of(),
                Map.of(), null, false, null, null, deletedWith);
    }

    Plan plan(Snapshot old, Goal... goals) {
        return generator.plan("dev", new ProgramResult(List.of(goals), Map.of()), old, PlanOptions.DEFAULT);
    }

    static Goal net(String name, ResourceOptions options) {
        return goal(StepGeneratorTest.NET.token(), name, Props.builder().put("cidr", "10.0.0.0/16").put("dns", true).build(), options);
    }

    @Test
    void aRenamedResourceWithItsFormerUrnAsAnAliasIsTheSameObject() {
        Goal before = net("old-name", ResourceOptions.NONE);
        Snapshot old = snapshot(recorded(before, "net-1", null));
        Goal renamed = net("new-name", ResourceOptions.NONE.withAliases(List.of(before.urn())));

        Plan p = plan(old, renamed);

        assertThat(p.steps()).hasSize(1);
        assertThat(p.steps().get(0)).isInstanceOf(Step.Same.class);
        assertThat(p.steps().get(0).urn()).isEqualTo(renamed.urn());
        assertThat(p.steps().get(0).old().id()).isEqualTo("net-1");
        assertThat(p.steps().get(0).old().urn()).as("recorded under its new URN from now on").isEqualTo(renamed.urn());
    }

    @Test
    void withoutTheAliasARenameIsACreateAndADelete() {
        Goal before = net("old-name", ResourceOptions.NONE);
        Plan p = plan(snapshot(recorded(before, "net-1", null)), net("new-name", ResourceOptions.NONE));
        assertThat(p.steps()).extracting(Step::verb).containsExactly("create", "delete");
    }

    @Test
    void anAliasThatIsStillAGoalOfItsOwnIsNotTaken() {
        Goal a = net("a", ResourceOptions.NONE);
        Snapshot old = snapshot(recorded(a, "net-1", null));
        Goal b = net("b", ResourceOptions.NONE.withAliases(List.of(a.urn())));
        Plan p = plan(old, a, b);
        assertThat(p.steps()).extracting(Step::verb).containsExactly("same", "create");
    }

    @Test
    void aResourceDeletedWithItsOwnerIsNotDeletedOnItsOwnWhenBothGo() {
        Goal owner = net("cluster", ResourceOptions.NONE);
        Goal child = goal(StepGeneratorTest.CFG.token(), "workload", Props.builder().put("value", "x").build(),
                ResourceOptions.NONE.withDeletedWith(owner.urn()));
        Snapshot old = snapshot(recorded(owner, "net-1", null), recorded(child, "cfg-1", owner.urn()));

        Plan bothGo = plan(old);
        Step.Delete childDelete = (Step.Delete) bothGo.steps().stream().filter(s -> s.urn().equals(child.urn())).findFirst().orElseThrow();
        assertThat(childDelete.goesWith()).isEqualTo(owner.urn());
        Step.Delete ownerDelete = (Step.Delete) bothGo.steps().stream().filter(s -> s.urn().equals(owner.urn())).findFirst().orElseThrow();
        assertThat(ownerDelete.goesWith()).isNull();

        Plan onlyChildGoes = plan(old, owner);
        Step.Delete alone = (Step.Delete) onlyChildGoes.steps().stream().filter(s -> s.urn().equals(child.urn())).findFirst().orElseThrow();
        assertThat(alone.goesWith()).as("its owner stays: it is deleted itself").isNull();
    }

    @Test
    void deletedWithIsKeptByTheCheckpoint() {
        Goal owner = net("cluster", ResourceOptions.NONE);
        Goal child = goal(StepGeneratorTest.CFG.token(), "workload", Props.builder().put("value", "x").build(), ResourceOptions.NONE);
        var codec = new io.lifeboat.state.CheckpointCodec(io.lifeboat.state.SecretsCrypter.fresh("pass"::toCharArray));
        Snapshot read = codec.read(codec.write(snapshot(recorded(owner, "net-1", null), recorded(child, "cfg-1", owner.urn()))), "test");
        assertThat(read.byUrn().get(child.urn()).deletedWith()).isEqualTo(owner.urn());
        assertThat(read.byUrn().get(owner.urn()).deletedWith()).isNull();
    }
}
