package io.lifeboat.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lifeboat} command. The only place that talks to the terminal and exits. */
@Command(name = "lifeboat",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Declarative disaster recovery for data platforms.",
        subcommands = {ValidateCommand.class, PreviewCommand.class, UpCommand.class, DestroyCommand.class, RefreshCommand.class, BackupCommand.class,
                StatusCommand.class, GraphCommand.class, CaptureCommand.class, FailoverCommand.class, FailbackCommand.class, DrillCommand.class, StateCommand.class, SimCommand.class, SchemaCommand.class, HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        PrintWriter err = new PrintWriter(System.err, true);
        Interrupts.install(err);
        int code = run(args, new PrintWriter(System.out, true), err);
        if (Interrupts.token().cancelled()) {
            err.println(Interrupts.report(Interrupts.token()));
            code = Interrupts.EXIT;
        }
        System.exit(code);
    }

    /** Runs a command line in-process as if started in {@code cwd} with environment {@code env}; for tests. */
    public static int run(java.nio.file.Path cwd, java.util.Map<String, String> env, String[] args, PrintWriter out, PrintWriter err) {
        CliContext.set(new CliContext(cwd.toAbsolutePath(), env));
        try {
            return run(args, out, err);
        } finally {
            CliContext.reset();
        }
    }

    /** Runs the command line and returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cmd = new CommandLine(new Main());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setParameterExceptionHandler((ex, a) -> {
            err.println("lifeboat: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCodes.ERROR;
        });
        cmd.setExecutionExceptionHandler((ex, c, parsed) -> {
            err.println(Colour.current().error("lifeboat: error: " + describe(ex)));
            if (System.getenv("LIFEBOAT_DEBUG") != null) ex.printStackTrace(err);
            else if (!expected(ex)) err.println("(set LIFEBOAT_DEBUG=1 to see where it happened)");
            return ExitCodes.ERROR;
        });
        Engine.warnTo(err);
        try {
            return cmd.execute(args);
        } finally {
            Engine.warnTo(null);
            out.flush();
            err.flush();
        }
    }

    /** Errors whose message says all a user needs: bad input, a lock, the state, the plan. */
    private static boolean expected(Throwable ex) {
        return ex instanceof IllegalArgumentException || ex instanceof IllegalStateException
                || ex instanceof io.lifeboat.state.StateException || ex instanceof io.lifeboat.state.LockHeldException
                || ex instanceof io.lifeboat.deploy.PlanRefusedException || ex instanceof io.lifeboat.git.UnknownRevisionException;
    }

    private static String describe(Throwable ex) {
        String msg = ex.getMessage();
        return msg == null || msg.isBlank() ? ex.getClass().getSimpleName() : msg;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"lifeboat " + (v == null ? "dev" : v) + " (Java " + System.getProperty("java.version") + ")"};
        }
    }
}
