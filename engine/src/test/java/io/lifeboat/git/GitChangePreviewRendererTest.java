package io.lifeboat.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import io.lifeboat.plan.GraphRenderer;
import io.lifeboat.plan.Plan;
import io.lifeboat.plan.ResourceGraph;
import io.lifeboat.plan.Step;
import io.lifeboat.resource.Goal;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.ResourceOptions;
import io.lifeboat.resource.Urn;
import io.lifeboat.state.ResourceState;

/** The pull-request comment: folded stacks, a Mermaid graph of the changes, and GitHub's size limit. */
class GitChangePreviewRendererTest {
    static final String VPC = "aws:ec2/vpc:Vpc";
    static final String SUBNET = "aws:ec2/subnet:Subnet";

    static Urn urn(String type, String name) {
        return new Urn("prod", "lifeboat", type, name);
    }

    static Goal goal(String type, String name, Props inputs, ResourceOptions o) {
        return new Goal(urn(type, name), true, inputs, o, null);
    }

    static ResourceState old(Goal g) {
        return new ResourceState(g.urn(), true, "id-" + g.name(), g.inputs(), g.inputs(), g.options().parent(), false, false,
                List.copyOf(g.dependencies()), Map.of(), null, false, null, null);
    }

    /** A vpc kept as it is, a subnet in it created, another updated, an old one deleted. */
    static Plan smallPlan() {
        Goal vpc = goal(VPC, "vpc", Props.builder().put("cidrBlock", "10.0.0.0/16").build(), ResourceOptions.NONE);
        PropertyValue vpcId = new PropertyValue.Ref(vpc.urn(), "id");
        Goal a = goal(SUBNET, "sub-a", Props.builder().put("vpcId", vpcId).build(), ResourceOptions.NONE);
        Goal b = goal(SUBNET, "we\"ird <name>", Props.builder().put("vpcId", vpcId).build(), ResourceOptions.NONE);
        Goal gone = goal(SUBNET, "sub-old", Props.builder().put("vpcId", vpcId).build(), ResourceOptions.NONE);
        return new Plan("prod", List.of(new Step.Same(vpc, old(vpc)), new Step.Create(a),
                new Step.Update(b, old(b), List.of()), new Step.Delete(old(gone), false)), Map.of(), List.of());
    }

