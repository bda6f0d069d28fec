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
        if (warnings != null && "debug".equals(CliContext.current().env(LOG_ENV))) settings = settings.withEvents(new DebugLog(warnings));
        return new StackRunner(ProviderRegistry.load(), settings, Interrupts.token());
    }

    /** {@code LIFEBOAT_LOG=debug} says on stderr each time the engine loads a state, runs a program or makes a plan. */
    static final String LOG_ENV = "LIFEBOAT_LOG";

    private record DebugLog(java.io.PrintWriter err) implements io.lifeboat.deploy.EngineEvents {
        @Override
        public void stateLoaded(String stack, long serial) {
            err.println("debug: loaded the state of " + stack + " (serial " + serial + ")");
        }

        @Override
        public void programRun(String stack) {
            err.println("debug: ran the program of " + stack);
        }

        @Override
        public void planned(String stack, io.lifeboat.plan.Plan plan) {
            err.println("debug: planned " + stack + ": " + plan.steps().size() + " steps");
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
