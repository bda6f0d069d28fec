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

/** Pulumi's checkpoint schemas from ../shared/pulumi-schema, loaded into one registry. */
public final class PulumiSchemas {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static JsonSchema deployments;

    private PulumiSchemas() {
    }

    public static Path dir() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("shared/pulumi-schema"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("cannot find shared/pulumi-schema above " + Path.of("").toAbsolutePath());
        return p.resolve("shared/pulumi-schema");
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
