package io.lifeboat.providers.sim;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ProviderException.Kind;

/** The errors the simulated cloud answers with, each with the real service's error code. */
public final class SimErrors {
    private SimErrors() {
    }

    public static ProviderException invalid(String code, String message) {
        return new ProviderException(Kind.INVALID_INPUT, code, code + ": " + message);
    }

    public static ProviderException notFound(String code, String message) {
        return new ProviderException(Kind.NOT_FOUND, code, code + ": " + message);
    }

    public static ProviderException conflict(String code, String message) {
        return new ProviderException(Kind.CONFLICT, code, code + ": " + message);
    }

    public static ProviderException quota(String code, String message) {
        return new ProviderException(Kind.QUOTA, code, code + ": " + message);
    }

    /** Another object still uses this one: retryable, as it may be on its way out. */
    public static ProviderException dependency(String message) {
        return new ProviderException(Kind.TRANSIENT, "DependencyViolation", "DependencyViolation: " + message);
    }

    public static ProviderException throttled(String code, String message) {
        return new ProviderException(Kind.THROTTLED, code, code + ": " + message);
    }

    public static ProviderException transientError(String code, String message) {
        return new ProviderException(Kind.TRANSIENT, code, code + ": " + message);
    }

    public static ProviderException unavailable(String code, String message) {
        return new ProviderException(Kind.UNAVAILABLE, code, code + ": " + message);
    }

    public static ProviderException timeout(String code, String message) {
        return new ProviderException(Kind.TIMEOUT, code, code + ": " + message);
    }
}
