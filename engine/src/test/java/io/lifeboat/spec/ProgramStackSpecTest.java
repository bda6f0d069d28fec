package io.lifeboat.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stack names a platform spec or a Pulumi program (program:), not both nor neither; both stacks of a pair run the same one. */
class ProgramStackSpecTest {
    @TempDir
    Path tmp;

    private LoadResult load(String primaryPlatformLine, String secondaryPlatformLine) throws Exception {
        for (String dir : List.of("specs", "stacks")) {
            Files.createDirectories(tmp.resolve(dir));
            try (var files = Files.list(SpecCorpus.EXAMPLES.resolve(dir))) {
                for (Path f : files.toList()) Files.copy(f, tmp.resolve(dir).resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.createDirectories(tmp.resolve("program"));
        Files.writeString(tmp.resolve("program/Pulumi.yaml"), "name: etl\nruntime:\n  name: java\n  options:\n    binary: etl.jar\n");
        edit("stacks/primary.yaml", primaryPlatformLine);
        edit("stacks/secondary.yaml", secondaryPlatformLine);
        return new SpecLoader(new WorkingTreeSource(tmp)).load(List.of());
    }

    private void edit(String file, String platformLine) throws Exception {
        Path p = tmp.resolve(file);
        String text = Files.readString(p).replace("  platform: ../specs/platform.yaml\n", platformLine)
                .replaceAll("(?s)  overrides:\\n    network: \\{ cidr: [0-9./]+ }\\n", "");
        Files.writeString(p, text);
    }

    private static List<String> errors(LoadResult r) {
        return r.diagnostics().sorted().stream().filter(Diagnostic::isError).map(d -> d.position().file() + ":" + d.position().line() + " " + d.message())
                .toList();
    }

    @Test
    void aPairOfProgramStacksLoads() throws Exception {
        LoadResult r = load("  program: ../program\n", "  program: ../program\n");
        assertThat(errors(r)).isEmpty();
        assertThat(r.stacks()).allMatch(s -> "program".equals(s.program()) && s.platform() == null);
    }

    @Test
    void bothOrNeitherOrDifferentOrMissingAreRefusedAtTheirLine() throws Exception {
        assertThat(errors(load("  platform: ../specs/platform.yaml\n  program: ../program\n", "  program: ../program\n")))
                .anyMatch(e -> e.startsWith("stacks/primary.yaml:8") && e.contains("both platform: and program:"));
        assertThat(errors(load("", "  program: ../program\n"))).anyMatch(e -> e.startsWith("stacks/primary.yaml") && e.contains("neither platform: nor program:"));
        assertThat(errors(load("  program: ../program\n", "  platform: ../specs/platform.yaml\n")))
                .anyMatch(e -> e.contains("runs program program but its pair 'prod-usw2' runs a platform spec"));
        assertThat(errors(load("  program: ../nowhere\n", "  program: ../nowhere\n"))).anyMatch(e -> e.contains("no Pulumi.yaml"));
        assertThat(errors(load("  program: ../../outside\n", "  program: ../program\n"))).anyMatch(e -> e.contains("leads outside the repository"));
    }
}
