package io.lifeboat.program;

import java.util.List;

/** Secrets a spec names that could not be read; each problem names the spec line and the fix. */
public final class SecretUnavailableException extends IllegalStateException {
    private final List<String> problems;

    public SecretUnavailableException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
