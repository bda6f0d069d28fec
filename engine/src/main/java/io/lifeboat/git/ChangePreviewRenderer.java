package io.lifeboat.git;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lifeboat.plan.GraphRenderer;
import io.lifeboat.plan.Plan;
import io.lifeboat.plan.PlanRenderer;
import io.lifeboat.plan.ResourceGraph;

/**
 * A {@link ChangePreview} as a pull-request comment (Markdown, every stack folded in its own
 * {@code <details>}, a Mermaid graph of the changed resources, the whole under GitHub's
 * comment limit) or as JSON for machines.
 */
public final class ChangePreviewRenderer {
    /** The first line of every comment, so CI can find its earlier comment and update it. */
    public static final String MARKER = "<!-- lifeboat-preview -->";
    static final int GRAPH_NODES = 80;
    static final int KEYS_PER_FILE = 30;
    static final int SPEC_DIFF_BUDGET = 12_000;
    /** Room kept for the closing note; each section's cut note is counted in its own share. */
    private static final int RESERVE = 400;

    private final PlanRenderer plans = new PlanRenderer();
    private final GraphRenderer graphs = new GraphRenderer();
    private final int limit;

    public ChangePreviewRenderer() {
        this(CommentLimit.GITHUB_COMMENT_LIMIT);
    }

    public ChangePreviewRenderer(int limit) {
        this.limit = limit;
    }

    public String markdown(ChangePreview p) {
        StringBuilder head = new StringBuilder(MARKER).append("\n## Lifeboat preview\n\n");
        if (p.base() != null) {
            head.append("Changes from ").append(p.base().describe()).append(" to ").append(p.head().describe());
            if (p.mergeBase() != null && !p.mergeBase().equals(p.base().sha())) {
                head.append(" (spec diff from their merge base `").append(p.mergeBase(), 0, 7).append("`)");
            }
            head.append(". ");
        } else if (p.head().sha() != null) {
            head.append("Specs at ").append(p.head().describe()).append(". ");
        }
        head.append("Each plan is ").append(p.head().sha() == null ? "the working tree's specs" : "head's specs")
                .append(" against the stack's current state: what `lifeboat up` would do.\n\n");
        head.append(summaryTable(p));
        if (p.base() != null) {
            head.append('\n').append(CommentLimit.cut(specDiff(p), SPEC_DIFF_BUDGET,
                    left -> "> ✂ Cut here to keep the comment short: " + left + " more lines of the spec diff.")).append('\n');
        }
        for (ChangePreview.RemovedStack r : p.removed()) {
            head.append("\n> [!WARNING]\n> Stack **").append(r.name()).append("** (`").append(r.file()).append("`) is removed by this change. ")
                    .append("`up` no longer manages it, and its ").append(r.resources() < 0 ? "" : r.resources() + " ")
                    .append("resources stay in the cloud ")
                    .append("until `lifeboat destroy --stack ").append(r.name()).append(" --ref <base>` removes them.\n");
        }

        List<String> sections = new ArrayList<>();
        for (ChangePreview.StackPlan s : p.stacks()) sections.add(section(s));
        String fixed = head.toString();
        int available = limit - fixed.length() - RESERVE;
        int[] shares = shares(sections, available);
        StringBuilder out = new StringBuilder(fixed);
        boolean cut = false;
        for (int i = 0; i < sections.size(); i++) {
            String s = sections.get(i);
            String name = p.stacks().get(i).name();
            String kept = CommentLimit.cut(s, Math.max(shares[i], 0), left -> "> ✂ Cut here to fit GitHub's " + String.format("%,d", limit)
                    + "-character comment limit: " + left + " more lines of " + name + "'s plan. `lifeboat preview --stack " + name
                    + " --format json` gives all of it.");
            if (kept.length() < s.length()) cut = true;
            out.append('\n').append(kept.isEmpty() ? "**" + name + "**: the plan is left out to fit the comment limit.\n" : kept);
        }
        if (cut) {
            out.append("\n> [!NOTE]\n> This comment was cut to fit GitHub's ").append(String.format("%,d", limit))
                    .append("-character limit; each cut is marked ✂.\n");
        }
        String text = out.toString();
        // The shares already keep it under the limit; this only guards against a miscount.
        return CommentLimit.cut(text, limit, left -> "> ✂ Cut here to fit GitHub's comment limit (" + left + " more lines).");
    }

