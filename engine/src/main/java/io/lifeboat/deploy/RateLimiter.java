package io.lifeboat.deploy;

/**
 * At most {@code perSecond} calls a second, with bursts of up to one second's worth: a token
 * bucket. Calls wait for a token rather than fail, so a stack stays under its cloud's API limits
 * instead of being throttled by them.
 */
public final class RateLimiter {
    private final double perSecond;
    private double tokens;
    private long last = System.nanoTime();

    public RateLimiter(double perSecond) {
        if (!(perSecond > 0)) throw new IllegalArgumentException("rate must be positive: " + perSecond);
        this.perSecond = perSecond;
        this.tokens = perSecond;
    }

    public void acquire() throws InterruptedException {
        while (true) {
            long waitNanos;
            synchronized (this) {
                long now = System.nanoTime();
                tokens = Math.min(perSecond, tokens + (now - last) / 1e9 * perSecond);
                last = now;
                if (tokens >= 1) {
                    tokens -= 1;
                    return;
                }
                waitNanos = (long) ((1 - tokens) / perSecond * 1e9);
            }
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
    }
}
