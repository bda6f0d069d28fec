package io.lifeboat.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How a command picks its stacks: {@code --stack FILE|NAME} (repeatable) or {@code --all}. */
final class StackOptions {
    @Option(names = {"-s", "--stack"}, paramLabel = "STACK", description = "A stack file (stacks/primary.yaml) or stack name; repeatable.")
    List<String> stacks = new ArrayList<>();

    @Option(names = "--all", description = "Every stack under stacks/: primaries first, except for destroy, which goes secondaries first.")
    boolean all;

    @Mixin
    RefOption ref = new RefOption();
}
