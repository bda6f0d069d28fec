package io.lifeboat.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the findings of one load. The same finding reached twice (a platform shared by two
 * stacks, a platform checked alone and as part of a stack) is kept once: one finding per code
 * and position, the first one reported.
 */
public final class Diagnostics {
    private final Map<String, Diagnostic> all = new LinkedHashMap<>();

    public void error(DiagnosticCode code, SourcePosition at, String message, String hint) {
        add(new Diagnostic(Severity.ERROR, code, at, message, hint));
    }

    public void warning(DiagnosticCode code, SourcePosition at, String message, String hint) {
        add(new Diagnostic(Severity.WARNING, code, at, message, hint));
    }

    public void add(Diagnostic d) {
        all.putIfAbsent(d.code() + "@" + d.position(), d);
    }

    public void addAll(Diagnostics other) {
        for (Diagnostic d : other.all.values()) add(d);
    }

    public boolean hasErrors() {
        for (Diagnostic d : all.values()) {
            if (d.isError()) return true;
        }
        return false;
    }

    public int errorCount() {
        int n = 0;
        for (Diagnostic d : all.values()) {
            if (d.isError()) n++;
        }
        return n;
    }

    /** All findings, sorted by file, line and column. */
    public List<Diagnostic> sorted() {
        List<Diagnostic> list = new ArrayList<>(all.values());
        list.sort(null);
        return list;
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }
}
