package io.lifeboat.program;

import io.lifeboat.provider.TypeSchema;

/** The schema of every type a program emits, whatever its package. */
public final class Schemas {
    private Schemas() {
    }

    /** The type's schema, or null for a type no program knows (a raw resource's own type). */
    public static TypeSchema get(String token) {
        TypeSchema s = AwsSchemas.get(token);
        return s != null ? s : KubernetesSchemas.get(token);
    }
}
