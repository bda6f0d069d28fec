package io.lifeboat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lifeboat.plan.Plan;
import io.lifeboat.plan.PlanOptions;
import io.lifeboat.plan.Step;
import io.lifeboat.program.Posture;
import io.lifeboat.program.ProgramOptions;
import io.lifeboat.program.ProgramResult;
import io.lifeboat.resource.Goal;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.ResourceOptions;
import io.lifeboat.resource.Urn;
import io.lifeboat.state.ResourceState;

/** A program running again under a saved plan may take only the steps the plan saved, with the inputs it saved. */
class SavedPlanConstraintTest {
    static final Urn VPC = new Urn("dev", "p", "aws:ec2/vpc:Vpc", "main");
    static final Urn SUBNET = new Urn("dev", "p", "aws:ec2/subnet:Subnet", "a");
    static final Urn OLD = new Urn("dev", "p", "aws:ec2/vpc:Vpc", "old");

    static Goal goal(Urn urn, Props inputs) {
        return new Goal(urn, true, inputs, ResourceOptions.NONE, null);
    }

    static ResourceState recorded(Urn urn) {
        return new ResourceState(urn, true, "id-" + urn.name(), Props.EMPTY, Props.EMPTY, null, false, false, List.of(), Map.of(), null, false,
                null, null);
    }

    /** The plan of a VPC and a subnet to create (the subnet's vpcId unknown when it was made) and an old VPC to delete. */
    final SavedPlanConstraint saved = new SavedPlanConstraint(new PlanFile.Entry("dev", true, "l", 1, 0, null, ProgramOptions.of(Posture.ACTIVE),
            PlanOptions.DEFAULT, null, new ProgramResult(List.of(
                    goal(VPC, Props.builder().put("cidrBlock", "10.0.0.0/16").build()),
                    goal(SUBNET, Props.builder().put("cidrBlock", "10.0.1.0/24").put("vpcId", PropertyValue.UNKNOWN).build())), Map.of()),
            List.of(new PlanFile.StepLine(VPC, Plan.Kind.CREATE), new PlanFile.StepLine(SUBNET, Plan.Kind.CREATE),
                    new PlanFile.StepLine(OLD, Plan.Kind.DELETE)), null), "plan.json");

    @Test
    void theStepsThePlanSavedPassAndAnInputUnknownThenMayComeOutAsAnything() {
        assertThat(saved.violation(new Step.Create(goal(VPC, Props.builder().put("cidrBlock", "10.0.0.0/16").build())))).isNull();
        assertThat(saved.violation(new Step.Create(goal(SUBNET, Props.builder().put("cidrBlock", "10.0.1.0/24").put("vpcId", "vpc-1").build()))))
                .isNull();
    }

    @Test
    void anotherInputAnotherStepOrAnUnplannedResourceIsAViolation() {
        assertThat(saved.violation(new Step.Create(goal(VPC, Props.builder().put("cidrBlock", "10.9.0.0/16").build()))))
                .contains("other inputs than the saved plan plan.json holds (cidrBlock)").contains("preview again with --save-plan plan.json");
        assertThat(saved.violation(new Step.Same(goal(VPC, Props.EMPTY), recorded(VPC))))
                .contains("would create " + VPC + ", and the program now asks to same it");
        Urn extra = new Urn("dev", "p", "aws:ec2/subnet:Subnet", "b");
        assertThat(saved.violation(new Step.Create(goal(extra, Props.EMPTY)))).contains(extra + " is not in the saved plan plan.json");
    }

    @Test
    void onlyTheDeletesThePlanSavedMayRun() {
        Plan finished = new Plan("dev", List.of(new Step.Delete(recorded(OLD), false), new Step.Delete(recorded(SUBNET), false)), Map.of(), List.of());
        assertThat(saved.unplannedDeletes(finished)).singleElement().asString().contains(SUBNET + " would be deleted, which the saved plan plan.json does not hold");
    }
}
