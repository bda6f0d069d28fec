package io.lifeboat.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GCP example pair's own checks: a gcp stack names its project, and a peering names a GCP network in a GCP project. */
class GcpStackChecksTest {
    static final Path EXAMPLE = SpecCorpus.EXAMPLES.resolve("examples/gcp");

    @TempDir
    Path tmp;

    private int copies;

    private LoadResult load(String file, String from, String to) throws Exception {
        Path tmp = this.tmp.resolve("copy-" + copies++);
        for (String dir : List.of("specs", "stacks")) {
            Files.createDirectories(tmp.resolve(dir));
            try (var files = Files.list(EXAMPLE.resolve(dir))) {
                for (Path f : files.toList()) Files.copy(f, tmp.resolve(dir).resolve(f.getFileName()));
            }
        }
        Path p = tmp.resolve(file);
        String text = Files.readString(p);
        assertThat(text).contains(from);
        Files.writeString(p, text.replace(from, to));
        return new SpecLoader(new WorkingTreeSource(tmp)).load(List.of());
    }

    private static List<Diagnostic> errors(LoadResult r) {
        return r.diagnostics().sorted().stream().filter(Diagnostic::isError).toList();
    }

    @Test
    void theExamplePairIsValid() throws Exception {
        LoadResult r = load("stacks/primary.yaml", "project: acme-data-prod", "project: acme-data-prod");
        assertThat(errors(r)).isEmpty();
    }

    @Test
    void aGcpStackWithoutAProjectIsRefusedAtTheStack() throws Exception {
        LoadResult r = load("stacks/primary.yaml", "  project: acme-data-prod\n", "");
        assertThat(errors(r)).anySatisfy(d -> {
            assertThat(d.message()).contains("project");
            assertThat(d.position().file()).isEqualTo("stacks/primary.yaml");
        });
    }

    @Test
    void aProjectIdOutsideGcpsRulesIsRefused() throws Exception {
        LoadResult r = load("stacks/primary.yaml", "project: acme-data-prod", "project: Acme_Data");
        assertThat(errors(r)).anySatisfy(d -> assertThat(d.hint()).contains("GCP project id"));
    }

    @Test
    void anAwsVpcIdAsAGcpPeerNetworkIsRefusedWithTheFix() throws Exception {
        LoadResult r = load("specs/platform.yaml", "peerVpcId: corp-net", "peerVpcId: vpc-0a1b2c3d\n      # was corp-net");
        // vpc-0a1b2c3d is a valid network name too; an account of 12 digits is not a project
        LoadResult account = load("specs/platform.yaml", "peerAccount: acme-corp-network", "peerAccount: \"111122223333\"");
        assertThat(errors(account)).anySatisfy(d -> {
            assertThat(d.message()).contains("111122223333").contains("not a GCP project id");
            assertThat(d.position().file()).isEqualTo("specs/platform.yaml");
        });
        LoadResult link = load("specs/platform.yaml", "peerVpcId: corp-net", "peerVpcId: https://example.com/corp");
        assertThat(errors(link)).anySatisfy(d -> assertThat(d.message()).contains("not a GCP network name or self link"));
        assertThat(errors(r)).isEmpty();
    }
}
