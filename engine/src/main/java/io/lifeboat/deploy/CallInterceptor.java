package io.lifeboat.deploy;

import io.lifeboat.provider.ProviderException;

/**
 * One concern around a provider call (journal, adoption, retry, rate limit), in the manner of
 * OkHttp's interceptors: it may act before and after {@code next.proceed(call)}, proceed with
 * another call (adoption's look-up), proceed more than once (retry) or not at all.
 */
@FunctionalInterface
public interface CallInterceptor {

    <T> T intercept(ProviderCall<T> call, Next next) throws ProviderException, InterruptedException;

    /** The rest of the chain, after this interceptor. */
    interface Next {
        <T> T proceed(ProviderCall<T> call) throws ProviderException, InterruptedException;
    }
}
