package io.lifeboat.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.jgit.revwalk.RevCommit;

import io.lifeboat.deploy.StackRunner;
import io.lifeboat.git.ChangePreview;
import io.lifeboat.git.GitRepository;
import io.lifeboat.git.SpecDiff;
import io.lifeboat.spec.LoadResult;
import io.lifeboat.spec.SpecLoader;
import io.lifeboat.spec.SpecSource;
import io.lifeboat.spec.Stack;

/**
 * What a change does to the spec files, for {@code preview --base}: the files changed from the
 * merge base of base and head to head (what the pull request changes, as GitHub shows it, even
 * when base has moved on since), which stacks that touches, and the stacks head no longer has.
 */
record SpecChanges(ChangePreview.Revision base, String mergeBase, List<SpecDiff.FileChange> files, LoadResult before,
                   List<ChangePreview.RemovedStack> removed) {

    static SpecChanges of(StackSelection sel, String baseRev, StackRunner runner) throws IOException {
        Workspace ws = sel.workspace;
        GitRepository git = ws.git().orElseThrow(() -> new IllegalArgumentException(
                "--base " + baseRev + " needs a git repository, and " + ws.root() + " is none"));
        RevCommit baseCommit = git.resolve(baseRev);
        RevCommit headCommit = ws.commit != null ? ws.commit : git.head().orElse(null);
        RevCommit from = headCommit == null ? baseCommit : git.mergeBase(baseCommit, headCommit).orElse(baseCommit);
        SpecSource before = git.source(from);
        LoadResult old = new SpecLoader(before).load(List.of());
        Set<String> files = new LinkedHashSet<>(sel.files(sel.loaded.stacks()));
        for (Stack s : old.stacks()) {
            files.add(s.file());
            if (s.platformFile() != null) files.add(s.platformFile());
        }
        for (Stack s : old.stacks()) files.addAll(programFiles(s, ws.root()));
        for (Stack s : sel.loaded.stacks()) files.addAll(programFiles(s, ws.root()));
        files.addAll(yaml(before.list(SpecLoader.DEFAULT_STACKS)));
        files.addAll(yaml(ws.source.list(SpecLoader.DEFAULT_STACKS)));
        List<SpecDiff.FileChange> diff = SpecDiff.between(before, ws.source, files);
        List<ChangePreview.RemovedStack> removed = new ArrayList<>();
        for (Stack s : old.stacks()) {
            if (s.name() == null || sel.loaded.stack(s.name()) != null) continue;
            int resources;
            try {
                resources = runner.store(s).load(s.name()).snapshot().cloudResources().size();
            } catch (RuntimeException unreadable) {
                resources = -1; // the preview goes on; the warning says "its resources" without a number
            }
            removed.add(new ChangePreview.RemovedStack(s.name(), s.file(), resources));
        }
        return new SpecChanges(new ChangePreview.Revision(baseRev, baseCommit.name(), baseCommit.getShortMessage()), from.name(), diff, old,
                removed);
    }

    /** A program stack's project files, relative to the repository root (none for a platform stack). */
    private static List<String> programFiles(Stack s, java.nio.file.Path workDir) throws IOException {
        List<String> out = new ArrayList<>();
        if (!s.runsProgram()) return out;
        for (String rel : io.lifeboat.program.pulumi.PulumiProject.sourceFiles(s.programDir(workDir))) out.add(s.program() + "/" + rel);
        return out;
    }

    static ChangePreview.Revision head(StackSelection sel, String given) {
        RevCommit c = sel.workspace.commit;
        return c == null ? new ChangePreview.Revision("working tree", null, null) : new ChangePreview.Revision(given, c.name(), c.getShortMessage());
    }

    /** What the change does to a stack: added, modified (its file, its platform or its pair's changed) or unchanged. */
    String of(Stack stack) {
        if (before.stack(stack.name()) == null) return "added";
        Set<String> touched = new LinkedHashSet<>();
        for (SpecDiff.FileChange f : files) touched.add(f.path());
        List<String> read = new ArrayList<>(List.of(stack.file()));
        if (stack.platformFile() != null) read.add(stack.platformFile());
        Stack old = before.stack(stack.name());
        if (!old.file().equals(stack.file()) || old.platformFile() != null && !old.platformFile().equals(stack.platformFile())) return "modified";
        for (String f : read) if (touched.contains(f)) return "modified";
        if (stack.runsProgram()) {
            for (String f : touched) if (f.startsWith(stack.program() + "/")) return "modified";
        }
        return "unchanged";
    }

    void text(PrintWriter out) {
        out.println("Spec changes from " + base.given() + " (" + base.sha().substring(0, 7) + ")"
                + (mergeBase.equals(base.sha()) ? "" : ", from its merge base " + mergeBase.substring(0, 7)) + ":");
        if (files.isEmpty()) out.println("  none");
        for (SpecDiff.FileChange f : files) {
            out.println("  " + kind(f.kind()) + " " + f.path());
            for (SpecDiff.KeyChange k : f.keys()) out.println("      " + kind(k.kind()) + " " + k.path());
        }
        for (ChangePreview.RemovedStack r : removed) {
            out.println("  stack " + r.name() + " is removed: its " + (r.resources() < 0 ? "" : r.resources() + " ") + "resources stay until `lifeboat destroy --stack "
                    + r.name() + " --ref " + base.given() + "`");
        }
        out.println();
    }

    private static String kind(SpecDiff.Kind k) {
        return k.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static List<String> yaml(List<String> files) {
        List<String> out = new ArrayList<>();
        for (String f : files) if (f.endsWith(".yaml") || f.endsWith(".yml")) out.add(f);
        return out;
    }
}
