package io.lifeboat.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lifeboat.deploy.DriftCheck;
import io.lifeboat.deploy.StackRunner;
import io.lifeboat.git.ChangePreview;
import io.lifeboat.git.ChangePreviewRenderer;
import io.lifeboat.plan.PlanRenderer;
import io.lifeboat.spec.Stack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "preview", mixinStandardHelpOptions = true, description = {"Show what `up` would change, without changing anything.",
        "With --base and --head: what a pull request would do, for a comment (--format markdown) or a machine (--format json)."})
final class PreviewCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    StackOptions stacks;
    @Mixin
    OperationOptions op;

    @Option(names = "--base", paramLabel = "REV",
            description = "Also summarise the spec changes from this revision (from its merge base with the head) to the head.")
    String base;

    @Option(names = "--head", paramLabel = "REV", description = "The revision whose specs are planned (the same as --ref; default: the working tree).")
    String head;

    @Option(names = "--save-plan", paramLabel = "FILE",
            description = "Also write the plan to FILE (JSON, its secrets encrypted as the state's are), for `lifeboat up --plan FILE` to apply exactly it.")
    java.nio.file.Path savePlan;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (head != null) {
            if (stacks.ref.ref != null && !stacks.ref.ref.equals(head)) {
                err.println("lifeboat: --head and --ref name the same thing; give one of them");
                return ExitCodes.ERROR;
            }
            stacks.ref.ref = head;
        }
        StackSelection sel = StackSelection.load(stacks, err);
        if (sel == null) return ExitCodes.ERROR;
        StackRunner runner = Engine.runner(sel.workspace, op.parallel, op.lockTimeout());
        SpecChanges changes = base == null ? null : SpecChanges.of(sel, base, runner);
        List<ChangePreview.StackPlan> plans = new ArrayList<>();
        List<StackRunner.Preview> previews = new ArrayList<>();
        List<io.lifeboat.state.StackMetadata> metadata = new ArrayList<>();
        List<com.fasterxml.jackson.databind.node.ObjectNode> saved = new ArrayList<>();
        boolean failed = false;
        PlanRenderer renderer = new PlanRenderer();
        if (op.format == OutputFormat.text && changes != null) changes.text(out);
        for (Stack stack : sel.selected) {
            StackRunner.Prepared prepared = sel.prepare(runner, stack, null, null);
            StackRunner.Preview p = runner.plan(prepared, op.planOptions(prepared.program(), stack.name(), false), op.refresh);
            failed |= !p.plan().errors().isEmpty() || !p.refreshErrors().isEmpty();
            previews.add(p);
            if (savePlan != null) saved.add(io.lifeboat.deploy.PlanFile.entry(prepared, p.plan()));
            io.lifeboat.state.StackMetadata recorded = prepared.loaded().snapshot().metadata();
            metadata.add(recorded);
            plans.add(new ChangePreview.StackPlan(stack.name(), stack.file(), stack.region(), Reports.recordedRole(stack, recorded),
                    changes == null ? null : changes.of(stack), p.plan()));
            if (op.format == OutputFormat.text) {
                out.println("Previewing " + Reports.title(stack, recorded));
                if (recorded.lost()) {
                    out.println("  " + stack.name() + " was declared lost by a failover: `up` skips it until `lifeboat failback --stack " + stack.name() + "`");
                }
                out.println();
                Reports.recovered(p.recovered(), out);
                Reports.drift(p.drift(), out);
                Reports.handMade(p.handMade(), stack.name(), out);
                Reports.refreshErrors(p.refreshErrors(), out);
                if (op.refresh && !p.refreshErrors().isEmpty()) out.println(Reports.driftLine(new DriftCheck(p.drift(), p.refreshErrors())) + "\n");
                out.print(Colour.current().lines(renderer.text(p.plan())));
                Reports.outputs(p.plan().outputs(), out);
                for (String e : p.plan().errors()) out.println(Colour.current().error("error: " + e));
                out.println();
            }
        }
        ChangePreview preview = new ChangePreview(changes == null ? null : changes.base(), SpecChanges.head(sel, head != null ? head : stacks.ref.ref),
                changes == null ? null : changes.mergeBase(), changes == null ? List.of() : changes.files(), plans,
                changes == null ? List.of() : changes.removed());
        ChangePreviewRenderer pr = new ChangePreviewRenderer();
        if (op.format == OutputFormat.markdown) out.print(pr.markdown(preview));
        if (op.format == OutputFormat.json) {
            ObjectNode root = pr.json(preview);
            ArrayNode all = (ArrayNode) root.get("stacks");
            for (int i = 0; i < previews.size(); i++) {
                StackRunner.Preview p = previews.get(i);
                ObjectNode n = (ObjectNode) all.get(i);
                // for machines, the role by the state and whether a failover declared it lost, each a field of its own
                Stack stack = sel.selected.get(i);
                n.put("role", io.lifeboat.dr.Failover.role(stack, metadata.get(i)));
                n.put("lost", metadata.get(i).lost());
                if (op.refresh) n.put("driftStatus", new DriftCheck(p.drift(), p.refreshErrors()).summary());
                ArrayNode drift = n.putArray("drift");
                for (var d : p.drift()) drift.add(Reports.drift(d));
                ArrayNode made = n.putArray("handMade");
                for (var h : p.handMade()) made.addObject().put("type", h.type()).put("id", h.id()).put("description", h.describe());
            }
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root));
        }
        if (savePlan != null) {
            PrintWriter log = op.format == OutputFormat.text ? out : err;
            if (failed) {
                err.println("lifeboat: no plan was saved to " + savePlan + ": the plan above has errors");
            } else {
                save(io.lifeboat.deploy.PlanFile.write(saved, sel.workspace.commit == null ? "working tree" : sel.workspace.commit.name()));
                log.println("Saved the plan of " + io.lifeboat.plan.Plural.of(saved.size(), "stack") + " to " + savePlan
                        + "; `lifeboat up --plan " + savePlan + "` applies exactly it, and refuses it once the state or the specs move.");
            }
        }
        if (failed) return ExitCodes.ERROR;
        return op.detailedExitCode && preview.hasChanges() ? ExitCodes.CHANGES : ExitCodes.OK;
    }

    /** Writes the plan file whole or not at all, readable by its owner only. */
    private void save(byte[] bytes) throws java.io.IOException {
        java.nio.file.Path target = CliContext.current().cwd().resolve(savePlan);
        java.nio.file.Path dir = target.toAbsolutePath().getParent();
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Path tmp = dir.resolve(target.getFileName() + "." + java.util.UUID.randomUUID() + ".tmp");
        try {
            java.nio.file.Files.write(tmp, bytes, java.nio.file.StandardOpenOption.CREATE_NEW);
            try {
                java.nio.file.Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's permissions apply
            }
            java.nio.file.Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            java.nio.file.Files.deleteIfExists(tmp);
        }
    }
}
