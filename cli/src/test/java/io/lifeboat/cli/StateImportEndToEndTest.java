package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lifeboat.providers.sim.SimAdmin;

/**
 * {@code state import} refuses what is not this stack's well-formed checkpoint and changes nothing
 * when it does; a damaged state names its file and first bad field, and {@code state repair}
 * restores it from history.
 */
class StateImportEndToEndTest extends SimRepoTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Both stacks applied once, copied into each test's folder (an up of both takes a while). */
    @TempDir
    static Path applied;

    Path state;

    @BeforeAll
    static void applyBoth() throws Exception {
        Repo once = new Repo(applied);
        once.ok("up", "--all", "--yes");
        once.ok("refresh", "--stack", "prod-use1");
    }

    @BeforeEach
    void setUp() throws Exception {
        Repo.copy(applied.resolve(".lifeboat"), dir.resolve(".lifeboat"));
        state = dir.resolve(".lifeboat/state");
    }

    /** Every file of the state and of the sim cloud, by its bytes' digest. */
    private Map<String, String> everything() throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir.resolve(".lifeboat"))) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), digest(Files.readAllBytes(p)));
            }
        }
        return out;
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private Path export(String stack, String file) throws IOException {
        Path p = dir.resolve(file);
        Files.writeString(p, repo.ok("state", "export", "--stack", stack).out());
        return p;
    }

    /** Runs a command that must be refused and must change neither the states nor the cloud; returns its output. */
    private Repo.Result refused(String... args) throws IOException {
        Map<String, String> before = everything();
        int objects = new SimAdmin(dir).count("us-east-1") + new SimAdmin(dir).count("us-west-2");
        Repo.Result r = repo.run(args);
        assertThat(r.code()).as("lifeboat %s%n%s", String.join(" ", args), r.all()).isEqualTo(1);
        assertThat(everything()).as("files after a refused %s", String.join(" ", args)).isEqualTo(before);
        assertThat(new SimAdmin(dir).count("us-east-1") + new SimAdmin(dir).count("us-west-2")).isEqualTo(objects);
        assertThat(r.all()).doesNotContain("Exception").doesNotContain("warehouse-Secret-42");
        return r;
    }

    @Test
    void anotherStacksExportIsRefusedNamingTheRightCommand() throws Exception {
        export("prod-usw2", "usw2.json");
        Repo.Result r = refused("state", "import", "--stack", "prod-use1", "usw2.json", "--yes");
        assertThat(r.err()).contains("usw2.json is not a checkpoint of stack prod-use1").contains("deployment.metadata.lifeboat.stack is prod-usw2")
                .contains("URNs name stack prod-usw2").contains("`lifeboat state import --stack prod-usw2 usw2.json`").contains("--force")
                .contains("nothing was changed");
        assertThat(repo.run("preview", "--stack", "prod-use1", "--detailed-exitcode").code()).as("prod-use1 still plans nothing").isZero();
    }

    @Test
    void aCheckpointOfAnotherProjectIsRefused() throws Exception {
        Path own = export("prod-use1", "own.json");
        ObjectNode other = (ObjectNode) JSON.readTree(Files.readString(own).replace("::data-platform::", "::other-platform::"));
        // as another tool would write it: without Lifeboat's checksum
        ((ObjectNode) other.at("/deployment/metadata/lifeboat")).remove("checksum");
        Files.write(own, JSON.writeValueAsBytes(other));
        Repo.Result r = refused("state", "import", "--stack", "prod-use1", "own.json", "--yes");
        assertThat(r.err()).contains("URNs name project other-platform, not data-platform").contains("--force");
    }

    @Test
    void filesThatAreNotWellFormedCheckpointsAreRefusedByTheirFirstBadField() throws Exception {
        Files.writeString(dir.resolve("x.json"), "{\"version\":3,\"deployment\":{\"resources\":\"x\"}}");
        assertThat(refused("state", "import", "--stack", "prod-use1", "x.json", "--yes", "--force").err())
                .contains("x.json is not a checkpoint that can be imported: deployment.resources: expected a list, found \"x\"")
                .contains("lifeboat state export --stack prod-use1");

        ObjectNode own = (ObjectNode) JSON.readTree(export("prod-use1", "own.json").toFile());
        ((ObjectNode) own.at("/deployment/resources").get(3)).put("urn", "x");
        Files.write(dir.resolve("bad-urn.json"), JSON.writeValueAsBytes(own));
        assertThat(refused("state", "import", "--stack", "prod-use1", "bad-urn.json", "--yes").err())
                .contains("deployment.resources[3].urn: not a URN: \"x\"");

        ObjectNode noType = (ObjectNode) JSON.readTree(dir.resolve("own.json").toFile());
        ((ObjectNode) noType.at("/deployment/resources").get(1)).remove("type");
        Files.write(dir.resolve("no-type.json"), JSON.writeValueAsBytes(noType));
        assertThat(refused("state", "import", "--stack", "prod-use1", "no-type.json", "--yes").err()).contains("deployment.resources[1].type: missing");

        Files.writeString(dir.resolve("truncated.json"), Files.readString(dir.resolve("own.json")).substring(0, 500));
        assertThat(refused("state", "import", "--stack", "prod-use1", "truncated.json", "--yes").err()).contains("not valid JSON");

        assertThat(refused("state", "import", "--stack", "prod-use1", "missing.json", "--yes").err()).contains("no such file: missing.json");
        Files.createDirectories(dir.resolve("exports"));
        assertThat(refused("state", "import", "--stack", "prod-use1", "exports", "--yes").err()).contains("is a directory: exports");
    }

    @Test
    void aCheckpointWhoseSecretsDoNotOpenWithThisPassphraseIsRefused() throws Exception {
        export("prod-use1", "own.json");
        assertThat(Files.readString(dir.resolve("own.json"))).contains("ciphertext");
        repo.env.put("LIFEBOAT_PASSPHRASE", "another-passphrase");
        assertThat(refused("state", "import", "--stack", "prod-use1", "own.json", "--yes").err()).contains("passphrase").contains("nothing was changed");
    }

    @Test
    void withoutYesOffATerminalNothingIsImported() throws Exception {
        export("prod-use1", "own.json");
        assertThat(refused("state", "import", "--stack", "prod-use1", "own.json").err()).contains("--yes is required");
    }

    @Test
    void anOwnExportImportsAndTheReplacedCheckpointGoesToHistory() throws Exception {
        export("prod-use1", "own.json");
        byte[] current = Files.readAllBytes(state.resolve("prod-use1.json"));
        long serial = JSON.readTree(current).at("/deployment/metadata/lifeboat/serial").asLong();

        Repo.Result r = repo.ok("state", "import", "--stack", "prod-use1", "own.json", "--yes");
        assertThat(r.out()).contains("imported").contains("into prod-use1").contains("kept in history");
        assertThat(Files.readAllBytes(state.resolve("prod-use1.history/" + serial + ".json"))).isEqualTo(current);
        JsonNode now = JSON.readTree(state.resolve("prod-use1.json").toFile());
        assertThat(now.at("/deployment/metadata/lifeboat/serial").asLong()).isEqualTo(serial + 1);
        assertThat(now.at("/deployment/metadata/lifeboat/lineage")).isEqualTo(JSON.readTree(current).at("/deployment/metadata/lifeboat/lineage"));
        assertThat(repo.run("preview", "--stack", "prod-use1", "--detailed-exitcode").code()).isZero();
    }

    @Test
    void aForeignCheckpointImportsWithForce() throws Exception {
        export("prod-usw2", "usw2.json");
        int foreign = JSON.readTree(dir.resolve("usw2.json").toFile()).at("/deployment/resources").size();
        Repo.Result r = repo.ok("state", "import", "--stack", "prod-use1", "usw2.json", "--yes", "--force");
        assertThat(r.out()).contains("imported " + foreign + " resources into prod-use1").contains("forced");
        JsonNode now = JSON.readTree(repo.ok("state", "export", "--stack", "prod-use1").out());
        assertThat(now.at("/deployment/metadata/lifeboat/stack").asText()).isEqualTo("prod-use1");
        assertThat(now.at("/deployment/resources").get(0).path("urn").asText()).startsWith("urn:pulumi:prod-usw2::");
        assertThat(Files.list(state.resolve("prod-use1.history")).count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aStateOfTheWrongShapeNamesItsFileAndFieldAndIsRepairedFromHistory() throws Exception {
        Path checkpoint = state.resolve("prod-use1.json");
        ObjectNode broken = (ObjectNode) JSON.readTree(checkpoint.toFile());
        ArrayNode resources = (ArrayNode) broken.at("/deployment/resources");
        ((ObjectNode) resources.get(3)).removeAll().put("urn", "x");
        Files.write(checkpoint, JSON.writeValueAsBytes(broken));

        String expected = ".lifeboat/state/prod-use1.json: deployment.resources[3].urn: not a URN: \"x\"";
        for (String[] command : new String[][] {{"preview", "--stack", "prod-use1"}, {"up", "--stack", "prod-use1", "--yes"},
                {"status"}, {"refresh", "--stack", "prod-use1"}, {"state", "export", "--stack", "prod-use1"}}) {
            Repo.Result r = refused(command);
            assertThat(r.err()).as(String.join(" ", command)).contains(expected).contains("lifeboat state repair --stack prod-use1");
        }

        Repo.Result explain = repo.ok("state", "repair", "--stack", "prod-use1");
        assertThat(explain.out()).contains("damaged").contains("deployment.resources[3].urn").contains("nothing was changed");
        java.util.List<Long> kept = new io.lifeboat.state.FileBackend(state).history("prod-use1");
        byte[] newestGood = Files.readAllBytes(state.resolve("prod-use1.history/" + kept.get(0) + ".json"));
        byte[] damaged = Files.readAllBytes(checkpoint);
        Repo.Result fix = repo.ok("state", "repair", "--stack", "prod-use1", "--yes");
        assertThat(fix.out()).contains("fixed: restore checkpoint " + kept.get(0));
        assertThat(Files.readAllBytes(checkpoint)).isEqualTo(newestGood);
        assertThat(Files.readAllBytes(state.resolve("prod-use1.history/" + kept.get(0) + ".json"))).as("the good one stays in history").isEqualTo(newestGood);
        assertThat(Files.readAllBytes(state.resolve("prod-use1.history/" + (kept.get(0) + 1) + ".json"))).as("the damaged one is kept").isEqualTo(damaged);
        assertThat(repo.run("preview", "--stack", "prod-use1", "--detailed-exitcode").code()).as("the restored checkpoint is the last good one").isZero();
        repo.ok("up", "--stack", "prod-use1", "--yes");
        assertThat(repo.run("state", "repair", "--stack", "prod-use1").out()).contains("nothing is wrong");
    }
}
