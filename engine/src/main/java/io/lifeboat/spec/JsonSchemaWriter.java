package io.lifeboat.spec;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Publishes {@link SpecSchema} as a JSON Schema (draft 2020-12) for editors, e.g. through
 * {@code # yaml-language-server: $schema=../schema/lifeboat.schema.json}.
 */
public final class JsonSchemaWriter {
    public static final String SCHEMA_ID = "https://lifeboat.io/schema/v1/lifeboat.schema.json";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    public ObjectNode schema() {
        ObjectNode root = F.objectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", SCHEMA_ID);
        root.put("title", "Lifeboat spec (Platform or Stack)");
        root.put("type", "object");
        root.putArray("required").add("kind");
        ObjectNode kind = root.putObject("properties").putObject("kind");
        kind.putArray("enum").add(SpecSchema.PLATFORM).add(SpecSchema.STACK);
        ArrayNode allOf = root.putArray("allOf");
        for (String k : new String[] {SpecSchema.PLATFORM, SpecSchema.STACK}) {
            ObjectNode branch = allOf.addObject();
            branch.putObject("if").putObject("properties").putObject("kind").put("const", k);
            branch.putObject("then").put("$ref", "#/$defs/" + k);
        }
        ObjectNode defs = root.putObject("$defs");
        defs.set(SpecSchema.PLATFORM, shape(SpecSchema.PLATFORM_DOCUMENT));
        defs.set(SpecSchema.STACK, shape(SpecSchema.STACK_DOCUMENT));
        return root;
    }

    public String render() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(schema()) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode shape(Shape shape) {
        ObjectNode n = F.objectNode();
        if (!shape.description().isEmpty()) n.put("description", shape.description());
        if (shape instanceof Shape.Obj o) {
            n.put("type", "object");
            ObjectNode props = n.putObject("properties");
            ArrayNode required = F.arrayNode();
            for (Map.Entry<String, Shape.Field> f : o.fields().entrySet()) {
                props.set(f.getKey(), shape(f.getValue().shape()));
                if (f.getValue().required()) required.add(f.getKey());
            }
            if (!required.isEmpty()) n.set("required", required);
            n.put("additionalProperties", false);
            ArrayNode conditions = F.arrayNode();
            for (Map.Entry<String, Shape.Field> f : o.fields().entrySet()) {
                Shape.When when = f.getValue().requiredWhen();
                if (when == null) continue;
                ObjectNode c = conditions.addObject();
                ObjectNode cond = c.putObject("if");
                cond.putObject("properties").putObject(when.key()).put("const", when.value());
                cond.putArray("required").add(when.key());
                c.putObject("then").putArray("required").add(f.getKey());
            }
            if (!conditions.isEmpty()) n.set("allOf", conditions);
        } else if (shape instanceof Shape.ListOf l) {
            n.put("type", "array");
            n.set("items", shape(l.item()));
            if (l.minItems() > 0) n.put("minItems", l.minItems());
            if (l.uniqueItems()) n.put("uniqueItems", true);
        } else if (shape instanceof Shape.MapOf m) {
            n.put("type", "object");
            if (m.keyFormat() != null) n.putObject("propertyNames").put("pattern", anchored(m.keyFormat()));
            n.set("additionalProperties", shape(m.value()));
        } else if (shape instanceof Shape.Str s) {
            n.put("type", "string");
            if (!s.allowed().isEmpty()) {
                ArrayNode e = n.putArray("enum");
                s.allowed().forEach(e::add);
            } else if (s.format() != null) {
                n.put("pattern", anchored(s.format()));
            } else {
                n.put("pattern", "\\S"); // not blank, as ShapeValidator requires
            }
        } else if (shape instanceof Shape.Int i) {
            n.put("type", "integer");
            n.put("minimum", i.min());
            n.put("maximum", i.max());
        } else if (shape instanceof Shape.Bool) {
            n.put("type", "boolean");
        } else if (shape instanceof Shape.StrOrObj so) {
            ArrayNode oneOf = n.putArray("oneOf");
            oneOf.add(shape(so.string()));
            oneOf.add(shape(so.object()));
        }
        return n;
    }

    private static String anchored(StringFormat f) {
        return "^(?:" + f.pattern().pattern() + ")$";
    }
}
