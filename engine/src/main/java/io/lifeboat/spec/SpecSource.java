package io.lifeboat.spec;

import java.io.IOException;
import java.util.List;

/**
 * Where spec files are read from: the working tree, or a commit (issue 6). Paths are relative to
 * the repository root, with '/' separators.
 */
public interface SpecSource {

    /** For messages: "working tree /path" or "commit 1a2b3c4". */
    String describe();

    Lookup read(String path) throws IOException;

    /** The files (not folders) directly inside {@code dir}, sorted; empty when it is no folder. */
    List<String> list(String dir) throws IOException;

    boolean isDirectory(String path) throws IOException;

    /** The directory the files are in on disk: the working tree's root; null for a commit (a program stack needs a checkout). */
    default java.nio.file.Path root() {
        return null;
    }

    /**
     * A directory on disk that holds {@code dir} as this source has it, for what must run from
     * files (a Pulumi program): the working tree's own; a commit's written out (or the working
     * tree's, when it holds the same files). Null when there is none.
     */
    default java.nio.file.Path checkout(String dir) throws IOException {
        return root() == null ? null : root().resolve(dir);
    }

    sealed interface Lookup permits Found, Missing, Escapes {
    }

    record Found(byte[] bytes) implements Lookup {
    }

    record Missing() implements Lookup {
    }

    /** The path leads outside the repository (through '..' or a symbolic link). */
    record Escapes(String target) implements Lookup {
    }
}
