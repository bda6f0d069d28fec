package io.lifeboat.providers.aws;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.lifeboat.state.FileBackend;
import io.lifeboat.state.LockHeldException;
import io.lifeboat.state.LockInfo;
import io.lifeboat.state.LockRecord;
import io.lifeboat.state.StateBackend;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * State in an S3 bucket, under a prefix: {@code <stack>.json} (the checkpoint),
 * {@code <stack>.history/<serial>.json} (the last {@value FileBackend#KEEP} before it),
 * {@code <stack>.journal/<sequence>} (one object per append, read back in order: S3 cannot
 * append) and {@code <stack>.lock}. The lock is taken by a conditional write
 * ({@code If-None-Match: *}) and read back, so that a service that ignores the condition still
 * cannot give it to two holders unnoticed; it is renewed by a write and broken or released by a
 * delete, both conditional on its ETag ({@code If-Match}). Every write of an object is atomic in S3.
 */
public final class S3Backend implements StateBackend {
    private final AwsClients aws;
    private final String bucket;
    private final String prefix;
    private final Map<String, Long> journalSequence = new ConcurrentHashMap<>();

    public S3Backend(AwsClients aws, String bucket, String prefix) {
        this.aws = aws;
        this.bucket = bucket;
        String p = prefix == null ? "" : prefix.replaceAll("^/+", "").replaceAll("/+$", "");
        this.prefix = p.isEmpty() ? "" : p + "/";
    }

    private S3Client s3() {
        return aws.s3();
    }

    @Override
    public String describe() {
        return "s3://" + bucket + "/" + prefix + " (" + aws.region() + ")";
    }

    private String key(String name) {
        return prefix + name;
    }

    private interface S3Call<T> {
        T run();
    }

    private <T> T call(String what, S3Call<T> body) throws IOException {
        try {
            return body.run();
        } catch (SdkException e) {
            throw new IOException(what + " on " + describe() + " failed: " + e.getMessage(), e);
        }
    }

    private Optional<byte[]> get(String key) throws IOException {
        try {
            return Optional.of(call("GetObject " + key, () -> s3().getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray()));
        } catch (IOException e) {
            if (e.getCause() instanceof NoSuchKeyException || (e.getCause() instanceof S3Exception s && s.statusCode() == 404)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private void put(String key, byte[] bytes) throws IOException {
        call("PutObject " + key, () -> s3().putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(bytes)));
    }

    private void remove(String key) throws IOException {
        call("DeleteObject " + key, () -> s3().deleteObject(r -> r.bucket(bucket).key(key)));
    }

    private List<String> list(String under) throws IOException {
        List<String> keys = new ArrayList<>();
        for (S3Object o : call("ListObjectsV2 " + under, () -> s3().listObjectsV2Paginator(r -> r.bucket(bucket).prefix(under)).contents()
                .stream().toList())) {
            keys.add(o.key());
        }
        return keys;
    }

    @Override
    public Optional<byte[]> readCheckpoint(String stack) throws IOException {
        return get(key(stack + ".json"));
    }

    @Override
    public void writeCheckpoint(String stack, byte[] bytes, long serial) throws IOException {
        Optional<byte[]> previous = readCheckpoint(stack);
        if (previous.isPresent()) {
            put(key(stack + ".history/" + (serial - 1) + ".json"), previous.get());
            List<Long> kept = history(stack);
            for (int i = FileBackend.KEEP; i < kept.size(); i++) remove(key(stack + ".history/" + kept.get(i) + ".json"));
        }
        put(key(stack + ".json"), bytes);
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
        put(key(stack + ".journal/" + String.format("%019d", next)), sb.toString().getBytes(StandardCharsets.UTF_8));
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

    /** Every append is a whole object once PutObject returns: nothing more to make durable. */
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
    public LockRecord lock(String stack, LockInfo info) throws IOException {
        String k = key(stack + ".lock");
        while (true) {
            try {
                s3().putObject(r -> r.bucket(bucket).key(k).ifNoneMatch("*"), RequestBody.fromBytes(LockRecord.bytes(info)));
            } catch (S3Exception e) {
                if (e.statusCode() != 412 && e.statusCode() != 409) throw new IOException("PutObject " + k + " on " + describe() + " failed: " + e.getMessage(), e);
                Optional<LockRecord> holder = readLock(stack);
                // released between the write and the read: try again rather than name no one
                if (holder.isPresent()) throw new LockHeldException(stack, holder.get().holder());
                continue;
            } catch (SdkException e) {
                throw new IOException("PutObject " + k + " on " + describe() + " failed: " + e.getMessage(), e);
            }
            // read back: a service that ignores the condition still cannot give the lock to two holders unnoticed
            Optional<LockRecord> onFile = readLock(stack);
            if (onFile.isPresent() && onFile.get().holder().equals(info)) return onFile.get();
            if (onFile.isPresent()) throw new LockHeldException(stack, onFile.get().holder());
        }
    }

    @Override
    public Optional<LockRecord> readLock(String stack) throws IOException {
        String k = key(stack + ".lock");
        try {
            var object = s3().getObjectAsBytes(r -> r.bucket(bucket).key(k));
            return Optional.of(new LockRecord(LockRecord.parse(object.asByteArray()), object.response().eTag()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) return Optional.empty();
            throw new IOException("GetObject " + k + " on " + describe() + " failed: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("GetObject " + k + " on " + describe() + " failed: " + e.getMessage(), e);
        }
    }

    /** A renewal is a write conditional on the ETag the holder last wrote ({@code If-Match}). */
    @Override
    public Optional<LockRecord> renewLock(String stack, LockRecord expected, LockInfo renewed) throws IOException {
        String k = key(stack + ".lock");
        try {
            String etag = s3().putObject(r -> r.bucket(bucket).key(k).ifMatch(expected.version()), RequestBody.fromBytes(LockRecord.bytes(renewed))).eTag();
            return Optional.of(new LockRecord(renewed, etag));
        } catch (S3Exception e) {
            if (e.statusCode() == 412 || e.statusCode() == 404 || e.statusCode() == 409) return Optional.empty();
            throw new IOException("PutObject " + k + " on " + describe() + " failed: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("PutObject " + k + " on " + describe() + " failed: " + e.getMessage(), e);
        }
    }

    /** A compare-and-delete: DeleteObject conditional on the ETag read ({@code If-Match}, as S3 serves since 2024). */
    @Override
    public boolean unlock(String stack, LockRecord expected) throws IOException {
        String k = key(stack + ".lock");
        try {
            s3().deleteObject(r -> r.bucket(bucket).key(k).ifMatch(expected.version()));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 412 || e.statusCode() == 404 || e.statusCode() == 409) return false;
            throw new IOException("DeleteObject " + k + " on " + describe() + " failed: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("DeleteObject " + k + " on " + describe() + " failed: " + e.getMessage(), e);
        }
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

    @Override
    public void close() {
        aws.close();
    }
}
