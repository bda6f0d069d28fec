package io.lifeboat.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

import org.eclipse.jgit.revwalk.RevCommit;

import io.lifeboat.git.DirtyFiles;
import io.lifeboat.git.GitRepository;
import io.lifeboat.spec.Stack;
import io.lifeboat.state.AppliedCommit;

/**
 * Which commit an operation applies, and whether the working tree holds uncommitted changes to
 * the files it reads. From --ref it is that commit. From the working tree it is HEAD when those
 * files are as HEAD has them; with changes, {@code up} refuses (what is applied must be in
 * history) unless --allow-dirty, while failover, failback and drill only warn: during an outage
 * on-call must not be stopped by an edit they have not committed yet. Outside a git repository
 * nothing is refused and no commit is recorded.
 */
final class Provenance {
    private Provenance() {
    }

    /** @param refused the operation must not run; why was printed */
    record Result(boolean refused, AppliedCommit commit) {
    }

    enum OnDirty { REFUSE, WARN }

    static Result check(StackSelection sel, List<Stack> stacks, OnDirty onDirty, String operation, PrintWriter err) {
        Workspace ws = sel.workspace;
        if (ws.commit != null) return new Result(false, GitRepository.describe(ws.commit));
        Optional<GitRepository> git = ws.git();
        if (git.isEmpty()) return new Result(false, null);
        Optional<RevCommit> head = git.get().head();
        List<DirtyFiles.Dirty> dirty = new DirtyFiles(git.get()).among(sel.files(stacks));
        AppliedCommit commit = head.map(GitRepository::describe).orElse(null);
        if (dirty.isEmpty()) return new Result(false, commit);
        if (onDirty == OnDirty.REFUSE) {
            err.println("lifeboat: refusing to " + operation + " uncommitted changes: what is applied must be in git history.");
            for (DirtyFiles.Dirty d : dirty) err.println("  " + d);
            err.println("Commit them (git add and git commit), apply a commit with --ref REV, or pass --allow-dirty to apply them anyway"
                    + (commit == null ? "" : " (recorded as " + commit.shortSha() + "+dirty)") + ". Nothing was changed.");
            return new Result(true, null);
        }
        err.println("lifeboat: warning: applying uncommitted changes (" + io.lifeboat.plan.Plural.of(dirty.size(), "file") + ": "
                + String.join(", ", dirty.stream().map(DirtyFiles.Dirty::toString).toList()) + ")"
                + (commit == null ? "" : "; recorded as " + commit.shortSha() + "+dirty") + ". Commit them, so that history holds what was applied.");
        return new Result(false, commit == null ? null : commit.asDirty());
    }
}
