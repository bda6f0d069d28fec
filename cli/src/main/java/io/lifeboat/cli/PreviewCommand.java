package io.lifeboat.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lifeboat.deploy.StackRunner;
import io.lifeboat.plan.PlanRenderer;
import io.lifeboat.program.ProgramResult;
import io.lifeboat.spec.Stack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "preview", description = "Show what `up` would change, without changing anything.")
final class PreviewCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    StackOptions stacks;
    @Mixin
    OperationOptions op;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StackSelection sel = StackSelection.load(stacks, err);
        if (sel == null) return ExitCodes.ERROR;
        StackRunner runner = Engine.runner(sel.workspace, op.parallel, op.lockTimeout());
        PlanRenderer renderer = new PlanRenderer();
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode all = json.createArrayNode();
        boolean changes = false;
        boolean failed = false;
        if (op.format == OutputFormat.markdown) out.println("## Lifeboat preview\n");
        for (Stack stack : sel.selected) {
            StackRunner.Target target = sel.target(runner, stack);
            ProgramResult program = runner.program(target);
            StackRunner.Preview p = runner.preview(target, op.planOptions(program, stack.name(), false), op.refresh);
            changes |= p.plan().hasChanges();
            failed |= !p.plan().errors().isEmpty() || !p.refreshErrors().isEmpty();
            switch (op.format) {
                case json -> {
                    ObjectNode n = renderer.json(p.plan());
                    ArrayNode drift = n.putArray("drift");
                    for (var d : p.drift()) drift.add(Reports.drift(d));
                    ArrayNode made = n.putArray("handMade");
                    for (var h : p.handMade()) made.addObject().put("type", h.type()).put("id", h.id()).put("description", h.describe());
                    all.add(n);
                }
                case markdown -> out.println(renderer.markdown(p.plan(), stack.name() + " (" + stack.region() + ", " + stack.role().id() + ")"));
                default -> {
                    out.println("Previewing " + Reports.title(stack));
                    out.println();
                    Reports.recovered(p.recovered(), out);
                    Reports.drift(p.drift(), out);
                    Reports.handMade(p.handMade(), stack.name(), out);
                    Reports.refreshErrors(p.refreshErrors(), out);
                    out.print(renderer.text(p.plan()));
                    Reports.outputs(p.plan().outputs(), out);
                    for (String e : p.plan().errors()) out.println("error: " + e);
                    out.println();
                }
            }
        }
        if (op.format == OutputFormat.json) {
            ObjectNode root = json.createObjectNode();
            root.put("changes", changes);
            root.set("stacks", all);
            out.println(json.writeValueAsString(root));
        }
        if (failed) return ExitCodes.ERROR;
        return op.detailedExitCode && changes ? ExitCodes.CHANGES : ExitCodes.OK;
    }
}
