package io.lifeboat.provider;

import java.util.Set;

/** An open connection to one package (aws, gcp, …) in one region: the resource types it serves. */
public interface Provider extends AutoCloseable {

    /** The type, or null when this provider does not implement it. */
    ResourceType type(String token);

    Set<String> types();

    @Override
    default void close() {
    }
}
