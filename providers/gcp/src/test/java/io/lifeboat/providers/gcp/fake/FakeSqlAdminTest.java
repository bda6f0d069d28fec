package io.lifeboat.providers.gcp.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.sqladmin.SQLAdmin;
import com.google.api.services.sqladmin.model.BackupConfiguration;
import com.google.api.services.sqladmin.model.BackupRetentionSettings;
import com.google.api.services.sqladmin.model.BackupRun;
import com.google.api.services.sqladmin.model.DatabaseInstance;
import com.google.api.services.sqladmin.model.InstancesRestoreBackupRequest;
import com.google.api.services.sqladmin.model.IpConfiguration;
import com.google.api.services.sqladmin.model.IpMapping;
import com.google.api.services.sqladmin.model.Operation;
import com.google.api.services.sqladmin.model.RestoreBackupContext;
import com.google.api.services.sqladmin.model.Settings;

/** {@link FakeSqlAdmin} driven by google-api-services-sqladmin with its root URL on the fake. */
class FakeSqlAdminTest {
    private static final String P = "p1";

    /** The project's networks: "vpc" with private services access, "bare" without; every use recorded. */
    static final class StubNetworks implements FakeNetworks {
        final List<String> uses = new ArrayList<>();

        @Override
        public boolean network(String project, String name) {
            return name.equals("vpc") || name.equals("bare");
        }

        @Override
        public boolean subnetwork(String project, String region, String name) {
            return false;
        }

        @Override
        public boolean privateServicesConnected(String project, String network) {
            return network.equals("vpc");
        }

        @Override
        public void use(String project, String network, String user, boolean used) {
            uses.add(project + "/" + network + " " + user + " " + used);
        }
    }

    private FakeGoogleApis apis;
    private FakeSqlAdmin fake;
    private StubNetworks networks;
    private SQLAdmin sql;

    @BeforeEach
    void start() throws Exception {
        networks = new StubNetworks();
        fake = new FakeSqlAdmin(networks);
        apis = new FakeGoogleApis().serve(fake);
        sql = new SQLAdmin.Builder(new NetHttpTransport(), GsonFactory.getDefaultInstance(), null)
                .setRootUrl(apis.endpoint() + "/")
                .setApplicationName("lifeboat-test")
                .build();
    }

    @AfterEach
    void stop() {
        apis.close();
    }

    private static DatabaseInstance postgres(String name) {
        return new DatabaseInstance().setName(name).setDatabaseVersion("POSTGRES_15").setRegion("europe-west1")
                .setSettings(new Settings().setTier("db-custom-2-7680"));
    }

    private Operation insert(DatabaseInstance instance) throws Exception {
        return sql.instances().insert(P, instance).execute();
    }

    private Operation poll(Operation op) throws Exception {
        return sql.operations().get(P, op.getName()).execute();
    }

    private DatabaseInstance get(String name) throws Exception {
        return sql.instances().get(P, name).execute();
    }

    private DatabaseInstance running(DatabaseInstance instance) throws Exception {
        assertThat(poll(insert(instance)).getStatus()).isEqualTo("DONE");
        return get(instance.getName());
    }

    /** A refusal as {@code "CODE reason: message"}, as GoogleJsonResponseException gives Google's error. */
    private static String refusal(ThrowingCallable call) {
        Throwable e = catchThrowable(call);
        assertThat(e).isInstanceOf(GoogleJsonResponseException.class);
        GoogleJsonResponseException g = (GoogleJsonResponseException) e;
        return g.getStatusCode() + " " + g.getDetails().getErrors().get(0).getReason() + ": " + g.getDetails().getMessage();
    }

