package io.lifeboat.spec;

/**
 * Where something stands in a source file: the file as the user should read it (relative to the
 * repository root) and a 1-based line and column.
 */
public record SourcePosition(String file, int line, int column) implements Comparable<SourcePosition> {

    public static SourcePosition startOf(String file) {
        return new SourcePosition(file, 1, 1);
    }

    @Override
    public int compareTo(SourcePosition o) {
        int c = file.compareTo(o.file);
        if (c != 0) return c;
        c = Integer.compare(line, o.line);
        return c != 0 ? c : Integer.compare(column, o.column);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
