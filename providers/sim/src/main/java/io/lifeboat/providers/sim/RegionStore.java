package io.lifeboat.providers.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import io.lifeboat.provider.ProviderException;

/**
 * One region's objects on disk: {@code objects/<type>/<id>.json}, one file per object, each
 * written to a temporary file and moved into place, so a reader never sees half a file and a
 * killed process never leaves one. An in-memory index spares reading every file on every call;
 * it follows the changes other processes (and other instances in this one) make through
 * {@code changes.log}, to which every write appends the file it changes, under the region's lock.
 * A write appends to the log before it moves the file, so a process killed in between leaves at
 * worst a log entry for an unchanged file, which readers re-read harmlessly.
 *
 * <p>Every method that reads or changes objects takes the region's lock itself; {@link #locked}
 * holds it across several of them (check, then write).
 */
final class RegionStore {
    /** Work done while holding the region's lock. */
    interface Work<T> {
        T run() throws ProviderException;
    }

    private final String region;
    private final Path objectsDir;
    private final Path log;
    private final Path stateFile;
    private final RegionLock lock;
    /** type directory → file name → object as stored; null until first loaded. */
    private Map<String, Map<String, SimObject>> index;
    /** type directory → key name → objects by a key (a unique name, the mark); built when first asked for. */
    private final Map<String, Map<String, KeyIndex>> keyIndexes = new HashMap<>();
    private long logOffset;

    /** The objects of one type by the values of one key: the file names that have each value. */
    private record KeyIndex(Function<SimObject, List<String>> keysOf, Map<String, Set<String>> names) {
        void add(String name, SimObject o) {
            for (String k : keysOf.apply(o)) names.computeIfAbsent(k, x -> new HashSet<>()).add(name);
        }

        void drop(String name, SimObject o) {
            for (String k : keysOf.apply(o)) {
                Set<String> set = names.get(k);
                if (set != null && set.remove(name) && set.isEmpty()) names.remove(k);
            }
        }
    }

    RegionStore(Path regionsDir, String region) {
        this.region = region;
        Path dir = regionsDir.resolve(region);
        this.objectsDir = dir.resolve("objects");
        this.log = dir.resolve("changes.log");
        this.stateFile = dir.resolve("region.json");
        this.lock = RegionLock.of(dir.resolve(".lock"));
    }

    String region() {
        return region;
    }

    <T> T locked(Work<T> work) throws ProviderException {
        lock.lock();
        try {
            refresh();
            return work.run();
        } finally {
            lock.unlock();
        }
    }

    /** The object as it is at {@code now}; null when there is none or it is gone by then. */
    SimObject get(String type, String id, Instant now) {
        lock.lock();
        try {
            refresh();
            String dir = FileNames.typeDirectory(type);
            Map<String, SimObject> ofType = index.get(dir);
            SimObject stored = ofType == null ? null : ofType.get(FileNames.encode(id));
            return settle(stored, now);
        } finally {
            lock.unlock();
        }
    }

