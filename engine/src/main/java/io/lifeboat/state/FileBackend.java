package io.lifeboat.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;


/**
 * State in a folder: {@code <stack>.json} (the checkpoint), {@code <stack>.journal},
 * {@code <stack>.lock} and {@code <stack>.history/<serial>.json} (the last checkpoints).
 */
public final class FileBackend implements StateBackend {
    public static final int KEEP = 10;
    private static final Map<Path, Object> GUARDS = new ConcurrentHashMap<>();
    private final Path dir;

    public FileBackend(Path dir) {
        this.dir = dir;
    }

    @Override
    public String describe() {
        return dir.toString();
    }

    @Override
    public Optional<byte[]> readCheckpoint(String stack) throws IOException {
        Path p = dir.resolve(stack + ".json");
        return Files.exists(p) ? Optional.of(Files.readAllBytes(p)) : Optional.empty();
    }

    @Override
    public void writeCheckpoint(String stack, byte[] bytes, long serial) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(stack + ".json");
        if (Files.exists(target)) {
            Path history = dir.resolve(stack + ".history");
            Files.createDirectories(history);
            keep(target, history.resolve((serial - 1) + ".json"));
            List<Long> kept = history(stack);
            for (int i = KEEP; i < kept.size(); i++) Files.deleteIfExists(history.resolve(kept.get(i) + ".json"));
        }
        writeAtomically(target, bytes);
    }

    /**
     * Keeps the checkpoint about to be replaced in its history: a second name for the same file,
     * since the checkpoint is only ever replaced whole (moved over, {@link #writeAtomically}),
     * never changed in place, so 26 MB are not copied on every commit; a copy where the file
     * system has no hard links.
     */
    private static void keep(Path checkpoint, Path kept) throws IOException {
        Files.deleteIfExists(kept);
        try {
            Files.createLink(kept, checkpoint);
        } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
            Files.copy(checkpoint, kept, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public List<Long> history(String stack) throws IOException {
        Path history = dir.resolve(stack + ".history");
        List<Long> serials = new ArrayList<>();
        if (!Files.isDirectory(history)) return serials;
        try (Stream<Path> s = Files.list(history)) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                if (name.matches("[0-9]+\\.json")) serials.add(Long.parseLong(name.substring(0, name.length() - 5)));
            }
        }
        serials.sort(java.util.Comparator.reverseOrder());
        return serials;
    }

    @Override
    public Optional<byte[]> readHistory(String stack, long serial) throws IOException {
        Path p = dir.resolve(stack + ".history").resolve(serial + ".json");
        return Files.exists(p) ? Optional.of(Files.readAllBytes(p)) : Optional.empty();
    }

    @Override
    public void appendJournal(String stack, List<String> lines) throws IOException {
        Files.createDirectories(dir);
        StringBuilder sb = new StringBuilder();
        for (String l : lines) sb.append(l).append('\n');
        try (FileChannel ch = FileChannel.open(dir.resolve(stack + ".journal"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) ch.write(buf);
        }
    }

    @Override
    public void syncJournal(String stack) throws IOException {
        Path p = dir.resolve(stack + ".journal");
        if (!Files.exists(p)) return;
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            ch.force(false);
        }
    }

    @Override
    public List<String> readJournal(String stack) throws IOException {
        Path p = dir.resolve(stack + ".journal");
        return Files.exists(p) ? Files.readAllLines(p, StandardCharsets.UTF_8) : List.of();
    }

    @Override
    public void clearJournal(String stack) throws IOException {
        Files.deleteIfExists(dir.resolve(stack + ".journal"));
    }

    @Override
    public LockRecord lock(String stack, LockInfo info) throws IOException {
        Files.createDirectories(dir);
        // The lock appears whole or not at all: written aside, then linked into place (a link fails
        // if the lock exists), so a process killed while taking it leaves no empty lock behind.
        Path lock = lockFile(stack);
        byte[] bytes = LockRecord.bytes(info);
        while (true) {
            // unique per attempt: threads of one process share a pid, and a coarse clock their nanoTime
            Path aside = dir.resolve(stack + ".lock." + ProcessHandle.current().pid() + "-" + UUID.randomUUID());
            Files.write(aside, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                Files.createLink(lock, aside);
                return new LockRecord(info, digest(bytes));
            } catch (FileAlreadyExistsException e) {
                Optional<LockRecord> holder = readLock(stack);
                // released between the link and the read: try again rather than name no one
                if (holder.isPresent()) throw new LockHeldException(stack, holder.get().holder());
            } catch (UnsupportedOperationException e) {
                try {
                    Files.copy(aside, lock);
                    return new LockRecord(info, digest(bytes));
                } catch (FileAlreadyExistsException held) {
                    Optional<LockRecord> holder = readLock(stack);
                    if (holder.isPresent()) throw new LockHeldException(stack, holder.get().holder());
                }
            } finally {
                Files.deleteIfExists(aside);
            }
        }
    }

    @Override
    public Optional<LockRecord> readLock(String stack) throws IOException {
        try {
            byte[] bytes = Files.readAllBytes(lockFile(stack));
            return Optional.of(new LockRecord(LockRecord.parse(bytes), digest(bytes)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<LockRecord> renewLock(String stack, LockRecord expected, LockInfo renewed) throws IOException {
        return guarded(stack, () -> {
            if (!holds(stack, expected)) return Optional.empty();
            byte[] bytes = LockRecord.bytes(renewed);
            writeAtomically(lockFile(stack), bytes);
            return Optional.of(new LockRecord(renewed, digest(bytes)));
        });
    }

    @Override
    public boolean unlock(String stack, LockRecord expected) throws IOException {
        return guarded(stack, () -> {
            if (!holds(stack, expected)) return false;
            Files.delete(lockFile(stack));
            return true;
        });
    }

    @Override
    public void unlock(String stack) throws IOException {
        guarded(stack, () -> Files.deleteIfExists(lockFile(stack)));
    }

    private Path lockFile(String stack) {
        return dir.resolve(stack + ".lock");
    }

    private boolean holds(String stack, LockRecord expected) throws IOException {
        Optional<LockRecord> now = readLock(stack);
        return now.isPresent() && now.get().version().equals(expected.version());
    }

    private interface LockChange<T> {
        T run() throws IOException;
    }

    /**
     * Runs a change of an existing lock file alone: threads of this process by a monitor, other
     * processes by an OS lock on {@code <stack>.lock.guard} (released by the OS if the process
     * dies). Taking a lock needs no guard: the link only succeeds where there is no lock.
     */
    private <T> T guarded(String stack, LockChange<T> change) throws IOException {
        Files.createDirectories(dir);
        Path guard = dir.resolve(stack + ".lock.guard").toAbsolutePath().normalize();
        synchronized (GUARDS.computeIfAbsent(guard, g -> new Object())) {
            try (FileChannel ch = FileChannel.open(guard, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock held = ch.lock()) {
                return change.run();
            }
        }
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<String> stacks() throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".json") && Files.isRegularFile(p)) out.add(name.substring(0, name.length() - 5));
            }
        }
        out.sort(null);
        return out;
    }

    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID());
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) ch.write(buf);
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
