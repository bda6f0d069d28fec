package io.lifeboat.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import io.lifeboat.deploy.StackRunner;
import io.lifeboat.spec.Stack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "refresh", mixinStandardHelpOptions = true, description = "Read every resource from the cloud into the state and report drift.")
final class RefreshCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    StackOptions stacks;

    @Option(names = {"-p", "--parallel"}, paramLabel = "N", converter = OptionValues.AtLeastOne.class, defaultValue = "10", description = "Reads at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = {"-y", "--yes"}, description = "Accepted for symmetry with up; refresh changes only the state.")
    boolean yes;

    @Option(names = "--detailed-exitcode", description = "Exit 2 when drift or resources made by hand were found, 0 when neither, 1 on error.")
    boolean detailedExitCode;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StackSelection sel = StackSelection.load(stacks, err);
        if (sel == null) return ExitCodes.ERROR;
        StackRunner runner = Engine.runner(sel.workspace, parallel);
        boolean changed = false;
        boolean failed = false;
        for (Stack stack : sel.selected) {
            out.println("Refreshing " + Reports.title(stack));
            StackRunner.Refreshed r = runner.refresh(sel.target(runner, stack));
            Reports.drift(r.drift(), out);
            Reports.handMade(r.handMade(), stack.name(), out);
            Reports.refreshErrors(r.errors(), out);
            out.println(Reports.driftLine(new io.lifeboat.deploy.DriftCheck(r.drift(), r.errors())));
            out.println();
            changed |= !r.drift().isEmpty() || !r.handMade().isEmpty();
            failed |= !r.errors().isEmpty();
        }
        if (failed) return ExitCodes.ERROR;
        return detailedExitCode && changed ? ExitCodes.CHANGES : ExitCodes.OK;
    }
}
