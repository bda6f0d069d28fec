package io.lifeboat.git;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

import io.lifeboat.state.AppliedCommit;

/**
 * The git repository that holds the specs, read through JGit: no checkout, no {@code git}
 * process. Resolves revisions to commits and opens a commit's tree as a spec source.
 */
public final class GitRepository implements AutoCloseable {
    private final Repository repository;
    private final Path root;

    private GitRepository(Repository repository, Path root) {
        this.repository = repository;
        this.root = root;
    }

    /**
     * The repository whose work tree is {@code root}, or empty when there is none there (no
     * {@code .git}, or one that holds no repository).
     */
    public static Optional<GitRepository> open(Path root) {
        pinSystemConfig();
        FileRepositoryBuilder builder = new FileRepositoryBuilder().setWorkTree(root.toFile()).setMustExist(true);
        try {
            // A linked work tree (`git worktree add`) has a .git file naming its git directory.
            builder.setup();
            Repository repo = builder.build();
            if (!repo.getObjectDatabase().exists()) {
                repo.close();
                return Optional.empty();
            }
            return Optional.of(new GitRepository(repo, root));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean pinned;

    /**
     * JGit finds git's system-wide config by running {@code git config --system}; name git's own
     * default place for it instead ({@code GIT_CONFIG_SYSTEM}, else /etc/gitconfig), so that
     * reading a repository never starts a git process.
     */
    private static synchronized void pinSystemConfig() {
        if (pinned) return;
        pinned = true;
        if (SystemReader.getInstance().isWindows()) return;
        String env = System.getenv("GIT_CONFIG_SYSTEM");
        FS.DETECTED.setGitSystemConfig(new File(env != null && !env.isEmpty() ? env : "/etc/gitconfig"));
    }

    Repository jgit() {
        return repository;
    }

    public Path root() {
        return root;
    }

    /** The commit a revision names; throws {@link UnknownRevisionException} naming it when there is none. */
    public RevCommit resolve(String revision) {
        ObjectId id;
        try {
            id = repository.resolve(revision + "^{commit}");
        } catch (RevisionSyntaxException e) {
            throw new UnknownRevisionException(revision, root.toString(), "not a revision");
        } catch (IOException e) {
            throw new UnknownRevisionException(revision, root.toString(), e.getMessage());
        }
        if (id == null) throw new UnknownRevisionException(revision, root.toString(), null);
        return parse(id);
    }

    /** The commit HEAD points at, or empty in a repository without commits. */
    public Optional<RevCommit> head() {
        try {
            ObjectId id = repository.resolve("HEAD^{commit}");
            return id == null ? Optional.empty() : Optional.of(parse(id));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read HEAD of " + root, e);
        }
    }

    /** The commit of a sha when the repository holds it (a checkpoint may name one from elsewhere). */
    public Optional<RevCommit> find(String sha) {
        if (sha == null || !ObjectId.isId(sha)) return Optional.empty();
        try (RevWalk walk = new RevWalk(repository)) {
            return Optional.of(walk.parseCommit(ObjectId.fromString(sha)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The best common ancestor of two commits, or empty when their histories never meet. */
    public Optional<RevCommit> mergeBase(RevCommit a, RevCommit b) {
        try (RevWalk walk = new RevWalk(repository)) {
            walk.setRevFilter(RevFilter.MERGE_BASE);
            walk.markStart(walk.parseCommit(a));
            walk.markStart(walk.parseCommit(b));
            return Optional.ofNullable(walk.next());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find the merge base of " + a.name() + " and " + b.name(), e);
        }
    }

    /** The specs as a commit holds them. */
    public CommitSource source(RevCommit commit) {
        return new CommitSource(repository, commit);
    }

    public static AppliedCommit describe(RevCommit c) {
        String author = c.getAuthorIdent() == null ? null : c.getAuthorIdent().getName() + " <" + c.getAuthorIdent().getEmailAddress() + ">";
        return new AppliedCommit(c.name(), author, c.getShortMessage(), false);
    }

    private RevCommit parse(ObjectId id) {
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit c = walk.parseCommit(id);
            walk.parseBody(c);
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read commit " + id.name() + " in " + root, e);
        }
    }

    @Override
    public void close() {
        repository.close();
    }
}
