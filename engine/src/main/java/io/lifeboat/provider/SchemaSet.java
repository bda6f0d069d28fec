package io.lifeboat.provider;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The schemas of one package's types, by token, in the order they were added. */
public final class SchemaSet {
    private final Map<String, TypeSchema> byToken = new LinkedHashMap<>();

    public SchemaSet add(TypeSchema.Builder b) {
        TypeSchema s = b.build();
        byToken.put(s.token(), s);
        return this;
    }

    /** The type's schema, or null. */
    public TypeSchema get(String token) {
        return byToken.get(token);
    }

    public Map<String, TypeSchema> all() {
        return Collections.unmodifiableMap(byToken);
    }
}
