package io.lifeboat.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.lifeboat.deploy.StackRunner;
import io.lifeboat.program.PlatformProgram;
import io.lifeboat.spec.FileProblems;
import io.lifeboat.spec.Stack;
import io.lifeboat.state.CheckpointImport;
import io.lifeboat.state.DamagedCheckpointException;
import io.lifeboat.state.LockInfo;
import io.lifeboat.state.LockRecord;
import io.lifeboat.state.StateBackend;
import io.lifeboat.state.StateException;
import io.lifeboat.state.StateStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "state", mixinStandardHelpOptions = true, description = "Inspect and manage a stack's state.",
        subcommands = {StateCommand.Export.class, StateCommand.Import.class, StateCommand.Unlock.class, StateCommand.Repair.class})
final class StateCommand {

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Print the stack's checkpoint (Pulumi's format, `pulumi stack import` reads it).")
    static final class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        StackOptions stacks;

        @Override
        public Integer call() throws Exception {
            StackSelection sel = StackSelection.load(stacks, spec.commandLine().getErr());
            if (sel == null) return ExitCodes.ERROR;
            if (sel.selected.size() != 1) {
                spec.commandLine().getErr().println("lifeboat: state export takes one stack");
                return ExitCodes.ERROR;
            }
            Stack stack = sel.selected.get(0);
            StateStore store = Engine.runner(sel.workspace, 1).store(stack);
            StateStore.Loaded loaded = store.load(stack.name());
            spec.commandLine().getOut().print(new String(loaded.codec().write(loaded.snapshot()), StandardCharsets.UTF_8));
            spec.commandLine().getOut().println();
            return ExitCodes.OK;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true, description = {"Replace the stack's state with a checkpoint file (from `state export` or `pulumi stack export`).",
            "The file must be a well-formed checkpoint of this stack and project, whose secrets open with LIFEBOAT_PASSPHRASE.",
            "The checkpoint it replaces is kept in history."})
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        StackOptions stacks;
        @Parameters(paramLabel = "FILE", description = "The checkpoint to import.")
        Path file;
        @Option(names = "--force", description = "Import a checkpoint of another stack or project.")
        boolean force;
        @Option(names = {"-y", "--yes"}, description = "Do not ask (required when not on a terminal).")
        boolean yes;
        @picocli.CommandLine.Mixin
        LockTimeoutOption lock;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            StackSelection sel = StackSelection.load(stacks, err);
            if (sel == null) return ExitCodes.ERROR;
            if (sel.selected.size() != 1) {
                err.println("lifeboat: state import takes one stack");
                return ExitCodes.ERROR;
            }
            Stack stack = sel.selected.get(0);
            Path path = Workspace.resolve(file);
            String notAFile = FileProblems.of(path, file.toString());
            if (notAFile != null) {
                err.println("lifeboat: " + notAFile + (Files.isDirectory(path) ? "; name the checkpoint file (from `lifeboat state export`) inside it" : ""));
                return ExitCodes.ERROR;
            }
            CheckpointImport imported;
            try {
                imported = CheckpointImport.read(Files.readAllBytes(path), file.toString(), stack.name(), PlatformProgram.project(stack), Engine.passphrase());
            } catch (DamagedCheckpointException e) {
                err.println("lifeboat: " + file + " is not a checkpoint that can be imported: " + e.problem());
                err.println("  fix: import a file written by `lifeboat state export --stack " + stack.name() + "` (or `pulumi stack export`); nothing was changed");
                return ExitCodes.ERROR;
            } catch (StateException e) {
                err.println("lifeboat: " + file + ": " + e.getMessage() + "; nothing was changed");
                return ExitCodes.ERROR;
            }
            if (!imported.foreign().isEmpty() && !force) {
                err.println("lifeboat: " + file + " is not a checkpoint of stack " + stack.name() + ": " + String.join("; ", imported.foreign()));
                err.println("  importing it would make " + stack.name() + " manage, and plan to delete, resources that are not its own");
                String owner = imported.owner();
                err.println("  fix: " + (owner != null && !owner.equals(stack.name()) ? "import it into its own stack with `lifeboat state import --stack " + owner
                        + " " + file + "`, or " : "") + "add --force if you mean to import it into " + stack.name() + "; nothing was changed");
                return ExitCodes.ERROR;
            }
            StackRunner runner = Engine.runner(sel.workspace, 1, lock.timeout);
            StateStore store = runner.store(stack);
            if (!yes && !Confirm.ask(out, "replace the state of " + stack.name() + " with the " + io.lifeboat.plan.Plural.of(imported.snapshot().resources().size(), "resource")
                    + " of " + file + " (the current checkpoint is kept in history)", err)) {
                return ExitCodes.ERROR;
            }
            runner.lock(stack, "state import");
            try {
                imported.apply(store, stack.name());
            } finally {
                runner.unlock(stack);
            }
            out.println("imported " + io.lifeboat.plan.Plural.of(imported.snapshot().resources().size(), "resource") + " into " + stack.name()
                    + (imported.foreign().isEmpty() ? "" : " (forced: " + String.join("; ", imported.foreign()) + ")")
                    + "; the checkpoint it replaced is kept in history");
            return ExitCodes.OK;
        }
    }

    @Command(name = "unlock", mixinStandardHelpOptions = true, description = "Break a stack's lock left by an operation that is gone.")
    static final class Unlock implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        StackOptions stacks;
        @Option(names = "--force", description = "Break the lock even if its holder may still be running.")
        boolean force;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            StackSelection sel = StackSelection.load(stacks, err);
            if (sel == null) return ExitCodes.ERROR;
            for (Stack stack : sel.selected) {
                StateBackend backend = Engine.runner(sel.workspace, 1).store(stack).backend();
                Optional<LockRecord> lock = backend.readLock(stack.name());
                if (lock.isEmpty()) {
                    out.println(stack.name() + " is not locked");
                    continue;
                }
                LockInfo holder = lock.get().holder();
                Optional<String> stale = holder.staleBecause(Instant.now());
                if (stale.isEmpty() && !force) {
                    err.println("lifeboat: " + stack.name() + " is locked by " + holder
                            + ", which may still be running; add --force if you are sure it is not");
                    return ExitCodes.ERROR;
                }
                // only the lock shown is broken: one taken or renewed meanwhile is left alone
                if (!backend.unlock(stack.name(), lock.get())) {
                    err.println("lifeboat: the lock of " + stack.name() + " changed while unlocking it (its holder renewed it, or another operation took it);"
                            + " nothing was broken: run `lifeboat state unlock --stack " + stack.name() + "` again to see who holds it now");
                    return ExitCodes.ERROR;
                }
                out.println("unlocked " + stack.name() + " (was: " + holder + stale.map(why -> "; " + why).orElse("") + ")");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "repair", mixinStandardHelpOptions = true, description = {"Explain what keeps a stack's state from being used, and with --yes fix it.",
            "It finds a stale lock, a damaged checkpoint (the newest good one kept is restored), a stray journal, and stuck pending operations."})
    static final class Repair implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        StackOptions stacks;
        @Option(names = {"-y", "--yes"}, description = "Apply the fixes (without it, only explain).")
        boolean yes;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            StackSelection sel = StackSelection.load(stacks, spec.commandLine().getErr());
            if (sel == null) return ExitCodes.ERROR;
            for (Stack stack : sel.selected) {
                StateBackend backend = Engine.runner(sel.workspace, 1).store(stack).backend();
                out.println(stack.name() + " (" + backend.describe() + "):");
                for (io.lifeboat.state.StateRepair.Finding f : new io.lifeboat.state.StateRepair(backend, Engine.passphrase()).run(stack.name(), yes)) {
                    out.println("  - " + f.problem());
                    out.println("    " + (f.fixed() ? "fixed: " : "fix: ") + f.fix());
                }
            }
            if (!yes) out.println("(nothing was changed; run again with --yes to apply the fixes)");
            return ExitCodes.OK;
        }
    }
}
