package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What validate accepts can be previewed: every example of the project (the root's AWS pair and each of examples/), through both. */
class ExamplesPreviewTest {
    @TempDir
    Path dir;

    static List<Path> examples() throws IOException {
        List<Path> out = new ArrayList<>();
        out.add(Repo.PROJECT);
        try (Stream<Path> s = Files.list(Repo.PROJECT.resolve("examples"))) {
            s.filter(p -> Files.isDirectory(p.resolve("stacks"))).sorted().forEach(out::add);
        }
        return out;
    }

    @Test
    void everyExampleThatValidatesPreviews() throws Exception {
        List<Path> examples = examples();
        assertThat(examples).as("the GCP pair is among them").anyMatch(p -> p.endsWith("examples/gcp"));
        for (Path example : examples) {
            Repo repo = new Repo(dir.resolve(example.getFileName().toString()), example);
            Repo.Result valid = repo.run("validate");
            assertThat(valid.code()).as("validate of %s:%n%s", example, valid.all()).isZero();
            Repo.Result preview = repo.run("preview", "--all");
            assertThat(preview.code()).as("preview of %s:%n%s", example, preview.all()).isZero();
            assertThat(preview.out()).contains("to create");
        }
    }
}
