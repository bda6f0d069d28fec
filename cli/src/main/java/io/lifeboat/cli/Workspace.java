package io.lifeboat.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.jgit.revwalk.RevCommit;

import io.lifeboat.git.GitRepository;
import io.lifeboat.spec.FileProblems;
import io.lifeboat.spec.SpecSource;
import io.lifeboat.spec.WorkingTreeSource;
import picocli.CommandLine;

/**
 * The repository the command works in, where its specs are read from (the working tree, or a
 * commit given with {@code --ref}), and the user's paths translated into it. State and the sim
 * cloud always live in the working tree's root, whatever revision the specs come from.
 */
final class Workspace {
    final WorkingTreeSource tree;
    /** Where specs are read from: {@link #tree}, or the tree of {@link #commit}. */
    final SpecSource source;
    /** The commit given with --ref, or null when the specs are the working tree's. */
    final RevCommit commit;
    private final GitRepository git;

    private Workspace(WorkingTreeSource tree, SpecSource source, RevCommit commit, GitRepository git) {
        this.tree = tree;
        this.source = source;
        this.commit = commit;
        this.git = git;
    }

    static Workspace current() throws IOException {
        return current(null);
    }

    /** @param ref a revision to read the specs at, or null for the working tree */
    static Workspace current(String ref) throws IOException {
        Path cwd = CliContext.current().cwd();
        WorkingTreeSource tree = new WorkingTreeSource(WorkingTreeSource.findRoot(cwd));
        GitRepository git = GitRepository.open(tree.root()).orElse(null);
        if (ref == null) return new Workspace(tree, tree, null, git);
        if (git == null) {
            throw new IllegalArgumentException("--ref " + ref + " needs a git repository, and " + tree.root() + " is none; "
                    + "run lifeboat inside the repository that holds the specs, or leave out --ref to read the files on disk");
        }
        RevCommit c = git.resolve(ref);
        return new Workspace(tree, git.source(c), c, git);
    }

    Path root() {
        return tree.root();
    }

    /** The git repository of the working tree, if there is one. */
    Optional<GitRepository> git() {
        return Optional.ofNullable(git);
    }

    /** A path the user typed, made absolute against the working directory. */
    static Path resolve(Path p) {
        return CliContext.current().cwd().resolve(p);
    }

    /**
     * The repository-relative form of a stack file the user typed, when the specs hold such a
     * file (on disk, or in the --ref commit); null when they do not.
     */
    String specFile(String typed) throws IOException {
        Path p = resolve(Path.of(typed));
        if (commit == null && Files.isDirectory(p)) {
            throw new IllegalArgumentException(FileProblems.isDirectory(typed) + "; name a stack file in it, or a stack by name");
        }
        if (commit == null && !Files.isRegularFile(p)) return null;
        String rel = tree.relative(p);
        if (rel == null) {
            if (Files.isRegularFile(p)) throw new IllegalArgumentException(typed + " is outside the repository " + tree.root());
            return null;
        }
        return source.read(rel) instanceof SpecSource.Found ? rel : null;
    }

    /** Repository-relative forms of paths the user typed (relative to the working directory). */
    List<String> relative(List<Path> paths, CommandLine cmd) {
        List<String> out = new ArrayList<>();
        for (Path p : paths) {
            String rel = tree.relative(resolve(p));
            if (rel == null) {
                throw new CommandLine.ParameterException(cmd,
                        p + " is outside the repository " + tree.root() + "; run lifeboat from inside it");
            }
            out.add(rel);
        }
        return out;
    }
}
