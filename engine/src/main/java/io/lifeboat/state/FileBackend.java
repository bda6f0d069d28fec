package io.lifeboat.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;


/**
 * State in a folder: {@code <stack>.json} (the checkpoint), {@code <stack>.journal},
 * {@code <stack>.lock} and {@code <stack>.history/<serial>.json} (the last checkpoints).
 */
public final class FileBackend implements StateBackend {
    public static final int KEEP = 10;
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
            Files.copy(target, history.resolve((serial - 1) + ".json"), StandardCopyOption.REPLACE_EXISTING);
            List<Long> kept = history(stack);
            for (int i = KEEP; i < kept.size(); i++) Files.deleteIfExists(history.resolve(kept.get(i) + ".json"));
        }
        writeAtomically(target, bytes);
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
    public void lock(String stack, LockInfo info) throws IOException {
        Files.createDirectories(dir);
        // The lock appears whole or not at all: written aside, then linked into place (a link fails
        // if the lock exists), so a process killed while taking it leaves no empty lock behind.
        Path lock = dir.resolve(stack + ".lock");
        Path aside = dir.resolve(stack + ".lock." + ProcessHandle.current().pid() + "-" + System.nanoTime());
        Files.write(aside, LockRecord.bytes(info), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            Files.createLink(lock, aside);
        } catch (FileAlreadyExistsException e) {
            throw new LockHeldException(stack, lockHolder(stack).orElse(LockRecord.unknown()));
        } catch (UnsupportedOperationException e) {
            try {
                Files.copy(aside, lock);
            } catch (FileAlreadyExistsException held) {
                throw new LockHeldException(stack, lockHolder(stack).orElse(LockRecord.unknown()));
            }
        } finally {
            Files.deleteIfExists(aside);
        }
    }

    @Override
    public void unlock(String stack) throws IOException {
        Files.deleteIfExists(dir.resolve(stack + ".lock"));
    }

    @Override
    public Optional<LockInfo> lockHolder(String stack) throws IOException {
        try {
            return Optional.of(LockRecord.parse(Files.readAllBytes(dir.resolve(stack + ".lock"))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(LockRecord.parse(new byte[0]));
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
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) ch.write(buf);
            ch.force(true);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