    /** Shares of the room, smallest sections first: each gets all it needs or an equal part of what is left. */
    static int[] shares(List<String> sections, int available) {
        int[] out = new int[sections.size()];
        Integer[] order = new Integer[sections.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Integer.compare(sections.get(a).length() + 1, sections.get(b).length() + 1));
        int left = available;
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            int need = sections.get(i).length() + 1;
            int share = Math.min(need, left / (order.length - k));
            out[i] = share - 1; // the newline before each section
            left -= share;
        }
        return out;
    }

    private static String summaryTable(ChangePreview p) {
        boolean withChange = p.base() != null;
        StringBuilder sb = new StringBuilder("| Stack | Region | Role |" + (withChange ? " Spec |" : "") + " Create | Update | Replace | Delete | Unchanged |\n");
        sb.append("|---|---|---|").append(withChange ? "---|" : "").append("--:|--:|--:|--:|--:|\n");
        for (ChangePreview.StackPlan s : p.stacks()) {
            Map<Plan.Kind, Integer> c = s.plan().counts();
            sb.append("| **").append(s.name()).append("** | ").append(s.region()).append(" | ").append(s.role()).append(" | ");
            if (withChange) sb.append(s.change()).append(" | ");
            sb.append(c.get(Plan.Kind.CREATE)).append(" | ").append(c.get(Plan.Kind.UPDATE)).append(" | ").append(c.get(Plan.Kind.REPLACE))
                    .append(" | ").append(c.get(Plan.Kind.DELETE)).append(" | ").append(c.get(Plan.Kind.SAME)).append(" |\n");
        }
        return sb.toString();
    }

    private static String specDiff(ChangePreview p) {
        StringBuilder sb = new StringBuilder();
        if (p.specDiff().isEmpty()) return "No spec or stack file changed.\n";
        sb.append("<details><summary>Spec changes: ").append(io.lifeboat.plan.Plural.of(p.specDiff().size(), "file"))
                .append("</summary>\n\n");
        for (SpecDiff.FileChange f : p.specDiff()) {
            sb.append("- `").append(f.path()).append("` ").append(f.kind().name().toLowerCase(java.util.Locale.ROOT));
            if (!f.keys().isEmpty()) sb.append(": ").append(io.lifeboat.plan.Plural.of(f.keys().size(), "key"));
            sb.append('\n');
            int shown = 0;
            for (SpecDiff.KeyChange k : f.keys()) {
                if (shown++ == KEYS_PER_FILE) {
                    sb.append("  - … and ").append(f.keys().size() - KEYS_PER_FILE).append(" more\n");
                    break;
                }
                sb.append("  - `").append(symbol(k.kind())).append(' ').append(k.path().replace("`", "'")).append("`\n");
            }
        }
        return sb.append("\n</details>\n").toString();
    }

    private static String symbol(SpecDiff.Kind k) {
        return switch (k) {
            case ADDED -> "+";
            case DELETED -> "-";
            case MODIFIED -> "~";
        };
    }

    private String section(ChangePreview.StackPlan s) {
        Plan plan = s.plan();
        StringBuilder sb = new StringBuilder("<details><summary><b>").append(s.name()).append("</b> (").append(s.region()).append(", ")
                .append(s.role()).append("): ").append(plan.hasChanges() ? plans.totals(plan).replace("Resources: ", "") : "no changes")
                .append("</summary>\n\n");
        if (plan.hasChanges()) {
            ResourceGraph graph = ResourceGraph.changes(plan);
            ResourceGraph shown = graph.limit(GRAPH_NODES);
            sb.append("```mermaid\n").append(graphs.mermaid(shown)).append("```\n");
            if (shown != graph) {
                sb.append("\nThe graph shows the first ").append(GRAPH_NODES).append(" of ").append(graph.nodes().size())
                        .append(" resources; `lifeboat graph --stack ").append(s.name()).append("` draws them all.\n");
            }
            sb.append('\n');
        }
        String body = plans.markdown(plan, s.name());
        sb.append(body.substring(body.indexOf('\n') + 1).stripLeading());
        return sb.append("\n</details>\n").toString();
    }

    /** The same as JSON: base, head, merge base, the spec diff, removed stacks, and per stack its plan and change graph. */
    public ObjectNode json(ChangePreview p) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("changes", p.hasChanges());
        if (p.base() != null) root.set("base", revision(p.base()));
        root.set("head", revision(p.head()));
        if (p.mergeBase() != null) root.put("mergeBase", p.mergeBase());
        if (p.base() != null) {
            ArrayNode files = root.putArray("specDiff");
            for (SpecDiff.FileChange fc : p.specDiff()) {
                ObjectNode n = files.addObject().put("path", fc.path()).put("change", fc.kind().name().toLowerCase(java.util.Locale.ROOT));
                ArrayNode keys = n.putArray("keys");
                for (SpecDiff.KeyChange k : fc.keys()) keys.addObject().put("path", k.path()).put("change", k.kind().name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        ArrayNode stacks = root.putArray("stacks");
        for (ChangePreview.StackPlan s : p.stacks()) {
            ObjectNode n = plans.json(s.plan());
            n.put("file", s.file());
            n.put("region", s.region());
            n.put("role", s.role());
            if (s.change() != null) n.put("specChange", s.change());
            n.set("graph", graph(ResourceGraph.changes(s.plan())));
            stacks.add(n);
        }
        ArrayNode removed = root.putArray("removedStacks");
        for (ChangePreview.RemovedStack r : p.removed()) removed.addObject().put("stack", r.name()).put("file", r.file()).put("resources", r.resources());
        return root;
    }

    private static ObjectNode revision(ChangePreview.Revision r) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("ref", r.given());
        n.put("sha", r.sha());
        n.put("subject", r.subject());
        return n;
    }

    static ObjectNode graph(ResourceGraph g) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        ArrayNode nodes = n.putArray("nodes");
        for (ResourceGraph.Node x : g.nodes()) {
            nodes.addObject().put("urn", x.urn().toString()).put("change", x.change() == null ? null
                    : x.change().name().toLowerCase(java.util.Locale.ROOT));
        }
        ArrayNode edges = n.putArray("edges");
        for (ResourceGraph.Edge e : g.edges()) {
            edges.addObject().put("from", e.from().toString()).put("to", e.to().toString()).put("kind", e.parent() ? "parent" : "dependency");
        }
        return n;
    }
}
