package io.lifeboat.state;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Where stacks' checkpoints, journals and locks live: a folder ({@code file://}), a bucket
 * ({@code s3://}, {@code gs://}). Every write of a checkpoint is atomic and keeps the previous
 * ones; journal appends are durable when {@code append} returns.
 */
public interface StateBackend extends AutoCloseable {

    String describe();

    Optional<byte[]> readCheckpoint(String stack) throws IOException;

    /** Replaces the checkpoint atomically, keeping the one it replaces among the last {@code keep}. */
    void writeCheckpoint(String stack, byte[] bytes, long serial) throws IOException;

    /** Serials of the kept earlier checkpoints, newest first. */
    List<Long> history(String stack) throws IOException;

    Optional<byte[]> readHistory(String stack, long serial) throws IOException;

    /**
     * Appends whole lines to the journal. On return they survive the death of this process;
     * {@link #syncJournal} makes them survive the machine's.
     */
    void appendJournal(String stack, List<String> lines) throws IOException;

    /** Makes everything appended so far durable (fsync). */
    void syncJournal(String stack) throws IOException;

    List<String> readJournal(String stack) throws IOException;

    void clearJournal(String stack) throws IOException;

    /**
     * Takes the lock if no one holds it, else throws {@link LockHeldException} naming the holder.
     * Returns the lock as stored, for {@link #renewLock} and {@link #unlock(String, LockRecord)}.
     */
    LockRecord lock(String stack, LockInfo info) throws IOException;

    /** The lock as stored, or empty when the stack is not locked. */
    Optional<LockRecord> readLock(String stack) throws IOException;

    default Optional<LockInfo> lockHolder(String stack) throws IOException {
        return readLock(stack).map(LockRecord::holder);
    }

    /**
     * Replaces the lock with {@code renewed} if it still is {@code expected} (compare and swap):
     * a holder renewing its lease. Empty when the lock is gone or is another one.
     */
    Optional<LockRecord> renewLock(String stack, LockRecord expected, LockInfo renewed) throws IOException;

    /**
     * Deletes the lock if it still is {@code expected} (compare and delete), so that two processes
     * breaking the same stale lock cannot delete the fresh one the first of them took. False when
     * the lock is gone or is another one.
     */
    boolean unlock(String stack, LockRecord expected) throws IOException;

    /** Deletes the lock, whoever holds it. */
    void unlock(String stack) throws IOException;

    /** Names of the stacks that have a checkpoint here. */
    List<String> stacks() throws IOException;

    @Override
    default void close() {
    }
}
