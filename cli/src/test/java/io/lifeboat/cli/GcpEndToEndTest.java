package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lifeboat.providers.sim.SimAdmin;

/** The GCP example pair (examples/gcp: GKE and Cloud SQL, us-central1 and us-east1) end to end on the sim cloud. */
class GcpEndToEndTest extends SimRepoTest {
    static final String CENTRAL = "us-central1";
    static final String EAST = "us-east1";
    static final ObjectMapper JSON = new ObjectMapper();

    @Override
    java.nio.file.Path example() {
        return Repo.PROJECT.resolve("examples/gcp");
    }

    @BeforeEach
    void upBoth() throws Exception {
        repo.ok("up", "--all", "--yes");
    }

    Set<String> types(String region) {
        Set<String> types = new HashSet<>();
        for (SimAdmin.ObjectView o : sim.objects(region)) types.add(o.type());
        return types;
    }

    @Test
    void upMakesThePlatformInBothRegionsAndASecondPreviewFindsNothingToDo() {
        assertThat(types(CENTRAL)).contains("gcp:compute/network:Network", "gcp:compute/subnetwork:Subnetwork",
                "gcp:compute/firewall:Firewall", "gcp:compute/router:Router", "gcp:compute/routerNat:RouterNat",
                "gcp:compute/networkPeering:NetworkPeering", "gcp:container/cluster:Cluster", "gcp:container/nodePool:NodePool",
                "gcp:sql/databaseInstance:DatabaseInstance", "gcp:artifactregistry/repository:Repository",
                "gcp:secretmanager/secret:Secret", "gcp:secretmanager/secretVersion:SecretVersion",
                "gcp:monitoring/notificationChannel:NotificationChannel");
        assertThat(types(EAST)).contains("gcp:container/cluster:Cluster", "gcp:sql/databaseInstance:DatabaseInstance")
                .as("the secondary reads the primary's API keys from their replicas").doesNotContain("gcp:secretmanager/secretVersion:SecretVersion");
        Repo.Result again = repo.run("preview", "--all", "--detailed-exitcode");
        assertThat(again.code()).as(again.all()).isZero();
        Repo.Result refreshed = repo.run("preview", "--all", "--refresh", "--detailed-exitcode");
        assertThat(refreshed.code()).as(refreshed.all()).isZero();
        assertThat(repo.ok("status").out()).contains("gcp-usc1").contains("gcp-use1");
    }

    @Test
    void anOutageOfTheCentralRegionIsRecoveredInTheEastFromTheBackupHeldThere() throws Exception {
        Repo.Result backedUp = repo.ok("backup", "--stack", "stacks/primary.yaml");
        assertThat(backedUp.all()).as("a backup run kept where the failover restores it, with its time")
                .contains("gcp-usc1: copied the database into us-east1; newest copy 20").doesNotContain("older than backup.every");
        sim.outage(CENTRAL);
        Instant before = Instant.now();
        Repo.Result r = repo.ok("failover", "--from", "gcp-usc1", "--to", "gcp-use1", "--yes", "--format", "json");
        JsonNode report = JSON.readTree(r.out().substring(r.out().indexOf('{')));

        assertThat(report.get("ok").asBoolean()).as(r.all()).isTrue();
        Instant backup = Instant.parse(report.get("backupTime").asText());
        assertThat(backup).isBefore(before);
        assertThat(report.get("rpoSeconds").asDouble()).isBetween(0.0, 3600.0);
        assertThat(report.get("actions").toString()).contains("network peering");
        SimAdmin.ObjectView db = sim.objects(EAST).stream()
                .filter(o -> o.type().equals("gcp:sql/databaseInstance:DatabaseInstance")).findFirst().orElseThrow();
        assertThat(db.inputs().get("restoreBackupContext").toString()).contains("gcp-usc1-metadata");
        assertThat(repo.run("preview", "--stack", "stacks/secondary.yaml", "--refresh", "--detailed-exitcode").code())
                .as("the promoted stack is exactly as its spec says").isZero();
        assertThat(repo.run("up", "--stack", "stacks/primary.yaml", "--yes").err()).contains("declared lost");
        assertThat(report.get("lost").toString()).as("the lost stack's spec is read beside its pair").doesNotContain("hand-made change");
        assertThat(report.get("notes").toString()).contains("served from us-east1 with the same key material");
    }

    @Test
    void failbackRebuildsTheLostStackAsSecondaryThenAsPrimaryRestoredFromTheBackupsHeldInItsRegion() throws Exception {
        sim.outage(CENTRAL);
        repo.ok("failover", "--from", "gcp-usc1", "--to", "gcp-use1", "--yes");
        sim.restore(CENTRAL);
        JsonNode back = JSON.readTree(repo.ok("failback", "--stack", "gcp-usc1", "--yes", "--format", "json").out());
        assertThat(back.get("ok").asBoolean()).as(back.toString()).isTrue();
        JsonNode rows = JSON.readTree(repo.ok("status", "--format", "json").out());
        assertThat(rows.get(0).get("role").asText()).isEqualTo("secondary");
        assertThat(rows.get(1).get("role").asText()).isEqualTo("primary");
        SimAdmin.ObjectView eastDb = database(EAST);
        assertThat(eastDb.inputs().at("settings.backupConfiguration.location").reveal().toString())
                .as("the new primary keeps its backups in the returning region").isEqualTo(CENTRAL);
        assertThat(repo.run("preview", "--all", "--refresh", "--detailed-exitcode").code()).isZero();

        Repo.Result promote = repo.run("failback", "--stack", "gcp-usc1", "--promote", "--yes", "--format", "json");
        JsonNode promoted = JSON.readTree(promote.out().substring(promote.out().indexOf('{')));
        assertThat(promoted.get("ok").asBoolean()).as(promote.all()).isTrue();
        rows = JSON.readTree(repo.ok("status", "--format", "json").out());
        assertThat(rows.get(0).get("role").asText()).isEqualTo("primary");
        assertThat(rows.get(1).get("role").asText()).isEqualTo("secondary");
        assertThat(database(CENTRAL).inputs().get("restoreBackupContext").toString())
                .as("the central database came back from the east's backup held in the central region").contains("gcp-use1-metadata");
        assertThat(database(CENTRAL).inputs().at("settings.backupConfiguration.location").reveal().toString()).isEqualTo(EAST);
        assertThat(repo.run("preview", "--all", "--refresh", "--detailed-exitcode").code()).isZero();
    }

