package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lifeboat.providers.gcp.fake.FakeGcp;

/**
 * The example GCP pair (examples/gcp) on the gcp provider, google-cloud-java's clients against
 * fakes of Google's APIs on 127.0.0.1 (no emulator of Compute, GKE or Cloud SQL runs offline),
 * reached through {@code endpoint:} in the stack files, as {@code AwsEmulatorEndToEndTest} runs
 * the AWS pair on moto: up, a no-change preview (and one that reads every resource back), a
 * failover from us-central1 to us-east1 with the primary's endpoint unreachable, destroy. The
 * deployments' Kubernetes objects go to the sim's Kubernetes: the fakes run no cluster.
 */
class GcpFakesEndToEndTest {
    private static FakeGcp gcp;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startFakes() throws Exception {
        gcp = new FakeGcp();
        // the corporate network the example spec peers with, in its owner's project
        gcp.compute.peerNetwork("acme-corp-network", "corp-net");
        System.setProperty("lifeboat.gcp.pollMillis", "5");
    }

    @AfterAll
    static void stopFakes() throws Exception {
        if (gcp != null) gcp.close();
    }

    @Test
    void theExamplePairRunsUpPreviewFailoverAndDestroyOnTheFakes() throws Exception {
        Repo repo = new Repo(tmp, Repo.PROJECT.resolve("examples/gcp"));
        repo.edit("stacks/primary.yaml", "endpoint: sim", "endpoint: " + gcp.endpoint());
        repo.edit("stacks/secondary.yaml", "endpoint: sim", "endpoint: " + gcp.endpoint());

        repo.ok("up", "--stack", "gcp-usc1", "--yes");
        repo.ok("up", "--stack", "gcp-use1", "--yes");
        Repo.Result preview = repo.run("preview", "--all", "--detailed-exitcode");
        assertThat(preview.code()).as(preview.all()).isZero();
        assertThat(preview.out()).contains("No changes. 46 resources unchanged.").contains("No changes. 41 resources unchanged.");
        // every type read back from the fakes as it was made: no drift, and nothing mistaken for hand-made
        Repo.Result refreshed = repo.run("preview", "--all", "--refresh", "--detailed-exitcode");
        assertThat(refreshed.code()).as(refreshed.all()).isZero();
        assertThat(repo.ok("capture", "--stack", "gcp-usc1").out()).doesNotContain("captured-");

        // Cloud SQL's automated backup, kept in the pair's region, and an on-demand one by lifeboat backup
        gcp.sql.setData("gcp-usc1-metadata", "dag runs 1..41");
        gcp.sql.takeAutomatedBackups(Instant.now());
        gcp.sql.setData("gcp-usc1-metadata", "dag runs 1..42");
        Repo.Result backedUp = repo.ok("backup", "--stack", "stacks/primary.yaml");
        assertThat(backedUp.all()).contains("gcp-usc1: copied the database into us-east1; newest copy 20").doesNotContain("older than backup.every");
        // the primary's region is lost: its endpoint no longer answers
        repo.edit("stacks/primary.yaml", "endpoint: " + gcp.endpoint(), "endpoint: http://127.0.0.1:1");
        Repo.Result failover = repo.ok("failover", "--from", "gcp-usc1", "--to", "gcp-use1", "--yes");
        assertThat(failover.out()).contains("failover complete").contains("updated   gcp:sql/databaseInstance:DatabaseInstance metadata (gcp-use1-metadata)")
                .contains("RPO").contains("the recovery point is within the spec's backup interval")
                .contains("make its side of network peering gcp-use1-peer-corp");
        assertThat(gcp.sql.data("gcp-use1-metadata")).as("the survivor's database holds the primary's newest backup").isEqualTo("dag runs 1..42");
        Repo.Result after = repo.run("preview", "--stack", "gcp-use1", "--detailed-exitcode");
        assertThat(after.code()).as(after.all()).isZero();

        Repo.Result destroy = repo.ok("destroy", "--stack", "gcp-use1", "--yes");
        assertThat(destroy.out()).contains("Resources: - 46 deleted, 0 unchanged");
        assertThat(gcp.sql.json(FakeGcp.PROJECT, "gcp-use1-metadata")).isNull();
        assertThat(gcp.compute.network(FakeGcp.PROJECT, "gcp-use1-net")).isFalse();
        assertThat(gcp.container.json("projects/acme-data-prod/locations/us-east1/clusters/gcp-use1-gke")).isNull();
        // the lost region's objects are left as they were: nothing of gcp-usc1 was touched
        assertThat(gcp.compute.network(FakeGcp.PROJECT, "gcp-usc1-net")).isTrue();
        assertThat(gcp.sql.json(FakeGcp.PROJECT, "gcp-usc1-metadata")).isNotNull();
    }
}