    @Test
    void anInstanceIsPendingCreateUntilItsOperationIsDoneThenRunnable() throws Exception {
        Operation op = insert(postgres("orders").setSettings(new Settings().setTier("db-custom-2-7680")
                .setUserLabels(Map.of("team", "dr"))));
        assertThat(op.getKind()).isEqualTo("sql#operation");
        assertThat(op.getOperationType()).isEqualTo("CREATE");
        assertThat(op.getStatus()).isEqualTo("RUNNING");
        assertThat(op.getTargetId()).isEqualTo("orders");
        assertThat(op.getTargetProject()).isEqualTo(P);
        assertThat(op.getTargetLink()).isEqualTo("https://sqladmin.googleapis.com/v1/projects/p1/instances/orders");
        assertThat(op.getInsertTime()).isNotEmpty();
        assertThat(get("orders").getState()).isEqualTo("PENDING_CREATE");

        Operation done = poll(op);
        assertThat(done.getStatus()).isEqualTo("DONE");
        assertThat(done.getEndTime()).isNotEmpty();
        assertThat(done.getError()).isNull();
        DatabaseInstance orders = get("orders");
        assertThat(orders.getState()).isEqualTo("RUNNABLE");
        assertThat(orders.getConnectionName()).isEqualTo("p1:europe-west1:orders");
        assertThat(orders.getIpAddresses()).extracting(IpMapping::getType).contains("PRIMARY");
        assertThat(orders.getServiceAccountEmailAddress()).endsWith("@gcp-sa-cloud-sql.iam.gserviceaccount.com");
        assertThat(orders.getSelfLink()).isEqualTo(op.getTargetLink());
        assertThat(orders.getSettings().getSettingsVersion()).isEqualTo(1L);
        assertThat(orders.getSettings().getEdition()).isEqualTo("ENTERPRISE");
        assertThat(orders.getSettings().getUserLabels()).containsEntry("team", "dr");
        assertThat(orders.getGceZone()).startsWith("europe-west1-");
        assertThat(orders.getCreateTime()).isNotEmpty();
        assertThat(orders.getDatabaseInstalledVersion()).startsWith("POSTGRES_15_");
        assertThat(sql.instances().list(P).execute().getItems()).extracting(DatabaseInstance::getName).containsExactly("orders");
        assertThat(fake.json(P, "orders").path("state").asText()).isEqualTo("RUNNABLE");
    }

    @Test
    void aPrivateAddressNeedsPrivateServicesAccessAndUsesTheNetwork() throws Exception {
        DatabaseInstance connected = postgres("private").setSettings(new Settings().setTier("db-custom-2-7680")
                .setIpConfiguration(new IpConfiguration().setIpv4Enabled(false).setPrivateNetwork("projects/p1/global/networks/vpc")));
        DatabaseInstance up = running(connected);
        assertThat(up.getIpAddresses()).extracting(IpMapping::getType).containsExactly("PRIVATE");
        assertThat(networks.uses).containsExactly("p1/vpc sql:private true");

        Operation failing = insert(postgres("stranded").setSettings(new Settings().setTier("db-custom-2-7680")
                .setIpConfiguration(new IpConfiguration().setIpv4Enabled(false).setPrivateNetwork("projects/p1/global/networks/bare"))));
        Operation failed = poll(failing);
        assertThat(failed.getStatus()).isEqualTo("DONE");
        assertThat(failed.getError().getErrors().get(0).getMessage())
                .startsWith("Failed to create subnetwork. Please create Service Networking connection with service 'servicenetworking.googleapis.com'");
        assertThat(get("stranded").getState()).isEqualTo("FAILED");
        assertThat(networks.uses).endsWith("p1/bare sql:stranded true", "p1/bare sql:stranded false");

        assertThat(refusal(() -> insert(postgres("nowhere").setSettings(new Settings().setTier("db-custom-2-7680")
                .setIpConfiguration(new IpConfiguration().setIpv4Enabled(false))))))
                .startsWith("400 invalid: Invalid request: At least one of Public IP or Private IP or PSC connectivity must be enabled.");
    }

