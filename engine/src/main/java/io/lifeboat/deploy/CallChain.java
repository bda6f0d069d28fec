package io.lifeboat.deploy;

import java.util.List;
import java.util.function.Function;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.state.Journal;

/**
 * The one way the engine calls a provider: an ordered list of {@link CallInterceptor}s around the
 * call. {@link #standard} is the order every operation uses, outermost first: the journal (one
 * begin and one end however often the call is tried), adoption by mark (the one place a conflict
 * or a lost answer is settled by taking back the object made for the resource), retry, and the
 * rate limit (each attempt waits for its provider's limiter).
 */
public final class CallChain {
    private final List<CallInterceptor> interceptors;

    public CallChain(List<CallInterceptor> interceptors) {
        this.interceptors = List.copyOf(interceptors);
    }

    /**
     * Journal, adopt by mark, retry, rate limit. {@code journal} may be null: nothing is
     * journalled; {@code limiters} gives a provider reference's limiter, or null for no limit
     * ({@link ProviderPool#limiter}).
     */
    public static CallChain standard(Journal journal, RetryPolicy retry, DeployListener listener, Function<String, RateLimiter> limiters) {
        return new CallChain(List.of(new JournalInterceptor(journal), new AdoptByMarkInterceptor(), new RetryInterceptor(retry, listener),
                new RateLimitInterceptor(limiters)));
    }

    /** The chain for calls outside an operation that changes a state: nothing journalled, no one told of retries. */
    public static CallChain reading(RetryPolicy retry, ProviderPool providers) {
        return standard(null, retry, DeployListener.NONE, providers::limiter);
    }

    public <T> T call(ProviderCall<T> call) throws ProviderException, InterruptedException {
        return proceed(0, call);
    }

    private <T> T proceed(int index, ProviderCall<T> call) throws ProviderException, InterruptedException {
        if (index == interceptors.size()) return call.run();
        return interceptors.get(index).intercept(call, new CallInterceptor.Next() {
            @Override
            public <U> U proceed(ProviderCall<U> next) throws ProviderException, InterruptedException {
                return CallChain.this.proceed(index + 1, next);
            }
        });
    }
}
