package io.lifeboat.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lifeboat.deploy.DriftCheck;
import io.lifeboat.deploy.SpecHash;
import io.lifeboat.deploy.StackRunner;
import io.lifeboat.plan.PlanOptions;
import io.lifeboat.spec.Stack;
import io.lifeboat.git.CommitDistance;
import io.lifeboat.state.AppliedCommit;
import io.lifeboat.state.Snapshot;
import io.lifeboat.state.StackMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "status", mixinStandardHelpOptions = true, description = {"Show each stack's role, what was applied and when, and how far a secondary is behind.",
        "Also its resources, and its drift (with --refresh)."})
final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    StackOptions stacks;

    @Option(names = {"-r", "--refresh"}, description = "Read the cloud to report drift (calls every stack's region).")
    boolean refresh;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    /** @param behindCommits commits the secondary lacks of its primary's applied commit; null when not known or not a secondary */
    record Row(Stack stack, StackMetadata meta, int resources, String spec, String drift, String behind, Integer behindCommits) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Formats.require("status", format, err, OutputFormat.text, OutputFormat.json)) return ExitCodes.ERROR;
        if (stacks.stacks.isEmpty()) stacks.all = true;
        StackSelection sel = StackSelection.load(stacks, err);
        if (sel == null) return ExitCodes.ERROR;
        StackRunner runner = Engine.runner(sel.workspace, 10);
        List<Row> rows = new java.util.ArrayList<>();
        for (Stack s : sel.selected) {
            Snapshot snap = runner.store(s).load(s.name()).snapshot();
            StackMetadata m = snap.metadata();
            String current = SpecHash.of(sel.workspace.source, s);
            String specState = m.partial() ? "partly applied (" + m.pendingSteps() + " pending)"
                    : m.specHash() == null ? "never applied" : m.specHash().equals(current) ? "applied" : "changed since";
            String drift = "not checked (--refresh)";
            if (refresh && !m.lost() && (m.specHash() != null || m.partial())) {
                StackRunner.Preview p = runner.preview(sel.target(runner, s), PlanOptions.DEFAULT, true);
                drift = new DriftCheck(p.drift(), p.refreshErrors()).summary();
            }
            Integer commits = behindCommits(runner, sel, s, m);
            String behind = behind(runner, sel, s, m);
            if (isSecondary(s, m) && sel.pair(s) != null) behind += "; behind: " + (commits == null ? "unknown commits" : io.lifeboat.plan.Plural.of(commits, "commit"));
            if (m.lost()) drift = refresh ? lostRegion(runner, s) : "region lost (--refresh asks it)";
            rows.add(new Row(s, m, snap.cloudResources().size(), specState, drift, behind, commits));
        }
        if (format == OutputFormat.json) {
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ArrayNode list = json.createArrayNode();
            for (Row r : rows) {
                ObjectNode n = list.addObject();
                n.put("stack", r.stack().name());
                n.put("file", r.stack().file());
                n.put("region", r.stack().region());
                n.put("role", io.lifeboat.dr.Failover.role(r.stack(), r.meta()));
                n.put("specRole", r.stack().role().id());
                n.put("lost", r.meta().lost());
                n.put("specHash", r.meta().specHash());
                n.put("spec", r.spec());
                n.put("partial", r.meta().partial());
                n.put("pendingSteps", r.meta().pendingSteps());
                AppliedCommit c = r.meta().commit();
                if (c == null) {
                    n.putNull("commit");
                } else {
                    n.putObject("commit").put("sha", c.sha()).put("author", c.author()).put("subject", c.subject()).put("dirty", c.dirty());
                }
                n.put("appliedAt", r.meta().appliedAt() == null ? null : r.meta().appliedAt().toString());
                n.put("resources", r.resources());
                n.put("drift", r.drift());
                n.put("behind", r.behind());
                if (r.behindCommits() == null) n.putNull("behindCommits");
                else n.put("behindCommits", r.behindCommits());
            }
            out.println(json.writeValueAsString(list));
            return ExitCodes.OK;
        }
        List<List<String>> table = new java.util.ArrayList<>();
        table.add(List.of("STACK", "ROLE", "REGION", "SPEC", "COMMIT", "APPLIED AT", "RESOURCES", "DRIFT", "PAIR"));
        for (Row r : rows) {
            AppliedCommit c = r.meta().commit();
            table.add(List.of(r.stack().name(), role(r), r.stack().region(),
                    (r.meta().specHash() == null ? "-" : r.meta().specHash()) + (r.spec().equals("applied") ? "" : " (" + r.spec() + ")"),
                    c == null ? "-" : c.shortSha() + (c.dirty() ? "+dirty" : ""),
                    r.meta().appliedAt() == null ? "-" : r.meta().appliedAt().toString().replaceFirst("\\.\\d+Z$", "Z"),
                    Integer.toString(r.resources()), r.drift(), r.behind()));
        }
        for (String line : columns(table, RESOURCES_COLUMN)) out.println(line);
        for (Row r : rows) {
            AppliedCommit c = r.meta().commit();
            if (c != null && c.subject() != null) out.println(r.stack().name() + ": " + c.describe() + (c.author() == null ? "" : " (" + c.author() + ")"));
        }
        return ExitCodes.OK;
    }

    private static final int RESOURCES_COLUMN = 6;

    /** The table's lines, each column as wide as its widest cell, two spaces apart; {@code rightAligned} is a number column. */
    static List<String> columns(List<List<String>> table, int rightAligned) {
        int[] widths = new int[table.get(0).size()];
        for (List<String> row : table) for (int i = 0; i < row.size(); i++) widths[i] = Math.max(widths[i], row.get(i).length());
        List<String> lines = new java.util.ArrayList<>();
        for (List<String> row : table) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                String pad = " ".repeat(widths[i] - cell.length());
                if (i > 0) sb.append("  ");
                sb.append(i == rightAligned ? pad + cell : i == row.size() - 1 ? cell : cell + pad);
            }
            lines.add(sb.toString());
        }
        return lines;
    }

    /**
     * A lost stack's region, asked once (with --refresh): back, what ran in it runs again beside
     * its pair until a failback removes it.
     */
    private static String lostRegion(StackRunner runner, Stack s) throws InterruptedException {
        io.lifeboat.dr.RegionProbe.Answer a = new io.lifeboat.dr.RegionProbe(runner).ask(s);
        return a.answers() ? "region lost, and it answers again: run `lifeboat failback --stack " + s.name() + "` now"
                : "region lost (still does not answer)";
    }

    private static String role(Row r) {
        String role = Reports.recordedRole(r.stack(), r.meta());
        return role.equals("secondary") ? role + " (" + r.stack().standby().id() + ")" : role;
    }

    private static boolean isSecondary(Stack s, StackMetadata m) {
        return "secondary".equals(m.role()) || (m.role() == null && s.role() == Stack.Role.SECONDARY);
    }

    /** For a secondary: how many commits its applied commit lacks of its primary's, through git; null when unknown. */
    private static Integer behindCommits(StackRunner runner, StackSelection sel, Stack s, StackMetadata m) {
        Stack pair = sel.pair(s);
        if (pair == null || !isSecondary(s, m) || m.commit() == null) return null;
        AppliedCommit primary = runner.store(pair).load(pair.name()).snapshot().metadata().commit();
        if (primary == null) return null;
        var git = sel.workspace.git();
        if (git.isEmpty()) return null;
        var n = new CommitDistance(git.get()).behind(m.commit().sha(), primary.sha());
        return n.isPresent() ? n.getAsInt() : null;
    }

    /** For a secondary: whether it applied what its primary applied, and how much later. */
    private static String behind(StackRunner runner, StackSelection sel, Stack s, StackMetadata m) {
        Stack pair = sel.pair(s);
        if (pair == null) return "-";
        StackMetadata p = runner.store(pair).load(pair.name()).snapshot().metadata();
        if (!isSecondary(s, m)) return "pair " + pair.name();
        if (p.lost()) return "primary " + pair.name() + " lost";
        if (m.specHash() == null) return "never applied";
        if (SpecHash.platformPart(m.specHash()).equals(SpecHash.platformPart(p.specHash()))) return "in sync with " + pair.name();
        String lag = m.appliedAt() != null && p.appliedAt() != null && p.appliedAt().isAfter(m.appliedAt())
                ? ", " + humanize(Duration.between(m.appliedAt(), p.appliedAt())) + " behind" : "";
        return "BEHIND " + pair.name() + " (applied " + m.specHash() + ", primary " + p.specHash() + lag + ")";
    }

    static String humanize(Duration d) {
        long s = d.getSeconds();
        if (s >= 86400) return s / 86400 + "d" + (s % 86400) / 3600 + "h";
        if (s >= 3600) return s / 3600 + "h" + (s % 3600) / 60 + "m";
        if (s >= 60) return s / 60 + "m" + s % 60 + "s";
        return s + "s";
    }
}
