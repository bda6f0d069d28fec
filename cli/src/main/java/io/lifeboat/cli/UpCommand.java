package io.lifeboat.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import io.lifeboat.deploy.PlanRefusedException;
import io.lifeboat.deploy.StackRunner;
import io.lifeboat.deploy.StepError;
import io.lifeboat.plan.Plan;
import io.lifeboat.plan.PlanOptions;
import io.lifeboat.plan.PlanRenderer;
import io.lifeboat.program.ProgramResult;
import io.lifeboat.spec.Stack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "up", description = "Create or update the stacks' resources to match the spec.")
class UpCommand implements Callable<Integer> {
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
        for (Stack stack : order) {
            StackRunner.Target target = sel.target(runner, stack, commit);
            ProgramResult program = runner.program(target);
            PlanOptions options = op.planOptions(program, stack.name(), destroy());
            if (runner.store(stack).load(stack.name()).snapshot().metadata().lost()) {
                err.println("lifeboat: skipping " + stack.name() + ": its region was declared lost by a failover; "
                        + "bring it back with `lifeboat failback --stack " + stack.name() + "`");
                continue;
            }
            if (!yes) {
                if (System.console() == null) {
                    err.println("lifeboat: --yes is required when not running on a terminal (nothing was changed)");
                    return ExitCodes.ERROR;
                }
                StackRunner.Preview p = runner.preview(target, options, op.refresh);
                out.println("Previewing " + Reports.title(stack) + "\n");
                out.print(renderer.text(p.plan()));
                if (!p.plan().hasChanges()) continue;
                if (!Confirm.ask(out, (destroy() ? "destroy " : "update ") + stack.name(), err)) return ExitCodes.ERROR;
            }
            out.println(verb + " " + Reports.title(stack));
            out.flush();
            StackRunner.Applied applied;
            try {
                applied = runner.up(target, options, op.refresh, new ProgressPrinter(out, stack.name()));
            } catch (PlanRefusedException e) {
                for (String r : e.reasons()) err.println("error: " + r);
                err.println("lifeboat: " + stack.name() + " was not changed");
                failed = true;
                continue;
            }
            Reports.recovered(applied.recovered(), out);
            Reports.drift(applied.drift(), out);
            changes |= applied.plan().hasChanges();
            summary(applied, renderer, out);
            for (StepError e : applied.result().errors()) err.println("error: " + e);
            failed |= !applied.ok();
            if (applied.ok() && !destroy()) failed |= ImageSyncReport.print(new io.lifeboat.dr.ImageSync(runner).sync(stack, sel.pair(stack)), out, err);
            if (!applied.ok() && !destroy() && stack.role() == Stack.Role.PRIMARY && order.size() > 1) {
                err.println("lifeboat: " + stack.name() + " failed; its pair is not updated from a spec its primary could not apply");
                break;
            }
        }
        if (failed) return ExitCodes.ERROR;
        return op.detailedExitCode && changes ? ExitCodes.CHANGES : ExitCodes.OK;
    }

    private void summary(StackRunner.Applied a, PlanRenderer renderer, PrintWriter out) {
        Plan plan = a.plan();
        out.println();
        out.println(plan.hasChanges() ? renderer.totals(plan).replace("to create", "created").replace("to update", "updated")
                .replace("to replace", "replaced").replace("to delete", "deleted") : "No changes.");
        if (a.result().skipped() > 0) out.println("Skipped " + a.result().skipped() + " steps behind failures.");
        out.println("Duration: " + ProgressPrinter.seconds(a.result().elapsed()));
        if (!destroy()) Reports.outputs(stackOutputs(a), out);
        out.println();
        out.flush();
    }

    private static java.util.Map<String, io.lifeboat.resource.PropertyValue> stackOutputs(StackRunner.Applied a) {
        for (var r : a.snapshot().resources()) {
            if (r.type().equals(io.lifeboat.resource.Urn.STACK_TYPE)) return r.outputs().asMap();
        }
        return java.util.Map.of();
    }

}