    @Test
    void anInsertIsRefusedAsCloudSqlRefusesIt() throws Exception {
        insert(postgres("orders"));
        assertThat(refusal(() -> insert(postgres("orders")))).isEqualTo("409 instanceAlreadyExists: The Cloud SQL instance already exists.");
        assertThat(refusal(() -> insert(postgres("Orders_1")))).isEqualTo("400 invalid: Invalid request: instance name (Orders_1).");
        assertThat(refusal(() -> insert(postgres("x" + "y".repeat(98))))).startsWith("400 invalid: Invalid request: instance name");
        assertThat(refusal(() -> insert(postgres("v").setDatabaseVersion("POSTGRES_99")))).startsWith("400 invalid: Invalid value at 'body.database_version'");
        assertThat(refusal(() -> insert(postgres("r").setRegion("europe-west1-b")))).startsWith("400 invalid: Invalid request: region");
        assertThat(refusal(() -> insert(postgres("t").setSettings(new Settings())))).startsWith("400 required: ");
        assertThat(refusal(() -> insert(postgres("t").setSettings(new Settings().setTier("db-custom-3-7680"))))).contains("Invalid Tier (db-custom-3-7680)");
        assertThat(refusal(() -> insert(postgres("t").setSettings(new Settings().setTier("db-custom-2-2048"))))).contains("Invalid Tier (db-custom-2-2048)");
        assertThat(refusal(() -> insert(postgres("t").setSettings(new Settings().setTier("db-custom-1-7680"))))).contains("Invalid Tier (db-custom-1-7680)");
        assertThat(refusal(() -> insert(postgres("t").setSettings(new Settings().setTier("db-n1-standard-2")))))
                .contains("Only custom or shared-core instance Billing Tier type allowed for PostgreSQL database.");
        assertThat(refusal(() -> insert(postgres("t").setDatabaseVersion("POSTGRES_16"))))
                .contains("Invalid Tier (db-custom-2-7680) for (ENTERPRISE_PLUS) Edition. Use a predefined Tier like db-perf-optimized-N-* instead.");
        assertThat(refusal(() -> insert(postgres("t").setSettings(new Settings().setTier("db-g1-small").setUserLabels(Map.of("Team", "x"))))))
                .contains("user_labels");
        assertThat(refusal(() -> insert(postgres("t").setSettings(new Settings().setTier("db-g1-small")
                .setBackupConfiguration(new BackupConfiguration().setEnabled(false).setPointInTimeRecoveryEnabled(true))))))
                .contains("point-in-time recovery needs backups enabled");
        assertThat(refusal(() -> get("missing"))).isEqualTo("404 instanceDoesNotExist: The Cloud SQL instance does not exist.");

        Operation plus = insert(postgres("plus").setDatabaseVersion("POSTGRES_16").setSettings(new Settings().setTier("db-perf-optimized-N-2")));
        poll(plus);
        assertThat(get("plus").getSettings().getEdition()).isEqualTo("ENTERPRISE_PLUS");
        poll(insert(postgres("small").setDatabaseVersion("MYSQL_8_0").setSettings(new Settings().setTier("db-f1-micro"))));
        assertThat(get("small").getState()).isEqualTo("RUNNABLE");
    }

    @Test
    void oneOperationAtATimeAndUpdatesNeedTheCurrentSettingsVersion() throws Exception {
        Operation create = insert(postgres("orders"));
        assertThat(refusal(() -> sql.instances().patch(P, "orders", new DatabaseInstance()
                .setSettings(new Settings().setUserLabels(Map.of("env", "prod")))).execute()))
                .startsWith("409 operationInProgress: Operation failed because another operation was already in progress.");
        poll(create);

        Operation patch = sql.instances().patch(P, "orders", new DatabaseInstance()
                .setSettings(new Settings().setUserLabels(Map.of("env", "prod")))).execute();
        assertThat(patch.getOperationType()).isEqualTo("UPDATE");
        assertThat(get("orders").getSettings().getUserLabels()).isNull();
        poll(patch);
        DatabaseInstance patched = get("orders");
        assertThat(patched.getSettings().getUserLabels()).containsEntry("env", "prod");
        assertThat(patched.getSettings().getTier()).isEqualTo("db-custom-2-7680");
        assertThat(patched.getSettings().getSettingsVersion()).isEqualTo(2L);

        Settings replacement = new Settings().setTier("db-custom-4-15360");
        assertThat(refusal(() -> sql.instances().update(P, "orders", new DatabaseInstance().setSettings(replacement)).execute()))
                .startsWith("400 required: ");
        assertThat(refusal(() -> sql.instances().update(P, "orders", new DatabaseInstance()
                .setSettings(replacement.clone().setSettingsVersion(1L))).execute())).startsWith("412 staleData: ");
        poll(sql.instances().update(P, "orders", new DatabaseInstance().setSettings(replacement.clone().setSettingsVersion(2L))).execute());
        DatabaseInstance updated = get("orders");
        assertThat(updated.getSettings().getTier()).isEqualTo("db-custom-4-15360");
        assertThat(updated.getSettings().getUserLabels()).isNull();
        assertThat(updated.getSettings().getSettingsVersion()).isEqualTo(3L);
    }

