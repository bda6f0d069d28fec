package io.lifeboat.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lifeboat.resource.Urn;
import io.lifeboat.state.ResourceState;

/**
 * Renders a plan as people read Terraform's and Pulumi's: a tree of resources with a symbol each
 * (+ create, ~ update, +- replace, - delete), every changed property old → new, then totals;
 * as Markdown for pull requests; as JSON for machines. Secrets never appear.
 */
public final class PlanRenderer {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public String text(Plan plan) {
        StringBuilder sb = new StringBuilder();
        List<Row> rows = tree(plan);
        if (!plan.hasChanges()) {
            sb.append("No changes. ").append(Plural.of(count(plan, Plan.Kind.SAME), "resource")).append(" unchanged.\n");
            return sb.toString();
        }
        int typeWidth = 4;
        int nameWidth = 4;
        for (Row r : rows) {
            typeWidth = Math.max(typeWidth, r.prefix.length() + r.step.urn().type().length());
            nameWidth = Math.max(nameWidth, r.step.urn().name().length());
        }
        sb.append(String.format("     %-" + typeWidth + "s  %-" + nameWidth + "s  %s%n", "Type", "Name", "Plan"));
        for (Row r : rows) {
            Step s = r.step;
            String plan0 = s instanceof Step.Same ? "" : s.verb();
            sb.append(String.format(" %-3s %-" + typeWidth + "s  %-" + nameWidth + "s  %s%n", s.symbol().trim(),
                    r.prefix + s.urn().type(), s.urn().name(), plan0).stripTrailing()).append('\n');
        }
        String details = details(plan, "    ");
        if (!details.isEmpty()) sb.append('\n').append(details);
        sb.append('\n').append(totals(plan)).append('\n');
        return sb.toString().replace("\n\n\n", "\n\n");
    }

    /** Each update and replacement with its changed properties. */
    public String details(Plan plan, String indent) {
        StringBuilder sb = new StringBuilder();
        for (Step s : plan.steps()) {
            List<PropertyChange> changes;
            String head;
            if (s instanceof Step.Update u) {
                changes = u.changes();
                head = "~ " + s.urn().type() + " " + s.urn().name() + ": update";
            } else if (s instanceof Step.Replace r) {
                changes = r.changes();
                head = s.symbol() + " " + s.urn().type() + " " + s.urn().name() + ": replace ("
                        + (r.deleteBeforeReplace() ? "delete first, " : "") + StepGenerator.reason(r) + ")";
            } else {
                continue;
            }
            sb.append(head).append('\n');
            for (PropertyChange c : changes) {
                sb.append(indent).append(change(c)).append('\n');
            }
        }
        return sb.toString();
    }

    static String change(PropertyChange c) {
        String tail = c.forcesReplacement() ? "   (forces replacement)" : "";
        if (c.before() == null) return "+ " + c.path() + ": " + ValueFormat.show(c.after()) + tail;
        if (c.after() == null) return "- " + c.path() + ": " + ValueFormat.show(c.before()) + tail;
        return "~ " + c.path() + ": " + ValueFormat.show(c.before()) + " => " + ValueFormat.show(c.after()) + tail;
    }

    public String totals(Plan plan) {
        Map<Plan.Kind, Integer> c = plan.counts();
        List<String> parts = new ArrayList<>();
        if (c.get(Plan.Kind.CREATE) > 0) parts.add("+ " + c.get(Plan.Kind.CREATE) + " to create");
        if (c.get(Plan.Kind.UPDATE) > 0) parts.add("~ " + c.get(Plan.Kind.UPDATE) + " to update");
        if (c.get(Plan.Kind.REPLACE) > 0) parts.add("+- " + c.get(Plan.Kind.REPLACE) + " to replace");
        if (c.get(Plan.Kind.DELETE) > 0) parts.add("- " + c.get(Plan.Kind.DELETE) + " to delete");
        parts.add(c.get(Plan.Kind.SAME) + " unchanged");
        return "Resources: " + String.join(", ", parts);
    }

    public String markdown(Plan plan, String title) {
        StringBuilder sb = new StringBuilder();
        Map<Plan.Kind, Integer> c = plan.counts();
        sb.append("### ").append(title).append('\n').append('\n');
        if (!plan.hasChanges()) {
            sb.append("No changes (").append(Plural.of(c.get(Plan.Kind.SAME), "resource")).append(" unchanged).\n");
            return sb.toString();
        }
        sb.append("**").append(c.get(Plan.Kind.CREATE)).append("** to create, **").append(c.get(Plan.Kind.UPDATE))
                .append("** to update, **").append(c.get(Plan.Kind.REPLACE)).append("** to replace, **")
                .append(c.get(Plan.Kind.DELETE)).append("** to delete, ").append(c.get(Plan.Kind.SAME)).append(" unchanged\n\n");
        sb.append("| | Resource | Type | Action |\n|---|---|---|---|\n");
        for (Step s : plan.steps()) {
            if (s instanceof Step.Same) continue;
            sb.append("| `").append(s.symbol().trim()).append("` | `").append(s.urn().name()).append("` | `")
                    .append(s.urn().type()).append("` | ").append(s.verb()).append(" |\n");
        }
        String details = details(plan, "    ");
        if (!details.isEmpty()) {
            sb.append("\n<details><summary>Property changes</summary>\n\n```diff\n").append(details).append("```\n\n</details>\n");
        }
        if (!plan.errors().isEmpty()) {
            sb.append("\n> [!CAUTION]\n");
            for (String e : plan.errors()) sb.append("> ").append(e).append('\n');
        }
        return sb.toString();
    }