    /** The objects of a type as they are at {@code now}, in no particular order. */
    List<SimObject> ofType(String type, Instant now) {
        lock.lock();
        try {
            refresh();
            Map<String, SimObject> ofType = index.get(FileNames.typeDirectory(type));
            return ofType == null ? List.of() : settleAll(new ArrayList<>(ofType.values()), now);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The objects of a type that have {@code value} among the values of the key {@code keyName}
     * (computed by {@code keysOf}, the same function every time for that name), as they are at
     * {@code now}.
     * The first query builds an index of the type by that key, which every change then keeps up
     * to date: finding a name or a mark among many objects does not look at all of them.
     */
    List<SimObject> withKey(String type, String keyName, Function<SimObject, List<String>> keysOf, String value, Instant now) {
        lock.lock();
        try {
            refresh();
            String dir = FileNames.typeDirectory(type);
            Map<String, KeyIndex> ofType = keyIndexes.computeIfAbsent(dir, d -> new HashMap<>());
            KeyIndex keys = ofType.get(keyName);
            if (keys == null) {
                keys = new KeyIndex(keysOf, new HashMap<>());
                for (Map.Entry<String, SimObject> e : index.getOrDefault(dir, Map.of()).entrySet()) keys.add(e.getKey(), e.getValue());
                ofType.put(keyName, keys);
            }
            Set<String> names = keys.names().get(value);
            if (names == null) return List.of();
            List<SimObject> hits = new ArrayList<>();
            Map<String, SimObject> objects = index.getOrDefault(dir, Map.of());
            for (String name : new ArrayList<>(names)) {
                SimObject o = objects.get(name);
                if (o != null) hits.add(o);
            }
            return settleAll(hits, now);
        } finally {
            lock.unlock();
        }
    }

    /** Every object of the region as it is at {@code now}, in no particular order. */
    List<SimObject> all(Instant now) {
        lock.lock();
        try {
            refresh();
            List<SimObject> stored = new ArrayList<>();
            for (Map<String, SimObject> ofType : index.values()) stored.addAll(ofType.values());
            return settleAll(stored, now);
        } finally {
            lock.unlock();
        }
    }

    void put(SimObject o) {
        lock.lock();
        try {
            refresh();
            String dir = FileNames.typeDirectory(o.type());
            String name = FileNames.encode(o.id());
            appendToLog(dir, name);
            Path target = objectsDir.resolve(dir).resolve(name + ".json");
            writeAtomically(target, SimJson.write(o));
            indexPut(dir, name, o);
        } finally {
            lock.unlock();
        }
    }

    void remove(String type, String id) {
        lock.lock();
        try {
            refresh();
            String dir = FileNames.typeDirectory(type);
            String name = FileNames.encode(id);
            appendToLog(dir, name);
            Files.deleteIfExists(objectsDir.resolve(dir).resolve(name + ".json"));
            indexRemove(dir, name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + type + " " + id + " in " + region, e);
        } finally {
            lock.unlock();
        }
    }

    /** Reads one object's file without the lock (for a look into another region); null if none. */
    /** Every object of a type read straight from its files, without the lock or the index (for a reader holding another region's lock). */
    List<SimObject> peekAll(String type, Instant now) {
        Path dir = objectsDir.resolve(FileNames.typeDirectory(type));
        List<SimObject> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.json")) {
            for (Path file : ds) {
                if (file.getFileName().toString().startsWith(".")) continue;
                try {
                    SimObject o = SimJson.readObject(Files.readAllBytes(file)).at(now);
                    if (o != null) out.add(o);
                } catch (NoSuchFileException | com.fasterxml.jackson.core.JacksonException e) {
                    // deleted while listed, or not an object file
                }
            }
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return out;
    }

    SimObject peek(String type, String id, Instant now) {
        Path file = objectsDir.resolve(FileNames.typeDirectory(type)).resolve(FileNames.encode(id) + ".json");
        try {
            return SimJson.readObject(Files.readAllBytes(file)).at(now);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    RegionState state() {
        try {
            return SimJson.readState(Files.readAllBytes(stateFile));
        } catch (NoSuchFileException e) {
            return RegionState.NORMAL;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + stateFile, e);
        }
    }

    void writeState(RegionState state) {
        lock.lock();
        try {
            writeAtomically(stateFile, SimJson.write(state));
        } finally {
            lock.unlock();
        }
    }

    private SimObject settle(SimObject stored, Instant now) {
        if (stored == null) return null;
        SimObject current = stored.at(now);
        if (current == null) remove(stored.type(), stored.id());
        return current;
    }

    private List<SimObject> settleAll(List<SimObject> stored, Instant now) {
        List<SimObject> out = new ArrayList<>(stored.size());
        for (SimObject o : stored) {
            SimObject current = settle(o, now);
            if (current != null) out.add(current);
        }
        return out;
    }

    private void indexPut(String dir, String name, SimObject o) {
        SimObject old = index.computeIfAbsent(dir, d -> new HashMap<>()).put(name, o);
        for (KeyIndex keys : keyIndexes.getOrDefault(dir, Map.of()).values()) {
            if (old != null) keys.drop(name, old);
            keys.add(name, o);
        }
    }

    private void indexRemove(String dir, String name) {
        Map<String, SimObject> ofType = index.get(dir);
        SimObject old = ofType == null ? null : ofType.remove(name);
        if (old == null) return;
        for (KeyIndex keys : keyIndexes.getOrDefault(dir, Map.of()).values()) keys.drop(name, old);
    }

    /** Brings the index up to date with the log; loads everything the first time. */
    private void refresh() {
        try {
            long size = Files.exists(log) ? Files.size(log) : 0;
            if (index == null || size < logOffset) {
                loadAll(size);
                return;
            }
            if (size == logOffset) return;
            byte[] chunk = new byte[(int) (size - logOffset)];
            try (FileChannel ch = FileChannel.open(log, StandardOpenOption.READ)) {
                ByteBuffer buf = ByteBuffer.wrap(chunk);
                long pos = logOffset;
                while (buf.hasRemaining()) {
                    int n = ch.read(buf, pos);
                    if (n < 0) break;
                    pos += n;
                }
            }
            int consumed = 0;
            for (int i = chunk.length - 1; i >= 0; i--) {
                if (chunk[i] == '\n') {
                    consumed = i + 1;
                    break;
                }
            }
            // an entry without its newline is a write in progress or one a killed process left: later
            String text = new String(chunk, 0, consumed, StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                int slash = line.indexOf('/');
                if (slash > 0) reload(line.substring(0, slash), line.substring(slash + 1));
            }
            logOffset += consumed;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the change log of " + region, e);
        }
    }

    private void reload(String dir, String name) throws IOException {
        if (name.startsWith(".") || dir.startsWith(".")) return;
        Path file = objectsDir.resolve(dir).resolve(name + ".json");
        try {
            indexPut(dir, name, SimJson.readObject(Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            indexRemove(dir, name);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            indexRemove(dir, name); // not an object file: ignore it
        }
    }

    private void loadAll(long logSize) throws IOException {
        Map<String, Map<String, SimObject>> loaded = new HashMap<>();
        if (!Files.isDirectory(objectsDir)) {
            index = loaded;
            keyIndexes.clear();
            logOffset = logSize;
            return;
        }
        try (DirectoryStream<Path> types = Files.newDirectoryStream(objectsDir)) {
            for (Path typeDir : types) {
                if (!Files.isDirectory(typeDir)) continue;
                Map<String, SimObject> ofType = new HashMap<>();
                try (DirectoryStream<Path> files = Files.newDirectoryStream(typeDir)) {
                    for (Path f : files) {
                        String fn = f.getFileName().toString();
                        if (fn.startsWith(".")) {
                            deleteIfStale(f);
                            continue;
                        }
                        if (!fn.endsWith(".json")) continue;
                        try {
                            ofType.put(fn.substring(0, fn.length() - 5), SimJson.readObject(Files.readAllBytes(f)));
                        } catch (NoSuchFileException | com.fasterxml.jackson.core.JacksonException e) {
                            // deleted meanwhile, or not an object file
                        }
                    }
                }
                loaded.put(typeDir.getFileName().toString(), ofType);
            }
        }
        index = loaded;
        keyIndexes.clear();
        logOffset = logSize;
    }

    /** A temporary file older than a minute was left by a process killed while writing. */
    private static void deleteIfStale(Path tmp) {
        try {
            if (Files.getLastModifiedTime(tmp).toInstant().isBefore(Instant.now().minusSeconds(60))) Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // another process may be cleaning it up too
        }
    }

    private void appendToLog(String dir, String name) {
        try {
            long size = Files.exists(log) ? Files.size(log) : 0;
            // an entry a killed writer cut short must not swallow this one
            String entry = (endsCutShort(size) ? "\n" : "") + dir + "/" + name + "\n";
            byte[] bytes = entry.getBytes(StandardCharsets.UTF_8);
            Files.createDirectories(log.getParent());
            Files.write(log, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            logOffset = size + bytes.length;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + log, e);
        }
    }

    private boolean endsCutShort(long size) throws IOException {
        if (size == 0) return false;
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            return ch.read(last, size - 1) == 1 && last.get(0) != '\n';
        }
    }

    private static void writeAtomically(Path target, byte[] bytes) {
        try {
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
