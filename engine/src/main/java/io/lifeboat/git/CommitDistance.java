package io.lifeboat.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.OptionalInt;

import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** How many commits one commit lacks of another: the secondary's lag behind its primary. */
public final class CommitDistance {
    private final GitRepository repository;

    public CommitDistance(GitRepository repository) {
        this.repository = repository;
    }

    /**
     * The commits reachable from {@code ahead} but not from {@code behind} (git's
     * {@code rev-list --count behind..ahead}); empty when the repository lacks either sha.
     */
    public OptionalInt behind(String behind, String ahead) {
        var from = repository.find(behind);
        var to = repository.find(ahead);
        if (from.isEmpty() || to.isEmpty()) return OptionalInt.empty();
        return OptionalInt.of(count(from.get(), to.get()));
    }

    private int count(RevCommit exclude, RevCommit include) {
        try (RevWalk walk = new RevWalk(repository.jgit())) {
            walk.markStart(walk.parseCommit(include));
            walk.markUninteresting(walk.parseCommit(exclude));
            int n = 0;
            while (walk.next() != null) n++;
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot walk the history of " + repository.root(), e);
        }
    }
}
