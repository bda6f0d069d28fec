package io.lifeboat.program;

import java.util.HashMap;
import java.util.Map;

import io.lifeboat.provider.TypeSchema;

/**
 * The schema of every type a program emits, whatever its package: what each cloud of
 * {@link Clouds} contributes, and the kubernetes types the platform's deployments are made of.
 */
public final class Schemas {
    private static final Map<String, TypeSchema> ALL = registry();

    private Schemas() {
    }

    private static Map<String, TypeSchema> registry() {
        Map<String, TypeSchema> all = new HashMap<>(KubernetesSchemas.all());
        for (Cloud c : Clouds.all()) {
            for (TypeSchema s : c.schemas()) {
                TypeSchema before = all.put(s.token(), s);
                if (before != null) throw new IllegalStateException("two schemas of " + s.token() + ": cloud " + c.id() + " gives one again");
            }
        }
        return Map.copyOf(all);
    }

    /** The type's schema, or null for a type no program knows (a raw resource's own type). */
    public static TypeSchema get(String token) {
        return ALL.get(token);
    }
}
