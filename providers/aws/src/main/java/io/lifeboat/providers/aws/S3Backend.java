package io.lifeboat.providers.aws;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.lifeboat.state.LockHeldException;
import io.lifeboat.state.LockInfo;
import io.lifeboat.state.LockRecord;
import io.lifeboat.state.ObjectStoreBackend;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * State in an S3 bucket, under a prefix, laid out as {@link ObjectStoreBackend} says. The lock is taken by a conditional write
 * ({@code If-None-Match: *}) and read back, so that a service that ignores the condition still
 * cannot give it to two holders unnoticed; it is renewed by a write and broken or released by a
 * delete, both conditional on its ETag ({@code If-Match}). Every write of an object is atomic in S3.
 */
public final class S3Backend extends ObjectStoreBackend {
    private final AwsClients aws;
    private final String bucket;

    public S3Backend(AwsClients aws, String bucket, String prefix) {
        super(prefix);
        this.aws = aws;
        this.bucket = bucket;
    }

    private S3Client s3() {
        return aws.s3();
    }

    @Override
    public String describe() {
        return "s3://" + bucket + "/" + prefix() + " (" + aws.region() + ")";
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

    @Override
    protected Optional<byte[]> get(String key) throws IOException {
        try {
            return Optional.of(call("GetObject " + key, () -> s3().getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray()));
        } catch (IOException e) {
            if (e.getCause() instanceof NoSuchKeyException || (e.getCause() instanceof S3Exception s && s.statusCode() == 404)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    protected void put(String key, byte[] bytes) throws IOException {
        call("PutObject " + key, () -> s3().putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(bytes)));
    }

    @Override
    protected void remove(String key) throws IOException {
        call("DeleteObject " + key, () -> s3().deleteObject(r -> r.bucket(bucket).key(key)));
    }

    @Override
    protected List<String> list(String under) throws IOException {
        List<String> keys = new ArrayList<>();
        for (S3Object o : call("ListObjectsV2 " + under, () -> s3().listObjectsV2Paginator(r -> r.bucket(bucket).prefix(under)).contents()
                .stream().toList())) {
            keys.add(o.key());
        }
        return keys;
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
    public void close() {
        aws.close();
    }
}
