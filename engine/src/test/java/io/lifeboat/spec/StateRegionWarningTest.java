package io.lifeboat.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stack whose S3 state sits in the region it protects is warned about (not refused): losing the region loses the state. */
class StateRegionWarningTest {
    @TempDir
    Path tmp;

    private LoadResult loadWithPrimaryState(String state) throws Exception {
        return loadWithPrimaryState(SpecCorpus.EXAMPLES, state);
    }

    private LoadResult loadWithPrimaryState(Path example, String state) throws Exception {
        for (String dir : List.of("specs", "stacks")) {
            Files.createDirectories(tmp.resolve(dir));
            try (var files = Files.list(example.resolve(dir))) {
                for (Path f : files.toList()) Files.copy(f, tmp.resolve(dir).resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path primary = tmp.resolve("stacks/primary.yaml");
        Files.writeString(primary, Files.readString(primary).replace("state: file://.lifeboat/state", "state: " + state));
        return new SpecLoader(new WorkingTreeSource(tmp)).load(List.of());
    }

    @Test
    void aBucketInTheStacksOwnRegionIsAWarningAtTheStateLine() throws Exception {
        LoadResult result = loadWithPrimaryState("s3://lifeboat-state/prod?region=us-east-1");

        List<Diagnostic> warnings = result.diagnostics().sorted().stream().filter(d -> d.code() == DiagnosticCode.STATE_IN_SAME_REGION).toList();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).isError()).isFalse();
        assertThat(warnings.get(0).message()).contains("us-east-1");
        assertThat(warnings.get(0).position().line()).isEqualTo(lineOf("state:"));
        assertThat(result.ok()).isTrue();
    }

    @Test
    void aBucketInThePairsRegionIsFine() throws Exception {
        LoadResult result = loadWithPrimaryState("s3://lifeboat-state/prod?region=us-west-2");

        assertThat(result.diagnostics().sorted()).noneMatch(d -> d.code() == DiagnosticCode.STATE_IN_SAME_REGION);
        assertThat(result.ok()).isTrue();
    }

    @Test
    void aGcsBucketDeclaredInTheStacksOwnLocationIsAWarningAndOneInThePairsIsFine() throws Exception {
        Path gcp = SpecCorpus.EXAMPLES.resolve("examples/gcp");
        LoadResult same = loadWithPrimaryState(gcp, "gs://acme-lifeboat-state/prod?location=us-central1");
        List<Diagnostic> warnings = same.diagnostics().sorted().stream().filter(d -> d.code() == DiagnosticCode.STATE_IN_SAME_REGION).toList();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).message()).contains("us-central1");
        assertThat(warnings.get(0).position().line()).isEqualTo(lineOf("state:"));
        assertThat(same.ok()).isTrue();

        LoadResult other = loadWithPrimaryState(gcp, "gs://acme-lifeboat-state/prod?location=us-east1");
        assertThat(other.diagnostics().sorted()).noneMatch(d -> d.code() == DiagnosticCode.STATE_IN_SAME_REGION);
        assertThat(other.ok()).as(other.diagnostics().sorted().toString()).isTrue();
    }

    private int lineOf(String text) throws Exception {
        List<String> lines = Files.readAllLines(tmp.resolve("stacks/primary.yaml"));
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).trim().startsWith(text)) return i + 1;
        throw new AssertionError(text + " not in primary.yaml");
    }
}
