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
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Stream;

import io.lifeboat.provider.ProviderException;

/**
 * One region's objects on disk, as a log: {@code objects.log} holds a header line naming its
 * generation, then one line per change, the object as it now is (or that it was removed). Every
 * instance (in this process or another) keeps an index of the objects in memory and follows the
 * log from where it last read; a line is written by one append, and a line without its newline
 * (a write in progress, or one a killed process cut short) is not read until it is whole, and is
 * cut off by the next writer. When the log holds three times what is live (objects not gone), a writer rewrites it
 * (a new generation, moved into place whole) and the others read it afresh.
 *
 * <p>Writers hold the region's lock ({@link RegionLock}: this process's threads and other
 * processes); {@link #locked} holds it across a check and its write. Readers take no region lock:
 * they look whether the log changed since they last read it (one {@code stat}) and, when it did,
 * read what was added under this instance's own index lock, which is never held while another
 * lock is taken, so a reader holding one region's lock may read another region.
 *
 * <p>A region written by an earlier version, one file per object under {@code objects/}, is read
 * from those files, and moved into a log by its first write.
 */
final class RegionStore {
    /** Work done while holding the region's lock. */
    interface Work<T> {
        T run() throws ProviderException;
    }

    private static final String HEADER = "{\"lifeboatSimLog\":1,\"generation\":\"";
    /** Below this the log is never rewritten: small regions keep their history for whoever reads it. */
    static final long COMPACT_FLOOR = 4L << 20;

    private final String region;
    private final Path dir;
    private final Path logFile;
    private final Path legacyObjects;
    private final Path stateFile;
    private final RegionLock lock;
    /** Held while the index follows the log (and while a writer appends and indexes its line). */
    private final ReentrantLock indexLock = new ReentrantLock();

    /** type token → id → object as last written; null until first loaded. */
    private volatile Map<String, Map<String, Stored>> index;
    /** type token → key name → objects by a key (a unique name, the mark); built when first asked for. */
    private final Map<String, Map<String, KeyIndex>> keyIndexes = new ConcurrentHashMap<>();
    /** What the index has read: the log's generation, how far, and the file as it then was. */
    private String generation;
    private volatile long logOffset;
    private volatile Seen seen;
    /**
     * The hold of the region's lock ({@link RegionLock#hold}) under which the index last read the
     * log, and how many writes the lock had seen then ({@link RegionLock#writes}): while both
     * stand, the index is the log's; -1 for none.
     */
    private volatile long followedIn = -1;
    private volatile long followedWrites = -1;
    /** The log's length at which a writer next looks whether most of it is history (doubling each time: linear in all). */
    private final long compactFloor;
    private long nextLook;
    private FileChannel appender;
    private volatile KnownState knownState;
    private Object appenderKey;

    /** An object and the length of its line in the log. */
    private record Stored(SimObject object, int bytes) {
    }

    /** The log file as a stat saw it: unchanged means nothing was written since. */
    private record Seen(Object fileKey, long size, java.nio.file.attribute.FileTime modified) {
        static Seen of(BasicFileAttributes a) {
            return new Seen(a.fileKey(), a.size(), a.lastModifiedTime());
        }
    }

    /** The region's state as read, and its file as a stat saw it then. */
    private record KnownState(Seen file, RegionState state) {
    }

    /** The objects of one type by the values of one key: the ids that have each value. */
    private record KeyIndex(Function<SimObject, List<String>> keysOf, Map<String, Set<String>> ids) {
        void add(String id, SimObject o) {
            for (String k : keysOf.apply(o)) ids.computeIfAbsent(k, x -> ConcurrentHashMap.newKeySet()).add(id);
        }

        void drop(String id, SimObject o) {
            for (String k : keysOf.apply(o)) {
                Set<String> set = ids.get(k);
                if (set != null && set.remove(id) && set.isEmpty()) ids.remove(k);
            }
        }
    }

    RegionStore(Path regionsDir, String region, long compactFloor) {
        this.region = region;
        this.compactFloor = compactFloor;
        this.nextLook = compactFloor;
        this.dir = regionsDir.resolve(region);
        this.logFile = dir.resolve("objects.log");
        this.legacyObjects = dir.resolve("objects");
        this.stateFile = dir.resolve("region.json");
        this.lock = RegionLock.of(dir.resolve(".lock"));
    }

    String region() {
        return region;
    }

    <T> T locked(Work<T> work) throws ProviderException {
        lock.lock();
        try {
            follow();
            return work.run();
        } finally {
            lock.unlock();
        }
    }

