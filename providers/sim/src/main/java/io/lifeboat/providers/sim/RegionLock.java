package io.lifeboat.providers.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.ArrayList;
import java.util.List;

/**
 * The lock on one region's directory, held while the region's objects are read and changed: a
 * lock within this JVM, and a file lock that keeps other processes out. One instance per lock
 * file per JVM, because the JVM refuses a second file lock on a file it already locks. Reentrant:
 * the file is locked when the outermost hold begins and unlocked when it ends. The lock file
 * stays open between holds (opening it is most of a hold's cost), but only for the few regions
 * used most recently, so that tests making clouds in hundreds of folders do not run out of file
 * descriptors.
 */
final class RegionLock {
    private static final ConcurrentHashMap<Path, RegionLock> LOCKS = new ConcurrentHashMap<>();
    private static final int OPEN_FILES = 16;
    /** Locks whose file is open, least recently used first. */
    private static final java.util.LinkedHashSet<RegionLock> OPEN = new java.util.LinkedHashSet<>();

    private final Path file;
    private final ReentrantLock local = new ReentrantLock();
    private FileChannel channel;
    private FileLock fileLock;
    /** How many times the lock was taken from free: the number of the hold under way. Under {@code local}. */
    private long holds;
    /** How many writes were made under this lock, through any store of the region in this JVM. Under {@code local}. */
    private long writes;

    private RegionLock(Path file) {
        this.file = file;
    }

    static RegionLock of(Path file) {
        return LOCKS.computeIfAbsent(file.toAbsolutePath().normalize(), RegionLock::new);
    }

    void lock() {
        local.lock();
        if (local.getHoldCount() > 1) return;
        try {
            acquireFileLock();
            holds++;
        } catch (RuntimeException | Error e) {
            local.unlock();
            throw e;
        }
    }

    /**
     * The number of the calling thread's hold of this lock, from the moment it was taken from
     * free to the moment it is let go (one that no other hold had); -1 when the thread holds none.
     */
    long hold() {
        return local.isHeldByCurrentThread() ? holds : -1;
    }

    /** How many writes were made under this lock so far; for its holder. */
    long writes() {
        return writes;
    }

    /** Counts a write made by the holder. */
    void wrote() {
        writes++;
    }

    void unlock() {
        try {
            if (local.getHoldCount() == 1) {
                releaseFileLock();
                keepOpen();
            }
        } finally {
            local.unlock();
        }
    }

    private void releaseFileLock() {
        try {
            if (fileLock != null && fileLock.isValid()) fileLock.release();
        } catch (IOException e) {
            closeChannel();
        }
        fileLock = null;
    }

    /** Marks this lock's file as recently used and closes the files of the least recently used beyond the limit. */
    private void keepOpen() {
        List<RegionLock> evict = new ArrayList<>();
        synchronized (OPEN) {
            OPEN.remove(this);
            OPEN.add(this);
            var it = OPEN.iterator();
            while (OPEN.size() - evict.size() > OPEN_FILES && it.hasNext()) {
                RegionLock old = it.next();
                if (old != this) evict.add(old);
            }
            OPEN.removeAll(evict);
        }
        for (RegionLock old : evict) {
            if (old.local.tryLock()) {
                try {
                    if (old.local.getHoldCount() == 1) old.closeChannel();
                } finally {
                    old.local.unlock();
                }
            }
        }
    }

    private void acquireFileLock() {
        for (int attempt = 0; ; attempt++) {
            try {
                if (channel == null || !channel.isOpen()) {
                    Files.createDirectories(file.getParent());
                    channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                }
                fileLock = channel.lock();
                return;
            } catch (ClosedByInterruptException e) {
                channel = null;
                throw new CancellationException("interrupted while waiting for the lock on " + file);
            } catch (ClosedChannelException e) {
                channel = null;
                if (attempt > 0) throw new UncheckedIOException(e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot lock " + file, e);
            }
        }
    }

    private void closeChannel() {
        try {
            if (channel != null) channel.close();
        } catch (IOException ignored) {
            // closing is best effort: the channel is dropped either way
        }
        channel = null;
    }
}
