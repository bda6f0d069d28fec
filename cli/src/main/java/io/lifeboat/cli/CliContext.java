package io.lifeboat.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * The working directory and environment a command runs with: the process's own, or, when tests
 * run commands in-process, theirs.
 */
record CliContext(Path cwd, Map<String, String> env) {
    private static final ThreadLocal<CliContext> CURRENT = ThreadLocal.withInitial(
            () -> new CliContext(Path.of("").toAbsolutePath(), System.getenv()));

    static CliContext current() {
        return CURRENT.get();
    }

    static void set(CliContext c) {
        CURRENT.set(c);
    }

    static void reset() {
        CURRENT.remove();
    }

    String env(String name) {
        return env.get(name);
    }
}
