package io.lifeboat.state;

import java.net.URI;
import java.nio.file.Path;
import java.util.ServiceLoader;

/** Opens the backend a stack's {@code state:} URL names: {@code file://} here, other schemes through {@link StateBackendFactory}. */
public final class StateBackends {
    public static final String DEFAULT = "file://.lifeboat/state";

    private StateBackends() {
    }

    /** {@code file://PATH} is relative to the repository root unless absolute. */
    public static StateBackend open(String url, Path workDir) {
        return open(url, workDir, null);
    }

    /** As {@link #open(String, Path)}, for a stack whose {@code endpoint:} is {@code endpoint} (a URL, "sim" or null). */
    public static StateBackend open(String url, Path workDir, String endpoint) {
        String u = url == null ? DEFAULT : url;
        if (u.startsWith("file://")) {
            Path p = Path.of(u.substring("file://".length()));
            return new FileBackend(p.isAbsolute() ? p : workDir.resolve(p).normalize());
        }
        URI uri = URI.create(u);
        String scheme = uri.getScheme();
        String urlEndpoint = endpoint != null && (endpoint.startsWith("http://") || endpoint.startsWith("https://")) ? endpoint : null;
        for (StateBackendFactory f : ServiceLoader.load(StateBackendFactory.class)) {
            if (f.scheme().equals(scheme)) return f.open(uri, workDir, urlEndpoint);
        }
        throw new StateException("state backend " + scheme + ":// is not available in this build; use file://PATH");
    }
}
