package io.lifeboat.state;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * The checksum of a checkpoint's deployment, as compact JSON with the checksum blank: it tells a
 * checkpoint changed or damaged after it was written. Lifeboat writes {@code crc32:<8 hex>}
 * (zlib's CRC-32, native code: 26 MB in a few milliseconds, where SHA-256 took 0.2 s of a
 * command before the JIT compiled it) and still reads the {@code sha256:<64 hex>} it used to write.
 */
final class CheckpointChecksum {
    private static final String CRC32_PREFIX = "crc32:";
    private static final String SHA256_PREFIX = "sha256:";
    private final CRC32 crc;
    private final MessageDigest sha;

    private CheckpointChecksum(CRC32 crc, MessageDigest sha) {
        this.crc = crc;
        this.sha = sha;
    }

    /** The checksum Lifeboat writes. */
    static CheckpointChecksum written() {
        return new CheckpointChecksum(new CRC32(), null);
    }

    /** The checksum of the kind {@code stored} is; null when it is of no kind Lifeboat knows. */
    static CheckpointChecksum like(String stored) {
        if (stored.startsWith(CRC32_PREFIX)) return written();
        if (!stored.startsWith(SHA256_PREFIX)) return null;
        try {
            return new CheckpointChecksum(null, MessageDigest.getInstance("SHA-256"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    CheckpointChecksum update(byte[] bytes, int offset, int length) {
        if (crc != null) crc.update(bytes, offset, length);
        else sha.update(bytes, offset, length);
        return this;
    }

    CheckpointChecksum update(byte[] bytes) {
        return update(bytes, 0, bytes.length);
    }

    /**
     * The checksum, of this kind, of a deployment {@code [from, to)} of {@code bytes} whose stored
     * checksum, quotes and all, is {@code [checksumStart, checksumEnd)}: taken as blank ({@code ""}).
     */
    String overBlanked(byte[] bytes, int from, int checksumStart, int checksumEnd, int to) {
        return update(bytes, from, checksumStart - from).update(BLANK).update(bytes, checksumEnd, to - checksumEnd).value();
    }

    /** A checksum's place, blank. */
    static final byte[] BLANK = {'"', '"'};

    String value() {
        return crc != null ? CRC32_PREFIX + String.format("%08x", crc.getValue()) : SHA256_PREFIX + HexFormat.of().formatHex(sha.digest());
    }
}
