package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A plan's property changes as leaves with their paths, in the text, the PR comment and the JSON. */
class PlanDiffEndToEndTest extends SimRepoTest {
    static final String PRIMARY = "stacks/primary.yaml";
    static final String PLATFORM = "specs/platform.yaml";
    static final String IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/etl:";
    static final String LEAF = "spec.template.spec.containers[name=scheduler].image: \"" + IMAGE + "1.4.2\" => \"" + IMAGE + "1.5.0\"";
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void setUp() throws Exception {
        repo.ok("up", "--stack", PRIMARY, "--yes");
    }

    JsonNode step(JsonNode plan, String type, String name) {
        for (JsonNode s : plan.get("stacks").get(0).get("steps")) {
            if (s.get("type").asText().equals(type) && s.get("name").asText().equals(name)) return s;
        }
        throw new AssertionError("no step " + type + " " + name + " in " + plan);
    }

    @Test
    void aNewImageShowsAsTheContainersImageLeafWithBothVersionsInTheTextAndThePullRequestComment() throws Exception {
        repo.edit(PLATFORM, "image: etl:1.4.2", "image: etl:1.5.0");

        String text = repo.ok("preview", "--stack", PRIMARY).out();
        String details = text.substring(text.indexOf("~ kubernetes:apps/v1:Deployment etl-scheduler: update"), text.indexOf("Resources:"));
        assertThat(details).startsWith("~ kubernetes:apps/v1:Deployment etl-scheduler: update\n    ~ " + LEAF + "\n")
                .doesNotContain("~ spec: {").doesNotContain("…");

        String comment = repo.ok("preview", "--stack", PRIMARY, "--format", "markdown").out();
        assertThat(comment).contains("```diff\n").contains("    ~ " + LEAF + "\n")
                .contains("containers[name=webserver].image: \"" + IMAGE + "1.4.2\" => \"" + IMAGE + "1.5.0\"")
                .doesNotContain("~ spec: {");
    }

    @Test
    void previewJsonCarriesTheRealValuesOfAChange() throws Exception {
        repo.edit(PLATFORM, "image: etl:1.4.2", "image: etl:1.5.0");

        JsonNode plan = JSON.readTree(repo.ok("preview", "--stack", PRIMARY, "--format", "json").out());
        JsonNode s = step(plan, "kubernetes:apps/v1:Deployment", "etl-scheduler");

        assertThat(s.get("op").asText()).isEqualTo("update");
        assertThat(s.get("actions")).extracting(JsonNode::asText).containsExactly("update");
        assertThat(s.get("reason").asText()).isEqualTo("properties changed");
        JsonNode container = s.at("/before/spec/template/spec/containers/0");
        assertThat(container.get("name").asText()).isEqualTo("scheduler");
        assertThat(container.get("image").asText()).isEqualTo(IMAGE + "1.4.2");
        assertThat(s.at("/after/spec/template/spec/containers/0/image").asText()).isEqualTo(IMAGE + "1.5.0");
        assertThat(s.at("/after/spec/replicas").isIntegralNumber()).isTrue();
        assertThat(s.get("after_unknown").size()).isZero();
        assertThat(s.get("replace_paths").size()).isZero();
        assertThat(s.get("diff")).extracting(d -> d.get("change").asText() + " " + d.get("path").asText())
                .containsExactly("modified spec.template.spec.containers[name=scheduler].image");
        assertThat(plan.at("/stacks/0/outputs/registryUrls/etl").asText()).endsWith("/etl");
        assertThat(plan.toString()).doesNotContain("…").doesNotContain(repo.env.get("WAREHOUSE_PASSWORD"));
    }

    @Test
    void previewJsonNamesWhatForcesAReplacementAndWhatIsUnknownUntilApply() throws Exception {
        repo.edit(PRIMARY, "cidr: 10.10.0.0/16", "cidr: 10.30.0.0/16");

        JsonNode plan = JSON.readTree(repo.ok("preview", "--stack", PRIMARY, "--allow-data-loss", "--format", "json").out());
        JsonNode vpc = step(plan, "aws:ec2/vpc:Vpc", "vpc");

        assertThat(vpc.get("op").asText()).isEqualTo("replace");
        assertThat(vpc.get("actions")).extracting(JsonNode::asText).containsExactly("create", "delete");
        assertThat(vpc.get("reason").asText()).isEqualTo("replacement forced by cidrBlock");
        assertThat(vpc.get("replace_paths").toString()).isEqualTo("[[\"cidrBlock\"]]");
        assertThat(vpc.at("/before/cidrBlock").asText()).isEqualTo("10.10.0.0/16");
        assertThat(vpc.at("/after/cidrBlock").asText()).isEqualTo("10.30.0.0/16");

        JsonNode subnet = step(plan, "aws:ec2/subnet:Subnet", "public-a");
        assertThat(subnet.get("op").asText()).isEqualTo("replace");
        assertThat(subnet.at("/before/vpcId").asText()).startsWith("vpc-");
        assertThat(subnet.get("after").has("vpcId")).as("an unknown is left out of after").isFalse();
        assertThat(subnet.at("/after_unknown/vpcId").asBoolean()).isTrue();
        assertThat(subnet.get("replace_paths")).extracting(JsonNode::toString).contains("[\"vpcId\"]");
    }
}