    @Test
    void aProtectedInstanceIsNotDeletedAndADeletedNameIsTakenForAWeek() throws Exception {
        Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
        fake.clock(Clock.fixed(t0, ZoneOffset.UTC));
        running(postgres("orders").setSettings(new Settings().setTier("db-custom-2-7680").setDeletionProtectionEnabled(true)));
        assertThat(refusal(() -> sql.instances().delete(P, "orders").execute()))
                .startsWith("400 invalid: The instance is protected. Please disable the deletion protection and try again.");
        poll(sql.instances().patch(P, "orders", new DatabaseInstance().setSettings(new Settings().setDeletionProtectionEnabled(false))).execute());

        Operation delete = sql.instances().delete(P, "orders").execute();
        assertThat(delete.getOperationType()).isEqualTo("DELETE");
        assertThat(get("orders").getState()).isEqualTo("PENDING_DELETE");
        poll(delete);
        assertThat(refusal(() -> get("orders"))).startsWith("404 instanceDoesNotExist");

        fake.clock(Clock.fixed(t0.plus(Duration.ofDays(6)), ZoneOffset.UTC));
        assertThat(refusal(() -> insert(postgres("orders"))))
                .isEqualTo("409 instanceAlreadyExists: The Cloud SQL instance already exists. When you delete an instance, you can't"
                        + " reuse the name of the deleted instance until one week from the deletion date.");
        fake.clock(Clock.fixed(t0.plus(Duration.ofDays(8)), ZoneOffset.UTC));
        assertThat(insert(postgres("orders")).getOperationType()).isEqualTo("CREATE");
    }

    @Test
    void backupRunsAutomatedAndOnDemandAreListedNewestFirstAndRetentionKeepsTheNewest() throws Exception {
        running(postgres("orders").setSettings(new Settings().setTier("db-custom-2-7680").setBackupConfiguration(new BackupConfiguration()
                .setEnabled(true).setStartTime("02:00").setLocation("eu").setPointInTimeRecoveryEnabled(true)
                .setBackupRetentionSettings(new BackupRetentionSettings().setRetainedBackups(2)))));
        running(postgres("plain"));
        Instant night = Instant.parse("2026-03-01T02:00:00Z");
        for (int day = 0; day < 3; day++) fake.takeAutomatedBackups(night.plus(Duration.ofDays(day)));

        List<BackupRun> automated = sql.backupRuns().list(P, "orders").execute().getItems();
        assertThat(automated).hasSize(2).allMatch(r -> r.getType().equals("AUTOMATED") && r.getStatus().equals("SUCCESSFUL"));
        assertThat(automated.get(0).getEndTime()).isEqualTo("2026-03-03T02:00:00Z");
        assertThat(automated.get(0).getLocation()).isEqualTo("eu");
        assertThat(sql.backupRuns().list(P, "plain").execute().getItems()).isNull();

        Operation backup = sql.backupRuns().insert(P, "plain", new BackupRun().setDescription("before the drill")).execute();
        assertThat(backup.getOperationType()).isEqualTo("BACKUP_VOLUME");
        long id = backup.getBackupContext().getBackupId();
        assertThat(sql.backupRuns().get(P, "plain", id).execute().getStatus()).isEqualTo("RUNNING");
        poll(backup);
        BackupRun onDemand = sql.backupRuns().get(P, "plain", id).execute();
        assertThat(onDemand.getStatus()).isEqualTo("SUCCESSFUL");
        assertThat(onDemand.getType()).isEqualTo("ON_DEMAND");
        assertThat(onDemand.getLocation()).isEqualTo("europe-west1");
        assertThat(onDemand.getEndTime()).isNotEmpty();
        assertThat(refusal(() -> sql.backupRuns().get(P, "plain", 42L).execute())).startsWith("404 backupRunDoesNotExist");
    }

    @Test
    void aRestoreCopiesTheRunsDataIntoARunnableTargetOfTheSameVersion() throws Exception {
        running(postgres("orders"));
        fake.setData("orders", "v1");
        Operation backup = sql.backupRuns().insert(P, "orders", new BackupRun()).execute();
        long id = backup.getBackupContext().getBackupId();
        RestoreBackupContext context = new RestoreBackupContext().setBackupRunId(id).setInstanceId("orders").setProject(P);
        assertThat(refusal(() -> sql.instances().restoreBackup(P, "orders", new InstancesRestoreBackupRequest()
                .setRestoreBackupContext(context)).execute())).startsWith("409 operationInProgress");
        poll(backup);
        fake.setData("orders", "v2");

        running(postgres("orders-restored"));
        Operation restore = sql.instances().restoreBackup(P, "orders-restored", new InstancesRestoreBackupRequest()
                .setRestoreBackupContext(context)).execute();
        assertThat(restore.getOperationType()).isEqualTo("RESTORE_VOLUME");
        assertThat(restore.getTargetId()).isEqualTo("orders-restored");
        assertThat(fake.data("orders-restored")).isEmpty();
        poll(restore);
        assertThat(fake.data("orders-restored")).isEqualTo("v1");
        assertThat(fake.data("orders")).isEqualTo("v2");

        running(postgres("other").setDatabaseVersion("POSTGRES_14"));
        assertThat(refusal(() -> sql.instances().restoreBackup(P, "other", new InstancesRestoreBackupRequest()
                .setRestoreBackupContext(context)).execute())).startsWith("400 invalid").contains("database version");
        assertThat(refusal(() -> sql.instances().restoreBackup(P, "orders-restored", new InstancesRestoreBackupRequest()
                .setRestoreBackupContext(context.clone().setInstanceId("gone"))).execute())).startsWith("404 instanceDoesNotExist");
        assertThat(refusal(() -> sql.instances().restoreBackup(P, "orders-restored", new InstancesRestoreBackupRequest()
                .setRestoreBackupContext(context.clone().setBackupRunId(7L))).execute())).startsWith("404 backupRunDoesNotExist");
    }

