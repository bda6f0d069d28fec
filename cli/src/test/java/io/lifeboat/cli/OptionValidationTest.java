package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.lifeboat.providers.sim.SimAdmin;

/**
 * Bad option values and paths are refused with exit 1 and a message naming the option or path
 * and a good value, before anything runs: no state and no sim cloud are written.
 */
class OptionValidationTest extends SimRepoTest {

    private Repo.Result refused(String... args) {
        Repo.Result r = repo.run(args);
        assertThat(r.code()).as(r.all()).isEqualTo(ExitCodes.ERROR);
        assertThat(dir.resolve(".lifeboat")).as("nothing ran").doesNotExist();
        return r;
    }

    @ParameterizedTest
    @ValueSource(strings = {"up", "preview", "destroy", "refresh"})
    void parallelMustBeOneOrMore(String command) {
        for (String bad : new String[] {"0", "-1"}) {
            assertThat(refused(command, "--all", "--parallel", bad).err())
                    .contains("Invalid value for option '--parallel': must be 1 or more, not " + bad).contains("e.g. --parallel 4");
        }
        assertThat(refused(command, "--all", "-p", "many").err()).contains("'many' is not a number");
    }

    @Test
    void parallelIsCheckedOnTheDrCommandsToo() {
        assertThat(refused("failover", "--from", "prod-use1", "--to", "prod-usw2", "--parallel", "0").err()).contains("must be 1 or more");
        assertThat(refused("failback", "--stack", "prod-use1", "--parallel", "0").err()).contains("must be 1 or more");
        assertThat(refused("drill", "--to", "prod-usw2", "--parallel", "0").err()).contains("must be 1 or more");
    }

    @Test
    void theDrCommandsRunWiderThanUpByDefault() {
        for (String command : new String[] {"failover", "failback", "drill"}) {
            Repo.Result help = repo.run(command, "--help");
            assertThat(help.code()).as(help.all()).isZero();
            // the help's lines wrap where they will
            assertThat(help.all().replaceAll("\\s+", " ")).as(command).contains("(default: " + io.lifeboat.dr.Failover.PARALLEL + ", where `up` runs 10");
        }
        assertThat(repo.run("up", "--help").all().replaceAll("\\s+", " ")).contains("Steps run at once (default: 10)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2x", "soon", "5 m", "-3s"})
    void aLockTimeoutMustBeADuration(String bad) {
        assertThat(refused("up", "--all", "--lock-timeout", bad).err())
                .contains("Invalid value for option '--lock-timeout': '" + bad + "' is not a duration")
                .contains("30s, 5m or 1h30m").contains("Run 'lifeboat up --help'");
    }

    @Test
    void goodValuesAreTaken() {
        Repo.Result r = repo.run("preview", "--stack", "prod-use1", "--parallel", "1", "--lock-timeout", "1h30m");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(repo.run("preview", "--stack", "prod-use1", "--lock-timeout", "0").code()).isZero();
    }

    @Test
    void simCommandsRefuseUnknownRegionsNamingTheKnownOnes() {
        for (String[] args : new String[][] {{"sim", "outage", "mars-1"}, {"sim", "restore", "mars-1"}, {"sim", "push", "mars-1", "etl:1.0"}}) {
            assertThat(refused(args).err()).contains("unknown region 'mars-1'").contains("us-east-1, us-east-2").contains("eu-west-1");
        }
        assertThat(refused("sim", "outage", "us-east-7").err()).contains("(did you mean us-east-1?)");
        assertThat(repo.run("sim", "outage", "us-east-1").code()).isZero();
        assertThat(new SimAdmin(dir).isOut("us-east-1")).isTrue();
    }

    @Test
    void stateImportSaysNoSuchFileOrIsADirectory() throws Exception {
        assertThat(refused("state", "import", "--stack", "prod-use1", "missing.json", "--yes").err())
                .contains("lifeboat: no such file: missing.json");
        Files.createDirectories(dir.resolve("exports"));
        assertThat(repo.run("state", "import", "--stack", "prod-use1", "exports", "--yes").err())
                .contains("lifeboat: is a directory: exports").doesNotContain("Is a directory");
    }

    @Test
    void aPlatformPathThatIsADirectoryIsReportedAsOne() throws Exception {
        repo.edit("stacks/primary.yaml", "platform: ../specs/platform.yaml", "platform: ../specs");
        Repo.Result r = repo.run("validate");
        assertThat(r.code()).isEqualTo(ExitCodes.ERROR);
        assertThat(r.out()).contains("platform spec is a directory: specs").contains("name the platform spec file inside it")
                .doesNotContain("does not exist");
        assertThat(refused("preview", "--stack", "prod-use1").err()).contains("platform spec is a directory: specs");
    }

    @Test
    void aMissingSpecFileIsNoSuchFile() {
        Repo.Result r = repo.run("validate", "stacks/nothere.yaml");
        assertThat(r.code()).isEqualTo(ExitCodes.ERROR);
        assertThat(r.out()).contains("no such file: stacks/nothere.yaml");
    }

    @Test
    void aStackThatIsADirectoryIsReportedAsOne() {
        assertThat(refused("preview", "--stack", "stacks").err()).contains("is a directory: stacks").contains("name a stack file in it");
    }
}
