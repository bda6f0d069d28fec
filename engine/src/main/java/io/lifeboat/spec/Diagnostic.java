package io.lifeboat.spec;

/**
 * One finding about a spec: where, what kind ({@link DiagnosticCode}), what was found and
 * expected ({@code message}) and how to fix it ({@code hint}, may be empty).
 */
public record Diagnostic(Severity severity, DiagnosticCode code, SourcePosition position, String message, String hint)
        implements Comparable<Diagnostic> {

    public Diagnostic {
        hint = hint == null ? "" : hint;
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public int compareTo(Diagnostic o) {
        int c = position.compareTo(o.position);
        return c != 0 ? c : code.compareTo(o.code);
    }

    @Override
    public String toString() {
        return position + ": " + severity.label() + "[" + code.id() + "]: " + message + (hint.isEmpty() ? "" : " (" + hint + ")");
    }
}
