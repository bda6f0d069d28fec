package io.lifeboat.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The schemas vendored in the repository are the shared ones, where those are beside the checkout. */
class PulumiSchemasTest {

    @Test
    void theVendoredCopyIsTheSharedOne() throws Exception {
        Path vendored = PulumiSchemas.vendored();
        assertThat(vendored).as("third_party/pulumi-schema is in the repository").isNotNull();
        Path shared = PulumiSchemas.shared();
        assumeTrue(shared != null, "no ../shared/pulumi-schema beside this checkout");
        for (String f : new String[] {"deployments.json", "resources.json", "property-values.json", "example-stack-export.json"}) {
            assertThat(Files.readString(vendored.resolve(f))).as(f).isEqualTo(Files.readString(shared.resolve(f)));
        }
    }
}
