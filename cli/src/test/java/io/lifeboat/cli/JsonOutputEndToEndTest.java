package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * {@code --format json}: stdout is one JSON document and nothing else (progress, headings and
 * notices go to stderr); a format a command cannot print is refused.
 */
class JsonOutputEndToEndTest extends SimRepoTest {
    static final String EAST = "us-east-1";
    /** Fails on anything before or after the document: text mixed into stdout does not parse. */
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    JsonNode json(String... args) throws Exception {
        return JSON.readTree(repo.ok(args).out());
    }

    static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) out.add(n.get(field).asText());
        return out;
    }

    @Test
    void upAndDestroyPrintOneDocumentAndTheirProgressOnStderr() throws Exception {
        Repo.Result r = repo.ok("up", "--all", "--yes", "--format", "json");
        JsonNode up = JSON.readTree(r.out());
        assertThat(r.err()).contains("Updating prod-use1").contains("Updating prod-usw2").contains(": created (");
        assertThat(up.get("operation").asText()).isEqualTo("up");
        assertThat(up.get("ok").asBoolean()).isTrue();
        assertThat(texts(up.get("stacks"), "stack")).containsExactly("prod-use1", "prod-usw2");
        assertThat(up.get("skipped")).isEmpty();
        JsonNode primary = up.get("stacks").get(0);
        assertThat(primary.get("operation").asText()).isEqualTo("up");
        assertThat(primary.get("ok").asBoolean()).isTrue();
        assertThat(primary.get("partial").asBoolean()).isFalse();
        assertThat(primary.get("pendingSteps").asInt()).isZero();
        int created = primary.get("counts").get("created").asInt();
        assertThat(created).isPositive();
        assertThat(primary.get("counts").get("failed").asInt()).isZero();
        assertThat(primary.get("steps")).hasSize(created);
        JsonNode step = primary.get("steps").get(0);
        assertThat(step.get("urn").asText()).startsWith("urn:pulumi:prod-use1::");
        assertThat(step.get("type").asText()).isNotEmpty();
        assertThat(step.get("action").asText()).isEqualTo("create");
        assertThat(step.get("outcome").asText()).isEqualTo("created");
        assertThat(step.has("error")).isFalse();
        assertThat(primary.get("errors")).isEmpty();
        assertThat(primary.get("recovered")).isEmpty();
        assertThat(primary.get("drift")).isEmpty();
        assertThat(primary.get("outputs").isObject()).isTrue();
        assertThat(r.out()).doesNotContain("warehouse-Secret-42");

        JsonNode again = json("up", "--stack", "prod-use1", "--yes", "--format", "json").get("stacks").get(0);
        assertThat(again.get("counts").get("created").asInt()).isZero();
        assertThat(again.get("counts").get("unchanged").asInt()).isEqualTo(created);
        assertThat(again.get("steps")).isEmpty();

        Repo.Result d = repo.ok("destroy", "--all", "--yes", "--format", "json");
        JsonNode destroy = JSON.readTree(d.out());
        assertThat(d.err()).contains("Destroying prod-usw2");
        assertThat(destroy.get("operation").asText()).isEqualTo("destroy");
        assertThat(texts(destroy.get("stacks"), "stack")).as("secondaries first").containsExactly("prod-usw2", "prod-use1");
        JsonNode gone = destroy.get("stacks").get(1);
        assertThat(gone.get("counts").get("deleted").asInt()).isEqualTo(created);
        assertThat(texts(gone.get("steps"), "action")).containsOnly("delete");
        assertThat(gone.get("outputs")).isEmpty();
    }

    @Test
    void aRefusedPlanIsInTheDocumentWithItsReasons() throws Exception {
        repo.ok("up", "--stack", "prod-use1", "--yes");
        repo.edit("stacks/primary.yaml", "10.10.0.0/16", "10.11.0.0/16");
        Repo.Result r = repo.run("up", "--stack", "prod-use1", "--yes", "--format", "json");
        assertThat(r.code()).isEqualTo(1);
        JsonNode doc = JSON.readTree(r.out());
        assertThat(doc.get("ok").asBoolean()).isFalse();
        JsonNode stack = doc.get("stacks").get(0);
        assertThat(stack.get("ok").asBoolean()).isFalse();
        assertThat(stack.get("refused").toString()).contains("--allow-data-loss");
        assertThat(r.err()).contains("prod-use1 was not changed");
    }

    @Test
    void aFailedPrimaryNamesItsFailedStepsAndThePairLeftAlone() throws Exception {
        sim.outage(EAST);
        Repo.Result r = repo.run("up", "--all", "--yes", "--format", "json");
        assertThat(r.code()).isEqualTo(1);
        JsonNode doc = JSON.readTree(r.out());
        assertThat(doc.get("ok").asBoolean()).isFalse();
        JsonNode primary = doc.get("stacks").get(0);
        assertThat(primary.get("ok").asBoolean()).isFalse();
        assertThat(primary.get("counts").get("failed").asInt()).isPositive();
        assertThat(primary.get("errors")).isNotEmpty();
        JsonNode failed = null;
        for (JsonNode s : primary.get("steps")) if (s.get("outcome").asText().equals("failed")) failed = s;
        assertThat(failed).isNotNull();
        assertThat(failed.get("error").asText()).isNotEmpty();
        assertThat(doc.get("stacks")).hasSize(1);
        assertThat(texts(doc.get("skipped"), "stack")).containsExactly("prod-usw2");
        assertThat(doc.get("skipped").get(0).get("reason").asText()).contains("prod-use1 failed");
        assertThat(r.err()).contains("error: ");
    }

    @Test
    void withoutYesOffATerminalNothingIsPrintedOnStdout() {
        Repo.Result r = repo.run("up", "--all", "--format", "json");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("--yes is required when not running on a terminal");
    }

    @Test
    void upAsMarkdownPrintsOnlyMarkdownOnStdout() {
        Repo.Result r = repo.ok("up", "--stack", "prod-use1", "--yes", "--format", "markdown");
        assertThat(r.out()).startsWith("### up prod-use1\n").contains("| `+` |").doesNotContain("Updating").doesNotContain(": created (");
        assertThat(r.err()).contains("Updating prod-use1");
    }

    @Test
    void refreshReportsDriftPerStack() throws Exception {
        repo.ok("up", "--all", "--yes");
        Repo.Result clean = repo.ok("refresh", "--all", "--format", "json");
        JsonNode doc = JSON.readTree(clean.out());
        assertThat(clean.err()).contains("Refreshing prod-use1");
        assertThat(doc.get("operation").asText()).isEqualTo("refresh");
        assertThat(doc.get("ok").asBoolean()).isTrue();
        assertThat(texts(doc.get("stacks"), "stack")).containsExactly("prod-use1", "prod-usw2");
        JsonNode primary = doc.get("stacks").get(0);
        assertThat(primary.get("driftKnown").asBoolean()).isTrue();
        assertThat(primary.get("driftSummary").asText()).isEqualTo("none");
        assertThat(primary.get("drift")).isEmpty();
        assertThat(primary.get("handMade")).isEmpty();
        assertThat(primary.get("errors")).isEmpty();

        sim.outage(EAST);
        Repo.Result out = repo.run("refresh", "--stack", "prod-use1", "--format", "json");
        assertThat(out.code()).isEqualTo(1);
        JsonNode unknown = JSON.readTree(out.out()).get("stacks").get(0);
        assertThat(unknown.get("ok").asBoolean()).isFalse();
        assertThat(unknown.get("driftKnown").asBoolean()).as("an unreachable region is not 'no drift'").isFalse();
        assertThat(unknown.get("errors").get(0).get("code").asText()).isEqualTo("EndpointConnectionError");
        assertThat(out.err()).contains("could not be read");
    }

    @Test
    void statusAndValidatePrintOneDocument() throws Exception {
        repo.ok("up", "--stack", "prod-use1", "--yes");
        JsonNode status = json("status", "--format", "json");
        assertThat(texts(status, "stack")).containsExactly("prod-use1", "prod-usw2");
        assertThat(status.get(0).get("spec").asText()).isEqualTo("applied");
        assertThat(status.get(0).get("resources").asInt()).isPositive();
        assertThat(status.get(1).get("spec").asText()).isEqualTo("never applied");

        JsonNode valid = json("validate", "--format", "json");
        assertThat(valid.get("ok").asBoolean()).isTrue();
        assertThat(valid.get("errors").asInt()).isZero();
        assertThat(texts(valid.get("stacks"), "name")).containsExactly("prod-use1", "prod-usw2");
        assertThat(valid.get("diagnostics").isArray()).isTrue();

        repo.edit("stacks/primary.yaml", "role: primary", "role: primry");
        Repo.Result bad = repo.run("validate", "--format", "json");
        assertThat(bad.code()).isEqualTo(1);
        JsonNode invalid = JSON.readTree(bad.out());
        assertThat(invalid.get("ok").asBoolean()).isFalse();
        assertThat(invalid.get("errors").asInt()).isPositive();
        assertThat(invalid.get("diagnostics").get(0).get("file").asText()).isEqualTo("stacks/primary.yaml");
    }

    @Test
    void failoverAndFailbackPrintTheirReportAlone() throws Exception {
        repo.ok("up", "--all", "--yes");
        sim.outage(EAST);
        Repo.Result r = repo.ok("failover", "--from", "prod-use1", "--to", "prod-usw2", "--yes", "--format", "json");
        JsonNode failover = JSON.readTree(r.out());
        assertThat(r.err()).contains("Failing over prod-use1").contains("prod-usw2");
        assertThat(failover.get("operation").asText()).isEqualTo("failover");
        assertThat(failover.get("ok").asBoolean()).isTrue();
        assertThat(failover.get("from").asText()).isEqualTo("prod-use1");
        assertThat(failover.get("toRegion").asText()).isEqualTo("us-west-2");
        assertThat(failover.get("rtoSeconds").asDouble()).isPositive();
        assertThat(failover.get("restored")).isNotEmpty();
        assertThat(failover.get("restored").get(0).has("how")).isTrue();

        sim.restore(EAST);
        JsonNode failback = json("failback", "--stack", "prod-use1", "--yes", "--format", "json");
        assertThat(failback.get("operation").asText()).isEqualTo("failback");
        assertThat(failback.get("ok").asBoolean()).as(failback.toString()).isTrue();
        assertThat(failback.get("errors")).isEmpty();
    }

    @Test
    void aDrillAndItsCleanupPrintOneDocument() throws Exception {
        repo.ok("up", "--all", "--yes");
        Repo.Result r = repo.ok("drill", "--to", "prod-usw2", "--yes", "--format", "json");
        JsonNode drill = JSON.readTree(r.out());
        assertThat(r.err()).contains("Drill: failing over");
        assertThat(drill.get("operation").asText()).isEqualTo("drill");
        assertThat(drill.get("ok").asBoolean()).as(drill.toString()).isTrue();
        assertThat(drill.get("restored")).isNotEmpty();
        assertThat(drill.get("notes").toString()).contains("destroyed the throw-away stack");

        JsonNode cleanup = json("drill", "--to", "prod-usw2", "--cleanup", "--format", "json");
        assertThat(cleanup.get("operation").asText()).isEqualTo("drill cleanup");
        assertThat(cleanup.get("destroyed").asInt()).isZero();
        assertThat(cleanup.get("ok").asBoolean()).isTrue();
    }

    @Test
    void aFormatACommandCannotPrintIsRefused() {
        for (String command : List.of("status", "validate", "refresh")) {
            Repo.Result r = repo.run(command, "--format", "markdown");
            assertThat(r.code()).as(command).isEqualTo(1);
            assertThat(r.out()).as(command).isEmpty();
            assertThat(r.err()).as(command).isEqualTo("lifeboat: " + command + " does not support --format markdown; use text or json\n");
        }
    }
}
