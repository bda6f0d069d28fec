package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import io.lifeboat.providers.sim.SimAdmin;

/**
 * What up, destroy, status and refresh report is what happened: totals counted per step outcome,
 * partial applies recorded as such, missing settings refused before the first change, and drift
 * in a region that does not answer shown as unknown.
 */
class HonestResultsEndToEndTest extends SimRepoTest {
    static final String PRIMARY = "stacks/primary.yaml";
    static final String EAST = "us-east-1";
    static final ObjectMapper JSON = new ObjectMapper();

    /** The URNs of every object Lifeboat made in the sim, in every region. */
    Set<String> simUrns() {
        Set<String> out = new HashSet<>();
        for (SimAdmin.RegionStatus s : sim.status()) {
            for (SimAdmin.ObjectView o : sim.objects(s.region())) if (o.urn() != null) out.add(o.urn());
        }
        return out;
    }

    static boolean cloudType(String type) {
        return !type.startsWith("pulumi:") && !type.startsWith("lifeboat:");
    }

    static int number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("'%s' in%n%s", regex, text).isTrue();
        return Integer.parseInt(m.group(1));
    }

    JsonNode statusOf(String stack) throws Exception {
        for (JsonNode n : JSON.readTree(repo.ok("status", "--format", "json").out())) if (n.get("stack").asText().equals(stack)) return n;
        throw new AssertionError("no status for " + stack);
    }

    /**
     * Case 7: the cloud refuses a rule (ports 443 to 80) and a rule that waits for it is skipped;
     * the totals say so, in text and JSON, and match the cloud.
     */
    @Test
    void totalsCountWhatHappenedNotWhatWasPlanned() throws Exception {
        repo.edit("specs/platform.yaml", "  resources: {}", String.join("\n",
                "  resources:",
                "    bad-rule:",
                "      type: aws:ec2/securityGroupRule:SecurityGroupRule",
                "      properties:",
                "        securityGroupId: ${network.cluster-sg.id}",
                "        type: ingress",
                "        protocol: tcp",
                "        fromPort: 443",
                "        toPort: 80",
                "        cidrBlocks: [172.20.0.0/16]",
                "    after-bad:",
                "      type: aws:ec2/securityGroupRule:SecurityGroupRule",
                "      properties:",
                "        securityGroupId: ${network.cluster-sg.id}",
                "        type: ingress",
                "        protocol: tcp",
                "        fromPort: 8443",
                "        toPort: 8443",
                "        cidrBlocks: [172.20.0.0/16]",
                "      options:",
                "        dependsOn: [bad-rule]"));
        int planned = JSON.readTree(repo.ok("preview", "--stack", PRIMARY, "--format", "json").out()).get("stacks").get(0)
                .get("counts").get("create").asInt();

        Repo.Result up = repo.run("up", "--stack", PRIMARY, "--yes");
        assertThat(up.code()).as(up.all()).isEqualTo(1);
        assertThat(up.err()).contains("bad-rule");
        int created = number(up.out(), "Resources: \\+ (\\d+) created");
        int failed = number(up.out(), ", (\\d+) failed");
        int skipped = number(up.out(), ", (\\d+) skipped");
        assertThat(failed).isEqualTo(1);
        assertThat(up.out()).contains("1 error; " + skipped + " step" + (skipped == 1 ? "" : "s") + " skipped behind it.");
        assertThat(skipped).as("after-bad waits for bad-rule").isEqualTo(1);
        assertThat(created + failed + skipped).isEqualTo(planned);
        JsonNode state = JSON.readTree(repo.ok("state", "export", "--stack", PRIMARY).out()).get("deployment").get("resources");
        assertThat(state.size()).as("every resource the state holds was created by this run").isEqualTo(created);
        Set<String> cloudInState = new HashSet<>();
        for (JsonNode r : state) if (r.get("custom").asBoolean() && cloudType(r.get("type").asText())) cloudInState.add(r.get("urn").asText());
        assertThat(simUrns()).isEqualTo(cloudInState);

        Repo.Result again = repo.run("up", "--stack", PRIMARY, "--yes", "--format", "json");
        assertThat(again.code()).isEqualTo(1);
        JsonNode result = JSON.readTree(again.out()).get("stacks").get(0);
        JsonNode counts = result.get("counts");
        assertThat(counts.get("created").asInt()).isZero();
        assertThat(counts.get("failed").asInt()).isEqualTo(1);
        assertThat(counts.get("skipped").asInt()).isEqualTo(skipped);
        assertThat(counts.get("unchanged").asInt()).isEqualTo(created);
        assertThat(result.get("errors")).hasSize(1);
        assertThat(result.get("errors").get(0).get("name").asText()).isEqualTo("bad-rule");
        assertThat(result.get("partial").asBoolean()).isTrue();
        assertThat(result.get("pendingSteps").asInt()).isEqualTo(failed + skipped);
        int failedSteps = 0;
        for (JsonNode s : result.get("steps")) if (s.get("outcome").asText().equals("failed")) failedSteps++;
        assertThat(failedSteps).isEqualTo(1);

        // Destroy in an outage: whatever was deleted is counted, and nothing else.
        Set<String> before = simUrns();
        sim.outage(EAST);
        Repo.Result destroy = repo.run("destroy", "--stack", PRIMARY, "--yes", "--format", "json");
        assertThat(destroy.code()).isEqualTo(1);
        JsonNode d = JSON.readTree(destroy.out()).get("stacks").get(0).get("counts");
        sim.restore(EAST);
        Set<String> gone = new HashSet<>(before);
        gone.removeAll(simUrns());
        int cloudDeleted = 0;
        for (JsonNode s : JSON.readTree(destroy.out()).get("stacks").get(0).get("steps")) {
            if (s.get("outcome").asText().equals("deleted") && cloudType(s.get("type").asText())) cloudDeleted++;
        }
        assertThat(cloudDeleted).as("deletes counted are the objects gone from the cloud").isEqualTo(gone.size());
        assertThat(d.get("failed").asInt()).isPositive();
        assertThat(d.get("deleted").asInt() + d.get("failed").asInt() + d.get("skipped").asInt()).isEqualTo(created);
        assertThat(simUrns()).hasSize(before.size() - gone.size()).isNotEmpty();
    }

    /** Case 8: an apply that leaves a change out is recorded as partial; a full one clears it. */
    @Test
    void anExcludedChangeLeavesTheStackPartlyApplied() throws Exception {
        repo.ok("up", "--stack", PRIMARY, "--yes");
        assertThat(statusOf("prod-use1").get("spec").asText()).isEqualTo("applied");
        repo.edit("specs/platform.yaml", "size: db.r6g.large", "size: db.r6g.xlarge");

        Repo.Result up = repo.ok("up", "--stack", PRIMARY, "--yes", "--exclude", "metadata");
        assertThat(up.out()).doesNotContain("No changes.")
                .contains("No changes applied: 1 change was left out by --exclude/--target; the spec is not recorded as applied");
        JsonNode partial = statusOf("prod-use1");
        assertThat(partial.get("partial").asBoolean()).isTrue();
        assertThat(partial.get("pendingSteps").asInt()).isEqualTo(1);
        assertThat(partial.get("spec").asText()).isEqualTo("partly applied (1 pending)");
        assertThat(repo.ok("status").out()).contains("partly applied (1 pending)");
        assertThat(repo.run("preview", "--stack", PRIMARY, "--detailed-exitcode").code()).as("the change is still to do").isEqualTo(2);

        Repo.Result full = repo.ok("up", "--stack", PRIMARY, "--yes");
        assertThat(full.out()).contains("1 updated").doesNotContain("Partly applied");
        JsonNode applied = statusOf("prod-use1");
        assertThat(applied.get("partial").asBoolean()).isFalse();
        assertThat(applied.get("pendingSteps").asInt()).isZero();
        assertThat(applied.get("spec").asText()).isEqualTo("applied");
    }

    /** Case 9: without the passphrase, up --all refuses before anything is made in any stack. */
    @Test
    void aMissingPassphraseRefusesBeforeTheFirstChange() {
        repo.env.remove("LIFEBOAT_PASSPHRASE");
        Repo.Result up = repo.run("up", "--all", "--yes");
        assertThat(up.code()).isEqualTo(1);
        assertThat(up.err()).contains("stack prod-use1 holds secrets").contains("stack prod-usw2 holds secrets")
                .contains("LIFEBOAT_PASSPHRASE is not set").contains("export LIFEBOAT_PASSPHRASE=").contains("nothing was changed in any stack");
        assertThat(up.out()).doesNotContain("created");
        int objects = 0;
        for (SimAdmin.RegionStatus s : sim.status()) objects += s.objects();
        assertThat(objects).as("the sim holds nothing").isZero();
        assertThat(dir.resolve(".lifeboat/state/prod-use1.json")).doesNotExist();
    }

    /** Case 11: drift in a region that does not answer is unknown, never none; refresh says so once and fails. */
    @Test
    void driftInAnUnreachableRegionIsUnknown() throws Exception {
        repo.ok("up", "--stack", PRIMARY, "--yes");
        sim.outage(EAST);

        JsonNode status = JSON.readTree(repo.ok("status", "--refresh", "--format", "json").out());
        assertThat(status.get(0).get("stack").asText()).isEqualTo("prod-use1");
        assertThat(status.get(0).get("drift").asText()).isEqualTo("unknown (region unreachable)");
        assertThat(repo.ok("status", "--refresh").out()).contains("unknown (region unreachable)").doesNotContain(" none ");

        Repo.Result refresh = repo.run("refresh", "--stack", PRIMARY);
        assertThat(refresh.code()).isEqualTo(1);
        assertThat(refresh.out()).doesNotContain("No drift").contains("Drift: unknown (region unreachable): could not be checked");
        assertThat(refresh.out().lines().filter(l -> l.contains("could not be read"))).as("one line per cause:%n%s", refresh.out()).hasSize(1);
        int unread = number(refresh.out(), "error: (\\d+) resources could not be read: .*region us-east-1 is unavailable");
        assertThat(unread).isGreaterThan(30);

        Repo.Result preview = repo.run("preview", "--stack", PRIMARY, "--refresh");
        assertThat(preview.code()).isEqualTo(1);
        assertThat(preview.out()).doesNotContain("No drift").contains("Drift: unknown (region unreachable)");
        JsonNode json = JSON.readTree(repo.run("preview", "--stack", PRIMARY, "--refresh", "--format", "json").out());
        assertThat(json.get("stacks").get(0).get("driftStatus").asText()).isEqualTo("unknown (region unreachable)");
    }
}
