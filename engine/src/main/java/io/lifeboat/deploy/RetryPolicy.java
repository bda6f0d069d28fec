package io.lifeboat.deploy;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;

/**
 * Retries throttled and transient provider errors with exponential backoff and full jitter
 * (a random wait between zero and the doubling cap), until the operation's deadline. A region
 * that does not answer at all is given a few attempts only: waiting out a whole outage helps no
 * one. Other errors fail at once with the provider's own message.
 */
public record RetryPolicy(Duration base, Duration cap, int unavailableAttempts) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(20), 3);

    @FunctionalInterface
    public interface Call<T> {
        T run() throws ProviderException, InterruptedException;
    }

    public interface Observer {
        void retrying(int attempt, ProviderException error, Duration delay);
    }

    public <T> T run(OperationContext ctx, Observer observer, Call<T> call) throws ProviderException, InterruptedException {
        int attempt = 0;
        while (true) {
            attempt++;
            try {
                return call.run();
            } catch (ProviderException e) {
                if (!e.retryable()) throw e;
                if (e.kind() == ProviderException.Kind.UNAVAILABLE && attempt >= unavailableAttempts) throw e;
                Duration delay = delay(attempt);
                if (delay.compareTo(ctx.remaining()) >= 0) {
                    throw new ProviderException(ProviderException.Kind.TIMEOUT, e.code(),
                            "gave up after " + attempt + " attempts: " + e.getMessage(), e);
                }
                observer.retrying(attempt, e, delay);
                Thread.sleep(delay.toMillis());
            }
        }
    }

    Duration delay(int attempt) {
        long capMs = Math.min(cap.toMillis(), base.toMillis() * (1L << Math.min(attempt - 1, 20)));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(capMs + 1));
    }
}
