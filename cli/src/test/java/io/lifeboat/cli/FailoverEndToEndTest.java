package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lifeboat.providers.sim.SimAdmin;

/** A region outage on the sim cloud, end to end: outage, failover, report, a second failover, a crash half-way. */
class FailoverEndToEndTest extends SimRepoTest {
    static final String EAST = "us-east-1";
    static final String WEST = "us-west-2";
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void setUp() throws Exception {
        ok("up", "--all", "--yes");
    }

    JsonNode failover() throws Exception {
        Repo.Result r = ok("failover", "--from", "prod-use1", "--to", "prod-usw2", "--yes", "--format", "json");
        return JSON.readTree(r.out().substring(r.out().indexOf('{')));
    }

    Set<String> westTypes() {
        Set<String> types = new HashSet<>();
        for (SimAdmin.ObjectView o : sim.objects(WEST)) if (!o.type().equals("aws:rds/snapshot:Snapshot")) types.add(o.type());
        return types;
    }

    @Test
    void anOutageOfTheEastIsRecoveredInTheWest() throws Exception {
        int eastBefore = sim.count(EAST);
        sim.outage(EAST);
        Instant before = Instant.now();
        JsonNode report = failover();

        assertThat(report.get("ok").asBoolean()).isTrue();
        assertThat(report.get("rtoSeconds").asDouble()).isPositive();
        Instant backup = Instant.parse(report.get("backupTime").asText());
        assertThat(backup).isBefore(before);
        assertThat(report.get("rpoSeconds").asDouble()).isBetween(0.0, 3600.0);
        assertThat(report.get("lost").toString()).contains("newer than " + backup).contains("Redis");
        assertThat(report.get("actions").toString()).contains("accept VPC peering pcx-").contains("point clients")
                .contains("when us-east-1 answers again, prod-use1's Airflow there (its schedulers, which run every DAG) comes back with it")
                .contains("`lifeboat failback --stack prod-use1` as soon as it answers");

        // every resource the spec asks for is in the west, healthy, at full capacity, the database restored
        assertThat(westTypes()).contains("aws:ec2/vpc:Vpc", "aws:ec2/subnet:Subnet", "aws:ec2/natGateway:NatGateway",
                "aws:eks/cluster:Cluster", "aws:eks/nodeGroup:NodeGroup", "aws:rds/instance:Instance",
                "aws:ec2/vpcPeeringConnection:VpcPeeringConnection", "aws:ecr/repository:Repository");
        SimAdmin.ObjectView db = sim.objects(WEST).stream().filter(o -> o.type().equals("aws:rds/instance:Instance")).findFirst().orElseThrow();
        assertThat(db.inputs().get("restoreToPointInTime").toString()).contains("auto-backup");
        assertThat(db.status()).isEqualTo("available");
        SimAdmin.ObjectView pool = sim.objects(WEST).stream().filter(o -> o.type().equals("aws:eks/nodeGroup:NodeGroup")).findFirst().orElseThrow();
        assertThat(pool.inputs().get("scalingConfig").toString()).contains("minSize=3");
        assertThat(repo.run("preview", "--stack", "stacks/secondary.yaml", "--refresh", "--detailed-exitcode").code())
                .as("the promoted stack is exactly as its spec says").isZero();

        // the lost region was not called and is untouched; its stack is read-only
        assertThat(sim.isOut(EAST)).isTrue();
        Repo.Result upLost = repo.run("up", "--stack", "stacks/primary.yaml", "--yes");
        assertThat(upLost.err()).contains("declared lost");
        sim.restore(EAST);
        assertThat(sim.count(EAST)).isEqualTo(eastBefore);

        // the state records the roles
        JsonNode west = JSON.readTree(ok("state", "export", "--stack", "prod-usw2").out());
        assertThat(west.at("/deployment/metadata/lifeboat/role").asText()).isEqualTo("primary");
        JsonNode east = JSON.readTree(ok("state", "export", "--stack", "prod-use1").out());
        assertThat(east.at("/deployment/metadata/lifeboat/lost").asBoolean()).isTrue();
    }

    @Test
    void aSecondFailoverChangesNothing() throws Exception {
        sim.outage(EAST);
        failover();
        List<SimAdmin.ObjectView> after = sim.objects(WEST);
        JsonNode again = failover();
        assertThat(again.get("notes").toString()).contains("already promoted");
        for (JsonNode r : again.get("restored")) assertThat(r.get("how").asText()).isEqualTo("kept");
        assertThat(sim.objects(WEST)).extracting(SimAdmin.ObjectView::id)
                .containsExactlyInAnyOrderElementsOf(after.stream().map(SimAdmin.ObjectView::id).toList());
    }

    @Test
    void aPreviewAfterAFailoverShowsTheRolesTheStatesRecord() throws Exception {
        sim.outage(EAST);
        failover();
        Repo.Result text = ok("preview", "--all");
        assertThat(text.out()).contains("Previewing prod-use1 (stacks/primary.yaml): LOST (was primary), aws us-east-1")
                .contains("prod-use1 was declared lost by a failover: `up` skips it until `lifeboat failback --stack prod-use1`")
                .contains("Previewing prod-usw2 (stacks/secondary.yaml): primary (spec: secondary), aws us-west-2");
        assertThat(ok("preview", "--all", "--format", "markdown").out())
                .contains("| **prod-use1** | us-east-1 | LOST (was primary) |").contains("| **prod-usw2** | us-west-2 | primary (spec: secondary) |");
        JsonNode json = JSON.readTree(ok("preview", "--all", "--format", "json").out());
        assertThat(json.get("stacks").get(0).get("role").asText()).isEqualTo("primary");
        assertThat(json.get("stacks").get(0).get("lost").asBoolean()).isTrue();
        assertThat(json.get("stacks").get(1).get("role").asText()).as("the role by its state, not its spec").isEqualTo("primary");
        assertThat(json.get("stacks").get(1).get("lost").asBoolean()).isFalse();
    }

    @Test
    void aFailoverKilledHalfWayConvergesWhenRunAgain() throws Exception {
        sim.outage(EAST);
        // a child JVM with realistic latency, killed while the database is being replaced
        Process child = repo.childCaughtAt("aws:rds/instance:Instance metadata: replacing|metadata: deleting", "failover", "--from", "prod-use1", "--to", "prod-usw2", "--yes");
        Thread.sleep(300);
        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        assertThat(java.nio.file.Files.readString(dir.resolve("child.log"))).as("killed before it finished")
                .contains("metadata").doesNotContain("failover complete");

        JsonNode report = failover();
        assertThat(report.get("ok").asBoolean()).as(report.toString()).isTrue();
        assertThat(repo.run("preview", "--stack", "stacks/secondary.yaml", "--refresh", "--detailed-exitcode").code()).isZero();
        long dbs = sim.objects(WEST).stream().filter(o -> o.type().equals("aws:rds/instance:Instance")).count();
        assertThat(dbs).as("one database, the restored one").isEqualTo(1);
        Set<String> urns = new HashSet<>();
        for (String stack : List.of("prod-usw2", "prod-use1")) {
            JsonNode state = JSON.readTree(ok("state", "export", "--stack", stack).out());
            for (JsonNode r : state.at("/deployment/resources")) {
                if (r.path("delete").asBoolean()) continue;
                assertThat(urns.add(r.get("urn").asText())).as("one resource per URN").isTrue();
            }
        }
        for (SimAdmin.ObjectView o : sim.objects(WEST)) {
            if (o.urn() != null) assertThat(urns).as("orphan %s", o.id()).contains(o.urn());
        }
    }
}
