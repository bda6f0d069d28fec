package io.lifeboat.cli;

import picocli.CommandLine.Option;

/** {@code --ref REV}: read stacks and specs as a commit holds them, through JGit (no checkout). */
final class RefOption {
    @Option(names = "--ref", paramLabel = "REV",
            description = "Read stacks and specs at this git revision (branch, tag, sha) instead of the working tree.")
    String ref;
}
