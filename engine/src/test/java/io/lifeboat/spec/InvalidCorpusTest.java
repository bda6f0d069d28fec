package io.lifeboat.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

class InvalidCorpusTest {
    @TempDir
    Path tmp;

    @Test
    void theCorpusIsLargeEnough() throws Exception {
        assertThat(SpecCorpus.cases()).hasSizeGreaterThanOrEqualTo(40);
    }

    @Test
    void theExamplesAreValid() throws Exception {
        LoadResult result = new SpecLoader(new WorkingTreeSource(SpecCorpus.EXAMPLES)).load(List.of());
        assertThat(result.diagnostics().sorted()).isEmpty();
        assertThat(result.stacks()).extracting(Stack::name).containsExactly("prod-use1", "prod-usw2");
    }

    @TestFactory
    Stream<DynamicTest> everyCaseReportsExactlyItsErrors() throws Exception {
        return SpecCorpus.cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Path repo = c.materialize(tmp.resolve(c.name()));
            LoadResult result = new SpecLoader(new WorkingTreeSource(repo)).load(c.args());
            Set<String> errors = new LinkedHashSet<>();
            for (Diagnostic d : result.diagnostics().sorted()) {
                if (d.isError()) errors.add(SpecCorpus.key(d));
            }
            assertThat(errors).as("errors of %s:%n%s", c.name(), result.diagnostics().sorted())
                    .containsExactlyInAnyOrderElementsOf(c.expected());
            assertThat(result.ok()).isFalse();
            for (Diagnostic d : result.diagnostics().sorted()) {
                assertThat(d.message()).isNotBlank();
                assertThat(d.position().line()).isPositive();
            }
        }));
    }
}
