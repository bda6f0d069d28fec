package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lifeboat.providers.sim.SimAdmin;

/**
 * A hot standby on GCP (examples/gcp), end to end on the sim: the secondary's Cloud SQL instance is
 * a cross-region read replica of the primary's (no backups of its own), which a failover promotes;
 * a broken one is promoted and restored from the newest backup held in its region in one update.
 */
class GcpHotStandbyEndToEndTest extends SimRepoTest {
    static final String CENTRAL = "us-central1";
    static final String EAST = "us-east1";
    static final String PRIMARY_DB = "gcp-usc1-metadata";
    static final String REPLICA = "gcp-use1-metadata";
    static final ObjectMapper JSON = new ObjectMapper();

    @Override
    Path example() {
        return Repo.PROJECT.resolve("examples/gcp");
    }

    @BeforeEach
    void upBoth() throws Exception {
        Path secondary = dir.resolve("stacks/secondary.yaml");
        Files.writeString(secondary, Files.readString(secondary).replace("standby: warm", "standby: hot"));
        repo.ok("up", "--all", "--yes");
    }

    SimAdmin.ObjectView db(String region) {
        return sim.objects(region).stream().filter(o -> o.type().equals("gcp:sql/databaseInstance:DatabaseInstance")).findFirst().orElseThrow();
    }

    JsonNode failover() throws Exception {
        Repo.Result r = repo.ok("failover", "--from", "gcp-usc1", "--to", "gcp-use1", "--yes", "--format", "json");
        return JSON.readTree(r.out().substring(r.out().indexOf('{')));
    }

    @Test
    void upMakesAReplicaWithoutBackupsOfItsOwn() {
        SimAdmin.ObjectView replica = db(EAST);
        assertThat(replica.inputs().string("masterInstanceName")).isEqualTo(PRIMARY_DB);
        assertThat(replica.outputs().string("instanceType")).isEqualTo("READ_REPLICA_INSTANCE");
        assertThat(replica.inputs().get("settings").toString()).contains("backupConfiguration=Obj[props={enabled=false}]");
        assertThat(repo.run("preview", "--all", "--refresh", "--detailed-exitcode").code()).isZero();
    }

    @Test
    void aFailoverPromotesTheReplicaAndASecondChangesNothing() throws Exception {
        sim.writeRows(CENTRAL, PRIMARY_DB, 50, Instant.now().minusSeconds(10));
        sim.outage(CENTRAL);
        JsonNode report = failover();
        assertThat(report.get("ok").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("recovery").asText()).isEqualTo("replica");
        SimAdmin.ObjectView promoted = db(EAST);
        assertThat(promoted.inputs().get("masterInstanceName")).isNull();
        assertThat(promoted.outputs().string("instanceType")).isEqualTo("CLOUD_SQL_INSTANCE");
        assertThat(promoted.inputs().get("settings").toString()).as("its own backups from now on").contains("enabled=true").contains("REGIONAL");
        assertThat(sim.rows(EAST, REPLICA)).isEqualTo(50);
        assertThat(repo.run("preview", "--stack", "stacks/secondary.yaml", "--refresh", "--detailed-exitcode").code()).isZero();

        JsonNode again = failover();
        assertThat(again.get("notes").toString()).contains("already promoted");
        assertThat(sim.rows(EAST, REPLICA)).isEqualTo(50);
    }

    @Test
    void aBrokenReplicaIsPromotedAndRestoredFromTheNewestBackupHeldInItsRegion() throws Exception {
        sim.setReplicaLag(EAST, REPLICA, Duration.ZERO);
        sim.breakReplica(EAST, REPLICA, "replication stopped: the replica's disk is full");
        sim.outage(CENTRAL);
        JsonNode report = failover();
        assertThat(report.get("ok").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("recovery").asText()).isEqualTo("backup");
        assertThat(report.get("notes").toString()).contains("is broken: replication stopped: the replica's disk is full");
        SimAdmin.ObjectView db = db(EAST);
        assertThat(db.inputs().get("masterInstanceName")).isNull();
        assertThat(db.inputs().get("restoreBackupContext").toString()).contains(PRIMARY_DB);
    }

    @Test
    void aFailoverKilledDuringThePromotionConvergesWhenRunAgain() throws Exception {
        sim.writeRows(CENTRAL, PRIMARY_DB, 12, Instant.now().minusSeconds(5));
        sim.outage(CENTRAL);
        Process child = repo.childCaughtAt("gcp:sql/databaseInstance:DatabaseInstance metadata: updating", "failover", "--from", "gcp-usc1", "--to", "gcp-use1", "--yes");
        Thread.sleep(200);
        child.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(Files.readString(dir.resolve("child.log"))).as("killed during the promotion").contains("metadata: updating")
                .doesNotContain("failover complete");

        JsonNode report = failover();
        assertThat(report.get("ok").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("recovery").asText()).isEqualTo("replica");
        assertThat(db(EAST).inputs().get("masterInstanceName")).isNull();
        assertThat(sim.rows(EAST, REPLICA)).isEqualTo(12);
        assertThat(repo.run("preview", "--stack", "stacks/secondary.yaml", "--refresh", "--detailed-exitcode").code()).isZero();
    }

    @Test
    void aFallbackKilledOnceItRestoredIsNotPromotedWhenRunAgain() throws Exception {
        sim.breakReplica(EAST, REPLICA, "replication stopped");
        sim.outage(CENTRAL);
        // killed once the broken replica was promoted and restored into, before the failover records how it recovered
        Process child = repo.childCaughtAt("gcp:sql/databaseInstance:DatabaseInstance metadata: updated", "failover", "--from", "gcp-usc1", "--to", "gcp-use1", "--yes");
        child.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(Files.readString(dir.resolve("child.log"))).doesNotContain("failover complete");

        JsonNode report = failover();
        assertThat(report.get("ok").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("recovery").asText()).isEqualTo("backup");
        assertThat(report.get("notes").toString()).contains("restored a backup into " + REPLICA);
        assertThat(db(EAST).inputs().get("restoreBackupContext").toString()).contains(PRIMARY_DB);
        assertThat(repo.run("preview", "--stack", "stacks/secondary.yaml", "--refresh", "--detailed-exitcode").code()).isZero();
    }

    @Test
    void failbackMakesTheReturningStackAReplicaOfTheNewPrimary() throws Exception {
        sim.outage(CENTRAL);
        failover();
        sim.restore(CENTRAL);
        Repo.Result back = repo.ok("failback", "--stack", "gcp-usc1", "--yes", "--format", "json");
        assertThat(back.out()).contains("\"ok\" : true");
        assertThat(db(CENTRAL).inputs().string("masterInstanceName")).isEqualTo(REPLICA);
        assertThat(repo.run("preview", "--all", "--refresh", "--detailed-exitcode").code()).isZero();
    }
}
