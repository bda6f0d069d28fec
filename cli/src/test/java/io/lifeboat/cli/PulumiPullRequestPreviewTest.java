package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A pull request's preview of a program stack: the program as the head commit holds it (checked
 * out of the commit, not the working tree's uncommitted edits) planned against the stack's state.
 */
class PulumiPullRequestPreviewTest extends SimRepoTest {
    Git git;

    @BeforeEach
    void programStacksInGit() throws Exception {
        PulumiStackEndToEndTest.useTestProgram(repo);
        Files.delete(dir.resolve(".git"));
        git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
        Files.writeString(dir.resolve(".gitignore"), ".lifeboat/\n");
        commit("Program v1");
    }

    @AfterEach
    void close() {
        git.close();
    }

    RevCommit commit(String subject) throws Exception {
        return GitWorkflowEndToEndTest.commit(git, subject);
    }

    @Test
    void thePreviewOfAPullRequestRunsTheProgramAsItsHeadCommitHoldsIt() throws Exception {
        ok("up", "--stack", "prod-use1", "--yes");
        repo.edit("program/Pulumi.prod-use1.yaml", "10.50.0.0/16", "10.60.0.0/16");
        RevCommit v2 = commit("A new network");
        // an uncommitted edit that neither commit holds: it must not show
        repo.edit("program/Pulumi.prod-use1.yaml", "10.60.0.0/16", "10.70.0.0/16");

        Repo.Result md = ok("preview", "--stack", "prod-use1", "--base", "main~1", "--head", "main", "--format", "markdown");
        assertThat(md.out()).contains("`main` (`" + v2.name().substring(0, 7) + "`)").contains("prod-use1")
                .contains("10.60.0.0/16").doesNotContain("10.70.0.0/16");
        assertThat(md.out()).as("the VPC's new CIDR replaces it").contains("replace");
        assertThat(md.out()).as("the program's files are the change").contains("| **prod-use1** | us-east-1 | primary | modified |")
                .contains("- `program/Pulumi.prod-use1.yaml` modified: 1 key").contains("`~ config.cidr`");

        Repo.Result same = ok("preview", "--stack", "prod-use1", "--head", "main~1", "--format", "json");
        assertThat(same.out()).as("the commit that was applied changes nothing").contains("\"changes\" : false");
        assertThat(dir.resolve(".lifeboat/checkouts")).as("a commit whose program differs from the working tree's is checked out").isDirectory();

        // once the working tree holds the commit's program, it is run from there (its build is the commit's)
        repo.edit("program/Pulumi.prod-use1.yaml", "10.70.0.0/16", "10.60.0.0/16");
        try (var checkouts = Files.list(dir.resolve(".lifeboat/checkouts"))) {
            long before = checkouts.count();
            ok("preview", "--stack", "prod-use1", "--head", "main", "--format", "json");
            try (var after = Files.list(dir.resolve(".lifeboat/checkouts"))) {
                assertThat(after.count()).isEqualTo(before);
            }
        }
    }
}
