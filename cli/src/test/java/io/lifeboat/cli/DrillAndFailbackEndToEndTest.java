package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lifeboat.providers.sim.SimAdmin;

/** Drills leave nothing behind and never touch the live stacks; failback turns a failover around. */
class DrillAndFailbackEndToEndTest extends SimRepoTest {
    static final String EAST = "us-east-1";
    static final String WEST = "us-west-2";
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void setUp() throws Exception {
        ok("up", "--all", "--yes");
    }

    JsonNode json(Repo.Result r) throws Exception {
        return JSON.readTree(r.out().substring(r.out().indexOf('{')));
    }

    List<String> ids(String region) {
        return sim.objects(region).stream().map(o -> o.type() + " " + o.id() + " " + o.status()).sorted().toList();
    }

    byte[] liveState(String stack) throws java.io.IOException {
        return java.nio.file.Files.readAllBytes(dir.resolve(".lifeboat/state/" + stack + ".json"));
    }

    @Test
    void aDrillMeasuresReportsAndLeavesZeroResources() throws Exception {
        List<String> east = ids(EAST);
        List<String> west = ids(WEST);
        byte[] primaryState = liveState("prod-use1");
        byte[] secondaryState = liveState("prod-usw2");

        JsonNode report = json(ok("drill", "--to", "prod-usw2", "--format", "json"));
        assertThat(report.get("ok").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("rtoSeconds").asDouble()).isPositive();
        assertThat(report.get("restored").size()).isGreaterThan(20);
        assertThat(report.get("notes").toString()).contains("health check passed").contains("destroyed the throw-away stack");
        assertThat(report.get("actions").toString()).doesNotContain("does not answer");

        assertThat(ids(WEST)).as("nothing left in the drill's region").isEqualTo(west);
        assertThat(ids(EAST)).isEqualTo(east);
        assertThat(sim.objects("global")).allSatisfy(o -> assertThat(o.id()).doesNotContain("drill"));
        assertThat(liveState("prod-use1")).as("the live stacks are untouched").isEqualTo(primaryState);
        assertThat(liveState("prod-usw2")).isEqualTo(secondaryState);
    }

    @Test
    void aDrillWhileThePrimarysRegionIsDownSaysToFailOverInstead() throws Exception {
        sim.outage(EAST);
        JsonNode report = json(ok("drill", "--to", "prod-usw2", "--format", "json"));
        assertThat(report.get("actions").get(0).asText()).startsWith("us-east-1 does not answer (")
                .endsWith("if it is down, this is no drill; fail over with `lifeboat failover --from prod-use1 --to prod-usw2`");
        assertThat(JSON.readTree(ok("status", "--format", "json").out()).get(0).get("lost").asBoolean()).as("a drill fails nothing over").isFalse();
    }

    /** A drill in a child JVM, on a slow cloud, caught while it makes the drill's cluster. */
    private Process drillUnderWay() throws Exception {
        Process child = repo.childCaughtAt("eks: creating", "drill", "--to", "prod-usw2");
        assertThat(child.isAlive()).as("the drill was still running when caught").isTrue();
        return child;
    }

    @Test
    void aDrillInterruptedAsByCtrlCDestroysItsStackBeforeItExits() throws Exception {
        List<String> west = ids(WEST);
        Process child = drillUnderWay();
        child.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C (SIGINT)
        assertThat(child.waitFor(180, TimeUnit.SECONDS)).as("the interrupted drill exits").isTrue();
        assertThat(ids(WEST)).as("nothing of the drill is left, without --cleanup").isEqualTo(west);
    }

    @Test
    void aDrillKilledHalfWayIsCleanedUp() throws Exception {
        List<String> west = ids(WEST);
        drillUnderWay().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        assertThat(ids(WEST).size()).as("the killed drill left resources").isGreaterThan(west.size());

        Repo.Result cleanup = ok("drill", "--to", "prod-usw2", "--cleanup");
        assertThat(cleanup.out()).contains("destroyed");
        assertThat(ids(WEST)).isEqualTo(west);
    }

    @Test
    void failbackRebuildsTheLostStackAsSecondaryThenAsPrimary() throws Exception {
        sim.outage(EAST);
        ok("failover", "--from", "prod-use1", "--to", "prod-usw2", "--yes");
        Repo.Result early = repo.run("failback", "--stack", "prod-use1", "--yes");
        assertThat(early.code()).isEqualTo(1);
        assertThat(early.all()).contains("does not answer");
        assertThat(ok("status").out()).contains("region lost (--refresh asks it)");
        assertThat(ok("status", "--refresh").out()).contains("region lost (still does not answer)");

        sim.restore(EAST);
        assertThat(ok("status", "--refresh").out()).as("what ran in the east runs again: status says to fail back now")
                .contains("region lost, and it answers again: run `lifeboat failback --stack prod-use1` now");
        JsonNode back = json(ok("failback", "--stack", "prod-use1", "--yes", "--format", "json"));
        assertThat(back.get("ok").asBoolean()).as(back.toString()).isTrue();
        // its stale resources were removed and made again: each alert subscription waits for its e-mail to be confirmed again
        assertThat(back.get("actions").toString()).as(back.toString()).contains("confirm the alert subscription e-mail from AWS")
                .contains(":sns:us-east-1:").doesNotContain("point clients and DNS");
        Repo.Result status = ok("status", "--format", "json");
        JsonNode rows = JSON.readTree(status.out());
        assertThat(rows.get(0).get("role").asText()).isEqualTo("secondary");
        assertThat(rows.get(0).get("lost").asBoolean()).isFalse();
        assertThat(rows.get(1).get("role").asText()).isEqualTo("primary");
        // the backups now flow from the west into the east
        assertThat(sim.objects(EAST)).anySatisfy(o -> assertThat(o.type()).contains("instanceAutomatedBackupsReplication"));
        assertThat(repo.run("preview", "--all", "--refresh", "--detailed-exitcode").code()).isZero();

        JsonNode promoted = json(ok("failback", "--stack", "prod-use1", "--promote", "--yes", "--format", "json"));
        assertThat(promoted.get("ok").asBoolean()).as(promoted.toString()).isTrue();
        assertThat(promoted.get("actions").toString()).as("once it serves again, its clients are pointed back")
                .contains("point clients and DNS at us-east-1: cluster https://").contains(".us-east-1.");
        rows = JSON.readTree(ok("status", "--format", "json").out());
        assertThat(rows.get(0).get("role").asText()).isEqualTo("primary");
        assertThat(rows.get(1).get("role").asText()).isEqualTo("secondary");
        SimAdmin.ObjectView db = sim.objects(EAST).stream().filter(o -> o.type().equals("aws:rds/instance:Instance")).findFirst().orElseThrow();
        String source = ((io.lifeboat.resource.PropertyValue.Obj) db.inputs().get("restoreToPointInTime")).props()
                .string("sourceDbInstanceAutomatedBackupsArn");
        assertThat(source).as("the east database came back from the west's backups copied into the east")
                .startsWith("arn:aws:rds:us-east-1:").contains(":auto-backup:");
        assertThat(sim.objects(WEST)).as("and the copies flow from the east again")
                .anySatisfy(o -> assertThat(o.inputs().string("sourceDbInstanceArn")).contains(EAST));
        assertThat(repo.run("preview", "--all", "--refresh", "--detailed-exitcode").code()).isZero();
    }
}
