package io.lifeboat.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.lifeboat.deploy.SpecHash;
import io.lifeboat.deploy.StackRunner;
import io.lifeboat.spec.LoadResult;
import io.lifeboat.spec.SpecLoader;
import io.lifeboat.spec.Stack;
import io.lifeboat.state.AppliedCommit;

/**
 * Loads and validates every stack of the repository (from the working tree or the --ref
 * commit), then picks the ones a command names. An invalid spec stops the command before
 * anything runs.
 */
final class StackSelection {
    /** What a refusal for specs that do not validate says. */
    private static final String INVALID = "are invalid";
    final Workspace workspace;
    final LoadResult loaded;
    final List<Stack> selected;

    private StackSelection(Workspace workspace, LoadResult loaded, List<Stack> selected) {
        this.workspace = workspace;
        this.loaded = loaded;
        this.selected = selected;
    }

    /** Returns null after printing why, when the specs are invalid or the selection names nothing. */
    static StackSelection load(StackOptions options, PrintWriter err) throws IOException {
        Workspace ws = Workspace.current(options.ref.ref);
        List<String> paths = new ArrayList<>();
        paths.add(SpecLoader.DEFAULT_STACKS);
        for (String s : options.stacks) {
            String rel = ws.specFile(s);
            if (rel != null && !rel.startsWith(SpecLoader.DEFAULT_STACKS + "/")) paths.add(rel);
        }
        LoadResult result = new SpecLoader(ws.source).load(paths);
        if (!result.ok()) {
            new DiagnosticPrinter(ws.source).text(result.diagnostics().sorted(), err);
            err.println("lifeboat: the specs " + (ws.commit == null ? "" : "at " + ws.source.describe() + " ") + INVALID + " ("
                    + io.lifeboat.plan.Plural.of(result.diagnostics().errorCount(), "error") + "); nothing was changed. `lifeboat validate"
                    + (options.ref.ref == null ? "" : " --ref " + options.ref.ref) + "` shows the same.");
            return null;
        }
        Map<String, Stack> byName = new LinkedHashMap<>();
        for (Stack s : result.stacks()) byName.put(s.name(), s);
        List<Stack> selected = new ArrayList<>();
        if (options.all) {
            selected.addAll(result.stacks());
        } else if (options.stacks.isEmpty()) {
            err.println("lifeboat: name a stack with --stack FILE (one of: " + describe(result.stacks()) + ") or use --all");
            return null;
        }
        StackSelection sel = new StackSelection(ws, result, selected);
        for (String s : options.stacks) {
            Stack match = sel.find(s, err);
            if (match == null) return null;
            if (!selected.contains(match)) selected.add(match);
        }
        selected.sort(Comparator.comparing((Stack st) -> st.role() == Stack.Role.PRIMARY ? 0 : 1));
        return sel;
    }

    /** Every stack of the repository (for the commands that name their stacks by option). */
    static StackSelection all(String ref, PrintWriter err) throws IOException {
        StackOptions all = new StackOptions();
        all.all = true;
        all.ref.ref = ref;
        return load(all, err);
    }

    /**
     * As {@link #all}, for a DR command, {@code command} as typed without {@code --ref}: in an
     * outage a spec broken in the working tree must not stand in the way, so when the commit
     * checked out holds valid specs, the refusal says to run the command with {@code --ref HEAD}.
     */
    static StackSelection allForRecovery(String ref, PrintWriter err, String command) throws IOException {
        StringWriter said = new StringWriter();
        StackSelection sel = all(ref, new PrintWriter(said, true));
        err.print(said);
        if (sel != null || ref != null || !said.toString().contains(INVALID)) return sel;
        try {
            Workspace head = Workspace.current("HEAD");
            if (new SpecLoader(head.source).load(List.of(SpecLoader.DEFAULT_STACKS)).ok()) {
                err.println("  the specs at HEAD (" + head.commit.abbreviate(7).name() + ") are valid: to go on with them, run `" + command + " --ref HEAD`");
            }
        } catch (IOException | RuntimeException e) {
            // no repository, or no commit in it: the refusal above stands alone
        }
        err.flush();
        return sel;
    }

    StackRunner.Target target(StackRunner runner, Stack stack) throws IOException {
        return target(runner, stack, null);
    }

    /** @param commit the commit being applied, recorded in the checkpoint; null for none */
    StackRunner.Target target(StackRunner runner, Stack stack, AppliedCommit commit) throws IOException {
        return runner.target(stack, pair(stack), SpecHash.of(workspace.source, stack), commit);
    }

    /**
     * Reads a stack for one operation: its state once, its program once. With {@code lockFor}
     * (the operation's name) it holds the stack's lock until the runner releases it.
     */
    StackRunner.Prepared prepare(StackRunner runner, Stack stack, AppliedCommit commit, String lockFor) throws IOException {
        return runner.prepare(stack, pair(stack), SpecHash.of(workspace.source, stack), commit, lockFor);
    }

    /** What the runner needs to read a stack for an operation applying {@code commit} (null: none). */
    StackRunner.Request request(Stack stack, AppliedCommit commit) throws IOException {
        return new StackRunner.Request(stack, pair(stack), SpecHash.of(workspace.source, stack), commit);
    }

    /** Reads a stack, under its lock, to apply the saved plan {@code entry} of {@code file}: refused when the plan no longer holds. */
    StackRunner.Prepared prepare(StackRunner runner, Stack stack, AppliedCommit commit, io.lifeboat.deploy.PlanFile.Entry entry, String file)
            throws IOException {
        return runner.prepare(stack, pair(stack), SpecHash.of(workspace.source, stack), commit, entry, file);
    }

    /** The files the stacks read: their own, their platforms, and their pairs' (a pair shapes the program). */
    Set<String> files(List<Stack> stacks) {
        Set<String> out = new LinkedHashSet<>();
        for (Stack s : stacks) {
            for (Stack x : new Stack[] {s, pair(s)}) {
                if (x == null) continue;
                out.add(x.file());
                if (x.platformFile() != null) out.add(x.platformFile());
            }
        }
        return out;
    }

    /** A stack by name or file, or null after saying which stacks there are. */
    Stack find(String nameOrFile, PrintWriter err) throws IOException {
        Stack match = loaded.stack(nameOrFile);
        if (match == null) {
            String rel = workspace.specFile(nameOrFile);
            for (Stack st : loaded.stacks()) if (st.file().equals(rel)) match = st;
        }
        if (match == null) err.println("lifeboat: no stack '" + nameOrFile + "'" + (workspace.commit == null ? "" : " at " + workspace.source.describe())
                + "; known stacks: " + describe(loaded.stacks()));
        return match;
    }

    Stack pair(Stack stack) {
        return stack.pair() == null ? null : loaded.stack(stack.pair());
    }

    private static String describe(List<Stack> stacks) {
        List<String> out = new ArrayList<>();
        for (Stack s : stacks) out.add(s.name() + " (" + s.file() + ")");
        return String.join(", ", out);
    }
}
