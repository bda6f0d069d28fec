package io.lifeboat.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lifeboat.plan.Plural;
import io.lifeboat.plan.Step;
import io.lifeboat.plan.ValueJson;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

/**
 * Renders what an apply did, counted from what each step's outcome was (not from the plan): as
 * text, Markdown and JSON. Secrets never appear.
 */
public final class ResultRenderer {
    private static final String[] SYMBOLS = {"+ ", "~ ", "+- ", "- ", "", "", ""};

    /**
     * {@code Resources: + 63 created, 3 failed, 3 skipped, 1 unchanged}, or {@code No changes.}
     * when no step did or missed anything and the full plan has nothing pending.
     */
    public String totals(ExecutionResult r, int pending) {
        Map<ExecutionResult.Count, Integer> c = r.counts();
        if (nothingHappened(c) && pending == 0) return "No changes. " + Plural.of(c.get(ExecutionResult.Count.UNCHANGED), "resource") + " unchanged.";
        List<String> parts = new ArrayList<>();
        for (ExecutionResult.Count k : ExecutionResult.Count.values()) {
            int n = c.get(k);
            if (n > 0 || k == ExecutionResult.Count.UNCHANGED) parts.add(SYMBOLS[k.ordinal()] + n + " " + word(k));
        }
        return "Resources: " + String.join(", ", parts);
    }

    /**
     * The lines under the totals: the errors and steps skipped behind them, and what the full plan
     * still has to do after a partial apply.
     *
     * @param pending the steps of the full plan left undone (see {@link io.lifeboat.state.StackMetadata#pendingSteps})
     * @param narrowed the apply was narrowed by --target or --exclude
     */
    public List<String> notes(ExecutionResult r, int pending, boolean narrowed) {
        List<String> out = new ArrayList<>();
        int skipped = r.count(ExecutionResult.Count.SKIPPED);
        if (!r.errors().isEmpty()) {
            out.add(Plural.of(r.errors().size(), "error") + (skipped > 0 ? "; " + Plural.of(skipped, "step")
                    + " skipped behind " + Plural.them(r.errors().size()) : "") + ".");
        }
        if (pending > 0) {
            // the steps undone count the ones that failed as well as those behind them
            String why = r.interrupted() ? "left undone by the interruption" : r.ok() ? "left out by --exclude/--target"
                    : narrowed ? "left out by --exclude/--target, failed or behind a failure" : "not made (failed, or behind a failure)";
            out.add((nothingHappened(r.counts()) ? "No changes applied: " : "Partly applied: ") + Plural.of(pending, "change")
                    + " " + Plural.was(pending) + " " + why + "; the spec is not recorded as applied (`lifeboat preview` shows "
                    + Plural.them(pending) + ").");
        }
        return out;
    }

    public String markdown(String title, ExecutionResult r, int pending, boolean narrowed) {
        StringBuilder sb = new StringBuilder("### ").append(title).append("\n\n");
        Map<ExecutionResult.Count, Integer> c = r.counts();
        List<String> parts = new ArrayList<>();
        for (ExecutionResult.Count k : ExecutionResult.Count.values()) parts.add("**" + c.get(k) + "** " + word(k));
        sb.append(String.join(", ", parts)).append("\n\n");
        for (String n : notes(r, pending, narrowed)) sb.append(n).append("\n\n");
        boolean header = false;
        for (ExecutionResult.StepOutcome s : r.steps()) {
            if (s.step() instanceof Step.Same) continue;
            if (!header) {
                sb.append("| | Resource | Type | Outcome |\n|---|---|---|---|\n");
                header = true;
            }
            sb.append("| `").append(s.step().symbol().trim()).append("` | `").append(s.step().urn().name()).append("` | `")
                    .append(s.step().urn().type()).append("` | ").append(word(s.count())).append(" |\n");
        }
        if (!r.errors().isEmpty()) {
            sb.append("\n> [!CAUTION]\n");
            for (StepError e : r.errors()) sb.append("> ").append(e).append('\n');
        }
        return sb.toString();
    }

    /**
     * One stack's result for machines: its outcome counts, each step that did or missed something
     * (with its error), the errors, the notes under the totals and the stack's outputs as values.
     */
    public ObjectNode json(String stack, String operation, ExecutionResult r, int pending, boolean narrowed, Map<String, PropertyValue> outputs) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("stack", stack);
        n.put("operation", operation);
        n.put("ok", r.ok());
        ObjectNode counts = n.putObject("counts");
        r.counts().forEach((k, v) -> counts.put(word(k), v));
        n.put("partial", pending > 0);
        n.put("pendingSteps", pending);
        ArrayNode steps = n.putArray("steps");
        for (ExecutionResult.StepOutcome s : r.steps()) {
            if (s.step() instanceof Step.Same) continue;
            ObjectNode step = steps.addObject().put("urn", s.step().urn().toString()).put("type", s.step().urn().type())
                    .put("name", s.step().urn().name()).put("action", s.step().verb()).put("outcome", word(s.count()));
            for (StepError e : r.errors()) if (e.urn().equals(s.step().urn())) step.put("error", e.message() + (e.code() == null ? "" : " (" + e.code() + ")"));
        }
        ArrayNode errors = n.putArray("errors");
        for (StepError e : r.errors()) {
            errors.addObject().put("urn", e.urn().toString()).put("name", e.urn().name()).put("op", e.op()).put("code", e.code())
                    .put("message", e.message());
        }
        notes(r, pending, narrowed).forEach(n.putArray("notes")::add);
        n.put("seconds", r.elapsed().toMillis() / 1000.0);
        n.set("outputs", ValueJson.values(new Props(outputs)));
        return n;
    }

    private static boolean nothingHappened(Map<ExecutionResult.Count, Integer> c) {
        for (ExecutionResult.Count k : ExecutionResult.Count.values()) {
            if (k != ExecutionResult.Count.UNCHANGED && c.get(k) > 0) return false;
        }
        return true;
    }

    private static String word(ExecutionResult.Count k) {
        return k.name().toLowerCase(Locale.ROOT);
    }
}
