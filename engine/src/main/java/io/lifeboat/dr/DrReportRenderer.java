package io.lifeboat.dr;

import java.time.Duration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A DR report as text for the terminal, Markdown for an incident ticket, JSON for machines. */
public final class DrReportRenderer {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public String text(DrReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(title(r)).append('\n');
        sb.append("  started   ").append(r.start()).append('\n');
        sb.append("  finished  ").append(r.end()).append('\n');
        sb.append("  RTO       ").append(rto(r)).append('\n');
        sb.append("  RPO       ").append(rpo(r)).append('\n');
        sb.append('\n').append("Restored in ").append(r.toRegion()).append(" (").append(io.lifeboat.plan.Plural.of(r.restored().size(), "resource")).append("):\n");
        for (DrReport.Restored x : r.restored()) {
            sb.append(String.format("  %-9s %s %s (%s)%n", x.how(), x.type(), x.name(), x.id()));
        }
        list(sb, "Needs a person", r.actions());
        list(sb, "Could not be restored", r.lost());
        list(sb, "Notes", r.notes());
        list(sb, "Errors", r.errors());
        sb.append('\n').append(r.ok() ? r.operation() + " complete." : r.operation() + " incomplete: run it again to converge once the errors are dealt with.")
                .append('\n');
        return sb.toString();
    }

    public String markdown(DrReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("## ").append(title(r)).append("\n\n");
        sb.append("| | |\n|---|---|\n");
        sb.append("| Started | ").append(r.start()).append(" |\n");
        sb.append("| Finished | ").append(r.end()).append(" |\n");
        sb.append("| RTO | ").append(rto(r)).append(" |\n");
        sb.append("| RPO | ").append(rpo(r)).append(" |\n\n");
        mdList(sb, "Needs a person", r.actions());
        mdList(sb, "Could not be restored", r.lost());
        mdList(sb, "Notes", r.notes());
        mdList(sb, "Errors", r.errors());
        sb.append("<details><summary>Restored in ").append(r.toRegion()).append(" (").append(io.lifeboat.plan.Plural.of(r.restored().size(), "resource"))
                .append(")</summary>\n\n| | Type | Name | Id |\n|---|---|---|---|\n");
        for (DrReport.Restored x : r.restored()) {
            sb.append("| ").append(x.how()).append(" | `").append(x.type()).append("` | `").append(x.name()).append("` | `").append(x.id()).append("` |\n");
        }
        sb.append("\n</details>\n");
        return sb.toString();
    }

    public String json(DrReport r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("operation", r.operation());
        n.put("from", r.from());
        n.put("fromRegion", r.fromRegion());
        n.put("to", r.to());
        n.put("toRegion", r.toRegion());
        n.put("start", r.start().toString());
        n.put("end", r.end().toString());
        n.put("rtoSeconds", r.rto().toMillis() / 1000.0);
        if (r.rpo() != null) n.put("rpoSeconds", r.rpo().toMillis() / 1000.0);
        if (r.backupTime() != null) n.put("backupTime", r.backupTime().toString());
        n.put("recovery", r.promotedReplica() ? "replica" : r.backupTime() != null ? "backup" : "none");
        // a drill of a hot standby gives it too: what a promotion would have lost
        if (r.replicaLag() != null) n.put("replicaLagSeconds", r.replicaLag().toMillis() / 1000.0);
        ArrayNode restored = n.putArray("restored");
        for (DrReport.Restored x : r.restored()) {
            ObjectNode o = restored.addObject();
            o.put("type", x.type());
            o.put("name", x.name());
            o.put("id", x.id());
            o.put("how", x.how());
        }
        r.actions().forEach(n.putArray("actions")::add);
        r.lost().forEach(n.putArray("lost")::add);
        r.notes().forEach(n.putArray("notes")::add);
        r.errors().forEach(n.putArray("errors")::add);
        n.put("ok", r.ok());
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The time to recover; none is reached by an operation that is incomplete (a step failed, or it was interrupted). */
    private static String rto(DrReport r) {
        return r.ok() ? human(r.rto()) : "not reached: the " + r.operation() + " is incomplete (" + human(r.rto()) + " so far)";
    }

    /** The RPO and where it comes from: the promoted replica's lag, or the newest backup restored. */
    private static String rpo(DrReport r) {
        if (r.promotedReplica()) {
            return r.rpo() == null ? "unknown: the replica promoted had no lag figure" : human(r.rpo()) + " (the promoted replica's lag)";
        }
        return r.rpo() == null ? "no database backup restored" : human(r.rpo()) + " (newest backup " + r.backupTime() + ")";
    }

    private static String title(DrReport r) {
        return capital(r.operation()) + ": " + r.from() + " (" + r.fromRegion() + ") -> " + r.to() + " (" + r.toRegion() + ")";
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static void list(StringBuilder sb, String head, java.util.List<String> items) {
        if (items.isEmpty()) return;
        sb.append('\n').append(head).append(":\n");
        for (String i : items) sb.append("  - ").append(i).append('\n');
    }

    private static void mdList(StringBuilder sb, String head, java.util.List<String> items) {
        if (items.isEmpty()) return;
        sb.append("### ").append(head).append("\n\n");
        for (String i : items) sb.append("- ").append(i).append('\n');
        sb.append('\n');
    }

    static String human(Duration d) {
        long s = d.getSeconds();
        if (s >= 3600) return String.format("%dh%02dm%02ds", s / 3600, (s % 3600) / 60, s % 60);
        if (s >= 60) return String.format("%dm%02ds", s / 60, s % 60);
        return String.format("%.1fs", d.toMillis() / 1000.0);
    }
}