    @Test
    void aReadReplicaOfARunnablePrimaryInAnotherRegionFollowsItsDataAndIsPromotedToAStandAloneInstance() throws Exception {
        running(postgres("orders"));
        fake.setData("orders", "v1");
        Operation create = insert(new DatabaseInstance().setName("orders-replica").setRegion("us-east1").setMasterInstanceName("orders")
                .setSettings(new Settings().setTier("db-custom-2-7680").setBackupConfiguration(new BackupConfiguration().setEnabled(false))));
        assertThat(get("orders").getReplicaNames()).as("listed once its CREATE is DONE").isNull();
        poll(create);
        DatabaseInstance replica = get("orders-replica");
        assertThat(replica.getInstanceType()).isEqualTo("READ_REPLICA_INSTANCE");
        assertThat(replica.getMasterInstanceName()).isEqualTo("orders");
        assertThat(replica.getDatabaseVersion()).as("its primary's").isEqualTo("POSTGRES_15");
        assertThat(replica.getRegion()).isEqualTo("us-east1");
        assertThat(replica.getSettings().getDatabaseReplicationEnabled()).isTrue();
        assertThat(get("orders").getReplicaNames()).containsExactly("orders-replica");
        assertThat(get("orders").getInstanceType()).isEqualTo("CLOUD_SQL_INSTANCE");
        assertThat(fake.data("orders-replica")).isEqualTo("v1");
        fake.setData("orders", "v2");
        assertThat(fake.data("orders-replica")).isEqualTo("v2");

        assertThat(refusal(() -> sql.backupRuns().insert(P, "orders-replica", new BackupRun()).execute()))
                .startsWith("400 invalidOperation: The operation isn't valid for this instance");
        assertThat(refusal(() -> sql.instances().patch(P, "orders-replica", new DatabaseInstance().setSettings(new Settings()
                .setBackupConfiguration(new BackupConfiguration().setEnabled(true)))).execute()))
                .startsWith("400 invalid: Invalid request: backups are not supported on a read replica");
        assertThat(refusal(() -> sql.instances().patch(P, "orders-replica", new DatabaseInstance().setMasterInstanceName("other")).execute()))
                .contains("the masterInstanceName of an instance cannot be changed");
        assertThat(refusal(() -> sql.instances().promoteReplica(P, "orders").execute()))
                .startsWith("400 invalidOperation: The operation isn't valid for this instance: instance orders is not a read replica");

        Operation promote = sql.instances().promoteReplica(P, "orders-replica").execute();
        assertThat(promote.getOperationType()).isEqualTo("PROMOTE_REPLICA");
        assertThat(get("orders-replica").getInstanceType()).as("until DONE").isEqualTo("READ_REPLICA_INSTANCE");
        poll(promote);
        DatabaseInstance promoted = get("orders-replica");
        assertThat(promoted.getInstanceType()).isEqualTo("CLOUD_SQL_INSTANCE");
        assertThat(promoted.getMasterInstanceName()).isNull();
        assertThat(promoted.getSettings().getDatabaseReplicationEnabled()).isNull();
        assertThat(promoted.getState()).isEqualTo("RUNNABLE");
        assertThat(get("orders").getReplicaNames()).isNull();
        fake.setData("orders", "v3");
        assertThat(fake.data("orders-replica")).as("no longer replicating").isEqualTo("v2");
        assertThat(refusal(() -> sql.instances().promoteReplica(P, "orders-replica").execute())).startsWith("400 invalidOperation");
        poll(sql.instances().patch(P, "orders-replica", new DatabaseInstance().setSettings(new Settings()
                .setBackupConfiguration(new BackupConfiguration().setEnabled(true).setPointInTimeRecoveryEnabled(true)))).execute());
        assertThat(get("orders-replica").getSettings().getBackupConfiguration().getEnabled()).isTrue();
    }

