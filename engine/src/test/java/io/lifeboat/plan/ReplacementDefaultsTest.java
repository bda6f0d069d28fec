package io.lifeboat.plan;

import static io.lifeboat.plan.StepGeneratorTest.goal;
import static io.lifeboat.plan.StepGeneratorTest.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.lifeboat.program.ProgramResult;
import io.lifeboat.resource.Goal;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.ResourceOptions;

/**
 * A replacement takes its auto-names anew (Pulumi checks it again without its old inputs): so it
 * is made before its old copy goes, rather than after, as one that keeps its unique name must be.
 */
class ReplacementDefaultsTest {
    final StepGenerator generator = new StepGenerator(StepGeneratorTest.SCHEMAS::get);

    @Test
    void aReplacedResourceTakesItsNewAutoNameAndIsMadeBeforeItsOldCopyGoes() {
        Props kept = Props.builder().put("name", "role-1a2b3c4").put("policy", "p").build();
        Goal role = goal(StepGeneratorTest.ROLE.token(), "role", kept,
                ResourceOptions.NONE.withReplacementDefaults(Props.builder().put("name", "role-9f8e7d6").build()));
        var old = snapshot(StepGeneratorTest.state(role, "role-1a2b3c4", kept, kept));

        Plan same = generator.plan("dev", new ProgramResult(List.of(role), Map.of()), old, PlanOptions.DEFAULT);
        assertThat(same.steps()).singleElement().isInstanceOf(Step.Same.class);

        Plan replaced = generator.plan("dev", new ProgramResult(List.of(role), Map.of()), old,
                new PlanOptions(Set.of(), Set.of(), Set.of(role.urn()), false));
        Step.Replace r = (Step.Replace) replaced.steps().get(0);
        assertThat(r.deleteBeforeReplace()).as("a new name: both may exist at once").isFalse();
        assertThat(r.goal().inputs().get("name")).isEqualTo(new PropertyValue.Str("role-9f8e7d6"));
    }

    @Test
    void withoutNewDefaultsAReplacementThatKeepsItsUniqueNameGoesFirst() {
        Props kept = Props.builder().put("name", "role-1a2b3c4").build();
        Goal role = goal(StepGeneratorTest.ROLE.token(), "role", kept, ResourceOptions.NONE);
        var old = snapshot(StepGeneratorTest.state(role, "role-1a2b3c4", kept, kept));
        Plan replaced = generator.plan("dev", new ProgramResult(List.of(role), Map.of()), old,
                new PlanOptions(Set.of(), Set.of(), Set.of(role.urn()), false));
        assertThat(((Step.Replace) replaced.steps().get(0)).deleteBeforeReplace()).isTrue();
    }
}
