package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lifeboat.providers.sim.SimAdmin;

/**
 * A hot standby on AWS, end to end on the sim: its database is a live cross-region read replica
 * of the primary's, which a failover promotes instead of restoring a backup, with the data it had
 * replayed; a replica that is broken or too far behind falls back to the newest copied backup.
 */
class HotStandbyEndToEndTest extends SimRepoTest {
    static final String EAST = "us-east-1";
    static final String WEST = "us-west-2";
    static final String PRIMARY_DB = "prod-use1-metadata";
    static final String REPLICA = "prod-usw2-metadata";
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void setUp() throws Exception {
        Path secondary = dir.resolve("stacks/secondary.yaml");
        Files.writeString(secondary, Files.readString(secondary).replace("standby: warm", "standby: hot"));
        ok("up", "--all", "--yes");
    }

    JsonNode failover() throws Exception {
        return json(ok("failover", "--from", "prod-use1", "--to", "prod-usw2", "--yes", "--format", "json"));
    }

    static JsonNode json(Repo.Result r) throws Exception {
        return JSON.readTree(r.out().substring(r.out().indexOf('{')));
    }

    SimAdmin.ObjectView db(String region) {
        return sim.objects(region).stream().filter(o -> o.type().equals("aws:rds/instance:Instance")).findFirst().orElseThrow();
    }

    @Test
    void upMakesAReplicaOfThePrimarysDatabaseThatFollowsItsWrites() {
        SimAdmin.ObjectView replica = db(WEST);
        assertThat(replica.id()).isEqualTo(REPLICA);
        assertThat(replica.inputs().string("replicateSourceDb")).isEqualTo(db(EAST).outputs().string("arn"));
        assertThat(replica.inputs().string("kmsKeyId")).as("encrypted with a key of its own region").isEqualTo("alias/aws/rds");
        assertThat(db(EAST).inputs().get("manageMasterUserPassword").toString())
                .as("RDS replicates no database whose password it manages: the primary has one of its own").contains("false");
        assertThat(db(EAST).inputs().get("password")).isInstanceOf(io.lifeboat.resource.PropertyValue.Secret.class);
        assertThat(repo.run("preview", "--all", "--refresh", "--detailed-exitcode").code()).as("the replica is as planned").isZero();

        sim.writeRows(EAST, PRIMARY_DB, 42, Instant.now());
        assertThat(sim.rows(WEST, REPLICA)).as("the latency profile of the tests has no lag").isEqualTo(42);
        assertThat(ok("status").out()).contains("secondary (hot)");
    }

    @Test
    void aFailoverPromotesTheReplicaWithWhatItHadReplayed() throws Exception {
        sim.writeRows(EAST, PRIMARY_DB, 100, Instant.now().minusSeconds(60));
        sim.setReplicaLag(WEST, REPLICA, Duration.ofSeconds(30));
        sim.writeRows(EAST, PRIMARY_DB, 5, Instant.now()); // inside the lag: not replayed when the region goes
        sim.outage(EAST);

        JsonNode report = failover();
        assertThat(report.get("ok").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("recovery").asText()).isEqualTo("replica");
        assertThat(report.get("rpoSeconds").asDouble()).as("the replica's lag").isEqualTo(30.0);
        assertThat(report.get("notes").toString()).contains("promoting the replica " + REPLICA).contains("accepts writes");
        assertThat(report.get("lost").toString()).contains("written in the last 30s before us-east-1 went silent");

        for (JsonNode r : report.get("restored")) {
            if (r.get("name").asText().equals("metadata")) assertThat(r.get("how").asText()).as("promoted by an update").isEqualTo("updated");
        }
        SimAdmin.ObjectView promoted = db(WEST);
        assertThat(promoted.id()).as("promoted in place, not re-created").isEqualTo(REPLICA);
        assertThat(promoted.inputs().get("replicateSourceDb")).isNull();
        assertThat(promoted.inputs().get("restoreToPointInTime")).as("nothing restored").isNull();
        assertThat(promoted.inputs().get("multiAz").toString()).contains("true");
        assertThat(sim.rows(WEST, REPLICA)).as("the rows written before the lag survive, the last 5 are lost").isEqualTo(100);
        sim.writeRows(WEST, REPLICA, 1, Instant.now()); // it accepts writes
        assertThat(repo.run("preview", "--stack", "stacks/secondary.yaml", "--refresh", "--detailed-exitcode").code()).isZero();

        JsonNode again = failover();
        assertThat(again.get("notes").toString()).contains("already promoted");
        assertThat(again.get("recovery").asText()).isEqualTo("replica");
        assertThat(sim.rows(WEST, REPLICA)).isEqualTo(101);
    }

