package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * Saved plans ({@code preview --save-plan}, {@code up --plan}), and one operation doing its work
 * once: a stack's state loaded once, its program run once, one plan, and that plan applied.
 */
class SavedPlanEndToEndTest extends SimRepoTest {
    static final String PRIMARY = "stacks/primary.yaml";
    static final String SECONDARY = "stacks/secondary.yaml";
    static final ObjectMapper JSON = new ObjectMapper();

    JsonNode state(String stack) throws Exception {
        return JSON.readTree(ok("state", "export", "--stack", stack).out());
    }

    static List<String> urns(JsonNode checkpoint) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : checkpoint.get("deployment").get("resources")) out.add(r.get("urn").asText());
        return out;
    }

    static long serial(JsonNode checkpoint) {
        return checkpoint.get("deployment").get("metadata").get("lifeboat").get("serial").asLong();
    }

    static long count(String text, String line) {
        return text.lines().filter(l -> l.equals(line)).count();
    }

    @Test
    void aSavedPlanAppliesExactlyTheStepsItListsAndThenThereIsNothingLeftToDo() throws Exception {
        Repo.Result preview = ok("preview", "--stack", PRIMARY, "--save-plan", "plan.json");
        assertThat(preview.out()).contains("Saved the plan of 1 stack to plan.json").contains("lifeboat up --plan plan.json");
        JsonNode plan = JSON.readTree(Files.readString(dir.resolve("plan.json")));
        List<String> planned = new ArrayList<>();
        for (JsonNode s : plan.get("stacks").get(0).get("steps")) {
            assertThat(s.get("action").asText()).isEqualTo("create");
            planned.add(s.get("urn").asText());
        }
        assertThat(planned).hasSizeGreaterThan(20);

        Repo.Result up = ok("up", "--plan", "plan.json");
        assertThat(up.out()).contains("Updating").contains(planned.size() + " created");
        assertThat(urns(state(PRIMARY))).containsExactlyInAnyOrderElementsOf(planned);
        assertThat(repo.run("preview", "--stack", PRIMARY, "--detailed-exitcode").code()).isZero();
    }

    @Test
    void aSavedPlanHoldsNoSecretInClear() throws Exception {
        ok("up", "--stack", PRIMARY, "--yes");
        repo.env.put("WAREHOUSE_PASSWORD", "a-New-warehouse-Secret-77");
        ok("preview", "--stack", PRIMARY, "--save-plan", "plan.json");
        String file = Files.readString(dir.resolve("plan.json"));
        assertThat(file).doesNotContain("a-New-warehouse-Secret-77").doesNotContain("warehouse-Secret-42").contains("ciphertext");
        // The state's own secrets (API key material) are encrypted in the file as in the state.
        for (JsonNode r : state(PRIMARY).get("deployment").get("resources")) {
            if (!r.get("type").asText().contains("secretVersion")) continue;
            JsonNode material = r.get("inputs").get("secretString");
            assertThat(material.has("ciphertext")).isTrue();
        }
        assertThat(Files.getPosixFilePermissions(dir.resolve("plan.json"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        ok("up", "--plan", "plan.json");
        assertThat(repo.run("preview", "--stack", PRIMARY, "--detailed-exitcode").code()).isZero();
    }

    @Test
    void aSavedPlanIsRefusedOnceTheStateMovedAndChangesNothing() throws Exception {
        ok("up", "--stack", PRIMARY, "--yes");
        repo.edit("specs/platform.yaml", "AIRFLOW__CORE__PARALLELISM: \"64\"", "AIRFLOW__CORE__PARALLELISM: \"96\"");
        ok("preview", "--stack", PRIMARY, "--save-plan", "plan.json");
        ok("up", "--stack", PRIMARY, "--yes"); // someone applied in between
        long serial = serial(state(PRIMARY));
        String objects = sim.objects("us-east-1").toString();

        Repo.Result refused = repo.run("up", "--plan", "plan.json");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("was made against serial").contains("which is now at serial " + serial)
                .contains("lifeboat preview --stack prod-use1 --save-plan plan.json").contains("nothing was changed");
        assertThat(serial(state(PRIMARY))).isEqualTo(serial);
        assertThat(sim.objects("us-east-1").toString()).isEqualTo(objects);
    }

    @Test
    void aSavedPlanIsRefusedOnceTheSpecsChanged() throws Exception {
        ok("preview", "--stack", PRIMARY, "--save-plan", "plan.json");
        repo.edit("specs/platform.yaml", "AIRFLOW__CORE__PARALLELISM: \"64\"", "AIRFLOW__CORE__PARALLELISM: \"96\"");
        Repo.Result refused = repo.run("up", "--plan", "plan.json");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("the specs of prod-use1 changed since the plan in plan.json was made");
        assertThat(sim.objects("us-east-1")).isEmpty();
        assertThat(urns(state(PRIMARY))).isEmpty();
    }

    @Test
    void aSavedPlanFixesWhatIsAppliedSoOptionsThatWouldChangeItAreRefused() throws Exception {
        ok("preview", "--stack", PRIMARY, "--save-plan", "plan.json");
        Repo.Result targeted = repo.run("up", "--plan", "plan.json", "--target", "vpc");
        assertThat(targeted.code()).isEqualTo(1);
        assertThat(targeted.err()).contains("--target cannot be given with --plan").contains("lifeboat preview --save-plan plan.json");
        Repo.Result other = repo.run("up", "--plan", "plan.json", "--stack", SECONDARY);
        assertThat(other.code()).isEqualTo(1);
        assertThat(other.err()).contains("plans prod-use1, but the stacks named are prod-usw2");
        Repo.Result missing = repo.run("up", "--plan", "nowhere.json");
        assertThat(missing.err()).contains("there is no plan file nowhere.json").contains("lifeboat preview --stack STACK --save-plan nowhere.json");
        Files.writeString(dir.resolve("bad.json"), "{\"stacks\": []}");
        assertThat(repo.run("up", "--plan", "bad.json").err()).contains("bad.json is not a plan file");
        assertThat(sim.objects("us-east-1")).isEmpty();
    }

    @Test
    void aPlanWithErrorsIsNotSaved() throws Exception {
        repo.env.remove("WAREHOUSE_PASSWORD");
        Repo.Result r = repo.run("preview", "--stack", PRIMARY, "--save-plan", "plan.json");
        assertThat(r.code()).isEqualTo(1);
        assertThat(Files.exists(dir.resolve("plan.json"))).isFalse();
    }

    @Test
    void oneUpLoadsEachStackStateOnceRunsEachProgramOnceAndMakesOnePlan() throws Exception {
        repo.env.put("LIFEBOAT_LOG", "debug");
        Repo.Result up = ok("up", "--all", "--yes");
        for (String stack : List.of("prod-use1", "prod-usw2")) {
            assertThat(up.err().lines().filter(l -> l.startsWith("debug: loaded the state of " + stack + " ")).count()).as(stack).isEqualTo(1);
            assertThat(count(up.err(), "debug: ran the program of " + stack)).as(stack).isEqualTo(1);
            assertThat(up.err().lines().filter(l -> l.startsWith("debug: planned " + stack + ":")).count()).as(stack).isEqualTo(1);
        }
        repo.env.remove("LIFEBOAT_LOG");
        assertThat(ok("up", "--stack", PRIMARY, "--yes").err()).doesNotContain("debug:");
    }
}
