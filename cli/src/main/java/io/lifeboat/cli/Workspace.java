package io.lifeboat.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.lifeboat.spec.WorkingTreeSource;
import picocli.CommandLine;

/** The repository the command works in, and the user's paths translated into it. */
final class Workspace {
    final WorkingTreeSource source;

    private Workspace(WorkingTreeSource source) {
        this.source = source;
    }

    static Workspace current() throws IOException {
        Path cwd = CliContext.current().cwd();
        return new Workspace(new WorkingTreeSource(WorkingTreeSource.findRoot(cwd)));
    }

    /** Repository-relative forms of paths the user typed (relative to the working directory). */
    /** A path the user typed, made absolute against the working directory. */
    static Path resolve(Path p) {
        return CliContext.current().cwd().resolve(p);
    }

    List<String> relative(List<Path> paths, CommandLine cmd) {
        List<String> out = new ArrayList<>();
        for (Path p : paths) {
            String rel = source.relative(resolve(p));
            if (rel == null) {
                throw new CommandLine.ParameterException(cmd,
                        p + " is outside the repository " + source.root() + "; run lifeboat from inside it");
            }
            out.add(rel);
        }
        return out;
    }
}
