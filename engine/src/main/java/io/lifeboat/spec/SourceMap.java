package io.lifeboat.spec;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each value of a document stands, by path ({@code spec.network.cidr},
 * {@code spec.deployments[0].name}), so that checks on the bound model can still point at the
 * file, line and column the user wrote.
 */
public final class SourceMap {
    private final Map<String, SourcePosition> positions = new HashMap<>();
    private final SourcePosition fallback;

    public SourceMap(SourcePosition fallback) {
        this.fallback = fallback;
    }

    void put(String path, SourcePosition at) {
        positions.put(path, at);
    }

    /** The position of the value at {@code path}, or of its nearest enclosing value. */
    public SourcePosition at(String path) {
        String p = path;
        while (true) {
            SourcePosition at = positions.get(p);
            if (at != null) return at;
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            if (cut <= 0) return fallback;
            p = p.substring(0, cut);
        }
    }

    public boolean has(String path) {
        return positions.containsKey(path);
    }
}
