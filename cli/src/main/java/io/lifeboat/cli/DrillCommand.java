package io.lifeboat.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lifeboat.deploy.DeployListener;
import io.lifeboat.deploy.StackRunner;
import io.lifeboat.dr.DrReport;
import io.lifeboat.dr.Drill;
import io.lifeboat.spec.Stack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "drill", mixinStandardHelpOptions = true, description = {
        "Rehearse a failover into a throw-away stack beside the secondary, measure it, check it, destroy it.",
        "Never touches the live stacks."})
final class DrillCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--to", required = true, paramLabel = "STACK", description = "The secondary to rehearse a failover into (name or file).")
    String to;

    @Option(names = "--cleanup", description = "Only destroy what an earlier drill left behind.")
    boolean cleanup;

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

    @Option(names = {"-y", "--yes"}, description = "Accepted for symmetry with failover; a drill does not ask: it changes only its own throw-away stack.")
    boolean yes;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // Progress and headings go to stderr when stdout carries a document.
        PrintWriter log = format == OutputFormat.text ? out : err;
        StackSelection sel = StackSelection.allForRecovery(ref.ref, err, "lifeboat drill --to " + to);
        if (sel == null) return ExitCodes.ERROR;
        Stack survivor = sel.find(to, err);
        if (survivor == null) return ExitCodes.ERROR;
        Stack primary = sel.pair(survivor);
        StackRunner runner = Engine.runner(sel.workspace, parallel, lock.timeout);
        Drill drill = new Drill(runner);
        DeployListener progress = new ProgressPrinter(log, survivor.name() + Drill.SUFFIX);
        if (cleanup) {
            List<String> errors = new ArrayList<>();
            int n = drill.cleanup(primary, survivor, progress, errors);
            if (format == OutputFormat.json) {
                ObjectNode doc = JsonNodeFactory.instance.objectNode().put("operation", "drill cleanup").put("to", survivor.name())
                        .put("destroyed", n).put("ok", errors.isEmpty());
                errors.forEach(doc.putArray("errors")::add);
                out.println(doc.toPrettyString());
            } else {
                out.println(n == 0 && errors.isEmpty() ? "no drill leftovers" : "destroyed " + io.lifeboat.plan.Plural.of(n, "resource") + " left by an earlier drill");
            }
            for (String e : errors) err.println("error: " + e);
            return errors.isEmpty() ? ExitCodes.OK : ExitCodes.ERROR;
        }
        // An interrupted drill (Ctrl-C) still removes its throw-away stack: the hook interrupts the
        // drill and waits until it has reported (not until the thread ends: it may then call
        // System.exit, which blocks while the JVM is shutting down).
        Thread main = Thread.currentThread();
        java.util.concurrent.CountDownLatch reported = new java.util.concurrent.CountDownLatch(1);
        Thread hook = new Thread(() -> {
            main.interrupt();
            try {
                reported.await(120, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "lifeboat-drill-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            log.println("Drill: failing over " + (primary == null ? "" : primary.name() + " ") + "into a throw-away copy of "
                    + survivor.name() + " in " + survivor.region() + "\n");
            DrReport report = drill.run(primary, survivor, progress);
            return FailoverCommand.print(report, format, out);
        } finally {
            out.flush();
            reported.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already running: it lets the JVM go once the drill has reported
            }
        }
    }
}