    @Test
    void aHandMadeFirewallRuleIsCapturedIntoTheSpecAndMadeInBothRegions() throws Exception {
        String network = sim.objects(CENTRAL).stream().filter(o -> o.type().equals("gcp:compute/network:Network"))
                .filter(o -> o.id().endsWith("/gcp-usc1-net")).findFirst().orElseThrow().outputs().string("selfLink");
        try (io.lifeboat.provider.Provider central = new io.lifeboat.providers.sim.SimProviderFactory(java.util.Map.of())
                .open(new io.lifeboat.provider.ProviderConfig("gcp", CENTRAL, "sim", dir, java.util.Map.of(),
                        io.lifeboat.resource.Props.builder().put("project", "acme-data-prod").put("region", CENTRAL).build()))) {
            central.type("gcp:compute/firewall:Firewall").create(null, io.lifeboat.resource.Props.builder()
                    .put("name", "allow-bastion").put("network", network).put("direction", "INGRESS")
                    .put("sourceRanges", io.lifeboat.resource.PropertyValue.strings(java.util.List.of("192.168.50.0/24")))
                    .put("allows", io.lifeboat.resource.PropertyValue.fromJava(java.util.List.of(java.util.Map.of("protocol", "tcp",
                            "ports", java.util.List.of("22"))))).build(),
                    io.lifeboat.provider.OperationContext.of(new io.lifeboat.resource.Urn("x", "x", "gcp:compute/firewall:Firewall", "by-hand"),
                            java.time.Duration.ofMinutes(1)));
        }
        Repo.Result refreshed = repo.run("preview", "--stack", "gcp-usc1", "--refresh");
        assertThat(refreshed.out()).contains("Made by hand").contains("allow-bastion");
        Repo.Result capture = repo.run("capture", "--stack", "gcp-usc1");
        assertThat(capture.code()).as(capture.all()).isZero();
        assertThat(repo.read("specs/platform.yaml")).contains("gcp:compute/firewall:Firewall").contains("192.168.50.0/24");
        assertThat(repo.run("validate").code()).isZero();
        Repo.Result up = repo.run("up", "--all", "--yes");
        assertThat(up.code()).as(up.all()).isZero();
        assertThat(sim.objects(EAST)).as("the secondary has the rule too")
                .anySatisfy(o -> assertThat(String.valueOf(o.inputs().get("sourceRanges"))).contains("192.168.50.0/24"));
        assertThat(capture.out()).contains("names are unique in the project");
        assertThat(sim.objects(CENTRAL)).extracting(o -> o.inputs().string("name")).contains("gcp-usc1-allow-bastion").doesNotContain("allow-bastion");
        assertThat(sim.objects(EAST)).extracting(o -> o.inputs().string("name")).contains("gcp-use1-allow-bastion");
        Repo.Result settled = repo.run("preview", "--all", "--refresh", "--detailed-exitcode");
        assertThat(settled.code()).as(settled.all()).isZero();
    }

    SimAdmin.ObjectView database(String region) {
        return sim.objects(region).stream().filter(o -> o.type().equals("gcp:sql/databaseInstance:DatabaseInstance")).findFirst().orElseThrow();
    }

    @Test
    void theDrSafetyChecksHoldOnGcpAndARefusalChangesNothing() throws Exception {
        Set<String> before = new HashSet<>();
        for (String region : List.of(CENTRAL, EAST)) for (SimAdmin.ObjectView o : sim.objects(region)) before.add(region + " " + o.id() + " " + o.inputs());
        Repo.Result answers = repo.run("failover", "--from", "gcp-usc1", "--to", "gcp-use1", "--yes");
        assertThat(answers.code()).isNotZero();
        assertThat(answers.err()).contains("us-central1 answers").contains("--force").contains("nothing was changed");
        Repo.Result swapped = repo.run("failover", "--from", "gcp-use1", "--to", "gcp-usc1", "--yes");
        assertThat(swapped.err()).contains("lifeboat failover --from gcp-usc1 --to gcp-use1");
        Repo.Result never = repo.run("failback", "--stack", "gcp-usc1", "--yes");
        assertThat(never.err()).contains("gcp-usc1 was never lost");
        Set<String> after = new HashSet<>();
        for (String region : List.of(CENTRAL, EAST)) for (SimAdmin.ObjectView o : sim.objects(region)) after.add(region + " " + o.id() + " " + o.inputs());
        assertThat(after).isEqualTo(before);
    }

    @Test
    void aDrillLeavesNothingBehind() {
        int before = sim.count(EAST);
        Repo.Result drill = repo.ok("drill", "--to", "gcp-use1");
        assertThat(drill.all()).contains("drill");
        assertThat(sim.count(EAST)).isEqualTo(before);
    }
}
