package io.lifeboat.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lifeboat.plan.Drift;
import io.lifeboat.deploy.DriftCheck;
import io.lifeboat.deploy.HandMade;
import io.lifeboat.deploy.StackRunner;
import io.lifeboat.deploy.StepError;
import io.lifeboat.spec.Stack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "refresh", mixinStandardHelpOptions = true, description = "Read every resource from the cloud into the state and report drift.")
final class RefreshCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    StackOptions stacks;

    @Option(names = {"-p", "--parallel"}, paramLabel = "N", converter = OptionValues.AtLeastOne.class, defaultValue = "10", description = "Reads at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    @picocli.CommandLine.Mixin
    LockTimeoutOption lock;

    @Option(names = {"-y", "--yes"}, description = "Accepted for symmetry with up; refresh changes only the state.")
    boolean yes;

    @Option(names = "--detailed-exitcode", description = "Exit 2 when drift or resources made by hand were found, 0 when neither, 1 on error.")
    boolean detailedExitCode;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Formats.require("refresh", format, err, OutputFormat.text, OutputFormat.json)) return ExitCodes.ERROR;
        StackSelection sel = StackSelection.load(stacks, err);
        if (sel == null) return ExitCodes.ERROR;
        StackRunner runner = Engine.runner(sel.workspace, parallel, lock.timeout);
        boolean changed = false;
        boolean failed = false;
        ArrayNode json = JsonNodeFactory.instance.arrayNode();
        for (Stack stack : sel.selected) {
            (format == OutputFormat.json ? err : out).println("Refreshing " + Reports.title(stack));
            StackRunner.Refreshed r = runner.refresh(sel.target(runner, stack));
            DriftCheck check = new DriftCheck(r.drift(), r.errors());
            if (format == OutputFormat.json) {
                Reports.refreshErrors(r.errors(), err);
                json.add(json(stack, r, check));
            } else {
                Reports.drift(r.drift(), out);
                Reports.handMade(r.handMade(), stack.name(), out);
                Reports.refreshErrors(r.errors(), out);
                out.println(Reports.driftLine(check));
                out.println();
            }
            changed |= !r.drift().isEmpty() || !r.handMade().isEmpty();
            failed |= !r.errors().isEmpty();
        }
        if (format == OutputFormat.json) {
            ObjectNode root = JsonNodeFactory.instance.objectNode().put("operation", "refresh").put("ok", !failed);
            root.set("stacks", json);
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root));
        }
        if (failed) return ExitCodes.ERROR;
        return detailedExitCode && changed ? ExitCodes.CHANGES : ExitCodes.OK;
    }

    /** One stack's refresh for machines: its drift (known only when every resource was read), what was made by hand, what could not be read. */
    private static ObjectNode json(Stack stack, StackRunner.Refreshed r, DriftCheck check) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("stack", stack.name());
        n.put("ok", r.errors().isEmpty());
        n.put("driftKnown", check.known());
        n.put("driftSummary", check.summary());
        ArrayNode drift = n.putArray("drift");
        for (Drift d : r.drift()) drift.add(Reports.drift(d));
        ArrayNode handMade = n.putArray("handMade");
        for (HandMade h : r.handMade()) {
            handMade.addObject().put("type", h.type()).put("id", h.id()).put("owner", h.owner().toString()).put("description", h.describe());
        }
        ArrayNode errors = n.putArray("errors");
        for (StepError e : r.errors()) {
            errors.addObject().put("urn", e.urn().toString()).put("name", e.urn().name()).put("code", e.code()).put("message", e.message());
        }
        return n;
    }
}
