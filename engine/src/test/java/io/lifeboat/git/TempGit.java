package io.lifeboat.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** A throw-away git repository made with JGit, for tests: write files, commit them. */
final class TempGit implements AutoCloseable {
    final Path root;
    final Git git;

    TempGit(Path root) throws GitAPIException {
        this.root = root;
        this.git = Git.init().setDirectory(root.toFile()).setInitialBranch("main").call();
    }

    TempGit write(String path, String text) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return this;
    }

    TempGit link(String path, String target) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.createSymbolicLink(p, Path.of(target));
        return this;
    }

    RevCommit commit(String subject) throws GitAPIException {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        PersonIdent ann = new PersonIdent("Ann Operator", "ann@example.com");
        return git.commit().setMessage(subject + "\n\nbody").setAuthor(ann).setCommitter(ann).setSign(false).call();
    }

    @Override
    public void close() {
        git.close();
    }
}
