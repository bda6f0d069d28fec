package io.lifeboat.program;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

import io.lifeboat.spec.Platform;

/**
 * Reads the secrets a spec names ({@code env:NAME}, {@code file:PATH}) when a stack is planned or
 * applied. The values only ever travel as secret property values.
 */
public interface SecretReader {

    /** The value, or null when the source holds none (the variable is unset, the file missing). */
    String read(Platform.SecretRef ref) throws IOException;

    /** Reads nothing: every secret is missing. */
    SecretReader NONE = ref -> null;

    /** Reads nothing, yet no secret is missing: for what needs a program's shape, not its values (the graph). */
    SecretReader PLACEHOLDERS = ref -> "(not read)";

    /**
     * {@code env:NAME} from {@code env}; {@code file:PATH} from a file, relative to {@code root}
     * unless absolute, without one trailing newline (as {@code echo secret > file} leaves it).
     */
    static SecretReader of(Map<String, String> env, Path root) {
        return ref -> switch (ref.scheme()) {
            case "env" -> {
                String v = env.get(ref.location());
                yield v == null || v.isEmpty() ? null : v;
            }
            case "file" -> {
                Path p = Path.of(ref.location());
                try {
                    String v = Files.readString(p.isAbsolute() ? p : root.resolve(p), StandardCharsets.UTF_8);
                    if (v.endsWith("\n")) v = v.substring(0, v.length() - 1);
                    if (v.endsWith("\r")) v = v.substring(0, v.length() - 1);
                    yield v.isEmpty() ? null : v;
                } catch (NoSuchFileException e) {
                    yield null;
                }
            }
            default -> null;
        };
    }
}
