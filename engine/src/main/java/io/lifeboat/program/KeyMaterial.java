package io.lifeboat.program;

import java.util.Base64;
import java.util.random.RandomGenerator;

/** Fresh API key material: 32 random bytes, URL-safe base64. */
public final class KeyMaterial {
    private KeyMaterial() {
    }

    /** @param random secure randomness in use (see {@link ProgramOptions#random()}) */
    public static String next(RandomGenerator random) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return "lbk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
