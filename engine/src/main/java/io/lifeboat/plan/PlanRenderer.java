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

import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/**
 * Renders a plan as people read Terraform's and Pulumi's: a tree of resources with a symbol each
 * (+ create, ~ update, +- replace, - delete), every changed leaf of a property with its path,
 * old → new (see {@link LeafDiff}), then totals; as Markdown for pull requests; as JSON for
 * machines, in the manner of {@code terraform show -json}. Secrets never appear.
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
                for (String line : changes(c)) sb.append(indent).append(line).append('\n');
            }
        }
        return sb.toString();
    }

    /** The leaves a property change touches, one line each: {@code ~ path: old => new}, {@code + path: new}, {@code - path: old}. */
    static List<String> changes(PropertyChange c) {
        String tail = c.forcesReplacement() ? "   (forces replacement)" : "";
        List<String> lines = new ArrayList<>();
        for (LeafDiff.Leaf l : LeafDiff.of(c)) {
            lines.add(switch (l.kind()) {
                case ADDED -> "+ " + l.path() + ": " + ValueFormat.leaf(l.after());
                case DELETED -> "- " + l.path() + ": " + ValueFormat.leaf(l.before());
                case MODIFIED -> "~ " + l.path() + ": " + ValueFormat.leaf(l.before()) + " => " + ValueFormat.leaf(l.after());
            } + tail);
        }
        return lines;
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
            ArrayNode actions = o.putArray("actions");
            actions(s).forEach(actions::add);
            o.put("reason", reason(s));
            if (s instanceof Step.Replace r) o.put("deleteBeforeReplace", r.deleteBeforeReplace());
            Props before = before(s);
            Props after = after(s, plan);
            o.set("before", ValueJson.values(before));
            o.set("after", ValueJson.values(after));
            o.set("after_unknown", ValueJson.unknowns(after));
            List<PropertyChange> changes = s.changes();
            ArrayNode replacePaths = o.putArray("replace_paths");
            for (PropertyChange c : changes) if (c.forcesReplacement()) replacePaths.addArray().add(c.path());
            ArrayNode diff = o.putArray("diff");
            for (PropertyChange c : changes) {
                for (LeafDiff.Leaf l : LeafDiff.of(c)) {
                    diff.addObject().put("path", l.path()).put("change", l.kind().name().toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        Props outputs = new Props(plan.outputs());
        n.set("outputs", ValueJson.values(outputs));
        n.set("outputs_unknown", ValueJson.unknowns(outputs));
        ArrayNode errors = n.putArray("errors");
        plan.errors().forEach(errors::add);
        return n;
    }

    /** What Terraform's plan JSON lists as a step's actions: a replacement is a delete and a create, in the order they run. */
    static List<String> actions(Step s) {
        if (s instanceof Step.Replace r) return r.deleteBeforeReplace() ? List.of("delete", "create") : List.of("create", "delete");
        if (s instanceof Step.Same) return List.of("no-op");
        return List.of(s.verb());
    }

    /** Why the step is planned, in a few words. */
    static String reason(Step s) {
        if (s instanceof Step.Same) return "no changes";
        if (s instanceof Step.Create) return "not in state";
        if (s instanceof Step.Update) return "properties changed";
        if (s instanceof Step.Delete d) return d.replacedCopy() ? "old copy of a replaced resource" : "not in spec";
        Step.Replace r = (Step.Replace) s;
        if (r.reason() != null) return r.reason();
        List<String> paths = new ArrayList<>();
        for (PropertyChange c : r.changes()) if (c.forcesReplacement()) paths.add(c.path());
        return "replacement forced by " + String.join(", ", paths);
    }

    /** The recorded inputs; null for a create. */
    private static Props before(Step s) {
        return s.old() == null ? null : s.old().inputs();
    }

    /**
     * The inputs the step leaves: for a create, the goal's with references resolved as far as
     * the plan knows them; else the recorded ones with the changes made; null for a delete.
     */
    private static Props after(Step s, Plan plan) {
        if (s instanceof Step.Create x) return plan.resolvedInputs().getOrDefault(x.urn(), x.goal().inputs());
        if (s instanceof Step.Delete) return null;
        Props out = before(s);
        for (PropertyChange c : s.changes()) out = c.after() == null ? out.without(c.path()) : out.with(c.path(), c.after());
        return out;
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
        return s.goal() == null ? s.old().parent() : s.goal().options().parent();
    }
}
