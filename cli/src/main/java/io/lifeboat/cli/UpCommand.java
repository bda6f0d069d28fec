package io.lifeboat.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "up", mixinStandardHelpOptions = true, description = {"Create or update the stacks' resources to match the spec.",
        "With --plan: apply exactly a plan saved by `lifeboat preview --save-plan`, refused if the state or the specs moved since."})
final class UpCommand extends ApplyCommand {
    @Option(names = "--plan", paramLabel = "FILE",
            description = "Apply exactly the plan saved in FILE by `lifeboat preview --save-plan FILE` (its stacks, unless --stack or --all names the same), without asking.")
    java.nio.file.Path plan;

    @Override
    boolean destroy() {
        return false;
    }

    @Override
    java.nio.file.Path savedPlan() {
        return plan;
    }
}
