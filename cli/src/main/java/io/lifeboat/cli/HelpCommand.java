package io.lifeboat.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code lifeboat help A B}: the help of the command {@code A B}, however deep (picocli's own
 * help command looks only one level down).
 */
@Command(name = "help", helpCommand = true, mixinStandardHelpOptions = true,
        description = {"Show the help of a command.", "Name the command as you would run it: `lifeboat help state import`."})
final class HelpCommand implements CommandLine.IHelpCommandInitializable2, Runnable {
    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command and its subcommands, e.g. state import.")
    List<String> path = new ArrayList<>();

    private CommandLine self;
    private CommandLine.Help.ColorScheme colors;
    private PrintWriter out;

    @Override
    public void init(CommandLine helpCommandLine, CommandLine.Help.ColorScheme colorScheme, PrintWriter out, PrintWriter err) {
        this.self = helpCommandLine;
        this.colors = colorScheme;
        this.out = out;
    }

    @Override
    public void run() {
        CommandLine at = self.getParent();
        for (String name : path) {
            CommandLine next = at.getSubcommands().get(name);
            if (next == null) {
                throw new CommandLine.ParameterException(self, "'" + at.getCommandSpec().qualifiedName() + "' has no command '" + name
                        + "'; its commands: " + String.join(", ", at.getSubcommands().keySet()));
            }
            at = next;
        }
        at.usage(out, colors);
    }
}