    static Plan hugePlan(int n) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            steps.add(new Step.Create(goal(SUBNET, "subnet-with-a-rather-long-name-" + i,
                    Props.builder().put("cidrBlock", "10." + i / 256 + "." + i % 256 + ".0/24").build(), ResourceOptions.NONE)));
        }
        return new Plan("big", steps, Map.of(), List.of());
    }

    static ChangePreview preview(Plan... plans) {
        List<ChangePreview.StackPlan> stacks = new ArrayList<>();
        for (Plan p : plans) stacks.add(new ChangePreview.StackPlan(p.stack(), "stacks/" + p.stack() + ".yaml", "us-east-1", "primary", "modified", p));
        return new ChangePreview(new ChangePreview.Revision("main", "a".repeat(40), "base"), new ChangePreview.Revision("HEAD", "b".repeat(40), "head"),
                "a".repeat(40), List.of(new SpecDiff.FileChange("specs/platform.yaml", SpecDiff.Kind.MODIFIED,
                List.of(new SpecDiff.KeyChange("spec.network.cidr", SpecDiff.Kind.MODIFIED)))), stacks, List.of());
    }

    @Test
    void theGraphHoldsTheChangesAndTheUnchangedResourcesTheyHangFrom() {
        ResourceGraph g = ResourceGraph.changes(smallPlan());
        assertThat(g.nodes()).extracting(n -> n.urn().name() + " " + n.change()).containsExactly(
                "sub-a CREATE", "we\"ird <name> UPDATE", "sub-old DELETE", "vpc SAME");
        assertThat(g.edges()).extracting(e -> e.from().name() + " -> " + e.to().name()).containsExactly(
                "vpc -> sub-a", "vpc -> we\"ird <name>", "vpc -> sub-old");

        String mermaid = new GraphRenderer().mermaid(g);
        assertThat(mermaid).startsWith("flowchart LR\n").contains("n0[\"sub-a (create)<br/>aws:ec2/subnet:Subnet\"]:::create")
                .contains("n1[\"we#quot;ird #lt;name#gt; (update)").contains("n3[\"vpc<br/>aws:ec2/vpc:Vpc\"]:::same")
                .contains("n3 --> n0").contains("classDef same").doesNotContain("<name>");
        String dot = new GraphRenderer().dot(g, "prod");
        assertThat(dot).startsWith("digraph \"prod\"").contains("label=\"we\\\"ird <name> (update)\\naws:ec2/subnet:Subnet\"")
                .contains("n3 -> n0;");
    }

    @Test
    void theCommentFoldsEachStackAndDrawsItsChanges() {
        String md = new ChangePreviewRenderer().markdown(preview(smallPlan()));
        assertThat(md).startsWith(ChangePreviewRenderer.MARKER).contains("## Lifeboat preview")
                .contains("Changes from `main` (`aaaaaaa`) to `HEAD` (`bbbbbbb`)")
                .contains("| **prod** | us-east-1 | primary | modified | 1 | 1 | 0 | 1 | 1 |")
                .contains("<details><summary>Spec changes: 1 file</summary>").contains("`~ spec.network.cidr`")
                .contains("<details><summary><b>prod</b> (us-east-1, primary): + 1 to create, ~ 1 to update, - 1 to delete, 1 unchanged</summary>")
                .contains("```mermaid\nflowchart LR\n").doesNotContain("✂");
        assertBalanced(md);
    }

    @Test
    void aHugePlanIsCutUnderGitHubsLimitWithANoteWhereAndEveryStackKeepsItsShare() {
        ChangePreview p = preview(hugePlan(6000), smallPlan());
        String md = new ChangePreviewRenderer().markdown(p);
        assertThat(md.length()).isLessThanOrEqualTo(CommentLimit.GITHUB_COMMENT_LIMIT).isGreaterThan(60_000);
        assertThat(md).contains("✂ Cut here to fit GitHub's 65,536-character comment limit: ").contains("more lines of big's plan")
                .contains("`lifeboat preview --stack big --format json` gives all of it")
                .contains("This comment was cut to fit GitHub's 65,536-character limit");
        // the small stack after the huge one is shown whole
        assertThat(md).contains("<b>prod</b>").contains("sub-old");
        assertThat(md).contains("The graph shows the first 80 of 6000 resources");
        assertBalanced(md);

        JsonNode json = new ChangePreviewRenderer().json(p);
        assertThat(json.get("stacks").get(0).get("steps")).hasSize(6000);
        assertThat(json.get("specDiff").get(0).get("keys").get(0).get("path").asText()).isEqualTo("spec.network.cidr");
        assertThat(json.get("stacks").get(1).get("graph").get("edges")).hasSize(3);
    }

    @Test
    void cuttingClosesAnOpenCodeBlockAndOpenDetails() {
        StringBuilder sb = new StringBuilder("<details><summary>s</summary>\n\n```diff\n");
        for (int i = 0; i < 1000; i++) sb.append("+ line ").append(i).append('\n');
        sb.append("```\n</details>\n");
        String cut = CommentLimit.cut(sb.toString(), 500, left -> "CUT " + left);
        assertThat(cut.length()).isLessThanOrEqualTo(500);
        long kept = 3 + cut.lines().filter(l -> l.startsWith("+ line")).count(); // the details, the blank line, the fence
        assertThat(kept).isGreaterThan(10);
        assertThat(cut).endsWith("+ line " + (kept - 4) + "\n```\n\nCUT " + (1006 - kept) + "\n\n</details>\n");
        assertBalanced(cut);
        assertThat(CommentLimit.cut("short", 500, left -> "CUT")).isEqualTo("short");
    }

    static void assertBalanced(String md) {
        long fences = md.lines().filter(l -> l.startsWith("```")).count();
        assertThat(fences % 2).as("code fences are closed").isZero();
        int open = md.split("<details", -1).length - 1;
        int close = md.split("</details>", -1).length - 1;
        assertThat(open).as("every <details> is closed").isEqualTo(close);
    }
}
