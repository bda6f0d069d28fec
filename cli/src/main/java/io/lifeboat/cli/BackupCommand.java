package io.lifeboat.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import io.lifeboat.dr.BackupNow;
import io.lifeboat.spec.Durations;
import io.lifeboat.spec.Stack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "backup", mixinStandardHelpOptions = true, description = {
        "Bring the primaries' database copies in their pairs' regions up to date.",
        "Run it on the spec's backup.every (a CI schedule).",
        "Where the cloud copies continuously (the sim) this only reports the newest copy; on AWS it takes a snapshot copy."})
final class BackupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    StackOptions stacks;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StackSelection sel = StackSelection.load(stacks, err);
        if (sel == null) return ExitCodes.ERROR;
        BackupNow backups = new BackupNow(Engine.runner(sel.workspace, 1));
        boolean failed = false;
        Instant now = Instant.now();
        for (Stack stack : sel.selected) {
            List<BackupNow.Result> results = backups.run(stack);
            if (results.isEmpty()) {
                out.println(stack.name() + ": makes no database copies (a secondary, a lost stack, or copyToPair: false)");
                continue;
            }
            for (BackupNow.Result r : results) {
                if (r.error() != null) {
                    err.println("error: " + stack.name() + ": copying into " + r.region() + ": " + r.error());
                    failed = true;
                    continue;
                }
                String age = r.newest() == null ? "none yet" : r.newest() + " (" + Durations.format(Duration.between(r.newest(), now).abs()) + " old)";
                out.println(stack.name() + ": " + (r.taken() ? "copied the database into " : "copies into ") + r.region()
                        + (r.taken() ? "" : " are continuous") + "; newest copy " + age);
                if (r.overdue(now)) {
                    err.println("warning: " + stack.name() + ": the newest copy in " + r.region() + " is older than backup.every"
                            + (r.every() == null ? "" : " (" + Durations.format(r.every()) + ")") + ": a failover now would lose more than the spec allows");
                }
            }
        }
        return failed ? ExitCodes.ERROR : ExitCodes.OK;
    }
}
