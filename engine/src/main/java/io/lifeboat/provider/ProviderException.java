package io.lifeboat.provider;

/**
 * A provider call that failed, typed so the engine knows what to do: retry (throttled,
 * transient, unavailable), treat the object as gone (not found), or stop with the provider's own
 * message (the rest).
 */
public final class ProviderException extends Exception {
    public enum Kind {
        THROTTLED(true), TRANSIENT(true), UNAVAILABLE(true), NOT_FOUND(false), CONFLICT(false),
        INVALID_INPUT(false), PERMISSION(false), QUOTA(false), TIMEOUT(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    private final Kind kind;
    private final String code;

    /** {@code code} is the cloud's own error code (RequestLimitExceeded, InvalidParameterValue, …). */
    public ProviderException(Kind kind, String code, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
    }

    public ProviderException(Kind kind, String code, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.code = code;
    }

    /** The call's result, or empty when the cloud says the object is not there ({@link Kind#NOT_FOUND}). */
    public static <T> java.util.Optional<T> unlessNotFound(Poll.Call<T> call) throws ProviderException {
        try {
            return java.util.Optional.ofNullable(call.run());
        } catch (ProviderException e) {
            if (e.kind() == Kind.NOT_FOUND) return java.util.Optional.empty();
            throw e;
        }
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return kind.retryable();
    }
}
