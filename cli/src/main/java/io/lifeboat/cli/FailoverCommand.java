package io.lifeboat.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import io.lifeboat.deploy.StackRunner;
import io.lifeboat.dr.DrReport;
import io.lifeboat.dr.DrReportRenderer;
import io.lifeboat.dr.Failover;
import io.lifeboat.spec.Stack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "failover", mixinStandardHelpOptions = true, description = {
        "Re-create the platform in the surviving region of a pair after a region is lost.",
        "Refuses unless --from is the pair's primary, --to its secondary, and --from's region does not answer a read-only probe.",
        "Never changes the lost region; marks its stack lost; restores the database from the newest copied backup."})
final class FailoverCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "STACK", description = "The stack whose region is lost (name or file).")
    String from;

    @Option(names = "--to", required = true, paramLabel = "STACK", description = "The stack to promote (name or file).")
    String to;

    @Option(names = "--force", description = "A planned switchover while --from's region still answers: its schedulers are stopped first, "
            + "so no DAG runs in two regions.")
    boolean force;

    @Option(names = {"-p", "--parallel"}, paramLabel = "N", converter = OptionValues.AtLeastOne.class, defaultValue = "" + io.lifeboat.dr.Failover.PARALLEL,
            description = "Steps run at once (default: ${DEFAULT-VALUE}, where `up` runs 10: in an outage the RTO counts; "
                    + "a throttling cloud is retried, and a stack's requestsPerSecond caps its calls).")
    int parallel;

    @picocli.CommandLine.Mixin
    LockTimeoutOption lock;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "Report as text, markdown or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = {"-y", "--yes"}, description = "Go ahead without asking (required when not on a terminal).")
    boolean yes;

    @picocli.CommandLine.Mixin
    RefOption ref;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // Progress, headings and prompts go to stderr when stdout carries a document.
        PrintWriter log = format == OutputFormat.text ? out : err;
        StackSelection sel = StackSelection.allForRecovery(ref.ref, err, "lifeboat failover --from " + from + " --to " + to + (force ? " --force" : ""));
        if (sel == null) return ExitCodes.ERROR;
        Stack lost = sel.find(from, err);
        Stack survivor = sel.find(to, err);
        if (lost == null || survivor == null) return ExitCodes.ERROR;
        StackRunner runner = Engine.runner(sel.workspace, parallel, lock.timeout);
        Failover failover = new Failover(runner);
        try {
            boolean switchover = failover.check(lost, survivor, force);
            if (!yes && !Confirm.ask(log, (switchover ? "switch over (stopping " + lost.name() + "'s schedulers first) from " : "fail over from ")
                    + lost.name() + " (" + lost.region() + ") to " + survivor.name() + " (" + survivor.region() + ")", err)) {
                return ExitCodes.ERROR;
            }
            // An outage is no time to stop on-call for an uncommitted edit: warn, record it as such, go on.
            Provenance.Result provenance = Provenance.check(sel, java.util.List.of(survivor), Provenance.OnDirty.WARN, "fail over with", err);
            log.println("Failing over " + lost.name() + " (" + lost.region() + ") -> " + Reports.title(survivor) + "\n");
            DrReport report = failover.run(lost, survivor, force, io.lifeboat.deploy.SpecHash.of(sel.workspace.source, survivor),
                    provenance.commit(), new ProgressPrinter(log, survivor.name()), "failover");
            return print(report, format, out);
        } catch (io.lifeboat.dr.DrRefusedException e) {
            return Reports.refused(e, err);
        }
    }

    /** The report on stdout: after the progress as text, alone as Markdown or JSON. */
    static int print(DrReport report, OutputFormat format, PrintWriter out) {
        DrReportRenderer r = new DrReportRenderer();
        out.print(switch (format) {
            case json -> r.json(report) + "\n";
            case markdown -> r.markdown(report);
            default -> "\n" + r.text(report);
        });
        return report.ok() ? ExitCodes.OK : ExitCodes.ERROR;
    }
}
