package io.lifeboat.state;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secret property values in checkpoints and journals the way Pulumi's passphrase
 * secrets provider does: AES-256-GCM with a key derived by PBKDF2-SHA256 (1,000,000 rounds) from
 * the passphrase and a per-stack salt; ciphertexts are {@code v1:<nonce>:<sealed>} in base64.
 * The key is derived only when a secret is first met, so stacks without secrets need no
 * passphrase.
 */
public final class SecretsCrypter {
    public static final String PROVIDER_TYPE = "passphrase";
    private static final int ROUNDS = 1_000_000;
    private static final String CHECK = "pulumi";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final java.util.Map<String, byte[]> KEYS = new java.util.concurrent.ConcurrentHashMap<>();

    /** A cipher per thread, initialised anew for each secret: looking one up costs more than a secret's AES (thousands in a state). */
    private static final ThreadLocal<Cipher> GCM = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new StateException("AES-GCM is not available: " + e.getMessage(), e);
        }
    });

    private final Supplier<char[]> passphrase;
    private final String saltState;
    private volatile SecretKeySpec key;

    private SecretsCrypter(Supplier<char[]> passphrase, String saltState) {
        this.passphrase = passphrase;
        this.saltState = saltState;
    }

    /** A crypter for a new stack: a fresh salt; the check value is sealed when the key is first needed. */
    public static SecretsCrypter fresh(Supplier<char[]> passphrase) {
        byte[] salt = new byte[8];
        RANDOM.nextBytes(salt);
        return new SecretsCrypter(passphrase, "v1:" + Base64.getEncoder().encodeToString(salt));
    }

    /** A crypter for an existing stack, from the {@code salt} of its checkpoint's secrets provider. */
    public static SecretsCrypter existing(Supplier<char[]> passphrase, String saltState) {
        return new SecretsCrypter(passphrase, saltState);
    }

    /** The secrets provider state to write: {@code v1:<salt>} plus, once the key is known, the sealed check value. */
    public String saltState() {
        if (key == null || saltState.split(":").length > 2) return saltState;
        return saltState + ":" + seal(CHECK);
    }

    /** Derives the key now (if it is not yet), so that {@link #saltState} carries the sealed check value. */
    public void unlock() {
        key();
    }

    public String encrypt(String plaintext) {
        return seal(plaintext);
    }

    public String decrypt(String ciphertext) {
        return open(ciphertext);
    }

    private String seal(String plaintext) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher c = GCM.get();
            c.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(128, nonce));
            byte[] sealed = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return "v1:" + Base64.getEncoder().encodeToString(nonce) + ":" + Base64.getEncoder().encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new StateException("cannot encrypt a secret: " + e.getMessage(), e);
        }
    }

    private String open(String ciphertext) {
        return open(ciphertext, key());
    }

    private static String open(String ciphertext, SecretKeySpec with) {
        String[] parts = ciphertext.split(":");
        if (parts.length != 3 || !parts[0].equals("v1")) throw new StateException("a secret in the state is not in v1:<nonce>:<data> form");
        try {
            Cipher c = GCM.get();
            c.init(Cipher.DECRYPT_MODE, with, new GCMParameterSpec(128, Base64.getDecoder().decode(parts[1])));
            return new String(c.doFinal(Base64.getDecoder().decode(parts[2])), StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new StateException("the passphrase does not open this stack's secrets; set LIFEBOAT_PASSPHRASE to the one the stack was created with");
        } catch (GeneralSecurityException | IllegalArgumentException | java.security.ProviderException e) {
            // ProviderException: data shorter than the tag, which the JDK's GCM does not throw as an AEADBadTagException
            throw new StateException("a secret in the state is damaged: " + e.getMessage(), e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec k = key;
        if (k != null) return k;
        synchronized (this) {
            if (key != null) return key;
            char[] pass = passphrase.get();
            if (pass == null || pass.length == 0) {
                throw new StateException("this stack's state holds secrets: set LIFEBOAT_PASSPHRASE to encrypt and read them");
            }
            String[] parts = saltState.split(":", 3);
            byte[] salt = Base64.getDecoder().decode(parts[1]);
            String cacheKey = new String(pass) + "\u0000" + parts[1];
            byte[] raw = KEYS.computeIfAbsent(cacheKey, x -> derive(pass, salt));
            SecretKeySpec derived = new SecretKeySpec(raw, "AES");
            // published only once it opens the check value: another thread may be reading the key without the lock
            if (parts.length == 3 && !CHECK.equals(open(parts[2], derived))) {
                throw new StateException("the passphrase does not open this stack's secrets");
            }
            key = derived;
            return derived;
        }
    }

    private static byte[] derive(char[] pass, byte[] salt) {
        return derive(pass, salt, ROUNDS);
    }

    /**
     * PBKDF2-HMAC-SHA256 (RFC 8018, section 5.2) of one 32-byte block, the key the JDK's
     * {@code PBKDF2WithHmacSHA256} derives from the same passphrase (as UTF-8) and salt:
     * T = U1 ^ U2 ^ ... ^ Uc with U1 = HMAC(P, S || INT(1)) and Uj = HMAC(P, Uj-1), each HMAC
     * (RFC 2104) hashed into buffers of its own. The JDK's allocates in each of the million rounds,
     * 48 MB of garbage in every command that reads a secret.
     */
    static byte[] derive(char[] pass, byte[] salt, int rounds) {
        byte[] password = utf8(pass);
        byte[] ipad = new byte[64];
        byte[] opad = new byte[64];
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] k = password.length > 64 ? sha.digest(password) : password;
            for (int i = 0; i < 64; i++) {
                byte b = i < k.length ? k[i] : 0;
                ipad[i] = (byte) (b ^ 0x36);
                opad[i] = (byte) (b ^ 0x5c);
            }
            byte[] inner = new byte[32];
            byte[] u = new byte[32];
            sha.update(ipad);
            sha.update(salt);
            sha.update(new byte[] {0, 0, 0, 1});
            sha.digest(inner, 0, 32);
            sha.update(opad);
            sha.update(inner);
            sha.digest(u, 0, 32);
            byte[] t = u.clone();
            for (int r = 1; r < rounds; r++) {
                sha.update(ipad);
                sha.update(u);
                sha.digest(inner, 0, 32);
                sha.update(opad);
                sha.update(inner);
                sha.digest(u, 0, 32);
                for (int i = 0; i < 32; i++) t[i] ^= u[i];
            }
            if (k != password) java.util.Arrays.fill(k, (byte) 0);
            java.util.Arrays.fill(inner, (byte) 0);
            java.util.Arrays.fill(u, (byte) 0);
            return t;
        } catch (GeneralSecurityException e) {
            throw new StateException("cannot derive the secrets key: " + e.getMessage(), e);
        } finally {
            java.util.Arrays.fill(password, (byte) 0);
            java.util.Arrays.fill(ipad, (byte) 0);
            java.util.Arrays.fill(opad, (byte) 0);
        }
    }

    private static byte[] utf8(char[] pass) {
        java.nio.ByteBuffer b = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(pass));
        byte[] out = new byte[b.remaining()];
        b.get(out);
        if (b.hasArray()) java.util.Arrays.fill(b.array(), (byte) 0);
        return out;
    }
}
