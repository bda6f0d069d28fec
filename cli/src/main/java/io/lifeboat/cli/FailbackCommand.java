package io.lifeboat.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import io.lifeboat.deploy.DeployListener;
import io.lifeboat.deploy.SpecHash;
import io.lifeboat.dr.Failback;
import io.lifeboat.spec.Stack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "failback", mixinStandardHelpOptions = true, description = {
        "Bring back a stack lost in a failover, once its region answers: remove its stale resources and rebuild it as the secondary.",
        "With --promote, make it the primary again (also after a plain failback rebuilt it). Refuses a stack that was never lost."})
final class FailbackCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-s", "--stack"}, required = true, paramLabel = "STACK", description = "The stack to bring back (name or file).")
    String stack;

    @Option(names = "--promote", description = "Make it primary again once it is in sync.")
    boolean promote;

    @Option(names = {"-p", "--parallel"}, paramLabel = "N", converter = OptionValues.AtLeastOne.class, defaultValue = "" + io.lifeboat.dr.Failover.PARALLEL,
            description = "Steps run at once (default: ${DEFAULT-VALUE}, where `up` runs 10: in an outage the RTO counts; "
                    + "a throttling cloud is retried, and a stack's requestsPerSecond caps its calls).")
    int parallel;

    @picocli.CommandLine.Mixin
    LockTimeoutOption lock;

    @picocli.CommandLine.Mixin
    RefOption ref;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "Report as text, markdown or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = {"-y", "--yes"}, description = "Go ahead without asking (required when not on a terminal).")
    boolean yes;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // Progress and prompts go to stderr when stdout carries a document.
        PrintWriter log = format == OutputFormat.text ? out : err;
        StackSelection sel = StackSelection.allForRecovery(ref.ref, err, "lifeboat failback --stack " + stack + (promote ? " --promote" : ""));
        if (sel == null) return ExitCodes.ERROR;
        Stack returning = sel.find(stack, err);
        if (returning == null) return ExitCodes.ERROR;
        Stack current = sel.pair(returning);
        if (current == null) {
            err.println("lifeboat: " + returning.name() + " has no pair to fail back from");
            return ExitCodes.ERROR;
        }
        Failback failback = new Failback(Engine.runner(sel.workspace, parallel, lock.timeout));
        try {
            failback.check(returning, current, promote);
        } catch (io.lifeboat.dr.DrRefusedException e) {
            return Reports.refused(e, err);
        }
        if (!yes && !Confirm.ask(log, "fail back " + returning.name() + " (" + returning.region() + ")" + (promote ? " and make it primary" : ""), err)) {
            return ExitCodes.ERROR;
        }
        DeployListener progress = new ProgressPrinter(log, returning.name());
        // Like failover, failback may run while an incident is still open: warn about uncommitted edits, record them as such.
        Provenance.Result provenance = Provenance.check(sel, java.util.List.of(returning, current), Provenance.OnDirty.WARN,
                "fail back with", err);
        Failback.Applying applying = new Failback.Applying(java.util.Map.of(
                returning.name(), SpecHash.of(sel.workspace.source, returning), current.name(), SpecHash.of(sel.workspace.source, current)),
                provenance.commit());
        try {
            return FailoverCommand.print(failback.run(returning, current, promote, progress, applying), format, out);
        } catch (io.lifeboat.dr.DrRefusedException e) {
            return Reports.refused(e, err);
        }
    }
}
