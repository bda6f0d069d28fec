package io.lifeboat.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lifeboat.deploy.SpecHash;
import io.lifeboat.deploy.StackRunner;
import io.lifeboat.plan.PlanOptions;
import io.lifeboat.spec.Stack;
import io.lifeboat.state.Snapshot;
import io.lifeboat.state.StackMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "status", description = "Per stack: role, what was applied and when, resources, drift, and how far a secondary is behind.")
final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    StackOptions stacks;

    @Option(names = {"-r", "--refresh"}, description = "Read the cloud to report drift (calls every stack's region).")
    boolean refresh;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    record Row(Stack stack, StackMetadata meta, int resources, String spec, String drift, String behind) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (stacks.stacks.isEmpty()) stacks.all = true;
        StackSelection sel = StackSelection.load(stacks, err);
        if (sel == null) return ExitCodes.ERROR;
        StackRunner runner = Engine.runner(sel.workspace, 10);
        List<Row> rows = new java.util.ArrayList<>();
        for (Stack s : sel.selected) {
            Snapshot snap = runner.store(s).load(s.name()).snapshot();
            StackMetadata m = snap.metadata();
            String current = SpecHash.of(sel.workspace.source, s);
            String specState = m.specHash() == null ? "never applied" : m.specHash().equals(current) ? "applied" : "changed since";
            String drift = "not checked (--refresh)";
            if (refresh && !m.lost() && m.specHash() != null) {
                StackRunner.Preview p = runner.preview(sel.target(runner, s), PlanOptions.DEFAULT, true);
                drift = p.drift().isEmpty() ? "none" : p.drift().size() + " resources";
            }
            rows.add(new Row(s, m, snap.cloudResources().size(), specState, m.lost() ? "region lost" : drift, behind(runner, sel, s, m)));
        }
        if (format == OutputFormat.json) {
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ArrayNode list = json.createArrayNode();
            for (Row r : rows) {
                ObjectNode n = list.addObject();
                n.put("stack", r.stack().name());
                n.put("file", r.stack().file());
                n.put("region", r.stack().region());
                n.put("role", r.meta().role() == null ? r.stack().role().id() : r.meta().role());
                n.put("specRole", r.stack().role().id());
                n.put("lost", r.meta().lost());
                n.put("specHash", r.meta().specHash());
                n.put("spec", r.spec());
                n.put("commit", r.meta().commit());
                n.put("appliedAt", r.meta().appliedAt() == null ? null : r.meta().appliedAt().toString());
                n.put("resources", r.resources());
                n.put("drift", r.drift());
                n.put("behind", r.behind());
            }
            out.println(json.writeValueAsString(list));
            return ExitCodes.OK;
        }
        out.println(String.format("%-14s %-22s %-10s %-26s %-25s %9s  %-24s %s", "STACK", "ROLE", "REGION", "SPEC", "APPLIED AT", "RESOURCES",
                "DRIFT", "PAIR"));
        for (Row r : rows) {
            out.println(String.format("%-14s %-22s %-10s %-26s %-25s %9d  %-24s %s", r.stack().name(), role(r), r.stack().region(),
                    (r.meta().specHash() == null ? "-" : r.meta().specHash()) + " " + (r.spec().equals("applied") ? "" : "(" + r.spec() + ")"),
                    r.meta().appliedAt() == null ? "-" : r.meta().appliedAt().toString().replaceFirst("\\.\\d+Z$", "Z"), r.resources(), r.drift(),
                    r.behind()));
        }
        return ExitCodes.OK;
    }

    private static String role(Row r) {
        String role = r.meta().role() == null ? r.stack().role().id() : r.meta().role();
        if (r.meta().lost()) return "LOST (was " + role + ")";
        String spec = r.stack().role().id();
        if (!role.equals(spec)) return role + " (spec: " + spec + ")";
        return role.equals("secondary") ? role + " (" + r.stack().standby().id() + ")" : role;
    }

    /** For a secondary: whether it applied what its primary applied, and how much later. */
    private static String behind(StackRunner runner, StackSelection sel, Stack s, StackMetadata m) {
        Stack pair = sel.pair(s);
        if (pair == null) return "-";
        StackMetadata p = runner.store(pair).load(pair.name()).snapshot().metadata();
        boolean secondary = "secondary".equals(m.role()) || (m.role() == null && s.role() == Stack.Role.SECONDARY);
        if (!secondary) return "pair " + pair.name();
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
