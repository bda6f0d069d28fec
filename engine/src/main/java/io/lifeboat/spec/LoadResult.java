package io.lifeboat.spec;

import java.util.List;
import java.util.Map;

/**
 * What a load produced: the stacks (each with its merged platform), the platform documents that
 * were asked for on their own, and every finding. Nothing may act on a result with errors.
 */
public record LoadResult(List<Stack> stacks, Map<String, Platform> platforms, Diagnostics diagnostics) {

    public boolean ok() {
        return !diagnostics.hasErrors();
    }

    public Stack stack(String name) {
        for (Stack s : stacks) {
            if (s.name().equals(name)) return s;
        }
        return null;
    }
}
