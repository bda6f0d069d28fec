package io.lifeboat.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lifeboat.state.AppliedCommit;

/** Commit distance, commit descriptions, merge bases and the dirty-file check, on repositories made with JGit. */
class GitHistoryTest {
    @TempDir
    Path dir;

    @Test
    void countsTheCommitsOneShaLacksOfAnother() throws Exception {
        try (TempGit repo = new TempGit(dir)) {
            RevCommit c1 = repo.write("a", "1").commit("one");
            RevCommit c2 = repo.write("a", "2").commit("two");
            RevCommit c3 = repo.write("a", "3").commit("three");
            try (GitRepository g = GitRepository.open(dir).orElseThrow()) {
                CommitDistance d = new CommitDistance(g);
                assertThat(d.behind(c1.name(), c3.name())).hasValue(2);
                assertThat(d.behind(c2.name(), c3.name())).hasValue(1);
                assertThat(d.behind(c3.name(), c3.name())).hasValue(0);
                assertThat(d.behind(c3.name(), c1.name())).hasValue(0);
                assertThat(d.behind("0123456789012345678901234567890123456789", c3.name())).isEmpty();
                assertThat(d.behind("not-a-sha", c3.name())).isEmpty();

                AppliedCommit info = GitRepository.describe(c2);
                assertThat(info.sha()).isEqualTo(c2.name());
                assertThat(info.subject()).isEqualTo("two");
                assertThat(info.author()).isEqualTo("Ann Operator <ann@example.com>");
                assertThat(info.describe()).isEqualTo(c2.name().substring(0, 7) + " two");
                assertThat(info.asDirty().describe()).startsWith(c2.name().substring(0, 7) + "+dirty");
            }
        }
    }

    @Test
    void theMergeBaseOfABranchAndMainIsWhereTheyParted() throws Exception {
        try (TempGit repo = new TempGit(dir)) {
            RevCommit root = repo.write("a", "1").commit("root");
            repo.git.checkout().setCreateBranch(true).setName("feature").call();
            RevCommit feature = repo.write("b", "1").commit("feature");
            repo.git.checkout().setName("main").call();
            RevCommit main = repo.write("a", "2").commit("main moves on");
            try (GitRepository g = GitRepository.open(dir).orElseThrow()) {
                assertThat(g.mergeBase(g.resolve("main"), g.resolve("feature"))).hasValue(root);
                assertThat(g.resolve("feature")).isEqualTo(feature);
                assertThat(g.resolve(main.name().substring(0, 10))).isEqualTo(main);
            }
        }
    }

    @Test
    void findsModifiedStagedDeletedAndUntrackedFilesAmongThoseAsked() throws Exception {
        try (TempGit repo = new TempGit(dir)) {
            repo.write("stacks/primary.yaml", "p").write("stacks/secondary.yaml", "s").write("specs/platform.yaml", "x")
                    .write("specs/other.yaml", "o").write("README", "r").commit("all");
            try (GitRepository g = GitRepository.open(dir).orElseThrow()) {
                DirtyFiles dirty = new DirtyFiles(g);
                List<String> asked = List.of("stacks/primary.yaml", "stacks/secondary.yaml", "specs/platform.yaml", "stacks/new.yaml");
                assertThat(dirty.among(asked)).isEmpty();

                repo.write("README", "changed, but not asked about").write("specs/other.yaml", "changed, not asked");
                assertThat(dirty.among(asked)).isEmpty();

                repo.write("specs/platform.yaml", "edited");
                repo.write("stacks/secondary.yaml", "staged");
                repo.git.add().addFilepattern("stacks/secondary.yaml").call();
                Files.delete(dir.resolve("stacks/primary.yaml"));
                repo.write("stacks/new.yaml", "untracked");
                assertThat(dirty.among(asked)).extracting(DirtyFiles.Dirty::toString).containsExactly(
                        "specs/platform.yaml (modified)", "stacks/new.yaml (untracked)", "stacks/primary.yaml (deleted)",
                        "stacks/secondary.yaml (staged)");
            }
        }
    }
}
