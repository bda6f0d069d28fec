package io.lifeboat.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lifeboat.plan.Drift;
import io.lifeboat.deploy.StepError;
import io.lifeboat.plan.LeafDiff;
import io.lifeboat.plan.PropertyChange;
import io.lifeboat.plan.ValueFormat;
import io.lifeboat.plan.ValueJson;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.spec.Stack;

/** The pieces of output that several commands print the same way. */
final class Reports {
    private Reports() {
    }

    static String title(Stack s) {
        return title(s, s.role().id());
    }

    /** As {@link #title(Stack)}, with the role its state records ({@link #recordedRole}). */
    static String title(Stack s, io.lifeboat.state.StackMetadata m) {
        return title(s, recordedRole(s, m));
    }

    private static String title(Stack s, String role) {
        return s.name() + " (" + s.file() + "): " + role + ", " + s.cloud() + " " + s.region()
                + (s.endpoint() == null ? "" : " on " + (s.isSim() ? "the sim cloud" : s.endpoint()));
    }

    /**
     * The role a stack holds by its state, which a failover or failback changes, and the spec's
     * beside it when they differ: {@code primary}, {@code LOST (was primary)},
     * {@code primary (spec: secondary)}.
     */
    static String recordedRole(Stack s, io.lifeboat.state.StackMetadata m) {
        String role = io.lifeboat.dr.Failover.role(s, m);
        if (m.lost()) return "LOST (was " + role + ")";
        return role.equals(s.role().id()) ? role : role + " (spec: " + s.role().id() + ")";
    }

    static void drift(List<Drift> drift, PrintWriter out) {
        if (drift.isEmpty()) return;
        out.println("Drift (changed outside Lifeboat):");
        for (Drift d : drift) {
            if (d.gone()) {
                out.println("  - " + d.urn().type() + " " + d.urn().name() + ": deleted outside Lifeboat");
                continue;
            }
            out.println("  ~ " + d.urn().type() + " " + d.urn().name() + ":");
            for (PropertyChange c : d.changes()) {
                for (LeafDiff.Leaf l : LeafDiff.of(c)) {
                    out.println("      " + l.path() + ": " + ValueFormat.leaf(l.before()) + " (recorded) => "
                            + ValueFormat.leaf(l.after()) + " (in the cloud)");
                }
            }
        }
        out.println();
    }

    static void handMade(List<io.lifeboat.deploy.HandMade> found, String stack, PrintWriter out) {
        if (found.isEmpty()) return;
        out.println("Made by hand outside the spec (a failover would lose them):");
        for (var h : found) out.println("  + " + h.type() + ": " + h.describe());
        out.println("  `lifeboat capture --stack " + stack + "` adds them to the spec, so they are restored too.");
        out.println();
    }

    static ObjectNode drift(Drift d) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("urn", d.urn().toString());
        n.put("gone", d.gone());
        var changes = n.putArray("changes");
        for (PropertyChange c : d.changes()) {
            for (LeafDiff.Leaf l : LeafDiff.of(c)) {
                ObjectNode x = changes.addObject();
                x.put("path", l.path());
                x.set("recorded", ValueJson.value(l.before()));
                x.set("actual", ValueJson.value(l.after()));
            }
        }
        return n;
    }

    /** What could not be read, once per cause rather than once per resource. */
    static void refreshErrors(List<StepError> errors, PrintWriter out) {
        for (String cause : new io.lifeboat.deploy.DriftCheck(List.of(), errors).causes()) out.println("error: " + cause);
    }

    /** The drift line after a refresh: how much drifted, or that it could not be checked and why. */
    static String driftLine(io.lifeboat.deploy.DriftCheck check) {
        if (!check.known()) {
            return "Drift: " + check.summary() + ": could not be checked, as " + io.lifeboat.plan.Plural.of(check.unread().size(), "resource")
                    + " " + io.lifeboat.plan.Plural.was(check.unread().size()) + " not read" + (check.drift().isEmpty() ? "" : "; "
                    + io.lifeboat.plan.Plural.of(check.drift().size(), "resource") + " drifted among those read") + ".";
        }
        return check.drift().isEmpty() ? "No drift." : io.lifeboat.plan.Plural.of(check.drift().size(), "resource")
                + " drifted; `lifeboat up` puts them back as the spec says.";
    }

    static void recovered(List<String> actions, PrintWriter out) {
        if (actions.isEmpty()) return;
        out.println("Finished what an interrupted run left pending:");
        for (String a : actions) out.println("  " + a);
        out.println();
    }

    static void outputs(Map<String, PropertyValue> outputs, PrintWriter out) {
        if (outputs.isEmpty()) return;
        out.println("Outputs:");
        int w = 0;
        for (String k : outputs.keySet()) w = Math.max(w, k.length());
        for (Map.Entry<String, PropertyValue> e : outputs.entrySet()) {
            out.println(String.format("    %-" + w + "s: %s", e.getKey(), ValueFormat.show(e.getValue())));
        }
    }

    /** A DR command's refusal: what was found, that nothing changed, and what to run instead. */
    static int refused(io.lifeboat.dr.DrRefusedException e, PrintWriter err) {
        err.println("lifeboat: refused: " + e.found());
        err.println("  nothing was changed");
        if (e.instead() != null) err.println("  instead: " + e.instead());
        return ExitCodes.ERROR;
    }
}
