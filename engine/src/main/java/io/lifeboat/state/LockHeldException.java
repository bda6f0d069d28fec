package io.lifeboat.state;

/** Another operation holds the stack's lock. */
public final class LockHeldException extends RuntimeException {
    private final LockInfo holder;

    public LockHeldException(String stack, LockInfo holder) {
        super("stack " + stack + " is locked: " + holder + holder.staleBecause(java.time.Instant.now())
                .map(why -> "; " + why + ", so the lock is stale: `lifeboat state unlock --stack " + stack + "` breaks it")
                .orElse("; wait for it to finish, or use --lock-timeout"
                        + (holder.expires() == null ? "" : " (a holder that is gone lets its lease run out, and its lock is then broken)")));
        this.holder = holder;
    }

    public LockInfo holder() {
        return holder;
    }
}
