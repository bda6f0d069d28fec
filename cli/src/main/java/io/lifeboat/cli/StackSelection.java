package io.lifeboat.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lifeboat.deploy.SpecHash;
import io.lifeboat.deploy.StackRunner;
import io.lifeboat.spec.LoadResult;
import io.lifeboat.spec.SpecLoader;
import io.lifeboat.spec.Stack;

/**
 * Loads and validates every stack of the repository, then picks the ones a command names. An
 * invalid spec stops the command before anything runs.
 */
final class StackSelection {
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
        Workspace ws = Workspace.current();
        List<String> paths = new ArrayList<>();
        paths.add(SpecLoader.DEFAULT_STACKS);
        for (String s : options.stacks) {
            Path p = Workspace.resolve(Path.of(s));
            if (Files.isRegularFile(p)) {
                String rel = ws.source.relative(p);
                if (rel == null) throw new IllegalArgumentException(s + " is outside the repository " + ws.source.root());
                if (!rel.startsWith(SpecLoader.DEFAULT_STACKS + "/")) paths.add(rel);
            }
        }
        LoadResult result = new SpecLoader(ws.source).load(paths);
        if (!result.ok()) {
            new DiagnosticPrinter(ws.source).text(result.diagnostics().sorted(), err);
            err.println("lifeboat: the specs are invalid (" + result.diagnostics().errorCount() + " errors); nothing was changed. "
                    + "`lifeboat validate` shows the same.");
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
        for (String s : options.stacks) {
            Stack match = byName.get(s);
            if (match == null) {
                Path p = Workspace.resolve(Path.of(s));
                String rel = Files.isRegularFile(p) ? ws.source.relative(p) : null;
                for (Stack st : result.stacks()) if (st.file().equals(rel)) match = st;
            }
            if (match == null) {
                err.println("lifeboat: no stack '" + s + "'; known stacks: " + describe(result.stacks()));
                return null;
            }
            if (!selected.contains(match)) selected.add(match);
        }
        selected.sort(Comparator.comparing((Stack st) -> st.role() == Stack.Role.PRIMARY ? 0 : 1));
        return new StackSelection(ws, result, selected);
    }

    /** Every stack of the repository (for the commands that name their stacks by option). */
    static StackSelection all(PrintWriter err) throws IOException {
        StackOptions all = new StackOptions();
        all.all = true;
        return load(all, err);
    }

    StackRunner.Target target(StackRunner runner, Stack stack) throws IOException {
        return runner.target(stack, pair(stack), SpecHash.of(workspace.source, stack), null);
    }

    /** A stack by name or file, or null after saying which stacks there are. */
    Stack find(String nameOrFile, PrintWriter err) {
        Stack match = loaded.stack(nameOrFile);
        if (match == null) {
            Path p = Workspace.resolve(Path.of(nameOrFile));
            String rel = Files.isRegularFile(p) ? workspace.source.relative(p) : null;
            for (Stack st : loaded.stacks()) if (st.file().equals(rel)) match = st;
        }
        if (match == null) err.println("lifeboat: no stack '" + nameOrFile + "'; known stacks: " + describe(loaded.stacks()));
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
