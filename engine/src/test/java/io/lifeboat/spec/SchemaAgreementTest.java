package io.lifeboat.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published JSON Schema and the loader agree: the committed file is what {@link JsonSchemaWriter}
 * renders, the examples pass it, and on the invalid corpus it refuses a file exactly when the loader
 * reports a {@linkplain DiagnosticCode#structural() structural} error in that file.
 */
class SchemaAgreementTest {
    static final Path COMMITTED = SpecCorpus.EXAMPLES.resolve("schema/lifeboat.schema.json");
    static final String REGENERATE = "bin/lifeboat schema > schema/lifeboat.schema.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static JsonSchema schema;

    @TempDir
    Path tmp;

    @BeforeAll
    static void compileSchema() {
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(new JsonSchemaWriter().schema());
    }

    @Test
    void theCommittedSchemaIsUpToDate() throws IOException {
        String rendered = new JsonSchemaWriter().render();
        if (!Files.isRegularFile(COMMITTED)) {
            fail(COMMITTED + " is missing; generate it from the project root: " + REGENERATE);
        }
        String committed = Files.readString(COMMITTED).replace("\r\n", "\n");
        if (!committed.equals(rendered)) {
            fail("schema/lifeboat.schema.json is out of date with SpecSchema; regenerate it from the project root: "
                    + REGENERATE);
        }
    }

    @Test
    void theSchemaIsAValidDraft202012Schema() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        JsonSchema meta = factory.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        assertThat(meta.validate(new JsonSchemaWriter().schema())).isEmpty();
    }

    @Test
    void theExamplesPassTheSchema() throws IOException {
        for (String file : List.of("specs/platform.yaml", "stacks/primary.yaml", "stacks/secondary.yaml")) {
            Diagnostics diagnostics = new Diagnostics();
            YamlNode node = new YamlReader().read(file, Files.readAllBytes(SpecCorpus.EXAMPLES.resolve(file)), diagnostics);
            assertThat(diagnostics.sorted()).as(file).isEmpty();
            assertThat(validate(node)).as(file).isEmpty();
        }
    }

    @Test
    void theSchemaRefusesWhatTheStructuralCodesDescribe() {
        // a few mistakes the schema must catch on its own, whatever the corpus holds
        assertThat(validate(yaml("apiVersion: lifeboat.io/v1\nkind: Stack\nmetadata: { name: s }\n"
                + "spec: { platform: p.yaml, role: secondary, cloud: aws, region: us-east-1 }\n"))).isNotEmpty();
        assertThat(validate(yaml("apiVersion: lifeboat.io/v1\nkind: Stack\nmetadata: { name: s }\n"
                + "spec: { platform: p.yaml, role: primary, cloud: aws, region: us-east-1 }\n"))).isEmpty();
        assertThat(validate(yaml("apiVersion: lifeboat.io/v1\nkind: Stack\nmetadata: { name: s }\n"
                + "spec: { platform: '  ', role: primary, cloud: aws, region: us-east-1 }\n"))).isNotEmpty();
        assertThat(validate(yaml("kind: Volume\n"))).isNotEmpty();
    }

    @TestFactory
    Stream<DynamicTest> theSchemaRefusesAFileIffTheLoaderReportsAStructuralErrorInIt() throws IOException {
        return SpecCorpus.cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Path repo = c.materialize(tmp.resolve(c.name()));
            List<String> files = new ArrayList<>();
            for (String dir : List.of("specs", "stacks")) {
                try (Stream<Path> s = Files.walk(repo.resolve(dir))) {
                    s.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".yaml"))
                            .forEach(p -> files.add(repo.relativize(p).toString().replace('\\', '/')));
                }
            }
            files.sort(null);
            for (String file : files) {
                YamlNode node = new YamlReader().read(file, Files.readAllBytes(repo.resolve(file)), new Diagnostics());
                if (!(node instanceof YamlNode.Mapping)) continue;
                List<String> structural = new ArrayList<>();
                for (String line : c.expected()) {
                    String position = line.substring(0, line.indexOf(' '));
                    String code = line.substring(line.indexOf(' ') + 1);
                    if (position.substring(0, position.indexOf(':')).equals(file) && DiagnosticCode.ofId(code).structural()) {
                        structural.add(line);
                    }
                }
                Set<ValidationMessage> errors = validate(node);
                if (structural.isEmpty()) {
                    assertThat(errors).as("%s: the schema refuses %s, but the loader reports no structural error there",
                            c.name(), file).isEmpty();
                } else {
                    assertThat(errors).as("%s: the schema accepts %s, but the loader reports %s", c.name(), file, structural)
                            .isNotEmpty();
                }
            }
        }));
    }

    private static YamlNode yaml(String text) {
        Diagnostics diagnostics = new Diagnostics();
        YamlNode node = new YamlReader().read("x.yaml", text.getBytes(java.nio.charset.StandardCharsets.UTF_8), diagnostics);
        assertThat(diagnostics.sorted()).isEmpty();
        return node;
    }

    private static Set<ValidationMessage> validate(YamlNode node) {
        JsonNode json = MAPPER.valueToTree(SpecBinder.plain(node));
        return schema.validate(json);
    }
}