    @Test
    void aReplicaIsRefusedAsCloudSqlRefusesIt() throws Exception {
        running(postgres("orders"));
        Settings replicaSettings = new Settings().setTier("db-custom-2-7680");
        assertThat(refusal(() -> insert(new DatabaseInstance().setName("r1").setRegion("us-east1").setMasterInstanceName("gone")
                .setSettings(replicaSettings)))).isEqualTo("404 instanceDoesNotExist: The Cloud SQL instance does not exist.");
        assertThat(refusal(() -> insert(new DatabaseInstance().setName("r1").setRegion("us-east1").setMasterInstanceName("orders")
                .setSettings(replicaSettings.clone().setBackupConfiguration(new BackupConfiguration().setEnabled(true))))))
                .startsWith("400 invalid: Invalid request: backups are not supported on a read replica");
        assertThat(refusal(() -> insert(new DatabaseInstance().setName("r1").setRegion("us-east1").setMasterInstanceName("orders")
                .setDatabaseVersion("POSTGRES_14").setSettings(replicaSettings)))).contains("runs its primary's database version (POSTGRES_15)");
        running(new DatabaseInstance().setName("r1").setRegion("us-east1").setMasterInstanceName("p1:orders").setSettings(replicaSettings));
        assertThat(get("r1").getMasterInstanceName()).isEqualTo("orders");
        assertThat(refusal(() -> insert(new DatabaseInstance().setName("r2").setRegion("us-east1").setMasterInstanceName("r1")
                .setSettings(replicaSettings)))).contains("you can't create a replica of a replica");
        RestoreBackupContext context = new RestoreBackupContext().setBackupRunId(1L).setInstanceId("orders").setProject(P);
        assertThat(refusal(() -> sql.instances().restoreBackup(P, "r1", new InstancesRestoreBackupRequest().setRestoreBackupContext(context))
                .execute())).startsWith("400 invalidOperation");

        Operation pending = insert(postgres("pending"));
        assertThat(refusal(() -> insert(new DatabaseInstance().setName("r3").setRegion("us-east1").setMasterInstanceName("pending")
                .setSettings(replicaSettings)))).startsWith("409 invalidState");
        poll(pending);
        running(postgres("mysql").setDatabaseVersion("MYSQL_8_0"));
        assertThat(refusal(() -> insert(new DatabaseInstance().setName("r4").setRegion("us-east1").setMasterInstanceName("mysql")
                .setSettings(replicaSettings)))).contains("binary logging must be enabled");
    }

    @Test
    void anOperationReadsDoneAfterTheGivenPollsAndAFailureIsInIt() throws Exception {
        fake.pollsUntilDone(2);
        Operation op = insert(postgres("orders"));
        assertThat(poll(op).getStatus()).isEqualTo("RUNNING");
        assertThat(poll(op).getStatus()).isEqualTo("DONE");
        assertThat(sql.operations().list(P).setInstance("orders").execute().getItems()).extracting(Operation::getName)
                .containsExactly(op.getName());
        assertThat(refusal(() -> sql.operations().get(P, "nope").execute())).startsWith("404 operationDoesNotExist");

        fake.pollsUntilDone(1);
        fake.failNextOperation("ERROR_GCE_STOCKOUT", "The zone or region doesn't have sufficient resources to handle the request at the moment.");
        Operation failed = poll(insert(postgres("stockout")));
        assertThat(failed.getError().getErrors().get(0).getCode()).isEqualTo("ERROR_GCE_STOCKOUT");
        assertThat(get("stockout").getState()).isEqualTo("FAILED");
    }

    @Test
    void anInjectedFaultReachesTheClient() throws Exception {
        apis.failNext("POST", "/v1/projects/p1/instances", 1, GoogleError.unavailable());
        assertThat(refusal(() -> insert(postgres("orders")))).startsWith("503 backendError");
        assertThat(fake.json(P, "orders")).isNull();
        insert(postgres("orders"));
        assertThat(fake.json(P, "orders").path("state").asText()).isEqualTo("PENDING_CREATE");
    }
}
