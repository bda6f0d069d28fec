package io.lifeboat.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lifeboat.plan.Drift;
import io.lifeboat.deploy.PlanRefusedException;
import io.lifeboat.deploy.ResultRenderer;
import io.lifeboat.deploy.StackRunner;
import io.lifeboat.deploy.StepError;
import io.lifeboat.dr.ImageSync;
import io.lifeboat.plan.Plan;
import io.lifeboat.plan.PlanOptions;
import io.lifeboat.plan.PlanRenderer;
import io.lifeboat.program.ProgramResult;
import io.lifeboat.spec.Stack;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What {@code up} and {@code destroy} share: each stack is locked and read once, checked before
 * the first change to any, planned once, shown (unless --yes) and applied exactly as planned.
 */
abstract class ApplyCommand implements Callable<Integer> {
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

    abstract boolean destroy();

    /** The saved plan to apply ({@code up --plan}); null to plan now. */
    java.nio.file.Path savedPlan() {
        return null;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // Progress, headings and notices go to stderr when stdout carries a document.
        PrintWriter log = op.format == OutputFormat.text ? out : err;
        SavedPlan saved = null;
        if (savedPlan() != null) {
            saved = SavedPlan.read(savedPlan(), op, err);
            if (saved == null) return ExitCodes.ERROR;
        }
        StackSelection sel = StackSelection.load(saved == null ? stacks : saved.selection(stacks), err);
        if (sel == null) return ExitCodes.ERROR;
        if (saved != null && !saved.selects(sel.selected, err)) return ExitCodes.ERROR;
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
        ArrayNode skipped = JSON.createArrayNode();
        ArrayNode json = JSON.createArrayNode();
        java.util.List<Work> prepared = new java.util.ArrayList<>();
        java.util.List<StackRunner.Prepared> held = new java.util.ArrayList<>();
        java.util.Map<String, io.lifeboat.state.Snapshot> states = new java.util.HashMap<>();
        try {
            if (!prepare(order, runner, sel, commit, saved, skipped, prepared, held, err)) return ExitCodes.ERROR;
            for (Work w : prepared) states.put(w.stack().stack().name(), w.stack().state());
            for (Work w : prepared) {
                if (Interrupts.token().cancelled()) break; // the stacks left are not started
                Stack stack = w.stack().stack();
                // A saved plan was reviewed when it was made: applying it is the approval.
                boolean ask = !yes && saved == null;
                if (ask && System.console() == null) {
                    err.println("lifeboat: --yes is required when not running on a terminal (nothing was changed)");
                    return ExitCodes.ERROR;
                }
                Plan plan = w.saved() != null ? w.saved() : runner.plan(w.stack(), w.options(), op.refresh).plan();
                if (ask) {
                    log.println("Previewing " + Reports.title(stack, w.stack().loaded().snapshot().metadata()) + "\n");
                    log.print(Colour.current().lines(renderer.text(plan)));
                    if (!plan.hasChanges()) continue;
                    if (!Confirm.ask(log, (destroy() ? "destroy " : "update ") + stack.name(), err)) return ExitCodes.ERROR;
                }
                log.println(verb + " " + Reports.title(stack, w.stack().loaded().snapshot().metadata()));
                log.flush();
                StackRunner.Applied applied;
                try {
                    applied = runner.apply(w.stack(), plan, new ProgressPrinter(log, stack.name()));
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
                if (op.format != OutputFormat.json) summary(applied, pending, out);
                for (StepError e : applied.result().errors()) err.println(Colour.current().error("error: " + e));
                failed |= !applied.ok();
                ImageSync.Result images = null;
                if (applied.ok() && !destroy()) {
                    states.put(stack.name(), applied.snapshot());
                    images = new ImageSync(runner).sync(stack, sel.pair(stack), states::get);
                    failed |= ImageSyncReport.print(images, log, err);
                }
                if (op.format == OutputFormat.json) json.add(json(applied, pending, images));
                if (!applied.ok() && !applied.result().interrupted() && !destroy() && stack.role() == Stack.Role.PRIMARY && order.size() > 1) {
                    String why = "its pair is not updated from a spec its primary could not apply";
                    err.println("lifeboat: " + stack.name() + " failed; " + why);
                    for (Work rest : prepared.subList(prepared.indexOf(w) + 1, prepared.size())) {
                        skipped.addObject().put("stack", rest.stack().stack().name()).put("reason", stack.name() + " failed; " + why);
                    }
                    break;
                }
            }
        } finally {
            for (StackRunner.Prepared p : held) runner.release(p);
        }
        if (op.format == OutputFormat.json) {
            ObjectNode root = JSON.createObjectNode();
            root.put("operation", operation());
            root.put("ok", !failed);
            root.set("stacks", json);
            root.set("skipped", skipped);
            out.println(JSON.writeValueAsString(root));
        }
        if (failed) return ExitCodes.ERROR;
        return op.detailedExitCode && changes ? ExitCodes.CHANGES : ExitCodes.OK;
    }

    /**
     * A stack read for this operation (under its lock) and the plan options its names resolve
     * to; with a saved plan, the plan it applies.
     */
    private record Work(StackRunner.Prepared stack, PlanOptions options, Plan saved) {
    }

    /**
     * Everything every stack needs, checked before the first change to any: all are locked, then
     * each is read once (its state, its program, which reads the secrets its deployments name),
     * its names resolve, the passphrase and its providers are there. False, after saying why,
     * when something is missing. What was locked is in {@code held}, for the caller to release.
     */
    private boolean prepare(java.util.List<Stack> order, StackRunner runner, StackSelection sel, io.lifeboat.state.AppliedCommit commit,
                            SavedPlan saved, ArrayNode skipped, java.util.List<Work> into, java.util.List<StackRunner.Prepared> held,
                            PrintWriter err) throws java.io.IOException {
        java.util.List<String> problems = new java.util.ArrayList<>();
        java.util.List<Stack> live = new java.util.ArrayList<>();
        for (Stack stack : order) {
            if (runner.store(stack).metadata(stack.name()).lost()) {
                String why = "its region was declared lost by a failover; bring it back with `lifeboat failback --stack " + stack.name() + "`";
                err.println("lifeboat: skipping " + stack.name() + ": " + why);
                skipped.addObject().put("stack", stack.name()).put("reason", why);
            } else {
                live.add(stack);
            }
        }
        if (saved != null) {
            for (Stack stack : live) {
                SavedPlan.Ready ready;
                try {
                    ready = saved.prepare(runner, sel, stack, commit);
                } catch (PlanRefusedException e) {
                    problems.addAll(e.reasons());
                    continue;
                }
                held.add(ready.stack());
                into.add(new Work(ready.stack(), ready.plan().options(), ready.plan()));
                problems.addAll(runner.check(ready.stack(), ready.plan().options()));
            }
        } else {
            java.util.List<StackRunner.Request> requests = new java.util.ArrayList<>();
            for (Stack stack : live) requests.add(sel.request(stack, commit));
            held.addAll(runner.prepareAll(requests, operation()));
            for (StackRunner.Prepared p : held) {
                Work w = new Work(p, op.planOptions(p.program(), p.stack().name(), destroy()), null);
                into.add(w);
                problems.addAll(runner.check(p, w.options()));
            }
        }
        if (problems.isEmpty()) return true;
        for (String p : problems) err.println("error: " + p);
        err.println("lifeboat: nothing was changed in any stack");
        return false;
    }

    private String operation() {
        return destroy() ? "destroy" : "up";
    }

    private boolean narrowed() {
        return !op.targets.isEmpty() || !op.excludes.isEmpty();
    }

    /** A stack's result as text or Markdown. */
    private void summary(StackRunner.Applied a, int pending, PrintWriter out) {
        ResultRenderer rr = new ResultRenderer();
        if (op.format == OutputFormat.markdown) {
            out.print(rr.markdown(operation() + " " + a.plan().stack(), a.result(), pending, narrowed()) + "\n");
        } else {
            out.println();
            out.println(rr.totals(a.result(), pending));
            for (String n : rr.notes(a.result(), pending, narrowed())) out.println(n);
            out.println("Duration: " + ProgressPrinter.seconds(a.result().elapsed()));
            Reports.outputs(stackOutputs(a), out);
            out.println();
        }
        out.flush();
    }

    /** A stack's result as JSON: the engine's result, what an interrupted run left and was finished, drift put back, images copied. */
    private ObjectNode json(StackRunner.Applied a, int pending, ImageSync.Result images) {
        ObjectNode n = new ResultRenderer().json(a.plan().stack(), operation(), a.result(), pending, narrowed(), stackOutputs(a));
        a.recovered().forEach(n.putArray("recovered")::add);
        ArrayNode drift = n.putArray("drift");
        for (Drift d : a.drift()) drift.add(Reports.drift(d));
        if (images != null) {
            n.put("ok", a.ok() && images.errors().isEmpty());
            ObjectNode i = n.putObject("images");
            images.copied().forEach(i.putArray("copied")::add);
            images.warnings().forEach(i.putArray("warnings")::add);
            images.errors().forEach(i.putArray("errors")::add);
        }
        return n;
    }

    private java.util.Map<String, io.lifeboat.resource.PropertyValue> stackOutputs(StackRunner.Applied a) {
        if (destroy()) return java.util.Map.of();
        for (var r : a.snapshot().resources()) {
            if (r.type().equals(io.lifeboat.resource.Urn.STACK_TYPE)) return r.outputs().asMap();
        }
        return java.util.Map.of();
    }

}
