package io.lifeboat.program.pulumi;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.random.RandomGenerator;

import io.lifeboat.provider.TypeSchema;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

/**
 * Pulumi's auto-naming, which the engine's side of a provider's Check does for a program's
 * resources here: a physical name the program leaves out (a security group's {@code name}, an RDS
 * instance's {@code identifier}) is the one the state already records for the resource, so a
 * later run changes nothing; else a new one, {@code <resource name>-<7 random lowercase hex>},
 * as pulumi-aws and pulumi-gcp make them. The names filled are the type's unique names
 * ({@link TypeSchema#uniqueNames()}) that are names ({@code name}, {@code identifier},
 * {@code ...Name}); lowercased where the cloud allows no capitals (RDS, ECR, every GCP name) and
 * cut to the cloud's length limit.
 */
final class AutoNames {
    /** The random part's length, as Pulumi's providers make it. */
    static final int RANDOM = 7;
    /** Length limits of the names the cloud caps below Pulumi's default (255). */
    private static final Map<String, Integer> MAX = Map.of(
            "aws:rds/instance:Instance", 63,
            "aws:iam/role:Role", 64,
            "aws:eks/nodeGroup:NodeGroup", 63,
            "aws:eks/cluster:Cluster", 100);

    private final Function<String, TypeSchema> schemas;
    private final RandomGenerator random;

    AutoNames(Function<String, TypeSchema> schemas, RandomGenerator random) {
        this.schemas = schemas;
        this.random = random;
    }

    /**
     * The inputs with each missing auto-named property filled.
     *
     * @param type     the resource's type token
     * @param name     the resource's name in the program (its URN's), the prefix of a new name
     * @param inputs   what the program sent
     * @param recorded the inputs the state records for the resource; null when it has none
     */
    Props fill(String type, String name, Props inputs, Props recorded) {
        TypeSchema schema = schemas.apply(type);
        if (schema == null) return inputs;
        Props out = inputs;
        for (String property : schema.uniqueNames()) {
            if (!isName(property)) continue;
            PropertyValue given = inputs.get(property);
            if (given != null && !(given instanceof PropertyValue.Null)) continue;
            PropertyValue kept = recorded == null ? null : recorded.get(property);
            out = out.with(property, kept instanceof PropertyValue.Str ? kept : new PropertyValue.Str(newName(type, name)));
        }
        return out;
    }

    /** New auto-names for every auto-named property the program left out of {@code inputs}, as a replacement takes them; empty when none. */
    Props fresh(String type, String name, Props inputs) {
        TypeSchema schema = schemas.apply(type);
        Props out = Props.EMPTY;
        if (schema == null) return out;
        for (String property : schema.uniqueNames()) {
            PropertyValue given = inputs.get(property);
            if (isName(property) && (given == null || given instanceof PropertyValue.Null)) out = out.with(property, new PropertyValue.Str(newName(type, name)));
        }
        return out;
    }

    /** {@code name-<7 hex>}, lowercased where the type needs it and cut to its limit. */
    String newName(String type, String name) {
        StringBuilder hex = new StringBuilder(RANDOM);
        for (int i = 0; i < RANDOM; i++) hex.append(Character.forDigit(random.nextInt(16), 16));
        String prefix = lowercaseOnly(type) ? name.toLowerCase(Locale.ROOT) : name;
        int max = MAX.getOrDefault(type, 255);
        if (prefix.length() + 1 + RANDOM > max) prefix = prefix.substring(0, max - 1 - RANDOM);
        return prefix + "-" + hex;
    }

    private static boolean isName(String property) {
        return property.equals("name") || property.equals("identifier") || property.endsWith("Name");
    }

    private static boolean lowercaseOnly(String type) {
        return type.startsWith("aws:rds/") || type.startsWith("aws:ecr/") || type.startsWith("gcp:");
    }
}
