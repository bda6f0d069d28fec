package io.lifeboat.deploy;

import io.lifeboat.provider.ProviderException;

/** Tries a call again as the {@link RetryPolicy} says, telling the listener of each retry. */
final class RetryInterceptor implements CallInterceptor {
    private final RetryPolicy policy;
    private final DeployListener listener;

    RetryInterceptor(RetryPolicy policy, DeployListener listener) {
        this.policy = policy;
        this.listener = listener;
    }

    @Override
    public <T> T intercept(ProviderCall<T> call, Next next) throws ProviderException, InterruptedException {
        return policy.run(call.context(), (attempt, error, delay) -> listener.retrying(call.urn(), call.verb(), attempt, error.getMessage(), delay),
                () -> next.proceed(call));
    }
}
