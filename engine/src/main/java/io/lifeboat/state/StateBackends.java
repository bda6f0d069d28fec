package io.lifeboat.state;

import java.net.URI;
import java.nio.file.Path;

/** Opens the backend a stack's {@code state:} URL names. */
public final class StateBackends {
    public static final String DEFAULT = "file://.lifeboat/state";

    private StateBackends() {
    }

    /** {@code file://PATH} is relative to the repository root unless absolute. */
    public static StateBackend open(String url, Path workDir) {
        String u = url == null ? DEFAULT : url;
        if (u.startsWith("file://")) {
            Path p = Path.of(u.substring("file://".length()));
            return new FileBackend(p.isAbsolute() ? p : workDir.resolve(p).normalize());
        }
        String scheme = URI.create(u).getScheme();
        throw new StateException("state backend " + scheme + ":// is not available in this build; use file://PATH");
    }
}