    /** The object as it is at {@code now}; null when there is none or it is gone by then. */
    SimObject get(String type, String id, Instant now) {
        Map<String, Stored> ofType = current().get(type);
        Stored stored = ofType == null ? null : ofType.get(id);
        return stored == null ? null : settled(ofType, stored, now);
    }

    /** The objects of a type as they are at {@code now}, in no particular order. */
    List<SimObject> ofType(String type, Instant now) {
        Map<String, Stored> ofType = current().get(type);
        return ofType == null ? new ArrayList<>() : settledAll(ofType, ofType.values(), now);
    }

    /**
     * The objects of a type that have {@code value} among the values of the key {@code keyName}
     * (computed by {@code keysOf}, the same function every time for that name), as they are at
     * {@code now}. The first query builds an index of the type by that key, which every change
     * then keeps up to date: finding a name or a mark among many objects does not look at all of them.
     */
    List<SimObject> withKey(String type, String keyName, Function<SimObject, List<String>> keysOf, String value, Instant now) {
        Map<String, Map<String, Stored>> idx = current();
        KeyIndex keys = keyIndexes.getOrDefault(type, Map.of()).get(keyName);
        if (keys == null) {
            indexLock.lock();
            try {
                idx = index;
                Map<String, KeyIndex> ofType = keyIndexes.computeIfAbsent(type, d -> new ConcurrentHashMap<>());
                keys = ofType.get(keyName);
                if (keys == null) {
                    keys = new KeyIndex(keysOf, new ConcurrentHashMap<>());
                    for (Map.Entry<String, Stored> e : idx.getOrDefault(type, Map.of()).entrySet()) keys.add(e.getKey(), e.getValue().object());
                    ofType.put(keyName, keys);
                }
            } finally {
                indexLock.unlock();
            }
        }
        Set<String> ids = keys.ids().get(value);
        if (ids == null) return List.of();
        Map<String, Stored> objects = idx.getOrDefault(type, Map.of());
        List<Stored> hits = new ArrayList<>();
        for (String id : ids) {
            Stored s = objects.get(id);
            if (s != null) hits.add(s);
        }
        return settledAll(objects, hits, now);
    }

    /** Every object of the region as it is at {@code now}, in no particular order. */
    List<SimObject> all(Instant now) {
        List<SimObject> out = new ArrayList<>();
        for (Map<String, Stored> ofType : current().values()) out.addAll(settledAll(ofType, ofType.values(), now));
        return out;
    }

    void put(SimObject o) {
        append(SimJson.line(o), o.type(), o.id(), o);
    }

    void remove(String type, String id) {
        append(SimJson.removal(type, id), type, id, null);
    }

    /** Every object of a type (for a reader holding another region's lock: this takes none of this region's). */
    List<SimObject> peekAll(String type, Instant now) {
        return ofType(type, now);
    }

    /** One object (for a reader holding another region's lock); null if none. */
    SimObject peek(String type, String id, Instant now) {
        return get(type, id, now);
    }

