package io.lifeboat.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.lifeboat.deploy.PlanFile;
import io.lifeboat.deploy.StackRunner;
import io.lifeboat.plan.Plan;
import io.lifeboat.spec.Stack;
import io.lifeboat.state.AppliedCommit;
import io.lifeboat.state.StateException;

/**
 * The plan file {@code up --plan FILE} applies: read once, the stacks it plans (those it
 * applies, unless {@code --stack} or {@code --all} names the same ones), and each stack made
 * ready from its entry: locked, its state read and the plan checked against it.
 */
final class SavedPlan {
    private final String where;
    private final byte[] bytes;
    private final List<String> stacks;

    private SavedPlan(String where, byte[] bytes, List<String> stacks) {
        this.where = where;
        this.bytes = bytes;
        this.stacks = stacks;
    }

    /** A stack ready to apply its saved plan. */
    record Ready(StackRunner.Prepared stack, Plan plan) {
    }

    /** The plan file, or null after saying why it cannot be applied: options that would change it, a file that is not there or not a plan. */
    static SavedPlan read(Path file, OperationOptions op, PrintWriter err) {
        List<String> fixed = new ArrayList<>();
        if (!op.targets.isEmpty()) fixed.add("--target");
        if (op.targetDependents) fixed.add("--target-dependents");
        if (!op.excludes.isEmpty()) fixed.add("--exclude");
        if (!op.replaces.isEmpty()) fixed.add("--replace");
        if (op.allowDataLoss) fixed.add("--allow-data-loss");
        if (op.refresh) fixed.add("--refresh");
        if (!fixed.isEmpty()) {
            err.println("lifeboat: " + String.join(", ", fixed) + " cannot be given with --plan: the plan file fixes what is applied; "
                    + "give " + (fixed.size() == 1 ? "it" : "them") + " to `lifeboat preview --save-plan " + file + "` and apply that plan (nothing was changed)");
            return null;
        }
        Path path = CliContext.current().cwd().resolve(file);
        if (!Files.isRegularFile(path)) {
            err.println("lifeboat: there is no plan file " + file + "; make one with `lifeboat preview --stack STACK --save-plan " + file + "` (nothing was changed)");
            return null;
        }
        try {
            byte[] bytes = Files.readAllBytes(path);
            List<String> stacks = PlanFile.stacks(bytes, file.toString());
            if (stacks.isEmpty()) {
                err.println("lifeboat: the plan file " + file + " plans no stack (nothing was changed)");
                return null;
            }
            return new SavedPlan(file.toString(), bytes, stacks);
        } catch (IOException e) {
            err.println("lifeboat: cannot read the plan file " + file + ": " + e.getMessage() + " (nothing was changed)");
            return null;
        } catch (StateException e) {
            err.println("lifeboat: " + e.getMessage() + " (nothing was changed)");
            return null;
        }
    }

    /** The stacks to load: those given, or else the plan's. */
    StackOptions selection(StackOptions given) {
        if (!given.stacks.isEmpty() || given.all) return given;
        StackOptions planned = new StackOptions();
        planned.stacks.addAll(stacks);
        planned.ref = given.ref;
        return planned;
    }

    /** Whether the stacks selected are the plan's; says why not. */
    boolean selects(List<Stack> selected, PrintWriter err) {
        Set<String> names = new LinkedHashSet<>();
        for (Stack s : selected) names.add(s.name());
        if (names.equals(new LinkedHashSet<>(stacks))) return true;
        err.println("lifeboat: the plan file " + where + " plans " + String.join(", ", stacks) + ", but the stacks named are " + String.join(", ", names)
                + "; leave out --stack and --all to apply the plan's stacks, or make a plan of these (nothing was changed)");
        return false;
    }

    /** Locks and reads {@code stack}, checks its saved plan still holds and plans it again from what was saved; refused when it does not. */
    Ready prepare(StackRunner runner, StackSelection sel, Stack stack, AppliedCommit commit) throws IOException {
        PlanFile.Entry entry = PlanFile.read(bytes, where, stack.name(), Engine.passphrase());
        StackRunner.Prepared p = sel.prepare(runner, stack, commit, entry, where);
        try {
            return new Ready(p, runner.plan(p, entry, where));
        } catch (RuntimeException e) {
            runner.release(p);
            throw e;
        }
    }
}