    public ObjectNode json(Plan plan) {
        ObjectNode n = JSON.createObjectNode();
        n.put("stack", plan.stack());
        n.put("changes", plan.hasChanges());
        ObjectNode counts = n.putObject("counts");
        plan.counts().forEach((k, v) -> counts.put(k.name().toLowerCase(java.util.Locale.ROOT), v));
        ArrayNode steps = n.putArray("steps");
        for (Step s : plan.steps()) {
            ObjectNode o = steps.addObject();
            o.put("op", s.verb());
            o.put("urn", s.urn().toString());
            o.put("type", s.urn().type());
            o.put("name", s.urn().name());
            List<PropertyChange> changes = s instanceof Step.Update u ? u.changes() : s instanceof Step.Replace r ? r.changes() : List.of();
            if (s instanceof Step.Replace r) {
                o.put("deleteBeforeReplace", r.deleteBeforeReplace());
                o.put("reason", StepGenerator.reason(r));
            }
            if (!changes.isEmpty()) {
                ArrayNode cs = o.putArray("changes");
                for (PropertyChange c : changes) {
                    ObjectNode x = cs.addObject();
                    x.put("path", c.path());
                    x.put("before", c.before() == null ? null : ValueFormat.show(c.before()));
                    x.put("after", c.after() == null ? null : ValueFormat.show(c.after()));
                    x.put("forcesReplacement", c.forcesReplacement());
                }
            }
        }
        ObjectNode outputs = n.putObject("outputs");
        plan.outputs().forEach((k, v) -> outputs.put(k, ValueFormat.show(v)));
        ArrayNode errors = n.putArray("errors");
        plan.errors().forEach(errors::add);
        return n;
    }

    public String jsonText(Plan plan) {
        try {
            return JSON.writeValueAsString(json(plan));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code 1 resource}, {@code 2 resources}: a count with its noun, singular or plural. */
    private static long count(Plan plan, Plan.Kind kind) {
        return plan.counts().get(kind);
    }

    private record Row(Step step, String prefix) {
    }

    /** Steps as a tree by parent, children in plan order; deletes sit under their old parent. */
    private static List<Row> tree(Plan plan) {
        Map<Urn, List<Step>> children = new LinkedHashMap<>();
        Map<Urn, Step> byUrn = new HashMap<>();
        for (Step s : plan.steps()) byUrn.putIfAbsent(s.urn(), s);
        List<Step> roots = new ArrayList<>();
        for (Step s : plan.steps()) {
            Urn parent = parentOf(s);
            if (parent != null && byUrn.containsKey(parent) && !parent.equals(s.urn())) {
                children.computeIfAbsent(parent, x -> new ArrayList<>()).add(s);
            } else {
                roots.add(s);
            }
        }
        // Unchanged resources are shown only as the ancestors of changed ones.
        java.util.Set<Urn> shown = new java.util.HashSet<>();
        for (Step s : plan.steps()) {
            if (s instanceof Step.Same) continue;
            for (Urn u = s.urn(); u != null && shown.add(u); u = byUrn.containsKey(u) ? parentOf(byUrn.get(u)) : null) {
                // walk up to the root
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Step r : roots) walk(r, "", "", children, rows, shown);
        return rows;
    }

    private static void walk(Step s, String prefix, String childPrefix, Map<Urn, List<Step>> children, List<Row> rows,
                             java.util.Set<Urn> shown) {
        if (!shown.contains(s.urn())) return;
        rows.add(new Row(s, prefix));
        List<Step> kids = new ArrayList<>();
        for (Step k : children.getOrDefault(s.urn(), List.of())) {
            if (shown.contains(k.urn()) && k != s) kids.add(k);
        }
        for (int i = 0; i < kids.size(); i++) {
            boolean last = i == kids.size() - 1;
            walk(kids.get(i), childPrefix + (last ? "└─ " : "├─ "), childPrefix + (last ? "   " : "│  "), children, rows, shown);
        }
    }

    private static Urn parentOf(Step s) {
        if (s instanceof Step.Same x) return x.goal().options().parent();
        if (s instanceof Step.Create x) return x.goal().options().parent();
        if (s instanceof Step.Update x) return x.goal().options().parent();
        if (s instanceof Step.Replace x) return x.goal().options().parent();
        ResourceState old = ((Step.Delete) s).old();
        return old.parent();
    }
}
