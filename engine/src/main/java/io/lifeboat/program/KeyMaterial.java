package io.lifeboat.program;

import java.security.SecureRandom;
import java.util.Base64;

/** Fresh API key material: 32 random bytes, URL-safe base64. */
final class KeyMaterial {
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyMaterial() {
    }

    static String next() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return "lbk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
