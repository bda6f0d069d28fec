package io.lifeboat.spec;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Where each value of a document stands, by path ({@code spec.network.cidr},
 * {@code spec.deployments[0].name}), so that checks on the bound model can still point at the
 * file, line and column the user wrote.
 */
public final class SourceMap {
    private final Map<String, SourcePosition> positions = new HashMap<>();
    /** Values the shape check refused: checks on meaning leave them alone rather than report them twice. */
    private final Set<String> rejected = new HashSet<>();
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

    void reject(String path) {
        rejected.add(path);
    }

    /** True when the value at {@code path} was written but refused (of the wrong type, or out of range). */
    public boolean rejected(String path) {
        return rejected.contains(path);
    }
}
