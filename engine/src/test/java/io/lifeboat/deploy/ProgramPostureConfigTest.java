package io.lifeboat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lifeboat.dr.Drill;
import io.lifeboat.program.Posture;
import io.lifeboat.program.ProgramOptions;
import io.lifeboat.spec.LoadResult;
import io.lifeboat.spec.SpecCorpus;
import io.lifeboat.spec.SpecLoader;
import io.lifeboat.spec.Stack;
import io.lifeboat.spec.WorkingTreeSource;

/**
 * What a Pulumi program is told of its place in the pair (the {@code lifeboat:} config), in each
 * posture a DR command runs it in: the pair's region only while copies can go there, the backup to
 * restore from only when there is one.
 */
class ProgramPostureConfigTest {
    @TempDir
    Path tmp;
    Stack primary;
    Stack secondary;

    @BeforeEach
    void programPair() throws Exception {
        for (String dir : List.of("specs", "stacks")) {
            Files.createDirectories(tmp.resolve(dir));
            try (var files = Files.list(SpecCorpus.EXAMPLES.resolve(dir))) {
                for (Path f : files.toList()) Files.copy(f, tmp.resolve(dir).resolve(f.getFileName()));
            }
            if (dir.equals("stacks")) {
                try (var files = Files.list(tmp.resolve(dir))) {
                    for (Path f : files.toList()) {
                        Files.writeString(f, Files.readString(f).replace("  platform: ../specs/platform.yaml\n", "  program: ../program\n")
                                .replaceAll("(?s)  overrides:\\n    network: \\{ cidr: [0-9./]+ }\\n", ""));
                    }
                }
            }
        }
        Files.createDirectories(tmp.resolve("program"));
        Files.writeString(tmp.resolve("program/Pulumi.yaml"), "name: etl\nruntime:\n  name: java\n  options:\n    binary: etl.jar\n");
        LoadResult r = new SpecLoader(new WorkingTreeSource(tmp)).load(List.of());
        primary = r.stacks().stream().filter(s -> s.role() == Stack.Role.PRIMARY).findFirst().orElseThrow();
        secondary = r.stacks().stream().filter(s -> s.role() == Stack.Role.SECONDARY).findFirst().orElseThrow();
    }

    private static Map<String, String> config(Stack stack, Stack pair, ProgramOptions options) {
        return StackRunner.postureConfig(new StackRunner.Target(stack, pair, options, null, null));
    }

    @Test
    void aPrimaryCopiesIntoItsPairsRegionAndASecondaryStandsBy() {
        assertThat(config(primary, secondary, new ProgramOptions(Posture.ACTIVE, null, true, false))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "lifeboat:role", "primary", "lifeboat:posture", "primary", "lifeboat:pairRegion", secondary.region()));
        assertThat(config(secondary, primary, ProgramOptions.of(Posture.of(secondary)))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "lifeboat:role", "secondary", "lifeboat:posture", "standby", "lifeboat:pairRegion", primary.region()));
    }

    @Test
    void aFailedOverSecondaryIsPromotedRestoresAndCopiesNothingIntoTheLostRegion() {
        Map<String, String> promoted = config(secondary, primary, new ProgramOptions(Posture.PROMOTED, "arn:backups", false, false));
        assertThat(promoted).containsExactlyInAnyOrderEntriesOf(Map.of(
                "lifeboat:role", "primary", "lifeboat:posture", "promoted", "lifeboat:restoreFrom", "arn:backups"));
        assertThat(config(secondary, primary, new ProgramOptions(Posture.PROMOTED, "arn:backups", true, false)))
                .as("once the lost region is back (a failback), the promoted stack copies into it again")
                .containsEntry("lifeboat:pairRegion", primary.region());
        assertThat(config(secondary, primary, new ProgramOptions(Posture.DEMOTED, "arn:backups", true, false)))
                .as("a promoted stack handing back keeps its posture: a program has none without its writers")
                .containsEntry("lifeboat:posture", "promoted");
        assertThat(config(primary, secondary, new ProgramOptions(Posture.DEMOTED, null, true, false))).containsEntry("lifeboat:posture", "primary");
    }

    @Test
    void aDrillIsToldSoAndGivenNoPairRegionToWriteInto() {
        Stack drill = Drill.drillStack(secondary, primary);
        assertThat(drill.name()).isEqualTo(secondary.name() + Drill.SUFFIX);
        assertThat(drill.program()).isEqualTo(secondary.program());
        assertThat(config(drill, null, new ProgramOptions(Posture.PROMOTED, "arn:backups", false, true))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "lifeboat:role", "primary", "lifeboat:posture", "drill", "lifeboat:restoreFrom", "arn:backups"));
    }
}