    /**
     * The region's outage and faults as {@code region.json} now says (another process may set
     * them at any time): read again only when a stat shows the file changed; no file is normal.
     */
    RegionState state() {
        // Files.exists asks without an exception: most regions never have the file
        if (!Files.exists(stateFile)) return RegionState.NORMAL;
        try {
            Seen now = Seen.of(Files.readAttributes(stateFile, BasicFileAttributes.class));
            KnownState known = knownState;
            if (known != null && known.file().equals(now)) return known.state();
            RegionState state = SimJson.readState(Files.readAllBytes(stateFile));
            // replaced between the stat and the read: the next stat differs, and reads it again
            knownState = new KnownState(now, state);
            return state;
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

    /**
     * The object as it is at {@code now}, or null when it is gone by then; a gone one leaves this
     * index (its line stays in the log, where every read finds it gone, until the log is rewritten).
     */
    private static SimObject settled(Map<String, Stored> ofType, Stored stored, Instant now) {
        SimObject o = stored.object().at(now);
        if (o == null) ofType.remove(stored.object().id(), stored);
        return o;
    }

    private static List<SimObject> settledAll(Map<String, Stored> ofType, java.util.Collection<Stored> stored, Instant now) {
        List<SimObject> out = new ArrayList<>(stored.size());
        for (Stored s : List.copyOf(stored)) {
            SimObject o = settled(ofType, s, now);
            if (o != null) out.add(o);
        }
        return out;
    }

    /** The index, brought up to date with the log when the log changed since it was last read. */
    private Map<String, Map<String, Stored>> current() {
        Map<String, Map<String, Stored>> idx = index;
        // the holder of the region's lock, once its index has read the log, is the only one to change it
        if (idx != null && (followedUnderHold() || Objects.equals(stat(), seen))) return idx;
        follow();
        return index;
    }

    private Seen stat() {
        try {
            return Seen.of(Files.readAttributes(logFile, BasicFileAttributes.class));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the object log of " + region, e);
        }
    }

    /**
     * Reads what the log gained since the index last read it; nothing under a hold of the
     * region's lock that read it already, since no one else writes the log while it is held.
     */
    private void follow() {
        if (followedUnderHold()) return;
        followLog();
        long hold = lock.hold();
        if (hold >= 0) {
            followedIn = hold;
            followedWrites = lock.writes();
        }
    }

    /** Whether the calling thread holds the region's lock and the index has read the log, and every write to it, under this hold. */
    private boolean followedUnderHold() {
        long hold = lock.hold();
        return hold >= 0 && hold == followedIn && followedWrites == lock.writes() && index != null;
    }

    /** Reads what the log gained since the index last read it; all of it when it is new, or rewritten. */
    private void followLog() {
        indexLock.lock();
        try {
            Seen before = stat();
            if (index != null && Objects.equals(before, seen)) return;
            if (before == null) {
                // no log: a new region, or one an earlier version wrote (read here, moved into a log by the first write)
                if (index == null || generation != null) {
                    reset(null);
                    for (SimObject o : legacyObjects()) index(o.type(), o.id(), o, 0);
                }
                seen = null;
                return;
            }
            try (FileChannel ch = FileChannel.open(logFile, StandardOpenOption.READ)) {
                long size = ch.size();
                String header = header(ch);
                if (header == null) {
                    // a log without a whole header is one being created: nothing to read yet
                    if (index == null) reset(null);
                    return;
                }
                long from = logOffset;
                if (index == null || !header.equals(generation) || size < logOffset) {
                    reset(header);
                    from = headerLength(header);
                }
                logOffset = from + readLines(ch, from, size);
                seen = before;
            }
        } catch (NoSuchFileException e) {
            // rewritten while opened: the next read sees the new generation
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the object log of " + region, e);
        } finally {
            indexLock.unlock();
        }
    }

    private void reset(String header) {
        index = new ConcurrentHashMap<>();
        keyIndexes.clear();
        generation = header;
        logOffset = header == null ? 0 : headerLength(header);
    }

    private static long headerLength(String generation) {
        return (HEADER + generation + "\"}\n").getBytes(StandardCharsets.UTF_8).length;
    }

    /** The log's generation, from its first line; null while that line is not whole. */
    private static String header(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(128);
        ch.read(buf, 0);
        String first = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
        int nl = first.indexOf('\n');
        if (nl < 0) return null;
        String line = first.substring(0, nl);
        if (!line.startsWith(HEADER) || !line.endsWith("\"}")) throw new IOException("objects.log does not start with its header");
        return line.substring(HEADER.length(), line.length() - 2);
    }

    /** Applies the whole lines in {@code [from, size)}; returns how many bytes they take. */
    private long readLines(FileChannel ch, long from, long size) throws IOException {
        if (size <= from) return 0;
        byte[] chunk = new byte[Math.toIntExact(size - from)];
        ByteBuffer buf = ByteBuffer.wrap(chunk);
        long pos = from;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) break;
            pos += n;
        }
        int start = 0;
        for (int i = 0; i < buf.position(); i++) {
            if (chunk[i] != '\n') continue;
            apply(chunk, start, i - start);
            start = i + 1;
        }
        return start;
    }

    private void apply(byte[] bytes, int off, int len) throws IOException {
        SimJson.LogLine line = SimJson.readLine(bytes, off, len);
        index(line.type(), line.id(), line.object(), len + 1);
    }

    /** Puts (or, with no object, drops) one object in the index and its key indexes; under the index lock. */
    private void index(String type, String id, SimObject o, int bytes) {
        Map<String, Stored> ofType = index.computeIfAbsent(type, t -> new ConcurrentHashMap<>());
        Stored old = o == null ? ofType.remove(id) : ofType.put(id, new Stored(o, bytes));
        for (KeyIndex keys : keyIndexes.getOrDefault(type, Map.of()).values()) {
            if (old != null) keys.drop(id, old.object());
            if (o != null) keys.add(id, o);
        }
    }

