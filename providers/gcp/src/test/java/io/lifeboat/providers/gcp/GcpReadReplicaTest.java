package io.lifeboat.providers.gcp;

import static io.lifeboat.providers.gcp.GcpFakes.ctx;
import static io.lifeboat.providers.gcp.GcpFakes.make;
import static io.lifeboat.providers.gcp.GcpFakes.urn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.lifeboat.program.gcp.GcpSchemas;
import io.lifeboat.provider.HoldsReplicas;
import io.lifeboat.provider.KeepsBackups;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.provider.TakesBackups;
import io.lifeboat.providers.gcp.fake.FakeGcp;
import io.lifeboat.providers.gcp.fake.GoogleError;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/**
 * A hot standby's Cloud SQL read replica: made by the secondary region's provider from the
 * primary's instance in the other region, read, asked as {@link HoldsReplicas} (its state and its
 * lag from Cloud Monitoring), and promoted by the update that removes {@code masterInstanceName}.
 */
class GcpReadReplicaTest {
    private static final String PRIMARY = "gcp-usc1-metadata";
    private static final String REPLICA = "gcp-use1-metadata";
    private static final String LAG = DatabaseInstanceType.REPLICA_LAG;

    private GcpFakes fakes;
    private GcpProvider central;
    private GcpProvider east;
    private String network;
    private ResourceType.Created primary;

    @BeforeEach
    void start() throws Exception {
        fakes = new GcpFakes();
        fakes.sql.pollsUntilDone(2);
        central = fakes.provider("us-central1");
        east = fakes.provider("us-east1");
        network = make(central, GcpSchemas.NETWORK, "vpc", Props.builder().put("name", "net").put("autoCreateSubnetworks", false).build())
                .outputs().string("selfLink");
        make(central, GcpSchemas.GLOBAL_ADDRESS, "range", Props.builder().put("name", "services-range").put("purpose", "VPC_PEERING")
                .put("addressType", "INTERNAL").put("prefixLength", 16).put("network", network).build());
        make(central, GcpSchemas.SERVICE_CONNECTION, "access", Props.builder().put("network", network).put("service", "servicenetworking.googleapis.com")
                .put("reservedPeeringRanges", PropertyValue.strings(List.of("services-range"))).build());
        primary = make(central, GcpSchemas.DATABASE_INSTANCE, "primary", primary());
        fakes.sql.setData(PRIMARY, "rows-1..100");
    }

    @AfterEach
    void stop() throws Exception {
        central.close();
        east.close();
        fakes.close();
    }

    private Map<String, Object> settings(String availability, Map<String, Object> backups) {
        return Map.of("tier", "db-custom-4-16384", "edition", "ENTERPRISE", "availabilityType", availability, "diskSize", 100,
                "ipConfiguration", Map.of("ipv4Enabled", false, "privateNetwork", network), "userLabels", Map.of("lifeboat-stack", "gcp-use1"),
                "backupConfiguration", backups);
    }

    private static Map<String, Object> fullBackups(String location) {
        return Map.of("enabled", true, "location", location, "pointInTimeRecoveryEnabled", true, "transactionLogRetentionDays", 7,
                "backupRetentionSettings", Map.of("retainedBackups", 7, "retentionUnit", "COUNT"));
    }

    private Props primary() {
        return Props.builder().put("name", PRIMARY).put("region", "us-central1").put("databaseVersion", "POSTGRES_15").put("deletionProtection", false)
                .put("settings", PropertyValue.fromJava(settings("REGIONAL", fullBackups("us-east1")))).build();
    }

    /** The hot secondary's goal, as the engine's program registers it. */
    private Props replica() {
        return Props.builder().put("name", REPLICA).put("region", "us-east1").put("databaseVersion", "POSTGRES_15").put("masterInstanceName", PRIMARY)
                .put("deletionProtection", false).put("settings", PropertyValue.fromJava(settings("ZONAL", Map.of("enabled", false)))).build();
    }

    /** The same goal after a failover: no masterInstanceName, highly available, the full backups. */
    private Props promoted() {
        return replica().without("masterInstanceName").with("settings", PropertyValue.fromJava(settings("REGIONAL", fullBackups("us-central1"))));
    }

