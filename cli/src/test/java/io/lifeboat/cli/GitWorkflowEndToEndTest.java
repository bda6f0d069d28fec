package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lifeboat.git.ChangePreviewRenderer;

/**
 * The git-native workflow end to end, on a repository made with JGit holding the example specs:
 * two commits of a spec, the preview between them, the commit recorded by `up`, the secondary's
 * lag in `status`, and the refusal of a dirty working tree.
 */
class GitWorkflowEndToEndTest extends SimRepoTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PRIMARY = "stacks/primary.yaml";
    static final String PLATFORM = "specs/platform.yaml";

    Git git;
    RevCommit v1;

    @BeforeEach
    void setUp() throws Exception {
        Files.delete(dir.resolve(".git"));
        git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
        Files.writeString(dir.resolve(".gitignore"), ".lifeboat/\n");
        v1 = commit("Platform v1");
    }

    @AfterEach
    void tearDown() {
        git.close();
    }

    RevCommit commit(String subject) throws Exception {
        return commit(git, subject);
    }

    /** Commits everything in the working tree, as Ann Operator. */
    static RevCommit commit(Git git, String subject) throws Exception {
        git.add().addFilepattern(".").call();
        PersonIdent ann = new PersonIdent("Ann Operator", "ann@example.com");
        return git.commit().setMessage(subject).setAuthor(ann).setCommitter(ann).setSign(false).call();
    }

    /** Version 2: a bigger node pool everywhere (an update), a new network for the primary (a chain of replacements). */
    RevCommit v2() throws Exception {
        repo.edit(PLATFORM, "max: 10", "max: 12");
        repo.edit(PRIMARY, "cidr: 10.10.0.0/16", "cidr: 10.30.0.0/16");
        return commit("Bigger node pool, new primary network");
    }

    JsonNode commitOf(String stackFile) throws Exception {
        JsonNode state = JSON.readTree(repo.ok("state", "export", "--stack", stackFile).out());
        return state.get("deployment").get("metadata").get("lifeboat").get("commit");
    }

    @Test
    void upRecordsTheAppliedCommitAndStatusCountsTheCommitsTheSecondaryIsBehind() throws Exception {
        repo.ok("up", "--all", "--yes");
        JsonNode c = commitOf(PRIMARY);
        assertThat(c.get("sha").asText()).isEqualTo(v1.name());
        assertThat(c.get("author").asText()).isEqualTo("Ann Operator <ann@example.com>");
        assertThat(c.get("subject").asText()).isEqualTo("Platform v1");
        assertThat(c.has("dirty")).isFalse();
        JsonNode rows = JSON.readTree(repo.ok("status", "--format", "json").out());
        assertThat(rows.get(1).get("stack").asText()).isEqualTo("prod-usw2");
        assertThat(rows.get(1).get("behindCommits").asInt()).isZero();

        RevCommit v2 = v2();
        RevCommit v3 = commitEmpty("Unrelated change");
        // v2 moves the primary to a new network, which replaces its database: allowed knowingly (the data-loss guard)
        repo.ok("up", "--stack", PRIMARY, "--yes", "--allow-data-loss");
        assertThat(commitOf(PRIMARY).get("sha").asText()).isEqualTo(v3.name());
        assertThat(commitOf("stacks/secondary.yaml").get("sha").asText()).isEqualTo(v1.name());

        rows = JSON.readTree(repo.ok("status", "--format", "json").out());
        assertThat(rows.get(0).get("commit").get("sha").asText()).isEqualTo(v3.name());
        assertThat(rows.get(1).get("commit").get("sha").asText()).isEqualTo(v1.name());
        assertThat(rows.get(1).get("behindCommits").asInt()).isEqualTo(2);
        assertThat(rows.get(0).get("behindCommits").isNull()).isTrue();

        String text = repo.ok("status").out();
        assertThat(text).contains("COMMIT").contains(v3.name().substring(0, 7)).contains("behind: 2 commits")
                .contains("prod-use1: " + v3.name().substring(0, 7) + " Unrelated change (Ann Operator <ann@example.com>)")
                .contains("prod-usw2: " + v1.name().substring(0, 7) + " Platform v1");

        // the secondary catches up from a ref, without checking it out
        repo.ok("up", "--stack", "stacks/secondary.yaml", "--ref", v2.name(), "--yes");
        assertThat(commitOf("stacks/secondary.yaml").get("sha").asText()).isEqualTo(v2.name());
        assertThat(repo.ok("status").out()).contains("behind: 1 commit");
    }

    RevCommit commitEmpty(String subject) throws Exception {
        Files.writeString(dir.resolve("NOTES.md"), subject + "\n");
        return commit(subject);
    }

    @Test
    void previewBetweenTwoCommitsPlansHeadAgainstTheStateAndSummarisesTheSpecDiff() throws Exception {
        repo.ok("up", "--all", "--yes");
        RevCommit v2 = v2();
        // an uncommitted edit that neither base nor head holds: it must not show
        repo.edit(PLATFORM, "image: etl:1.4.2", "image: etl:9.9.9");

        Repo.Result md = repo.ok("preview", "--all", "--allow-data-loss", "--base", "main~1", "--head", "main", "--format", "markdown");
        assertThat(md.out()).startsWith(ChangePreviewRenderer.MARKER)
                .contains("Changes from `main~1` (`" + v1.name().substring(0, 7) + "`) to `main` (`" + v2.name().substring(0, 7) + "`)")
                .contains("| **prod-use1** | us-east-1 | primary | modified |")
                .contains("- `specs/platform.yaml` modified: 1 key").contains("`~ spec.cluster.nodePools[name=default].max`")
                .contains("- `stacks/primary.yaml` modified: 1 key").contains("`~ spec.overrides.network.cidr`")
                .contains("<details><summary><b>prod-use1</b> (us-east-1, primary): ")
                .contains("<details><summary><b>prod-usw2</b> (us-west-2, secondary): ~ ")
                .contains("```mermaid\nflowchart LR\n").contains("vpc (replace)<br/>aws:ec2/vpc:Vpc")
                .doesNotContain("9.9.9");
        assertThat(md.out().length()).isLessThanOrEqualTo(65_536);

        JsonNode json = JSON.readTree(repo.ok("preview", "--all", "--allow-data-loss", "--base", v1.name(), "--head", v2.name(), "--format", "json").out());
        assertThat(json.get("base").get("sha").asText()).isEqualTo(v1.name());
        assertThat(json.get("head").get("sha").asText()).isEqualTo(v2.name());
        assertThat(json.get("changes").asBoolean()).isTrue();
        assertThat(json.get("specDiff")).extracting(f -> f.get("path").asText()).containsExactly(PLATFORM, PRIMARY);
        JsonNode primary = json.get("stacks").get(0);
        assertThat(primary.get("stack").asText()).isEqualTo("prod-use1");
        assertThat(primary.get("specChange").asText()).isEqualTo("modified");
        assertThat(EngineEndToEndTest.ops(primary)).containsEntry("vpc", "replace").containsEntry("default", "replace");
        assertThat(EngineEndToEndTest.ops(json.get("stacks").get(1))).containsEntry("default", "update").doesNotContainKey("vpc");
        assertThat(primary.get("graph").get("edges").size()).isGreaterThan(0);

        // head against itself changes no spec; the plan still says what applying it would do
        JsonNode same = JSON.readTree(repo.ok("preview", "--all", "--allow-data-loss", "--base", v2.name(), "--head", v2.name(), "--format", "json").out());
        assertThat(same.get("specDiff")).isEmpty();
        assertThat(same.get("stacks").get(0).get("specChange").asText()).isEqualTo("unchanged");

        Repo.Result unknown = repo.run("preview", "--all", "--base", "no-such-branch", "--format", "markdown");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("unknown revision 'no-such-branch'").doesNotContain("LIFEBOAT_DEBUG");
        assertThat(repo.run("preview", "--all", "--ref", "nope").err()).contains("unknown revision 'nope'");
    }

    @Test
    void upRefusesUncommittedChangesToTheFilesItAppliesUnlessAllowed() throws Exception {
        repo.edit(PLATFORM, "max: 10", "max: 11");
        Files.writeString(dir.resolve("stacks/notes.txt"), "not a spec, not read");
        Repo.Result refused = repo.run("up", "--all", "--yes");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("refusing to apply uncommitted changes").contains("specs/platform.yaml (modified)")
                .contains("--allow-dirty").contains("Nothing was changed").doesNotContain("notes.txt");
        assertThat(dir.resolve(".lifeboat/state/prod-use1.json")).doesNotExist();

        // a commit is applied as it is, whatever the working tree holds
        repo.ok("up", "--stack", PRIMARY, "--ref", "HEAD", "--yes");
        assertThat(commitOf(PRIMARY).get("sha").asText()).isEqualTo(v1.name());
        assertThat(commitOf(PRIMARY).has("dirty")).isFalse();

        Repo.Result allowed = repo.ok("up", "--stack", PRIMARY, "--allow-dirty", "--yes");
        assertThat(allowed.err()).contains("applying uncommitted changes").contains("specs/platform.yaml (modified)");
        assertThat(commitOf(PRIMARY).get("dirty").asBoolean()).isTrue();
        assertThat(repo.ok("status").out()).contains(v1.name().substring(0, 7) + "+dirty");

        // staged and untracked count too; destroy and preview do not care
        git.add().addFilepattern(PLATFORM).call();
        assertThat(repo.run("up", "--all", "--yes").err()).contains("specs/platform.yaml (staged)");
        repo.ok("preview", "--all");
        commit("Node pool max 11");
        Files.writeString(dir.resolve("specs/platform-v2.yaml"), repo.read(PLATFORM));
        repo.edit(PRIMARY, "platform: ../specs/platform.yaml", "platform: ../specs/platform-v2.yaml");
        repo.edit("stacks/secondary.yaml", "platform: ../specs/platform.yaml", "platform: ../specs/platform-v2.yaml");
        assertThat(repo.run("up", "--all", "--yes").err()).contains("specs/platform-v2.yaml (untracked)")
                .contains("stacks/primary.yaml (modified)");
    }

    @Test
    void failoverWarnsAboutUncommittedEditsAndRecordsThemAsSuchAndFailbackRecordsTheCommitOnBothStacks() throws Exception {
        repo.ok("up", "--all", "--yes");
        repo.edit("stacks/secondary.yaml", "standby: warm", "standby: warm   # promoted in an outage");
        repo.ok("sim", "outage", "us-east-1");
        Repo.Result failover = repo.ok("failover", "--from", "prod-use1", "--to", "prod-usw2", "--yes");
        assertThat(failover.err()).contains("warning: applying uncommitted changes").contains("stacks/secondary.yaml (modified)")
                .contains(v1.name().substring(0, 7) + "+dirty");
        JsonNode promoted = commitOf("stacks/secondary.yaml");
        assertThat(promoted.get("sha").asText()).isEqualTo(v1.name());
        assertThat(promoted.get("dirty").asBoolean()).isTrue();

        RevCommit v2 = commit("Note on the secondary");
        repo.ok("sim", "restore", "us-east-1");
        Repo.Result back = repo.ok("failback", "--stack", "prod-use1", "--yes");
        assertThat(back.err()).doesNotContain("uncommitted");
        assertThat(commitOf(PRIMARY).get("sha").asText()).isEqualTo(v2.name());
        assertThat(commitOf("stacks/secondary.yaml").get("sha").asText()).isEqualTo(v2.name());
        assertThat(commitOf("stacks/secondary.yaml").has("dirty")).isFalse();
    }

    @Test
    void aStackThatHeadAddsIsPlannedFromNothingAndOneItRemovesIsNamed() throws Exception {
        Files.writeString(dir.resolve("stacks/dev-primary.yaml"), repo.read(PRIMARY).replace("prod-use1", "dev-use1")
                .replace("prod-usw2", "dev-usw2").replace("10.10.0.0/16", "10.40.0.0/16"));
        Files.writeString(dir.resolve("stacks/dev-secondary.yaml"), repo.read("stacks/secondary.yaml").replace("prod-use1", "dev-use1")
                .replace("prod-usw2", "dev-usw2").replace("10.20.0.0/16", "10.50.0.0/16"));
        RevCommit added = commit("Dev stacks");
        JsonNode json = JSON.readTree(repo.ok("preview", "--all", "--base", v1.name(), "--head", added.name(), "--format", "json").out());
        assertThat(json.get("specDiff")).extracting(f -> f.get("path").asText() + " " + f.get("change").asText())
                .containsExactly("stacks/dev-primary.yaml added", "stacks/dev-secondary.yaml added");
        JsonNode dev = null;
        for (JsonNode st : json.get("stacks")) {
            String change = st.get("specChange").asText();
            if (st.get("stack").asText().equals("dev-use1")) dev = st;
            else if (st.get("stack").asText().startsWith("prod")) assertThat(change).isEqualTo("unchanged");
        }
        assertThat(dev).isNotNull();
        assertThat(dev.get("specChange").asText()).isEqualTo("added");
        assertThat(dev.get("counts").get("create").asInt()).isEqualTo(dev.get("steps").size()).isGreaterThan(20);

        git.rm().addFilepattern("stacks/dev-primary.yaml").addFilepattern("stacks/dev-secondary.yaml").call();
        RevCommit removed = commit("No more dev stacks");
        String md = repo.ok("preview", "--all", "--base", added.name(), "--head", removed.name(), "--format", "markdown").out();
        assertThat(md).contains("Stack **dev-use1** (`stacks/dev-primary.yaml`) is removed by this change")
                .contains("- `stacks/dev-primary.yaml` deleted").doesNotContain("<b>dev-use1</b>");
    }

    @Test
    void aFailoverThatMeetsSpecsBrokenInTheWorkingTreeSaysHeadHoldsValidOnesAndGoesOnWithThem() throws Exception {
        repo.ok("up", "--all", "--yes");
        repo.ok("sim", "outage", "us-east-1");
        repo.edit(PLATFORM, "cidr: 10.10.0.0/16", "cidrr: 10.10.0.0/16");
        Repo.Result refused = repo.run("failover", "--from", "prod-use1", "--to", "prod-usw2", "--yes");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("cidrr").contains("the specs are invalid")
                .contains("the specs at HEAD (" + v1.name().substring(0, 7) + ") are valid: to go on with them, run "
                        + "`lifeboat failover --from prod-use1 --to prod-usw2 --ref HEAD`");
        assertThat(repo.ok("failover", "--from", "prod-use1", "--to", "prod-usw2", "--yes", "--ref", "HEAD").out()).contains("failover complete.");

        commit("Typo");
        assertThat(repo.run("drill", "--to", "prod-usw2").err()).as("HEAD holds the same typo: nothing to point at")
                .contains("the specs are invalid").doesNotContain("--ref HEAD");
    }

    @Test
    void validateAndGraphReadAtARef() throws Exception {
        repo.edit(PLATFORM, "cidr: 10.10.0.0/16", "cidrr: 10.10.0.0/16");
        commit("Typo");
        assertThat(repo.run("validate").code()).isEqualTo(1);
        assertThat(repo.run("validate", "--ref", "HEAD").code()).isEqualTo(1);
        assertThat(repo.ok("validate", "--ref", "HEAD~1").out()).contains("valid: prod-use1");
        assertThat(repo.run("up", "--all", "--yes").err()).contains("cidrr");

        String mermaid = repo.ok("graph", "--stack", "prod-use1", "--ref", v1.name()).out();
        assertThat(mermaid).startsWith("flowchart LR\n").contains("vpc<br/>aws:ec2/vpc:Vpc").contains(" --> ").contains(" -.-> ")
                .doesNotContain("pulumi:providers:");
        String dot = repo.ok("graph", "--stack", PRIMARY, "--ref", "HEAD~1", "--format", "dot").out();
        assertThat(dot).startsWith("digraph \"prod-use1\" {").contains("aws:eks/cluster:Cluster").endsWith("}\n");
        assertThat(repo.run("graph", "--all").err()).contains("graph draws one stack");
    }
}
