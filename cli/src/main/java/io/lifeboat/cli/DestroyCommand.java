package io.lifeboat.cli;

import picocli.CommandLine.Command;

@Command(name = "destroy", mixinStandardHelpOptions = true, description = "Delete every resource of the stacks (secondaries first).")
final class DestroyCommand extends ApplyCommand {
    @Override
    boolean destroy() {
        return true;
    }
}
