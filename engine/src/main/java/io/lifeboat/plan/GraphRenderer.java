package io.lifeboat.plan;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import io.lifeboat.resource.Urn;

/**
 * A {@link ResourceGraph} as Mermaid (GitHub draws it in comments and Markdown files) or as
 * Graphviz dot. Node ids are generated ({@code n0}, {@code n1}, …), so no name can break the
 * syntax; labels are escaped. Changed resources are coloured by what happens to them; unchanged
 * ones shown for context are dashed and grey. Edges run from what is needed first; a dotted edge
 * is a parent holding a child.
 */
public final class GraphRenderer {

    public String mermaid(ResourceGraph g) {
        StringBuilder sb = new StringBuilder("flowchart LR\n");
        Map<Urn, String> ids = ids(g);
        for (ResourceGraph.Node n : g.nodes()) {
            sb.append("  ").append(ids.get(n.urn())).append("[\"").append(mermaidText(label(n))).append("\"]");
            if (n.change() != null) sb.append(":::").append(n.change().name().toLowerCase(Locale.ROOT));
            sb.append('\n');
        }
        for (ResourceGraph.Edge e : g.edges()) {
            sb.append("  ").append(ids.get(e.from())).append(e.parent() ? " -.-> " : " --> ").append(ids.get(e.to())).append('\n');
        }
        sb.append("  classDef create fill:#d3f9d8,stroke:#2b8a3e,color:#000\n");
        sb.append("  classDef update fill:#fff3bf,stroke:#e67700,color:#000\n");
        sb.append("  classDef replace fill:#ffe8cc,stroke:#d9480f,color:#000\n");
        sb.append("  classDef delete fill:#ffe3e3,stroke:#c92a2a,color:#000\n");
        sb.append("  classDef same fill:#f1f3f5,stroke:#adb5bd,color:#495057,stroke-dasharray:4 3\n");
        return sb.toString();
    }

    public String dot(ResourceGraph g, String name) {
        StringBuilder sb = new StringBuilder("digraph \"").append(dotText(name)).append("\" {\n  rankdir=LR;\n  node [shape=box, style=rounded];\n");
        Map<Urn, String> ids = ids(g);
        for (ResourceGraph.Node n : g.nodes()) {
            sb.append("  ").append(ids.get(n.urn())).append(" [label=\"").append(dotText(label(n)).replace("\n", "\\n")).append('"');
            String color = n.change() == null ? null : switch (n.change()) {
                case CREATE -> "#d3f9d8";
                case UPDATE -> "#fff3bf";
                case REPLACE -> "#ffe8cc";
                case DELETE -> "#ffe3e3";
                case SAME -> "#f1f3f5";
            };
            if (color != null) sb.append(", style=\"rounded,filled").append(n.change() == Plan.Kind.SAME ? ",dashed" : "")
                    .append("\", fillcolor=\"").append(color).append('"');
            sb.append("];\n");
        }
        for (ResourceGraph.Edge e : g.edges()) {
            sb.append("  ").append(ids.get(e.from())).append(" -> ").append(ids.get(e.to())).append(e.parent() ? " [style=dotted]" : "")
                    .append(";\n");
        }
        return sb.append("}\n").toString();
    }

    private static Map<Urn, String> ids(ResourceGraph g) {
        Map<Urn, String> ids = new HashMap<>();
        for (ResourceGraph.Node n : g.nodes()) ids.put(n.urn(), "n" + ids.size());
        return ids;
    }

    private static String label(ResourceGraph.Node n) {
        String verb = n.change() == null || n.change() == Plan.Kind.SAME ? "" : " (" + n.change().name().toLowerCase(Locale.ROOT) + ")";
        return n.urn().name() + verb + "\n" + n.urn().type();
    }

    /** Mermaid's entity codes for what would end a quoted label or be read as markup. */
    static String mermaidText(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("#quot;");
                case '<' -> sb.append("#lt;");
                case '>' -> sb.append("#gt;");
                case '#' -> sb.append("#35;");
                case '&' -> sb.append("#amp;");
                case '`' -> sb.append("#96;");
                case '\n' -> sb.append("<br/>");
                default -> sb.append(c < 0x20 ? ' ' : c);
            }
        }
        return sb.toString();
    }

    static String dotText(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') sb.append('\\');
            sb.append(c < 0x20 && c != '\n' ? ' ' : c);
        }
        return sb.toString();
    }
}