    private ResourceType replicas() {
        return east.type(GcpSchemas.DATABASE_INSTANCE);
    }

    private ResourceType.Created makeReplica() throws ProviderException {
        Urn urn = urn(GcpSchemas.DATABASE_INSTANCE, "standby");
        return replicas().create(urn, replica(), ctx(urn));
    }

    private HoldsReplicas.Replica asked() throws ProviderException {
        return ((HoldsReplicas) replicas()).replica(REPLICA, Props.EMPTY, ctx(null)).orElseThrow();
    }

    private List<String> requests(String method, String pathPart) {
        return fakes.apis.requests().stream().filter(r -> r.startsWith(method + " ") && r.contains(pathPart)).toList();
    }

    @Test
    void aReplicaOfThePrimaryIsMadeInTheSecondaryRegionAndReadsAsOne() throws Exception {
        ResourceType.Created r = makeReplica();
        assertThat(r.id()).isEqualTo(REPLICA);
        assertThat(r.outputs().string("state")).isEqualTo("RUNNABLE");
        assertThat(r.outputs().string("instanceType")).isEqualTo("READ_REPLICA_INSTANCE");
        assertThat(r.outputs().string("masterInstanceName")).isEqualTo(PRIMARY);
        assertThat(r.outputs().string("connectionName")).isEqualTo(FakeGcp.PROJECT + ":us-east1:" + REPLICA);
        assertThat(r.outputs().string("privateIpAddress")).isNotBlank();
        assertThat(replicas().read(r.id(), replica(), r.outputs(), ctx(null)).orElseThrow().inputs()).isEqualTo(replica());
        assertThat(primary.outputs().string("instanceType")).isEqualTo("CLOUD_SQL_INSTANCE");

        JsonNode insert = fakes.sql.json(FakeGcp.PROJECT, REPLICA);
        assertThat(insert.path("settings").path("backupConfiguration").path("enabled").asBoolean()).isFalse();
        assertThat(fakes.sql.json(FakeGcp.PROJECT, PRIMARY).path("replicaNames")).extracting(JsonNode::asText).containsExactly(REPLICA);
        assertThat(fakes.sql.data(REPLICA)).isEqualTo("rows-1..100");
        fakes.sql.setData(PRIMARY, "rows-1..200");
        assertThat(fakes.sql.data(REPLICA)).as("it replicates").isEqualTo("rows-1..200");

        // found again after a crash by its mark, as any instance
        assertThat(replicas().findByUrn(urn(GcpSchemas.DATABASE_INSTANCE, "standby"), replica(), ctx(null)).orElseThrow().id()).isEqualTo(REPLICA);
        // and a read replica takes no on-demand backup
        assertThatThrownBy(() -> ((TakesBackups) replicas()).backupNow(REPLICA, replica(), ctx(null)))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo("ReplicaBackups"));
    }

    @Test
    void theReplicaSaysItsSourceAndTheNewestLagOfTheLastFifteenMinutes() throws Exception {
        makeReplica();
        HoldsReplicas.Replica none = asked();
        assertThat(none.source()).isEqualTo(PRIMARY);
        assertThat(none.promoted()).isFalse();
        assertThat(none.replicating()).isTrue();
        assertThat(none.problem()).isNull();
        assertThat(none.lag()).as("no point yet").isNull();

        Instant now = Instant.now();
        String database = FakeGcp.PROJECT + ":" + REPLICA;
        fakes.timeSeries.point(LAG, database, now.minus(Duration.ofMinutes(20)), 99.0);
        fakes.timeSeries.point(LAG, database, now.minus(Duration.ofMinutes(5)), 4.0);
        fakes.timeSeries.point(LAG, database, now.minus(Duration.ofMinutes(1)), 1.25);
        fakes.timeSeries.point(LAG, FakeGcp.PROJECT + ":someone-else", now.minus(Duration.ofSeconds(30)), 600.0);
        HoldsReplicas.Replica measured = asked();
        assertThat(measured.lag()).isEqualTo(Duration.ofMillis(1250));
        assertThat(measured.replicating()).isTrue();
        assertThat(requests("GET", "/v3/projects/" + FakeGcp.PROJECT + "/timeSeries")).last().asString()
                .contains("database_id").contains("interval.startTime=").contains("interval.endTime=");

        // Monitoring failing says nothing of the replication: no lag, still replicating
        fakes.apis.failNext("GET", "/v3/projects/.*/timeSeries", 1, GoogleError.unavailable());
        HoldsReplicas.Replica unmeasured = asked();
        assertThat(unmeasured.lag()).isNull();
        assertThat(unmeasured.replicating()).isTrue();
        assertThat(unmeasured.problem()).isNull();
        fakes.apis.failNext("GET", "/v3/projects/.*/timeSeries", 1, GoogleError.permission("Permission monitoring.timeSeries.list denied"));
        assertThat(asked().replicating()).isTrue();

        // its primary's region lost (the primary gone): the replica still answers, replicating as far as it knows
        central.type(GcpSchemas.DATABASE_INSTANCE).delete(primary.id(), primary.outputs(), ctx(null));
        assertThat(asked().replicating()).isTrue();
        assertThat(asked().source()).isEqualTo(PRIMARY);
    }

    @Test
    void aBrokenReplicaSaysWhyInTheApisWords() throws Exception {
        makeReplica();
        fakes.sql.setState(REPLICA, "FAILED", null);
        HoldsReplicas.Replica failed = asked();
        assertThat(failed.replicating()).isFalse();
        assertThat(failed.problem()).startsWith("FAILED: ").contains("fatal error");
        assertThat(failed.source()).isEqualTo(PRIMARY);

        fakes.sql.setState(REPLICA, "SUSPENDED", "BILLING_ISSUE");
        assertThat(asked().replicating()).isFalse();
        assertThat(asked().problem()).startsWith("SUSPENDED: ").contains("BILLING_ISSUE");

        fakes.sql.setState(REPLICA, "RUNNABLE", null);
        assertThat(asked().replicating()).isTrue();
        fakes.sql.stopReplication(REPLICA);
        assertThat(asked().replicating()).isFalse();
        assertThat(asked().problem()).contains("replication is stopped").contains("databaseReplicationEnabled");
    }

    @Test
    void aMissingReplicaIsEmpty() throws Exception {
        assertThat(((HoldsReplicas) replicas()).replica("gcp-use1-nothing", Props.EMPTY, ctx(null))).isEmpty();
    }

    @Test
    void removingMasterInstanceNamePromotesTheReplicaThenPatchesItsBackupsAndAvailability() throws Exception {
        ResourceType.Created r = makeReplica();
        fakes.sql.setData(PRIMARY, "rows-1..300");
        Urn urn = urn(GcpSchemas.DATABASE_INSTANCE, "standby");
        Props out = replicas().update(r.id(), r.outputs(), promoted(), ctx(urn));

        assertThat(out.string("instanceType")).isEqualTo("CLOUD_SQL_INSTANCE");
        assertThat(out.get("masterInstanceName")).isIn(null, PropertyValue.NULL);
        assertThat(out.string("state")).isEqualTo("RUNNABLE");
        JsonNode now = fakes.sql.json(FakeGcp.PROJECT, REPLICA);
        assertThat(now.has("masterInstanceName")).isFalse();
        assertThat(now.path("settings").path("availabilityType").asText()).isEqualTo("REGIONAL");
        JsonNode backups = now.path("settings").path("backupConfiguration");
        assertThat(backups.path("enabled").asBoolean()).isTrue();
        assertThat(backups.path("pointInTimeRecoveryEnabled").asBoolean()).isTrue();
        assertThat(backups.path("location").asText()).isEqualTo("us-central1");
        assertThat(backups.path("transactionLogRetentionDays").asInt()).isEqualTo(7);
        assertThat(fakes.sql.json(FakeGcp.PROJECT, PRIMARY).has("replicaNames")).isFalse();
        assertThat(fakes.sql.data(REPLICA)).as("what it had replicated").isEqualTo("rows-1..300");
        assertThat(replicas().read(REPLICA, promoted(), out, ctx(null)).orElseThrow().inputs()).isEqualTo(promoted());

        // the promotion came first, the patch after it (google-http-client sends PATCH as a POST with X-HTTP-Method-Override)
        List<String> calls = fakes.apis.requests().stream().filter(c -> c.startsWith("POST ")
                && (c.endsWith("/instances/" + REPLICA + "/promoteReplica") || c.endsWith("/instances/" + REPLICA))).toList();
        assertThat(calls).containsExactly("POST /v1/projects/" + FakeGcp.PROJECT + "/instances/" + REPLICA + "/promoteReplica",
                "POST /v1/projects/" + FakeGcp.PROJECT + "/instances/" + REPLICA);

        HoldsReplicas.Replica promotedNow = asked();
        assertThat(promotedNow.promoted()).isTrue();
        assertThat(promotedNow.replicating()).isFalse();
        assertThat(promotedNow.problem()).isNull();
        assertThat(promotedNow.lag()).isNull();
        // a primary now: it backs up
        assertThat(((TakesBackups) replicas()).backupNow(REPLICA, promoted(), ctx(urn)).string("latestBackupTime")).isNotBlank();
    }

    @Test
    void thePromotionRunAgainPromotesNothingAndSucceeds() throws Exception {
        ResourceType.Created r = makeReplica();
        Urn urn = urn(GcpSchemas.DATABASE_INSTANCE, "standby");
        Props first = replicas().update(r.id(), r.outputs(), promoted(), ctx(urn));
        // as after a crash before the outputs were recorded: the same old outputs, the same goal
        Props again = replicas().update(r.id(), r.outputs(), promoted(), ctx(urn));
        // and once more from the recorded outputs
        Props recorded = replicas().update(r.id(), first, promoted(), ctx(urn));
        assertThat(requests("POST", "/promoteReplica")).hasSize(1);
        assertThat(again.string("instanceType")).isEqualTo("CLOUD_SQL_INSTANCE");
        assertThat(recorded.string("instanceType")).isEqualTo("CLOUD_SQL_INSTANCE");
        assertThat(again.get("settings")).isEqualTo(first.get("settings"));
    }

    @Test
    void aPromotionWhoseAnswerWasLostIsWaitedForAndNotRepeated() throws Exception {
        ResourceType.Created r = makeReplica();
        Urn urn = urn(GcpSchemas.DATABASE_INSTANCE, "standby");
        fakes.apis.loseAnswerOfNext("POST", "/v1/projects/" + FakeGcp.PROJECT + "/instances/" + REPLICA + "/promoteReplica");
        assertThatThrownBy(() -> replicas().update(r.id(), r.outputs(), promoted(), ctx(urn)))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.retryable()).isTrue());
        Props out = replicas().update(r.id(), r.outputs(), promoted(), ctx(urn));
        assertThat(out.string("instanceType")).isEqualTo("CLOUD_SQL_INSTANCE");
        assertThat(requests("POST", "/promoteReplica")).hasSize(1);
        assertThat(fakes.sql.json(FakeGcp.PROJECT, REPLICA).path("settings").path("backupConfiguration").path("enabled").asBoolean()).isTrue();
    }

    @Test
    void aFallbackFromABrokenReplicaPromotesItThenRestoresTheBackupIntoIt() throws Exception {
        ResourceType.Created r = makeReplica();
        Props backedUp = ((TakesBackups) central.type(GcpSchemas.DATABASE_INSTANCE)).backupNow(PRIMARY, primary(), ctx(null));
        assertThat(backedUp.string("latestBackupTime")).isNotBlank();
        KeepsBackups.Backup newest = ((KeepsBackups) replicas()).newestBackup(PRIMARY, ctx(null)).orElseThrow();
        fakes.sql.stopReplication(REPLICA);
        fakes.sql.setData(PRIMARY, "rows-1..999 (never replicated)");
        assertThat(asked().replicating()).isFalse();

        int slash = newest.name().lastIndexOf('/');
        Props fallback = promoted().with("restoreBackupContext", PropertyValue.fromJava(Map.of("instanceId", PRIMARY,
                "backupRunId", Long.parseLong(newest.name().substring(slash + 1)), "project", FakeGcp.PROJECT)));
        Urn urn = urn(GcpSchemas.DATABASE_INSTANCE, "standby");
        Props out = replicas().update(r.id(), r.outputs(), fallback, ctx(urn));
        assertThat(out.string("instanceType")).isEqualTo("CLOUD_SQL_INSTANCE");
        assertThat(fakes.sql.data(REPLICA)).isEqualTo("rows-1..100");
        List<String> calls = fakes.apis.requests().stream().filter(c -> c.endsWith("/promoteReplica") || c.endsWith("/restoreBackup")).toList();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0)).endsWith("/promoteReplica");
        assertThat(calls.get(1)).endsWith("/instances/" + REPLICA + "/restoreBackup");
    }

    @Test
    void aReplicaWithBackupsOrARestoreOrWithoutItsMasterIsRefusedBeforeAnyInsert() throws Exception {
        Urn urn = urn(GcpSchemas.DATABASE_INSTANCE, "standby");
        Props withBackups = replica().with("settings", PropertyValue.fromJava(settings("ZONAL", fullBackups("us-central1"))));
        assertThatThrownBy(() -> replicas().create(urn, withBackups, ctx(urn)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_INPUT);
                    assertThat(e.code()).isEqualTo("ReplicaBackups");
                    assertThat(e.getMessage()).contains("read replica of " + PRIMARY).contains("backupConfiguration.enabled");
                });
        Props withPitr = replica().with("settings", PropertyValue.fromJava(settings("ZONAL", Map.of("enabled", false, "pointInTimeRecoveryEnabled", true))));
        assertThatThrownBy(() -> replicas().create(urn, withPitr, ctx(urn)))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo("ReplicaBackups"));
        Props withRestore = replica().with("restoreBackupContext", PropertyValue.fromJava(Map.of("instanceId", PRIMARY, "backupRunId", 1)));
        assertThatThrownBy(() -> replicas().create(urn, withRestore, ctx(urn)))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo("ReplicaRestore"));
        assertThatThrownBy(() -> replicas().create(urn, replica().with("masterInstanceName", PropertyValue.of("gcp-usc1-nothing")), ctx(urn)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_INPUT);
                    assertThat(e.code()).isEqualTo("MasterNotFound");
                    assertThat(e.getMessage()).contains("gcp-usc1-nothing").contains(FakeGcp.PROJECT);
                });
        assertThat(requests("POST", "/v1/projects/" + FakeGcp.PROJECT + "/instances").stream().filter(c -> c.endsWith("/instances")))
                .as("only the primary's insert").hasSize(1);

        // a replica of a replica
        ResourceType.Created r = makeReplica();
        Urn second = urn(GcpSchemas.DATABASE_INSTANCE, "second");
        assertThatThrownBy(() -> replicas().create(second, replica().with("name", PropertyValue.of("gcp-use1-second"))
                .with("masterInstanceName", PropertyValue.of(r.id())), ctx(second)))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo("MasterIsReplica"));
        // and a change that keeps it a replica may not turn its backups on
        assertThatThrownBy(() -> replicas().update(r.id(), r.outputs(), withBackups, ctx(urn)))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo("ReplicaBackups"));
    }

    @Test
    void theApiRefusesAReplicaWithBackupsToo() throws Exception {
        // what the provider refuses before calling, the API refuses as well (the fake checks it as the reference says)
        com.google.api.services.sqladmin.model.DatabaseInstance instance = new com.google.api.services.sqladmin.model.DatabaseInstance()
                .setName(REPLICA).setRegion("us-east1").setMasterInstanceName(PRIMARY).setSettings(new com.google.api.services.sqladmin.model.Settings()
                        .setTier("db-custom-4-16384").setBackupConfiguration(new com.google.api.services.sqladmin.model.BackupConfiguration().setEnabled(true)));
        GcpClients clients = new GcpClients(new GcpSettings(FakeGcp.PROJECT, "us-east1", java.net.URI.create(fakes.endpoint()), Duration.ofMillis(5),
                Duration.ofSeconds(1)));
        try (clients) {
            assertThatThrownBy(() -> GcpCall.run("instances.insert " + REPLICA, () -> clients.sql().instances().insert(FakeGcp.PROJECT, instance).execute()))
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_INPUT);
                        assertThat(e.getMessage()).contains("backups are not supported on a read replica");
                    });
        }
    }
}
