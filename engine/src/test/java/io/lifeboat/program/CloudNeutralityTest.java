package io.lifeboat.program;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The engine's cloud-neutral packages name no cloud: what they need of one they ask a
 * {@link Cloud} and its {@link DrTraits}, so a second cloud is added beside AWS, not into them.
 */
class CloudNeutralityTest {
    static final List<String> NEUTRAL = List.of("dr", "deploy", "plan", "state", "resource");
    /** A type token or provider of AWS's, or its program's classes. */
    static final Pattern CLOUD_BOUND = Pattern.compile("\"aws:|pulumi:providers:aws|\\bAws[A-Z]\\w*|program\\.aws\\b");

    @Test
    void theNeutralPackagesNameNoAwsTypeTokenNorAwsClass() throws IOException {
        List<String> found = new ArrayList<>();
        for (String pkg : NEUTRAL) {
            Path dir = Path.of("src/main/java/io/lifeboat", pkg);
            assertThat(dir).as("run from the engine module").isDirectory();
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    List<String> lines = Files.readAllLines(f);
                    for (int i = 0; i < lines.size(); i++) {
                        String line = lines.get(i).trim();
                        if (line.startsWith("*") || line.startsWith("//") || line.startsWith("/*")) continue;
                        if (CLOUD_BOUND.matcher(line).find()) found.add(f + ":" + (i + 1) + ": " + line);
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }

    static io.lifeboat.spec.Stack stack(String cloud) {
        return new io.lifeboat.spec.Stack("prod-eu", "stacks/eu.yaml", "specs/platform.yaml", io.lifeboat.spec.Stack.Role.PRIMARY, null,
                cloud, "sim", "europe-west1", "acme-data-prod", null, null, null, null, null, 0, null, null, null, null);
    }

    @Test
    void aStackIsServedByTheCloudItNamesAndAnotherCloudIsRefusedNamingTheOnesThereAre() {
        assertThat(Clouds.of(stack("aws")).id()).isEqualTo("aws");
        assertThat(Clouds.of(stack("gcp")).id()).isEqualTo("gcp");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Clouds.of(stack("azure")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cloud azure of stack prod-eu has no program in this build yet; use cloud: aws or gcp");
    }
}
