package io.lifeboat.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import io.lifeboat.deploy.Cancellation;
import io.lifeboat.plan.Plural;

/**
 * Ctrl-C and SIGTERM for the process: the first asks the running operation to stop starting steps
 * and to finish those in flight (the engine then saves the state and releases the lock); the
 * second exits at once, leaving the journal for the next run to finish. Installed only by
 * {@link Main#main}; commands run in-process (tests) keep the JVM's own handling.
 */
final class Interrupts {
    static final int EXIT = 130;
    private static final Cancellation PROCESS = new Cancellation();
    /** A question is waiting for its answer: nothing is under way, so a signal ends the command at once. */
    private static volatile boolean prompting;

    private Interrupts() {
    }

    /** What the commands of this process stop on; cancelled only by a signal caught after {@link #install}. */
    static Cancellation token() {
        return PROCESS;
    }

    /** Catches SIGINT and SIGTERM; says on {@code err} what each one does. */
    static void install(PrintWriter err) {
        sun.misc.SignalHandler handler = signal -> {
            if (prompting) {
                err.println("\nlifeboat: cancelled; nothing was changed");
                err.flush();
                Runtime.getRuntime().halt(EXIT);
            }
            if (!PROCESS.cancelled()) {
                PROCESS.cancel();
                err.println("\nlifeboat: interrupted (SIG" + signal.getName() + "): no new step starts; waiting for the steps in flight, "
                        + "then the state is saved (send it again to exit at once)");
                err.flush();
                return;
            }
            err.println("\nlifeboat: interrupted again: exiting at once; the next run finishes what was in flight from the journal");
            err.flush();
            Runtime.getRuntime().halt(EXIT);
        };
        for (String name : List.of("INT", "TERM")) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), handler);
            } catch (IllegalArgumentException e) {
                // the JVM keeps this signal (e.g. started with -Xrs); its default applies
            }
        }
    }

    /** Marks the time a question waits for its answer. */
    static void prompting(boolean waiting) {
        prompting = waiting;
    }

    /**
     * {@code interrupted: prod-usw2: 12 steps done, 3 in flight finished, 20 not started; state saved;
     * run the same command again to finish}, for each stack whose apply was cut short.
     */
    static String report(Cancellation c) {
        List<String> parts = new ArrayList<>();
        List<Cancellation.Interruption> all = c.interruptions();
        for (Cancellation.Interruption i : all) {
            parts.add(i.stack() + ": " + Plural.of(i.done(), "step") + " done, " + i.inFlight() + " in flight finished, "
                    + i.notStarted() + " not started");
        }
        return "lifeboat: interrupted" + (parts.isEmpty() ? "" : ": " + String.join("; ", parts))
                + "; state saved; run the same command again to finish";
    }
}