    /** Appends one line under the region's lock, cutting off what a killed writer left unfinished. */
    private void append(byte[] line, String type, String id, SimObject o) {
        lock.lock();
        try {
            follow();
            indexLock.lock();
            try {
                if (generation == null) {
                    startLog(live());
                    deleteLegacy();
                }
                FileChannel ch = appender();
                if (ch.size() > logOffset) ch.truncate(logOffset);
                ByteBuffer buf = ByteBuffer.wrap(line);
                long pos = logOffset;
                while (buf.hasRemaining()) pos += ch.write(buf, pos);
                logOffset = pos;
                index(type, id, o, line.length);
                seen = stat();
                lock.wrote();
                followedWrites = lock.writes();
                if (logOffset > nextLook) rewriteIfMostlyHistory();
            } finally {
                indexLock.unlock();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the object log of " + region, e);
        } finally {
            lock.unlock();
        }
    }

    /** The channel writes go to, opened again when the log was rewritten since. */
    private FileChannel appender() throws IOException {
        Object key = seen == null ? null : seen.fileKey();
        if (appender == null || !appender.isOpen() || key == null || !key.equals(appenderKey)) {
            if (appender != null) appender.close();
            appender = FileChannel.open(logFile, StandardOpenOption.WRITE);
            appenderKey = Files.readAttributes(logFile, BasicFileAttributes.class).fileKey();
        }
        return appender;
    }

    /** Keeps the objects that are not gone by now, in a new generation of the log. */
    private void rewriteIfMostlyHistory() throws IOException {
        List<SimObject> live = live();
        long liveBytes = 0;
        for (SimObject o : live) liveBytes += index.get(o.type()).get(o.id()).bytes();
        if (logOffset > 3 * liveBytes) startLog(live);
        nextLook = Math.max(compactFloor, 2 * logOffset);
    }

    /** The objects of the index that are not gone by now, oldest first. */
    private List<SimObject> live() {
        Instant now = Instant.now();
        List<SimObject> live = new ArrayList<>();
        for (Map<String, Stored> ofType : index.values()) {
            for (Stored s : ofType.values()) if (s.object().at(now) != null) live.add(s.object());
        }
        live.sort(Comparator.comparing(SimObject::createdAt));
        return live;
    }

    /**
     * Writes a log of a new generation holding these objects, moves it into place, and indexes it.
     * The new index is whole before it replaces the old one: a reader that takes no lock sees one
     * or the other, never a part of it. Under the index lock.
     */
    private void startLog(List<SimObject> objects) throws IOException {
        String gen = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + Long.toHexString(System.nanoTime());
        Files.createDirectories(dir);
        Path tmp = dir.resolve(".objects.log." + gen + ".tmp");
        Map<String, Map<String, Stored>> fresh = new ConcurrentHashMap<>();
        long pos;
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            pos = write(ch, (HEADER + gen + "\"}\n").getBytes(StandardCharsets.UTF_8), 0);
            for (SimObject o : objects) {
                byte[] line = SimJson.line(o);
                pos = write(ch, line, pos);
                fresh.computeIfAbsent(o.type(), t -> new ConcurrentHashMap<>()).put(o.id(), new Stored(o, line.length));
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, logFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        keyIndexes.clear();
        generation = gen;
        logOffset = pos;
        index = fresh;
        seen = stat();
    }

    private static long write(FileChannel ch, byte[] bytes, long pos) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) pos += ch.write(buf, pos);
        return pos;
    }

    /** The objects of a region an earlier version wrote, one file per object under {@code objects/}. */
    private List<SimObject> legacyObjects() throws IOException {
        List<SimObject> objects = new ArrayList<>();
        if (!Files.isDirectory(legacyObjects)) return objects;
        try (DirectoryStream<Path> types = Files.newDirectoryStream(legacyObjects)) {
            for (Path typeDir : types) {
                if (!Files.isDirectory(typeDir)) continue;
                try (DirectoryStream<Path> files = Files.newDirectoryStream(typeDir, "*.json")) {
                    for (Path f : files) {
                        if (f.getFileName().toString().startsWith(".")) continue;
                        try {
                            objects.add(SimJson.readObject(Files.readAllBytes(f)));
                        } catch (NoSuchFileException | com.fasterxml.jackson.core.JacksonException e) {
                            // deleted meanwhile, or not an object file
                        }
                    }
                }
            }
        }
        objects.sort(Comparator.comparing(SimObject::createdAt));
        return objects;
    }

    /** Once their objects are in the log, an earlier version's files go (under the region's lock). */
    private void deleteLegacy() throws IOException {
        if (Files.isDirectory(legacyObjects)) {
            try (Stream<Path> old = Files.walk(legacyObjects)) {
                for (Path p : old.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir.resolve("changes.log"));
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
