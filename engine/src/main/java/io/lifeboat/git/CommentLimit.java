package io.lifeboat.git;

/**
 * Cuts Markdown to a number of characters at a line boundary, and leaves it well formed: a code
 * block open at the cut is closed, then a note says what was cut, then every {@code <details>}
 * still open is closed. GitHub refuses a pull-request comment longer than
 * {@value #GITHUB_COMMENT_LIMIT} characters.
 */
public final class CommentLimit {
    public static final int GITHUB_COMMENT_LIMIT = 65_536;

    private CommentLimit() {
    }

    /**
     * {@code markdown} when it fits in {@code max} characters; otherwise as many of its first
     * lines as fit with the closers and the note made by {@code note} (given the number of lines
     * left out). Returns the empty string when not even the note fits.
     */
    public static String cut(String markdown, int max, java.util.function.IntFunction<String> note) {
        if (markdown.length() <= max) return markdown;
        String[] lines = markdown.split("\n", -1);
        StringBuilder kept = new StringBuilder();
        boolean fence = false;
        int details = 0;
        String best = null;
        int bestLength = -1;
        for (int i = 0; i <= lines.length && kept.length() <= max; i++) {
            String ending = ending(fence, details, note.apply(lines.length - i));
            if (kept.length() + ending.length() <= max) {
                best = ending;
                bestLength = kept.length();
            }
            if (i == lines.length) break;
            String line = lines[i];
            kept.append(line).append('\n');
            if (line.stripLeading().startsWith("```")) fence = !fence;
            if (!fence) details += count(line, "<details") - count(line, "</details>");
        }
        return best == null ? "" : kept.substring(0, bestLength) + best;
    }

    private static String ending(boolean fence, int details, String note) {
        StringBuilder sb = new StringBuilder();
        if (fence) sb.append("```\n");
        sb.append('\n').append(note).append('\n');
        for (int i = 0; i < details; i++) sb.append("\n</details>\n");
        return sb.toString();
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) n++;
        return n;
    }
}
