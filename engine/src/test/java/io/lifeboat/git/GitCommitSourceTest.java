package io.lifeboat.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lifeboat.spec.LoadResult;
import io.lifeboat.spec.SpecLoader;
import io.lifeboat.spec.SpecSource;

/** Specs read from a commit's tree, without a checkout: files, folders, links, escapes. */
class GitCommitSourceTest {
    @TempDir
    Path dir;
    TempGit repo;
    GitRepository git;

    @BeforeEach
    void setUp() throws Exception {
        repo = new TempGit(dir);
    }

    @AfterEach
    void tearDown() {
        if (git != null) git.close();
        repo.close();
    }

    GitRepository open() {
        git = GitRepository.open(dir).orElseThrow();
        return git;
    }

    static String text(SpecSource.Lookup l) {
        assertThat(l).isInstanceOf(SpecSource.Found.class);
        return new String(((SpecSource.Found) l).bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void readsAFileAsTheCommitHasItNotAsTheWorkingTreeHasIt() throws Exception {
        RevCommit first = repo.write("specs/a.yaml", "v: 1\n").commit("first");
        repo.write("specs/a.yaml", "v: 2\n").commit("second");
        repo.write("specs/a.yaml", "v: 3 (not committed)\n");
        GitRepository g = open();
        assertThat(text(g.source(first).read("specs/a.yaml"))).isEqualTo("v: 1\n");
        assertThat(text(g.source(g.resolve("HEAD")).read("specs/a.yaml"))).isEqualTo("v: 2\n");
        assertThat(text(g.source(g.resolve("main~1")).read("specs/./x/../a.yaml"))).isEqualTo("v: 1\n");
        assertThat(g.source(first).describe()).isEqualTo("commit " + first.name().substring(0, 7));
    }

    @Test
    void listsFilesOfAFolderAndTellsFoldersFromFiles() throws Exception {
        RevCommit c = repo.write("stacks/b.yaml", "b").write("stacks/a.yaml", "a").write("stacks/sub/c.yaml", "c")
                .write("specs/p.yaml", "p").link("stacks/linked.yaml", "../specs/p.yaml").commit("files");
        SpecSource s = open().source(c);
        assertThat(s.list("stacks")).containsExactly("stacks/a.yaml", "stacks/b.yaml", "stacks/linked.yaml");
        assertThat(s.list("nothing")).isEmpty();
        assertThat(s.list("stacks/a.yaml")).isEmpty();
        assertThat(s.isDirectory("stacks")).isTrue();
        assertThat(s.isDirectory("stacks/sub")).isTrue();
        assertThat(s.isDirectory("stacks/a.yaml")).isFalse();
        assertThat(s.read("stacks")).isInstanceOf(SpecSource.Missing.class);
        assertThat(s.read("stacks/none.yaml")).isInstanceOf(SpecSource.Missing.class);
        assertThat(s.read("stacks/a.yaml/x")).isInstanceOf(SpecSource.Missing.class);
        assertThat(text(s.read("stacks/linked.yaml"))).isEqualTo("p");
    }

    @Test
    void linksInsideTheRepositoryAreFollowedAndLinksOutOfItAreEscapes() throws Exception {
        RevCommit c = repo.write("real/specs/p.yaml", "p").link("specs", "real/specs").link("out.yaml", "../../etc/passwd")
                .link("abs.yaml", "/etc/passwd").link("loop.yaml", "loop.yaml").commit("links");
        SpecSource s = open().source(c);
        assertThat(text(s.read("specs/p.yaml"))).isEqualTo("p");
        assertThat(s.isDirectory("specs")).isTrue();
        assertThat(s.list("specs")).containsExactly("specs/p.yaml");
        assertThat(s.read("out.yaml")).isInstanceOf(SpecSource.Escapes.class);
        assertThat(((SpecSource.Escapes) s.read("abs.yaml")).target()).isEqualTo("/etc/passwd");
        assertThat(s.read("../outside.yaml")).isInstanceOf(SpecSource.Escapes.class);
        assertThat(s.read("loop.yaml")).isInstanceOf(SpecSource.Missing.class);
    }

    @Test
    void theLoaderReadsAndValidatesStacksAtACommit() throws Exception {
        Path project = locate();
        copy(project.resolve("specs/platform.yaml"), "specs/platform.yaml");
        copy(project.resolve("stacks/primary.yaml"), "stacks/primary.yaml");
        copy(project.resolve("stacks/secondary.yaml"), "stacks/secondary.yaml");
        RevCommit good = repo.commit("platform");
        repo.write("specs/platform.yaml", "apiVersion: lifeboat.io/v1\nkind: Platform\nmetadata: { name: x }\nspec: { netwrk: {} }\n");
        RevCommit bad = repo.commit("typo");
        GitRepository g = open();

        LoadResult ok = new SpecLoader(g.source(good)).load(List.of());
        assertThat(ok.ok()).as(ok.diagnostics().sorted().toString()).isTrue();
        assertThat(ok.stacks()).extracting(s -> s.name()).containsExactlyInAnyOrder("prod-use1", "prod-usw2");

        LoadResult broken = new SpecLoader(g.source(bad)).load(List.of());
        assertThat(broken.ok()).isFalse();
        assertThat(broken.diagnostics().sorted().toString()).contains("specs/platform.yaml").contains("netwrk");
    }

    @Test
    void anUnknownRevisionIsRefusedByName() throws Exception {
        repo.write("a.yaml", "a").commit("one");
        GitRepository g = open();
        assertThatThrownBy(() -> g.resolve("no-such-branch")).isInstanceOf(UnknownRevisionException.class)
                .hasMessageContaining("'no-such-branch'").hasMessageContaining(dir.toString());
        assertThatThrownBy(() -> g.resolve("main^^^^")).isInstanceOf(UnknownRevisionException.class).hasMessageContaining("'main^^^^'");
    }

    @Test
    void noRepositoryWhereThereIsNone() throws Exception {
        Path plain = dir.resolve("plain");
        java.nio.file.Files.createDirectories(plain.resolve(".git"));
        assertThat(GitRepository.open(plain)).isEmpty();
    }

    @Test
    void openingARepositoryNeverAsksAGitProcessWhereTheSystemConfigIs() throws Exception {
        repo.write("a.yaml", "a").commit("one");
        open();
        String env = System.getenv("GIT_CONFIG_SYSTEM");
        assertThat(org.eclipse.jgit.util.FS.DETECTED.getGitSystemConfig())
                .isEqualTo(new java.io.File(env != null && !env.isEmpty() ? env : "/etc/gitconfig"));
    }

    private void copy(Path from, String to) throws Exception {
        repo.write(to, java.nio.file.Files.readString(from));
    }

    static Path locate() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !java.nio.file.Files.isDirectory(p.resolve("specs"))) p = p.getParent();
        return p;
    }
}
