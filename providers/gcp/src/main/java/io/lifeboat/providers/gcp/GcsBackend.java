package io.lifeboat.providers.gcp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.google.api.gax.paging.Page;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;

import io.lifeboat.state.LockHeldException;
import io.lifeboat.state.LockInfo;
import io.lifeboat.state.LockRecord;
import io.lifeboat.state.ObjectStoreBackend;

/**
 * State in a GCS bucket, under a prefix, laid out as {@link ObjectStoreBackend} says (as the
 * s3:// backend is). The lock is a create conditional on there being no
 * object ({@code ifGenerationMatch=0}); it is renewed by a write and broken or released by a
 * delete, both conditional on the generation the holder read; a lost race (412) names the holder.
 * A checkpoint replaces the one it read, by its generation, so two writers cannot both win
 * unnoticed. Every write of an object is atomic in GCS.
 */
public final class GcsBackend extends ObjectStoreBackend {
    private final Storage storage;
    private final String bucket;

    public GcsBackend(Storage storage, String bucket, String prefix) {
        super(prefix);
        this.storage = storage;
        this.bucket = bucket;
    }

    @Override
    public String describe() {
        return "gs://" + bucket + "/" + prefix();
    }

    private interface GcsCall<T> {
        T run();
    }

    private <T> T call(String what, GcsCall<T> body) throws IOException {
        try {
            return body.run();
        } catch (StorageException e) {
            throw new IOException(what + " on " + describe() + " failed: " + e.getMessage() + " (HTTP " + e.getCode() + ")", e);
        }
    }

    private static boolean preconditionFailed(IOException e) {
        return e.getCause() instanceof StorageException s && (s.getCode() == 412 || s.getCode() == 409);
    }

    private static boolean notFound(IOException e) {
        return e.getCause() instanceof StorageException s && s.getCode() == 404;
    }

    /** The object's bytes and generation, or empty when there is none. */
    private Optional<Blob> blob(String key) throws IOException {
        return Optional.ofNullable(call("get " + key, () -> storage.get(BlobId.of(bucket, key))));
    }

    @Override
    protected Optional<byte[]> get(String key) throws IOException {
        try {
            return Optional.of(call("read " + key, () -> storage.readAllBytes(BlobId.of(bucket, key))));
        } catch (IOException e) {
            if (notFound(e)) return Optional.empty();
            throw e;
        }
    }

    private Blob put(String key, byte[] bytes, Storage.BlobTargetOption... conditions) throws IOException {
        return call("write " + key, () -> storage.create(BlobInfo.newBuilder(BlobId.of(bucket, key)).setContentType("application/json").build(),
                bytes, conditions));
    }

    @Override
    protected void put(String key, byte[] bytes) throws IOException {
        put(key, bytes, new Storage.BlobTargetOption[0]);
    }

    /** A journal part is never overwritten: two writers of one journal would be a lock failure, told here. */
    @Override
    protected void putNew(String key, byte[] bytes) throws IOException {
        put(key, bytes, Storage.BlobTargetOption.doesNotExist());
    }

    @Override
    protected void remove(String key) throws IOException {
        call("delete " + key, () -> storage.delete(BlobId.of(bucket, key)));
    }

    @Override
    protected List<String> list(String under) throws IOException {
        List<String> keys = new ArrayList<>();
        call("list " + under, () -> {
            Page<Blob> page = storage.list(bucket, Storage.BlobListOption.prefix(under));
            for (Blob b : page.iterateAll()) keys.add(b.getName());
            return null;
        });
        return keys;
    }

    /** Keeps the one it replaces in the history, then replaces it only if it is still the one read (its generation). */
    @Override
    public void writeCheckpoint(String stack, byte[] bytes, long serial) throws IOException {
        String k = key(stack + ".json");
        Optional<Blob> previous = blob(k);
        if (previous.isPresent()) {
            byte[] old = call("read " + k, () -> storage.readAllBytes(BlobId.of(bucket, k, previous.get().getGeneration())));
            keep(stack, old, serial);
        }
        try {
            put(k, bytes, previous.isPresent() ? Storage.BlobTargetOption.generationMatch(previous.get().getGeneration())
                    : Storage.BlobTargetOption.doesNotExist());
        } catch (IOException e) {
            if (!preconditionFailed(e)) throw e;
            throw new IOException("the checkpoint of " + stack + " on " + describe() + " was written by someone else meanwhile; nothing of this"
                    + " run was lost from the journal: run the command again to replay it", e);
        }
    }

    @Override
    public LockRecord lock(String stack, LockInfo info) throws IOException {
        String k = key(stack + ".lock");
        while (true) {
            try {
                Blob made = put(k, LockRecord.bytes(info), Storage.BlobTargetOption.doesNotExist());
                return new LockRecord(info, String.valueOf(made.getGeneration()));
            } catch (IOException e) {
                if (!preconditionFailed(e)) throw e;
                Optional<LockRecord> holder = readLock(stack);
                // released between the write and the read: try again rather than name no one
                if (holder.isPresent()) throw new LockHeldException(stack, holder.get().holder());
            }
        }
    }

    @Override
    public Optional<LockRecord> readLock(String stack) throws IOException {
        String k = key(stack + ".lock");
        Optional<Blob> b = blob(k);
        if (b.isEmpty()) return Optional.empty();
        try {
            byte[] bytes = call("read " + k, () -> storage.readAllBytes(BlobId.of(bucket, k, b.get().getGeneration())));
            return Optional.of(new LockRecord(LockRecord.parse(bytes), String.valueOf(b.get().getGeneration())));
        } catch (IOException e) {
            if (notFound(e)) return Optional.empty(); // released between the two reads
            throw e;
        }
    }

    /** A renewal is a write conditional on the generation the holder last wrote. */
    @Override
    public Optional<LockRecord> renewLock(String stack, LockRecord expected, LockInfo renewed) throws IOException {
        String k = key(stack + ".lock");
        try {
            Blob b = put(k, LockRecord.bytes(renewed), Storage.BlobTargetOption.generationMatch(Long.parseLong(expected.version())));
            return Optional.of(new LockRecord(renewed, String.valueOf(b.getGeneration())));
        } catch (IOException e) {
            if (preconditionFailed(e) || notFound(e)) return Optional.empty();
            throw e;
        }
    }

    /** A compare-and-delete: the delete is conditional on the generation read. */
    @Override
    public boolean unlock(String stack, LockRecord expected) throws IOException {
        String k = key(stack + ".lock");
        try {
            return call("delete " + k, () -> storage.delete(BlobId.of(bucket, k),
                    Storage.BlobSourceOption.generationMatch(Long.parseLong(expected.version()))));
        } catch (IOException e) {
            if (preconditionFailed(e) || notFound(e)) return false;
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            storage.close();
        } catch (Exception e) {
            // nothing is left to flush: every write returned when it was done
        }
    }
}
