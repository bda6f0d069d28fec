package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Every command of the tree answers {@code --help} and {@code -h} with its usage, listing each of
 * its options, and {@code lifeboat help A B} shows the same; descriptions are whole sentences and
 * error hints name the command that was typed.
 */
class CommandLineHelpTest extends SimRepoTest {

    /** Every command below {@code lifeboat}, and itself, depth first. */
    static List<CommandLine> tree() {
        List<CommandLine> out = new ArrayList<>();
        walk(new CommandLine(new Main()), out);
        return out;
    }

    private static void walk(CommandLine c, List<CommandLine> out) {
        out.add(c);
        for (CommandLine sub : c.getSubcommands().values()) walk(sub, out);
    }

    /** The words after {@code lifeboat}: "state import" is [state, import]. */
    static List<String> path(CommandLine c) {
        List<String> names = new ArrayList<>(List.of(c.getCommandSpec().qualifiedName().split(" ")));
        return names.subList(1, names.size());
    }

    private static String[] args(List<String> path, String... more) {
        List<String> all = new ArrayList<>(path);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void theTreeHoldsTheNestedCommands() {
        assertThat(tree()).extracting(c -> c.getCommandSpec().qualifiedName())
                .contains("lifeboat up", "lifeboat state import", "lifeboat state repair", "lifeboat state unlock", "lifeboat sim outage", "lifeboat help");
    }

    @TestFactory
    Stream<DynamicTest> everyCommandsHelpListsAllItsOptions() {
        return tree().stream().flatMap(c -> Stream.of("--help", "-h").map(flag -> DynamicTest.dynamicTest(
                c.getCommandSpec().qualifiedName() + " " + flag, () -> {
                    Repo.Result r = repo.run(args(path(c), flag));
                    assertThat(r.code()).as(r.all()).isZero();
                    assertThat(r.err()).isEmpty();
                    assertThat(r.out()).startsWith("Usage: " + c.getCommandSpec().qualifiedName());
                    for (OptionSpec o : c.getCommandSpec().options()) {
                        for (String name : o.names()) assertThat(r.out()).as(name).contains(name);
                    }
                    for (PositionalParamSpec p : c.getCommandSpec().positionalParameters()) assertThat(r.out()).contains(p.paramLabel());
                })));
    }

    @TestFactory
    Stream<DynamicTest> helpOfANestedCommandShowsThatCommandsUsage() {
        return tree().stream().filter(c -> !path(c).isEmpty()).map(c -> DynamicTest.dynamicTest(
                "help " + String.join(" ", path(c)), () -> {
                    Repo.Result viaHelp = repo.run(args(List.of("help"), path(c).toArray(String[]::new)));
                    assertThat(viaHelp.code()).as(viaHelp.all()).isZero();
                    assertThat(viaHelp.out()).startsWith("Usage: " + c.getCommandSpec().qualifiedName())
                            .isEqualTo(repo.run(args(path(c), "--help")).out());
                }));
    }

    @Test
    void helpStateImportShowsStateImportNotState() {
        Repo.Result r = repo.run("help", "state", "import");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("Usage: lifeboat state import").contains("FILE").contains("--force").doesNotContain("Commands:");
    }

    @Test
    void helpOfAnUnknownCommandNamesTheCommandsThereAre() {
        Repo.Result r = repo.run("help", "state", "nope");
        assertThat(r.code()).isEqualTo(ExitCodes.ERROR);
        assertThat(r.err()).contains("'lifeboat state' has no command 'nope'").contains("export, import, unlock, repair");
    }

    @Test
    void everyDescriptionIsMadeOfWholeSentences() {
        for (CommandLine c : tree()) {
            CommandSpec spec = c.getCommandSpec();
            String[] lines = spec.usageMessage().description();
            assertThat(lines).as(spec.qualifiedName()).isNotEmpty();
            for (String line : lines) {
                assertThat(line).as(spec.qualifiedName()).matches("[A-Z`].*[.)]$");
            }
            for (PositionalParamSpec p : spec.positionalParameters()) {
                assertThat(String.join(" ", p.description())).as(spec.qualifiedName() + " " + p.paramLabel()).matches("[A-Z].*\\.");
            }
        }
    }

    @Test
    void theCommandListShowsWholeSentences() {
        String list = repo.run("--help").out();
        assertThat(list).contains("Bring back a stack lost in a failover, once its region answers:")
                .contains("Write the routes and rules made by hand in a stack's network into\n              its platform spec.");
        String state = repo.run("state", "--help").out();
        assertThat(state).contains("with --yes\n            fix it.");
    }

    @Test
    void helpDestroySaysAllGoesSecondariesFirst() {
        String help = repo.run("help", "destroy").out();
        assertThat(help).contains("(secondaries first)");
        assertThat(help.substring(help.indexOf("--all"))).containsPattern("destroy, which goes\\s+secondaries first");
    }

    @Test
    void aParameterErrorsHintNamesTheWholeCommandTyped() {
        assertThat(repo.run("state", "import", "--stack", "prod-use1").err())
                .contains("Missing required parameter: 'FILE'").contains("Run 'lifeboat state import --help' for usage.");
        assertThat(repo.run("sim", "status", "--bogus").err())
                .contains("Unknown option: '--bogus'").contains("Run 'lifeboat sim status --help' for usage.");
        assertThat(repo.run("up", "--bogus").err()).contains("Run 'lifeboat up --help' for usage.");
        assertThat(repo.run("--bogus").err()).contains("Run 'lifeboat --help' for usage.");
    }
}
