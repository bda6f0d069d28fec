package io.lifeboat.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spec diff between two commits: files added, deleted, modified, and the keys that changed. */
class GitSpecDiffTest {
    @TempDir
    Path dir;

    @Test
    void namesTheFilesAndKeysAChangeTouches() throws Exception {
        try (TempGit repo = new TempGit(dir)) {
            RevCommit base = repo.write("specs/platform.yaml", """
                    spec:
                      network: { cidr: 10.10.0.0/16, zones: 3 }
                      deployments:
                        - { name: etl, image: "etl:1.4.2" }
                        - { name: ml, image: "ml:1" }
                    """).write("stacks/gone.yaml", "x: 1\n").write("stacks/same.yaml", "y: 1\n").commit("base");
            RevCommit head = repo.write("specs/platform.yaml", """
                    spec:
                      network: { cidr: 10.30.0.0/16, zones: 3 }
                      deployments:
                        - { name: new, image: "new:1" }
                        - { name: etl, image: "etl:1.5.0" }
                        - { name: ml, image: "ml:1" }
                      registry: { replicateToPair: true }
                    """).write("stacks/added.yaml", "z: 1\n").commit("head");
            repo.git.rm().addFilepattern("stacks/gone.yaml").call();
            RevCommit head2 = repo.commit("remove a stack");
            try (GitRepository g = GitRepository.open(dir).orElseThrow()) {
                List<SpecDiff.FileChange> diff = SpecDiff.between(g.source(base), g.source(head2),
                        List.of("specs/platform.yaml", "stacks/gone.yaml", "stacks/same.yaml", "stacks/added.yaml"));
                assertThat(diff).extracting(f -> f.path() + " " + f.kind()).containsExactly("specs/platform.yaml MODIFIED",
                        "stacks/added.yaml ADDED", "stacks/gone.yaml DELETED");
                assertThat(diff.get(0).keys()).extracting(k -> k.kind() + " " + k.path()).containsExactly(
                        "MODIFIED spec.deployments[name=etl].image", "ADDED spec.deployments[name=new].image", "ADDED spec.deployments[name=new].name",
                        "MODIFIED spec.network.cidr", "ADDED spec.registry.replicateToPair");
                assertThat(SpecDiff.between(g.source(head), g.source(head), List.of("specs/platform.yaml"))).isEmpty();
            }
        }
    }
}
