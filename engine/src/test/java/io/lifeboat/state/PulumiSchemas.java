package io.lifeboat.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Pulumi's checkpoint schemas, loaded into one registry: from {@code ../shared/pulumi-schema}
 * beside the checkout when it is there, else from the copy vendored in
 * {@code third_party/pulumi-schema}, so that a clone alone runs the tests.
 */
public final class PulumiSchemas {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static JsonSchema deployments;

    private PulumiSchemas() {
    }

    public static Path dir() {
        Path shared = shared();
        if (shared != null) return shared;
        Path vendored = vendored();
        if (vendored != null) return vendored;
        throw new IllegalStateException("cannot find shared/pulumi-schema or third_party/pulumi-schema above " + Path.of("").toAbsolutePath());
    }

    /** The copy kept in the repository, or null. */
    public static Path vendored() {
        return above("third_party/pulumi-schema");
    }

    /** The shared copy beside the checkout, or null when the repository is alone. */
    public static Path shared() {
        return above("shared/pulumi-schema");
    }

    private static Path above(String relative) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve(relative))) return p.resolve(relative);
        }
        return null;
    }

    public static synchronized Set<ValidationMessage> validate(JsonNode checkpoint) throws IOException {
        if (deployments == null) {
            Map<String, String> byId = new HashMap<>();
            for (String f : new String[] {"deployments.json", "resources.json", "property-values.json"}) {
                String text = Files.readString(dir().resolve(f));
                byId.put(MAPPER.readTree(text).get("$id").asText(), text);
            }
            JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                    b -> b.schemaLoaders(l -> l.schemas(byId)));
            deployments = factory.getSchema(byId.get("https://github.com/pulumi/pulumi/blob/master/sdk/go/common/apitype/deployments.json"),
                    SchemaValidatorsConfig.builder().build());
        }
        return deployments.validate(checkpoint);
    }
}
