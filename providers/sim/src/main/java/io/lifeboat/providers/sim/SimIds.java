package io.lifeboat.providers.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Random;
import java.util.zip.CRC32;

import io.lifeboat.spec.Cidr;

/** Ids, addresses and secrets shaped like the real cloud's, from a random source that may be seeded. */
public final class SimIds {
    private static final String HEX = "0123456789abcdef";
    private static final String LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    /** The public address ranges the real cloud hands out elastic addresses from (first octet). */
    private static final int[] PUBLIC_FIRST_OCTETS = {3, 13, 18, 34, 35, 44, 52, 54};

    private final Random random;

    public SimIds(Random random) {
        this.random = random;
    }

    /** {@code vpc-0a1b2c3d4e5f60718}: the prefix and 17 hex digits. */
    public String ec2(String prefix) {
        return prefix + "-" + pick(HEX, 17);
    }

    public String upperHex(int n) {
        return pick(HEX, n).toUpperCase(java.util.Locale.ROOT);
    }

    public String lowerAlnum(int n) {
        return pick(LOWER_ALNUM, n);
    }

    public String upperAlnum(int n) {
        return pick(UPPER_ALNUM, n);
    }

    public String alnum(int n) {
        return pick(ALNUM, n);
    }

    public String uuid() {
        return pick(HEX, 8) + "-" + pick(HEX, 4) + "-4" + pick(HEX, 3) + "-" + pick("89ab", 1) + pick(HEX, 3) + "-" + pick(HEX, 12);
    }

    public String publicIp() {
        int first = PUBLIC_FIRST_OCTETS[random.nextInt(PUBLIC_FIRST_OCTETS.length)];
        return first + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    /** An address inside the block, past the five the real cloud reserves at its start. */
    public String privateIpIn(Cidr block) {
        long size = block.size();
        long offset = size > 8 ? 4 + (long) (random.nextDouble() * (size - 5)) : 0;
        long addr = (block.address() & block.mask()) + offset;
        return ((addr >> 24) & 0xff) + "." + ((addr >> 16) & 0xff) + "." + ((addr >> 8) & 0xff) + "." + (addr & 0xff);
    }

    /** A PEM certificate's worth of random bytes, base64-encoded as EKS returns its certificate authority. */
    public String certificateAuthorityData() {
        byte[] der = new byte[720];
        random.nextBytes(der);
        String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }

    private String pick(String alphabet, int n) {
        char[] out = new char[n];
        for (int i = 0; i < n; i++) out[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        return new String(out);
    }

    /** The unsigned CRC-32 of a string, as the aws provider hashes a route's destination into its id. */
    public static long crc32(String s) {
        CRC32 crc = new CRC32();
        crc.update(s.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    /** {@code n} lowercase letters and digits that always come out the same for the same seed text. */
    public static String stableLowerAlnum(String seed, int n) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            char[] out = new char[n];
            for (int i = 0; i < n; i++) out[i] = LOWER_ALNUM.charAt((digest[i % digest.length] & 0xff) % LOWER_ALNUM.length());
            return new String(out);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
