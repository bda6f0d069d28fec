package io.lifeboat.spec;

import java.nio.file.Files;
import java.nio.file.Path;

/** The words every command uses when a path that should name a file does not. */
public final class FileProblems {
    private FileProblems() {
    }

    public static String noSuchFile(String path) {
        return "no such file: " + path;
    }

    public static String isDirectory(String path) {
        return "is a directory: " + path;
    }

    /** Why {@code file} (as the user typed it: {@code typed}) cannot be read as a file; null when it can. */
    public static String of(Path file, String typed) {
        if (Files.isDirectory(file)) return isDirectory(typed);
        if (!Files.exists(file)) return noSuchFile(typed);
        return null;
    }
}
