package io.lifeboat.state;

/** Another operation holds the stack's lock. */
public final class LockHeldException extends RuntimeException {
    private final LockInfo holder;

    public LockHeldException(String stack, LockInfo holder) {
        super("stack " + stack + " is locked: " + holder
                + (holder.isStaleHere() ? "; that process is gone, so the lock is stale: `lifeboat state unlock --stack …` breaks it"
                : "; wait for it to finish, or use --lock-timeout"));
        this.holder = holder;
    }

    public LockInfo holder() {
        return holder;
    }
}
