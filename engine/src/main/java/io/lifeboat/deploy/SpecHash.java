package io.lifeboat.deploy;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.lifeboat.spec.SpecSource;
import io.lifeboat.spec.Stack;

/**
 * What a stack applies, as {@code <platform>.<stack>}: a short hash of its platform file and one
 * of its stack file. The two stacks of a pair share the first part when they apply the same
 * platform, which is how a secondary is seen to be behind its primary.
 */
public final class SpecHash {
    private SpecHash() {
    }

    public static String of(SpecSource source, Stack stack) throws IOException {
        String first = stack.runsProgram() ? program(source, stack.program()) : hash(source, stack.platformFile());
        return first + "." + hash(source, stack.file());
    }

    /**
     * A program stack's first part: its project's files (their paths and bytes), leaving out what
     * its build makes and Lifeboat's own files (its state and sim under {@code .lifeboat/}, there
     * when the project is the repository's root).
     */
    private static String program(SpecSource source, String dir) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            java.nio.file.Path root = source.root() == null ? null : source.root().resolve(dir);
            if (root != null && java.nio.file.Files.isDirectory(root)) {
                try (var files = java.nio.file.Files.walk(root)) {
                    for (java.nio.file.Path f : files.filter(java.nio.file.Files::isRegularFile).sorted().toList()) {
                        String rel = root.relativize(f).toString().replace('\\', '/');
                        if (rel.startsWith("target/") || rel.startsWith("build/") || rel.startsWith(".gradle/") || rel.startsWith(".git/")
                                || rel.startsWith(".lifeboat/")) continue;
                        md.update(rel.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        md.update(java.nio.file.Files.readAllBytes(f));
                    }
                }
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The platform part of a spec hash. */
    public static String platformPart(String specHash) {
        if (specHash == null) return null;
        int dot = specHash.indexOf('.');
        return dot < 0 ? specHash : specHash.substring(0, dot);
    }

    private static String hash(SpecSource source, String file) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            if (file != null && source.read(file) instanceof SpecSource.Found f) md.update(f.bytes());
            return HexFormat.of().formatHex(md.digest()).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
