package io.lifeboat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lifeboat.plan.Plan;
import io.lifeboat.plan.Step;
import io.lifeboat.provider.TypeSchema;
import io.lifeboat.resource.Goal;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.ResourceOptions;
import io.lifeboat.resource.Urn;
import io.lifeboat.state.Snapshot;

/** A program's plan is refused before anything is applied for what Lifeboat's providers do not implement. */
class ProgramPlanChecksTest {
    static final TypeSchema DB = TypeSchema.builder("aws:rds/instance:Instance").required("instanceClass").optional("dbName").optionalSecret("password")
            .build();
    static final Snapshot EMPTY = Snapshot.empty("dev");

    static Goal goal(String type, String name, Props inputs) {
        return new Goal(new Urn("dev", "p", type, name), true, inputs, ResourceOptions.NONE, null);
    }

    static List<String> errors(Goal g) {
        Plan plan = new Plan("dev", List.of(new Step.Create(g)), Map.of(), List.of());
        return ProgramPlanChecks.check(plan, EMPTY, t -> t.equals(DB.token()) ? DB : null).errors();
    }

    @Test
    void whatTheProvidersImplementPasses() {
        assertThat(errors(goal(DB.token(), "db", Props.builder().put("instanceClass", "db.t4g.micro").put("password", "s3cret-pw").build()))).isEmpty();
    }

    @Test
    void anUnknownTypeAnUnknownInputOrAMissingOneIsRefusedNamingIt() {
        assertThat(errors(goal("aws:s3/bucketV2:BucketV2", "logs", Props.EMPTY))).singleElement().asString()
                .contains("logs (aws:s3/bucketV2:BucketV2): Lifeboat's providers do not implement the type").contains("nothing was changed");
        assertThat(errors(goal(DB.token(), "db", Props.builder().put("instanceClass", "db.t4g.micro").put("iops", 3000).build())))
                .singleElement().asString().contains("db (aws:rds/instance:Instance): iops is not an input")
                .contains("the type takes dbName, instanceClass, password");
        assertThat(errors(goal(DB.token(), "db", Props.EMPTY))).singleElement().asString().contains("instanceClass must be given");
    }
}
