package io.lifeboat.git;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.StatusCommand;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * The files among those asked about that differ from HEAD in the working tree or the index:
 * modified, staged, deleted or not yet tracked. What {@code up} applies must be in history.
 */
public final class DirtyFiles {
    private final GitRepository repository;

    public DirtyFiles(GitRepository repository) {
        this.repository = repository;
    }

    /** @param state what differs: "modified", "staged", "untracked", "deleted", "conflicting" */
    public record Dirty(String path, String state) {
        @Override
        public String toString() {
            return path + " (" + state + ")";
        }
    }

    /** @param paths repository-relative files */
    public List<Dirty> among(Collection<String> paths) {
        if (paths.isEmpty()) return List.of();
        StatusCommand command = Git.wrap(repository.jgit()).status();
        for (String p : paths) command.addPath(p);
        Status status;
        try {
            status = command.call();
        } catch (GitAPIException | org.eclipse.jgit.errors.NoWorkTreeException e) {
            throw new IllegalStateException("cannot read the git status of " + repository.root() + ": " + e.getMessage(), e);
        }
        TreeMap<String, String> found = new TreeMap<>();
        put(found, status.getAdded(), "staged", paths);
        put(found, status.getChanged(), "staged", paths);
        put(found, status.getRemoved(), "staged", paths);
        put(found, status.getModified(), "modified", paths);
        put(found, status.getMissing(), "deleted", paths);
        put(found, status.getUntracked(), "untracked", paths);
        put(found, status.getConflicting(), "conflicting", paths);
        List<Dirty> out = new ArrayList<>();
        found.forEach((p, s) -> out.add(new Dirty(p, s)));
        return out;
    }

    /** Later kinds win: a staged file edited again reads as modified. */
    private static void put(TreeMap<String, String> into, Set<String> files, String state, Collection<String> asked) {
        for (String f : files) {
            if (asked.contains(f)) into.put(f, state);
        }
    }
}
