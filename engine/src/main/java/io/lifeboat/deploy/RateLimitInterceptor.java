package io.lifeboat.deploy;

import java.util.function.Function;

import io.lifeboat.provider.ProviderException;

/** Makes each attempt of a call wait for the limiter of its provider and region (none: no wait). */
final class RateLimitInterceptor implements CallInterceptor {
    private final Function<String, RateLimiter> limiters;

    /** {@code limiters}: the limiter of a provider reference, or null when it has no limit. */
    RateLimitInterceptor(Function<String, RateLimiter> limiters) {
        this.limiters = limiters;
    }

    @Override
    public <T> T intercept(ProviderCall<T> call, Next next) throws ProviderException, InterruptedException {
        RateLimiter limiter = call.providerRef() == null ? null : limiters.apply(call.providerRef());
        if (limiter != null) {
            try {
                limiter.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderException(ProviderException.Kind.TIMEOUT, "Interrupted", "interrupted while waiting for the API rate limit");
            }
        }
        return next.proceed(call);
    }
}
