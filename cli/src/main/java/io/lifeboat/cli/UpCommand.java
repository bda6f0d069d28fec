package io.lifeboat.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lifeboat.deploy.PlanRefusedException;
import io.lifeboat.deploy.ResultRenderer;
import io.lifeboat.deploy.StackRunner;
import io.lifeboat.deploy.StepError;
import io.lifeboat.plan.PlanOptions;
import io.lifeboat.plan.PlanRenderer;
import io.lifeboat.program.ProgramResult;
import io.lifeboat.spec.Stack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "up", mixinStandardHelpOptions = true, description = "Create or update the stacks' resources to match the spec.")
class UpCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    @Spec
    CommandSpec spec;
    @Mixin
    StackOptions stacks;
    @Mixin
    OperationOptions op;

    @Option(names = {"-y", "--yes"}, description = "Apply without asking (required when not on a terminal).")
    boolean yes;

    @Option(names = "--allow-dirty", description = "Apply stack and spec files with uncommitted changes (recorded as <sha>+dirty).")
    boolean allowDirty;

    boolean destroy() {
        return false;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StackSelection sel = StackSelection.load(stacks, err);
        if (sel == null) return ExitCodes.ERROR;
        io.lifeboat.state.AppliedCommit commit = null;
        if (!destroy()) {
            Provenance.Result provenance = Provenance.check(sel, sel.selected,
                    allowDirty ? Provenance.OnDirty.WARN : Provenance.OnDirty.REFUSE, "apply", err);
            if (provenance.refused()) return ExitCodes.ERROR;
            commit = provenance.commit();
        }
        StackRunner runner = Engine.runner(sel.workspace, op.parallel, op.lockTimeout());
        PlanRenderer renderer = new PlanRenderer();
        boolean failed = false;
        boolean changes = false;
        String verb = destroy() ? "Destroying" : "Updating";
        java.util.List<Stack> order = new java.util.ArrayList<>(sel.selected);
        if (destroy()) java.util.Collections.reverse(order); // secondaries first, primaries last
        java.util.List<Prepared> prepared = prepare(order, runner, sel, commit, err);
        if (prepared == null) return ExitCodes.ERROR;
        // Progress and headings go to stderr when stdout carries a document.
        PrintWriter log = op.format == OutputFormat.text ? out : err;
        ArrayNode json = JSON.createArrayNode();
        for (Prepared p : prepared) {
            if (Interrupts.token().cancelled()) break; // the stacks left are not started
            Stack stack = p.target().stack();
            if (!yes) {
                if (System.console() == null) {
                    err.println("lifeboat: --yes is required when not running on a terminal (nothing was changed)");
                    return ExitCodes.ERROR;
                }
                StackRunner.Preview preview = runner.preview(p.target(), p.options(), op.refresh);
                out.println("Previewing " + Reports.title(stack) + "\n");
                out.print(Colour.current().lines(renderer.text(preview.plan())));
                if (!preview.plan().hasChanges()) continue;
                if (!Confirm.ask(out, (destroy() ? "destroy " : "update ") + stack.name(), err)) return ExitCodes.ERROR;
            }
            log.println(verb + " " + Reports.title(stack));
            log.flush();
            StackRunner.Applied applied;
            try {
                applied = runner.up(p.target(), p.options(), op.refresh, new ProgressPrinter(log, stack.name()));
            } catch (PlanRefusedException e) {
                for (String r : e.reasons()) err.println("error: " + r);
                err.println("lifeboat: " + stack.name() + " was not changed");
                if (op.format == OutputFormat.json) {
                    ObjectNode n = json.addObject().put("stack", stack.name()).put("operation", operation()).put("ok", false);
                    e.reasons().forEach(n.putArray("refused")::add);
                }
                failed = true;
                continue;
            }
            Reports.recovered(applied.recovered(), log);
            Reports.drift(applied.drift(), log);
            changes |= applied.plan().hasChanges();
            int pending = destroy() ? 0 : applied.snapshot().metadata().pendingSteps();
            summary(applied, pending, out, json);
            for (StepError e : applied.result().errors()) err.println(Colour.current().error("error: " + e));
            failed |= !applied.ok();
            if (applied.ok() && !destroy()) failed |= ImageSyncReport.print(new io.lifeboat.dr.ImageSync(runner).sync(stack, sel.pair(stack)), out, err);
            if (!applied.ok() && !applied.result().interrupted() && !destroy() && stack.role() == Stack.Role.PRIMARY && order.size() > 1) {
                err.println("lifeboat: " + stack.name() + " failed; its pair is not updated from a spec its primary could not apply");
                break;
            }
        }
        if (op.format == OutputFormat.json) {
            ObjectNode root = JSON.createObjectNode();
            root.set("stacks", json);
            out.println(JSON.writeValueAsString(root));
        }
        if (failed) return ExitCodes.ERROR;
        return op.detailedExitCode && changes ? ExitCodes.CHANGES : ExitCodes.OK;
    }

    private record Prepared(StackRunner.Target target, PlanOptions options) {
    }

    /**
     * Everything every stack needs, checked before the first change to any: its program runs
     * (reading the secrets its deployments name), its names resolve, the passphrase and its
     * providers are there. Null, after saying why, when something is missing.
     */
    private java.util.List<Prepared> prepare(java.util.List<Stack> order, StackRunner runner, StackSelection sel,
                                             io.lifeboat.state.AppliedCommit commit, PrintWriter err) throws java.io.IOException {
        java.util.List<Prepared> out = new java.util.ArrayList<>();
        java.util.List<String> problems = new java.util.ArrayList<>();
        for (Stack stack : order) {
            if (runner.store(stack).load(stack.name()).snapshot().metadata().lost()) {
                err.println("lifeboat: skipping " + stack.name() + ": its region was declared lost by a failover; "
                        + "bring it back with `lifeboat failback --stack " + stack.name() + "`");
                continue;
            }
            StackRunner.Target target = sel.target(runner, stack, commit);
            ProgramResult program = runner.program(target);
            out.add(new Prepared(target, op.planOptions(program, stack.name(), destroy())));
            problems.addAll(runner.check(target, destroy() ? new ProgramResult(java.util.List.of(), java.util.Map.of()) : program));
        }
        if (problems.isEmpty()) return out;
        for (String p : problems) err.println("error: " + p);
        err.println("lifeboat: nothing was changed in any stack");
        return null;
    }

    private String operation() {
        return destroy() ? "destroy" : "up";
    }

    private void summary(StackRunner.Applied a, int pending, PrintWriter out, ArrayNode json) {
        ResultRenderer rr = new ResultRenderer();
        boolean narrowed = !op.targets.isEmpty() || !op.excludes.isEmpty();
        var outputs = destroy() ? java.util.Map.<String, io.lifeboat.resource.PropertyValue>of() : stackOutputs(a);
        String stack = a.plan().stack();
        switch (op.format) {
            case json -> json.add(rr.json(stack, operation(), a.result(), pending, outputs));
            case markdown -> out.print(rr.markdown(operation() + " " + stack, a.result(), pending, narrowed) + "\n");
            default -> {
                out.println();
                out.println(rr.totals(a.result(), pending));
                for (String n : rr.notes(a.result(), pending, narrowed)) out.println(n);
                out.println("Duration: " + ProgressPrinter.seconds(a.result().elapsed()));
                Reports.outputs(outputs, out);
                out.println();
            }
        }
        out.flush();
    }

    private static java.util.Map<String, io.lifeboat.resource.PropertyValue> stackOutputs(StackRunner.Applied a) {
        for (var r : a.snapshot().resources()) {
            if (r.type().equals(io.lifeboat.resource.Urn.STACK_TYPE)) return r.outputs().asMap();
        }
        return java.util.Map.of();
    }

}
