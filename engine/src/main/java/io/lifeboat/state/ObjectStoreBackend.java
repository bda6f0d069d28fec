package io.lifeboat.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * State in a bucket of an object store (S3, GCS), under a prefix: {@code <stack>.json} (the
 * checkpoint), {@code <stack>.history/<serial>.json} (the last {@value FileBackend#KEEP} before
 * it), {@code <stack>.journal/<sequence>} (one object per append, read back in order: an object
 * store cannot append) and {@code <stack>.lock}. A store gives the object primitives and the
 * lock (each store has its own conditional writes); the layout is the same for all.
 */
public abstract class ObjectStoreBackend implements StateBackend {
    private final String prefix;
    private final Map<String, Long> journalSequence = new ConcurrentHashMap<>();

    protected ObjectStoreBackend(String prefix) {
        String p = prefix == null ? "" : prefix.replaceAll("^/+", "").replaceAll("/+$", "");
        this.prefix = p.isEmpty() ? "" : p + "/";
    }

    /** The prefix, empty or ending in {@code /}. */
    protected final String prefix() {
        return prefix;
    }

    protected final String key(String name) {
        return prefix + name;
    }

    /** The object's bytes; empty when there is none. */
    protected abstract Optional<byte[]> get(String key) throws IOException;

    /** Writes the object whole, atomically. */
    protected abstract void put(String key, byte[] bytes) throws IOException;

    /** Writes an object that must not exist yet (a journal part); a store without the condition writes it plainly. */
    protected void putNew(String key, byte[] bytes) throws IOException {
        put(key, bytes);
    }

    protected abstract void remove(String key) throws IOException;

    /** The keys under {@code under}. */
    protected abstract List<String> list(String under) throws IOException;

    @Override
    public Optional<byte[]> readCheckpoint(String stack) throws IOException {
        return get(key(stack + ".json"));
    }

    @Override
    public void writeCheckpoint(String stack, byte[] bytes, long serial) throws IOException {
        Optional<byte[]> previous = readCheckpoint(stack);
        if (previous.isPresent()) keep(stack, previous.get(), serial);
        put(key(stack + ".json"), bytes);
    }

    /** Keeps the checkpoint being replaced (the one before {@code serial}) among the last ones. */
    protected final void keep(String stack, byte[] previous, long serial) throws IOException {
        put(key(stack + ".history/" + (serial - 1) + ".json"), previous);
        List<Long> kept = history(stack);
        for (int i = FileBackend.KEEP; i < kept.size(); i++) remove(key(stack + ".history/" + kept.get(i) + ".json"));
    }

    @Override
    public List<Long> history(String stack) throws IOException {
        String under = key(stack + ".history/");
        List<Long> serials = new ArrayList<>();
        for (String k : list(under)) {
            String name = k.substring(under.length());
            if (name.matches("[0-9]+\\.json")) serials.add(Long.parseLong(name.substring(0, name.length() - 5)));
        }
        serials.sort(Comparator.reverseOrder());
        return serials;
    }

    @Override
    public Optional<byte[]> readHistory(String stack, long serial) throws IOException {
        return get(key(stack + ".history/" + serial + ".json"));
    }

    @Override
    public void appendJournal(String stack, List<String> lines) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) sb.append(l).append('\n');
        long next = journalSequence.computeIfAbsent(stack, s -> -1L);
        if (next < 0) next = lastJournalSequence(stack) + 1;
        putNew(key(stack + ".journal/" + String.format("%019d", next)), sb.toString().getBytes(StandardCharsets.UTF_8));
        journalSequence.put(stack, next + 1);
    }

    private long lastJournalSequence(String stack) throws IOException {
        long last = -1;
        for (long s : journalParts(stack)) last = Math.max(last, s);
        return last;
    }

    private List<Long> journalParts(String stack) throws IOException {
        String under = key(stack + ".journal/");
        List<Long> parts = new ArrayList<>();
        for (String k : list(under)) {
            String name = k.substring(under.length());
            if (name.matches("[0-9]+")) parts.add(Long.parseLong(name));
        }
        parts.sort(null);
        return parts;
    }

    /** Every append is a whole object once its write returns: nothing more to make durable. */
    @Override
    public void syncJournal(String stack) {
    }

    @Override
    public List<String> readJournal(String stack) throws IOException {
        List<String> lines = new ArrayList<>();
        for (long part : journalParts(stack)) {
            Optional<byte[]> bytes = get(key(stack + ".journal/" + String.format("%019d", part)));
            if (bytes.isEmpty()) continue;
            for (String l : new String(bytes.get(), StandardCharsets.UTF_8).split("\n")) if (!l.isEmpty()) lines.add(l);
        }
        return lines;
    }

    @Override
    public void clearJournal(String stack) throws IOException {
        for (long part : journalParts(stack)) remove(key(stack + ".journal/" + String.format("%019d", part)));
        journalSequence.put(stack, 0L);
    }

    @Override
    public void unlock(String stack) throws IOException {
        remove(key(stack + ".lock"));
    }

    @Override
    public List<String> stacks() throws IOException {
        List<String> out = new ArrayList<>();
        for (String k : list(prefix)) {
            String name = k.substring(prefix.length());
            if (name.endsWith(".json") && !name.contains("/")) out.add(name.substring(0, name.length() - 5));
        }
        out.sort(null);
        return out;
    }
}
