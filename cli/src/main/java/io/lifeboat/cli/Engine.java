package io.lifeboat.cli;

import java.util.Map;

import io.lifeboat.deploy.RetryPolicy;
import io.lifeboat.deploy.StackRunner;
import io.lifeboat.program.SecretReader;
import io.lifeboat.provider.ProviderRegistry;

/** Builds the engine's runner the way the command line configures it. */
final class Engine {
    static final String PASSPHRASE_ENV = io.lifeboat.deploy.Preflight.PASSPHRASE_ENV;
    /** Where the running command's warnings go: what the engine reports of locks (broken, lost). */
    private static final ThreadLocal<java.io.PrintWriter> WARNINGS = new ThreadLocal<>();

    private Engine() {
    }

    static StackRunner runner(Workspace ws, int parallel) {
        return runner(ws, parallel, java.time.Duration.ZERO);
    }

    static StackRunner runner(Workspace ws, int parallel, java.time.Duration lockTimeout) {
        java.io.PrintWriter warnings = WARNINGS.get();
        StackRunner.Settings settings = new StackRunner.Settings(ws.root(), Map.of(),
                passphrase(), parallel, RetryPolicy.DEFAULT, lockTimeout, SecretReader.of(CliContext.current().env(), ws.root()),
                null, warnings == null ? null : notice -> warnings.println("lifeboat: warning: " + notice));
        if (warnings != null) settings = settings.withEvents(new Events(warnings, "debug".equals(CliContext.current().env(LOG_ENV))));
        return new StackRunner(ProviderRegistry.load(), settings, Interrupts.token());
    }

    /** {@code LIFEBOAT_LOG=debug} says on stderr each time the engine loads a state, runs a program or makes a plan. */
    static final String LOG_ENV = "LIFEBOAT_LOG";

    /**
     * What the engine tells the user on stderr: a Pulumi program's info and warnings, always (its
     * errors fail the operation, which says them); with {@code LIFEBOAT_LOG=debug} also each state
     * load, program run and plan, and a program's debug messages and printed lines.
     */
    private record Events(java.io.PrintWriter err, boolean debug) implements io.lifeboat.deploy.EngineEvents {
        @Override
        public void stateLoaded(String stack, long serial) {
            if (debug) err.println("debug: loaded the state of " + stack + " (serial " + serial + ")");
        }

        @Override
        public void programRun(String stack) {
            if (debug) err.println("debug: ran the program of " + stack);
        }

        @Override
        public void planned(String stack, io.lifeboat.plan.Plan plan) {
            if (debug) err.println("debug: planned " + stack + ": " + plan.steps().size() + " steps");
        }

        @Override
        public void programSaid(String stack, String severity, String message) {
            switch (severity) {
                case "INFO" -> err.println(stack + ": program: " + message);
                case "WARNING" -> err.println(stack + ": program: warning: " + message);
                case "ERROR" -> { }
                default -> {
                    if (debug) err.println("debug: " + stack + ": program " + severity.toLowerCase(java.util.Locale.ROOT) + ": " + message);
                }
            }
        }
    }

    /** Sends the engine's warnings of the commands run on this thread to {@code err}; null stops it. */
    static void warnTo(java.io.PrintWriter err) {
        if (err == null) WARNINGS.remove();
        else WARNINGS.set(err);
    }

    /** Read now: steps run on other threads, which do not see a test's in-process environment. */
    static java.util.function.Supplier<char[]> passphrase() {
        String p = CliContext.current().env(PASSPHRASE_ENV);
        return () -> p == null ? null : p.toCharArray();
    }
}
