package io.lifeboat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lifeboat.spec.LoadResult;
import io.lifeboat.spec.SpecLoader;
import io.lifeboat.spec.WorkingTreeSource;

/** A program stack's spec hash: its project's sources, not what its build or Lifeboat itself writes beside them. */
class SpecHashTest {
    @TempDir
    Path root;

    private String hash() throws Exception {
        WorkingTreeSource tree = new WorkingTreeSource(root);
        LoadResult loaded = new SpecLoader(tree).load(List.of(SpecLoader.DEFAULT_STACKS));
        assertThat(loaded.ok()).as("%s", loaded.diagnostics()).isTrue();
        return SpecHash.of(tree, loaded.stack("p-use1"));
    }

    @Test
    void aProjectAtTheRepositoryRootIsHashedWithoutLifeboatsStateNorItsBuild() throws Exception {
        // the layout of examples/pulumi-java copied as a repository of its own (bin/demo pulumi): program: .. is the root
        Files.createDirectories(root.resolve(".git"));
        Files.createDirectories(root.resolve("stacks"));
        Files.writeString(root.resolve("Pulumi.yaml"), "name: p\nruntime:\n  name: java\n  options:\n    binary: target/p.jar\n");
        Files.writeString(root.resolve("stacks/primary.yaml"), """
                apiVersion: lifeboat.io/v1
                kind: Stack
                metadata:
                  name: p-use1
                spec:
                  program: ..
                  role: primary
                  cloud: aws
                  endpoint: sim
                  region: us-east-1
                """);
        Files.createDirectories(root.resolve("src"));
        Files.writeString(root.resolve("src/Main.java"), "class Main {}");
        String before = hash();

        Files.createDirectories(root.resolve(".lifeboat/state"));
        Files.writeString(root.resolve(".lifeboat/state/p-use1.json"), "{}");
        Files.createDirectories(root.resolve("target"));
        Files.writeString(root.resolve("target/p.jar"), "jar");
        assertThat(hash()).as("an up writes its state under .lifeboat/: the spec is still the one applied").isEqualTo(before);

        Files.writeString(root.resolve("src/Main.java"), "class Main { int changed; }");
        assertThat(hash()).as("a change of the program's source").isNotEqualTo(before);
    }
}
