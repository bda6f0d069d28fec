package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Every deployment's image in both registries of the pair: copied by up, replicated by the registry, reported by failover. */
class ImagesEndToEndTest extends SimRepoTest {
    static final String EAST = "us-east-1";
    static final String WEST = "us-west-2";
    static final String EAST_ETL = "123456789012.dkr.ecr.us-east-1.amazonaws.com/etl";

    JsonNode failover() throws Exception {
        Repo.Result r = repo.ok("failover", "--from", "prod-use1", "--to", "prod-usw2", "--yes", "--format", "json");
        return new ObjectMapper().readTree(r.out().substring(r.out().indexOf('{')));
    }

    @Test
    void anImagePushedBeforeReplicationExistedIsCopiedByUp() throws Exception {
        repo.edit("specs/platform.yaml", "replicateToPair: true", "replicateToPair: false");
        repo.ok("up", "--all", "--yes");
        String digest = sim.pushImage(EAST, "etl", "1.4.2");
        assertThat(sim.images(WEST, "etl")).as("no replication rule: nothing reaches the pair").isEmpty();

        repo.edit("specs/platform.yaml", "replicateToPair: false", "replicateToPair: true");
        Repo.Result up = repo.ok("up", "--all", "--yes");
        assertThat(up.out()).contains("copied image etl:1.4.2 from " + EAST_ETL + " to 123456789012.dkr.ecr.us-west-2.amazonaws.com/etl");
        assertThat(sim.images(WEST, "etl")).as("the same image, by tag and digest").containsExactlyInAnyOrder("1.4.2", digest);
        assertThat(up.err()).as("reporting:2.0.1 was never pushed: it is reported, not invented")
                .contains("warning: image reporting:2.0.1 is not in prod-use1's registry")
                .contains("`lifeboat sim push us-east-1 reporting:2.0.1`");
        assertThat(sim.images(WEST, "reporting")).isEmpty();

        Repo.Result again = repo.ok("up", "--all", "--yes");
        assertThat(again.out()).as("nothing left to copy").doesNotContain("copied image");
    }

    @Test
    void anImagePushedAfterReplicationExistsIsReplicatedByTheRegistry() {
        repo.ok("up", "--all", "--yes");
        Repo.Result push = repo.ok("sim", "push", EAST, "etl:1.4.3");
        assertThat(push.out()).contains("pushed etl:1.4.3 (sha256:").contains("to " + EAST);
        assertThat(sim.images(WEST, "etl")).as("replicated at once, no up needed").contains("1.4.3");
        assertThat(sim.images(WEST, "reporting")).as("only the repository pushed to").isEmpty();

        Repo.Result none = repo.run("sim", "push", EAST, "nosuch:1");
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.err()).contains("no ECR repository 'nosuch' in us-east-1").contains("etl");
    }

    @Test
    void failoverListsTheImagesTheSurvivorsRegistryLacksUnderNeedsAPerson() throws Exception {
        repo.ok("up", "--all", "--yes");
        sim.pushImage(EAST, "etl", "1.4.2"); // replicated into the west; reporting:2.0.1 is pushed nowhere
        sim.outage(EAST);

        JsonNode report = failover();
        String actions = report.get("actions").toString();
        assertThat(actions).contains("push image reporting:2.0.1 into prod-usw2's registry in us-west-2 "
                + "(123456789012.dkr.ecr.us-west-2.amazonaws.com/reporting); deployment reporting cannot start without it: "
                + "`lifeboat sim push us-west-2 reporting:2.0.1`");
        assertThat(actions).as("etl:1.4.2 is in the survivor's registry").doesNotContain("push image etl");

        repo.ok("sim", "push", WEST, "reporting:2.0.1");
        assertThat(failover().get("actions").toString()).as("the person pushed it").doesNotContain("push image");
    }

    @Test
    void imagesGoWithTheirRepository() {
        repo.ok("up", "--all", "--yes");
        sim.pushImage(EAST, "etl", "1.4.2");
        assertThat(sim.images(WEST, "etl")).contains("1.4.2");
        assertThat(sim.deleteBehindBack(WEST, "etl")).isTrue();
        assertThat(sim.images(WEST, "etl")).isEmpty();
        Repo.Result up = repo.ok("up", "--all", "--yes", "--refresh");
        assertThat(up.err()).as("the primary's up finds the pair's repository gone")
                .contains("warning: image etl:1.4.2 was not copied: prod-usw2's repository 123456789012.dkr.ecr.us-west-2.amazonaws.com/etl is gone");
        assertThat(up.out()).as("the pair's up makes it again, empty; the image is copied into it again")
                .contains("copied image etl:1.4.2 from " + EAST_ETL);
        assertThat(sim.images(WEST, "etl")).contains("1.4.2");
    }
}