    @Test
    void aBrokenReplicaFallsBackToTheNewestCopiedBackup() throws Exception {
        sim.breakReplica(WEST, REPLICA, "replication stopped: WAL segment no longer available");
        sim.outage(EAST);
        JsonNode report = failover();
        assertThat(report.get("ok").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("recovery").asText()).isEqualTo("backup");
        assertThat(report.get("notes").toString()).contains("the replica " + REPLICA + " is broken: replication stopped: WAL segment")
                .contains("restoring the newest backup copied into us-west-2 instead");
        assertThat(db(WEST).inputs().get("restoreToPointInTime").toString()).contains("auto-backup");
        assertThat(db(WEST).inputs().get("replicateSourceDb")).isNull();
        assertThat(repo.run("preview", "--stack", "stacks/secondary.yaml", "--refresh", "--detailed-exitcode").code()).isZero();
    }

    @Test
    void aFallbackKilledWhileItReplacesTheBrokenReplicaIsNotPromotedWhenRunAgain() throws Exception {
        sim.breakReplica(WEST, REPLICA, "replication stopped");
        sim.outage(EAST);
        // killed once the restored database is made, before the failover records how it recovered
        Process child = repo.childCaughtAt("aws:rds/instance:Instance metadata: replaced", "failover", "--from", "prod-use1", "--to", "prod-usw2", "--yes");
        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        assertThat(Files.readString(dir.resolve("child.log"))).as("killed during the fallback").contains("metadata: ")
                .doesNotContain("failover complete");

        JsonNode report = failover();
        assertThat(report.get("ok").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("recovery").asText()).as("the restore is finished, not undone by a promotion").isEqualTo("backup");
        assertThat(db(WEST).inputs().get("restoreToPointInTime").toString()).contains("auto-backup");
        assertThat(repo.run("preview", "--stack", "stacks/secondary.yaml", "--refresh", "--detailed-exitcode").code()).isZero();
    }

    @Test
    void aReplicaDeletedBehindLifeboatsBackIsReportedGoneAndTheDatabaseRestored() throws Exception {
        assertThat(sim.deleteBehindBack(WEST, "aws:rds/instance:Instance", REPLICA)).isTrue();
        sim.outage(EAST);
        JsonNode report = failover();
        assertThat(report.get("ok").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("recovery").asText()).isEqualTo("backup");
        assertThat(report.get("notes").toString()).contains("the replica " + REPLICA + " is gone from us-west-2");
        assertThat(db(WEST).inputs().get("restoreToPointInTime").toString()).contains("auto-backup");
    }

    @Test
    void aPlannedSwitchoverStopsThePrimarysSchedulersThenPromotesTheReplica() throws Exception {
        sim.writeRows(EAST, PRIMARY_DB, 9, Instant.now().minusSeconds(5));
        JsonNode report = json(ok("failover", "--from", "prod-use1", "--to", "prod-usw2", "--force", "--yes", "--format", "json"));
        assertThat(report.get("ok").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("recovery").asText()).isEqualTo("replica");
        assertThat(report.get("notes").toString()).contains("planned switchover: prod-use1's schedulers were stopped first");
        assertThat(db(WEST).inputs().get("replicateSourceDb")).isNull();
        assertThat(sim.rows(WEST, REPLICA)).isEqualTo(9);
        assertThat(db(EAST).status()).as("the old primary's region was not touched but by the demotion").isEqualTo("available");
    }

    @Test
    void aReplicaFurtherBehindThanTheSpecAllowsIsNotPromoted() throws Exception {
        sim.setReplicaLag(WEST, REPLICA, Duration.ofMinutes(20));
        sim.outage(EAST);
        JsonNode report = failover();
        assertThat(report.get("recovery").asText()).isEqualTo("backup");
        assertThat(report.get("notes").toString()).contains("was 20m behind its primary, more than the 15m spec.database.replica.maxLag allows");
    }

    @Test
    void aDrillRestoresTheNewestCopyAndSaysWhatAPromotionWouldLoseWithoutPromoting() throws Exception {
        sim.setReplicaLag(WEST, REPLICA, Duration.ofSeconds(3));
        JsonNode drill = json(ok("drill", "--to", "prod-usw2", "--format", "json"));
        assertThat(drill.get("ok").asBoolean()).as(drill.toString()).isTrue();
        assertThat(drill.get("recovery").asText()).as("the drill restores the newest copy").isEqualTo("backup");
        assertThat(drill.get("replicaLagSeconds").asDouble()).isEqualTo(3.0);
        assertThat(drill.get("notes").toString()).contains("a failover now would promote the replica " + REPLICA + ", losing the last 3s");
        assertThat(db(WEST).inputs().string("replicateSourceDb")).as("the live replica is not promoted").isNotNull();
        assertThat(sim.objects(WEST)).noneMatch(o -> o.id().contains("drill"));
    }

