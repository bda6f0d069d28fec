package io.lifeboat.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import io.lifeboat.deploy.StackRunner;
import io.lifeboat.dr.Capture;
import io.lifeboat.spec.Stack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "capture", mixinStandardHelpOptions = true, description = {
        "Write the routes and rules made by hand in a stack's network into its platform spec.",
        "Routes and security-group rules go into the platform spec (spec.resources) and into the stack's state.",
        "A failover then restores them too."})
final class CaptureCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-s", "--stack"}, required = true, paramLabel = "STACK", description = "The stack to look in (name or file).")
    String stack;

    @picocli.CommandLine.Mixin
    LockTimeoutOption lock;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StackSelection sel = StackSelection.all(null, err);
        if (sel == null) return ExitCodes.ERROR;
        Stack s = sel.find(stack, err);
        if (s == null) return ExitCodes.ERROR;
        StackRunner runner = Engine.runner(sel.workspace, 10, lock.timeout);
        Capture.Result r = new Capture(runner, sel.workspace.root()).run(s, sel.pair(s));
        for (String name : r.added()) out.println("  + " + name);
        for (String note : r.notes()) out.println(note);
        return ExitCodes.OK;
    }
}
