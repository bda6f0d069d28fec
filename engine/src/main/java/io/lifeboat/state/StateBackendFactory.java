package io.lifeboat.state;

import java.net.URI;
import java.nio.file.Path;

/**
 * A state backend for a URL scheme other than {@code file} ({@code s3}, {@code gs}), found through
 * {@link java.util.ServiceLoader}, so the engine holds no cloud SDK.
 */
public interface StateBackendFactory {

    /** The URL scheme served: {@code s3}. */
    String scheme();

    /**
     * Opens the backend {@code url} names; {@code endpoint} is the stack's {@code endpoint:} when it
     * is a URL (an emulator that serves the bucket too), else null.
     */
    StateBackend open(URI url, Path workDir, String endpoint);
}
