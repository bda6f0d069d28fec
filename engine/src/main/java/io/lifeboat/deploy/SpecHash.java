package io.lifeboat.deploy;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.lifeboat.spec.SpecSource;
import io.lifeboat.spec.Stack;

/** A short hash of what a stack applies: its stack file and its platform file, byte for byte. */
public final class SpecHash {
    private SpecHash() {
    }

    public static String of(SpecSource source, Stack stack) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String file : new String[] {stack.file(), stack.platformFile()}) {
                if (file != null && source.read(file) instanceof SpecSource.Found f) {
                    md.update(file.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    md.update((byte) 0);
                    md.update(f.bytes());
                }
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