    @Test
    void theSimsConsoleWritesRowsAndShapesTheReplicaFromTheCommandLine() {
        assertThat(ok("sim", "write", EAST, PRIMARY_DB, "20").out()).contains("wrote 20 rows into " + PRIMARY_DB + " in us-east-1; it holds 20");
        assertThat(ok("sim", "rows", WEST, REPLICA).out()).contains(REPLICA + " in us-west-2 holds 20 rows");
        Repo.Result intoReplica = repo.run("sim", "write", WEST, REPLICA, "1");
        assertThat(intoReplica.code()).isEqualTo(1);
        assertThat(intoReplica.err()).contains("is a read replica of").contains("takes no writes");
        assertThat(ok("sim", "replica-lag", WEST, REPLICA, "20m").out()).contains("now trails its source by 20m");
        assertThat(repo.run("sim", "replica-lag", WEST, REPLICA, "soon").err()).contains("soon is not a duration");
        assertThat(ok("sim", "break-replica", WEST, REPLICA).out()).contains("no longer replicates: replication stopped");
        assertThat(repo.run("sim", "rows", WEST, "nope").err()).contains("no database 'nope' in us-west-2");
    }

    @Test
    void promotingWhileThePrimaryAnswersIsASwitchoverThatNeedsForce() {
        Repo.Result r = repo.run("failover", "--from", "prod-use1", "--to", "prod-usw2", "--yes");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("answers a read-only probe").contains("--force");
        assertThat(db(WEST).inputs().string("replicateSourceDb")).as("the replica is untouched").isNotNull();
    }

    @Test
    void failbackMakesTheReturningStackAReplicaOfTheNewPrimaryThenPromotesIt() throws Exception {
        sim.outage(EAST);
        failover();
        sim.writeRows(WEST, REPLICA, 7, Instant.now());
        sim.restore(EAST);

        JsonNode back = json(ok("failback", "--stack", "prod-use1", "--yes", "--format", "json"));
        assertThat(back.get("ok").asBoolean()).as(back.toString()).isTrue();
        SimAdmin.ObjectView east = db(EAST);
        assertThat(east.inputs().string("replicateSourceDb")).as("a replica the other way").isEqualTo(db(WEST).outputs().string("arn"));
        assertThat(sim.rows(EAST, PRIMARY_DB)).isEqualTo(7);
        assertThat(back.get("notes").toString()).contains("its database is a live replica of prod-usw2's");

        JsonNode promoted = json(ok("failback", "--stack", "prod-use1", "--promote", "--yes", "--format", "json"));
        assertThat(promoted.get("ok").asBoolean()).as(promoted.toString()).isTrue();
        assertThat(promoted.get("notes").toString()).contains("promoting prod-use1's replica");
        assertThat(db(EAST).inputs().get("replicateSourceDb")).isNull();
        assertThat(sim.rows(EAST, PRIMARY_DB)).isEqualTo(7);
        assertThat(db(WEST).inputs().string("replicateSourceDb")).as("the west is a hot standby again").isEqualTo(db(EAST).outputs().string("arn"));
        assertThat(repo.run("preview", "--all", "--refresh", "--detailed-exitcode").code()).isZero();
    }

    @Test
    void aFailoverKilledDuringThePromotionConvergesWhenRunAgain() throws Exception {
        sim.writeRows(EAST, PRIMARY_DB, 10, Instant.now().minusSeconds(5));
        sim.outage(EAST);
        Process child = repo.childCaughtAt("aws:rds/instance:Instance metadata: updating", "failover", "--from", "prod-use1", "--to", "prod-usw2", "--yes");
        Thread.sleep(200);
        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        assertThat(Files.readString(dir.resolve("child.log"))).as("killed during the promotion").contains("metadata: updating")
                .doesNotContain("failover complete");

        JsonNode report = failover();
        assertThat(report.get("ok").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("recovery").asText()).isEqualTo("replica");
        assertThat(db(WEST).inputs().get("replicateSourceDb")).isNull();
        assertThat(sim.rows(WEST, REPLICA)).isEqualTo(10);
        assertThat(repo.run("preview", "--stack", "stacks/secondary.yaml", "--refresh", "--detailed-exitcode").code()).isZero();
    }
}
