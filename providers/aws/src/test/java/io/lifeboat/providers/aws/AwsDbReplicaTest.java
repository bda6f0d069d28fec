package io.lifeboat.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.provider.HoldsReplicas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/**
 * A hot standby's database on RDS: a cross-region read replica of the primary's, read, asked how
 * it replicates, promoted by an update that removes its source, deleted; on {@link FakeRds},
 * which holds the instances and checks what the API documents.
 */
class AwsDbReplicaTest {
    private static final String SOURCE_ARN = "arn:aws:rds:us-east-1:123456789012:db:prod-use1-metadata";
    private static final String ID = "prod-usw2-metadata";

    private final FakeAws fake = AwsTestServers.fake();
    private final FakeRds rds = new FakeRds(fake);
    private final Urn urn = new Urn("prod-usw2", "data-platform", AwsSchemas.DB_INSTANCE, "metadata");
    private ResourceType type;

    @BeforeEach
    void primary() {
        rds.add("us-east-1", "prod-use1-metadata");
        type = fake.provider("us-west-2").type(AwsSchemas.DB_INSTANCE);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private OperationContext ctx() {
        return OperationContext.of(urn, Duration.ofSeconds(10));
    }

    /** What the engine's program registers for a hot secondary's database. */
    private static Props.Builder standby() {
        return Props.builder().put("identifier", ID).put("replicateSourceDb", SOURCE_ARN).put("kmsKeyId", "alias/aws/rds")
                .put("instanceClass", "db.r6g.large").put("engine", "postgres").put("engineVersion", "15").put("allocatedStorage", 100)
                .put("dbSubnetGroupName", "prod-usw2-metadata").put("vpcSecurityGroupIds", PropertyValue.strings(List.of("sg-2", "sg-1")))
                .put("storageEncrypted", true).put("multiAz", false).put("backupRetentionPeriod", 7).put("username", "lifeboat")
                .put("dbName", "metadata").put("manageMasterUserPassword", true).put("skipFinalSnapshot", true)
                .put("finalSnapshotIdentifier", "prod-usw2-metadata-final")
                .put("tags", PropertyValue.fromJava(Map.of("Name", "prod-usw2-metadata")));
    }

    /** The same goal on failover: no source, a final snapshot on delete, Multi-AZ. */
    private static Props failover() {
        return standby().build().without("replicateSourceDb").with("skipFinalSnapshot", PropertyValue.of(false))
                .with("multiAz", PropertyValue.of(true));
    }

    private ResourceType.Created replica() throws ProviderException {
        return type.create(urn, standby().build(), ctx());
    }

    private HoldsReplicas holds() {
        assertThat(type).isInstanceOf(HoldsReplicas.class);
        return (HoldsReplicas) type;
    }

    @Test
    void aReplicaIsMadeFromTheSourcesArnWithAKeyOfItsRegionPresignedInTheSourcesAndInheritsTheRest() throws Exception {
        ResourceType.Created made = replica();

        FakeAws.Request create = fake.calls("CreateDBInstanceReadReplica").get(0);
        assertThat(FakeAws.region(create)).isEqualTo("us-west-2");
        assertThat(create.param("DBInstanceIdentifier")).isEqualTo(ID);
        assertThat(create.param("SourceDBInstanceIdentifier")).isEqualTo(SOURCE_ARN);
        assertThat(create.param("KmsKeyId")).isEqualTo("alias/aws/rds");
        assertThat(create.param("PreSignedUrl")).startsWith("https://rds.us-east-1.amazonaws.com").contains("DestinationRegion=us-west-2")
                .contains("%2Fus-east-1%2Frds%2Faws4_request");
        assertThat(create.param("DBInstanceClass")).isEqualTo("db.r6g.large");
        assertThat(create.param("DBSubnetGroupName")).isEqualTo("prod-usw2-metadata");
        assertThat(create.param("MultiAZ")).isEqualTo("false");
        assertThat(create.params()).containsValue("lifeboat:urn").containsValue(urn.toString());
        // inherited from the source, and SourceRegion is the SDK's, not the API's
        assertThat(create.params().keySet()).noneMatch(k -> k.startsWith("MasterUser") || k.startsWith("ManageMasterUserPassword")
                || k.equals("DBName") || k.equals("Engine") || k.equals("EngineVersion") || k.equals("StorageEncrypted")
                || k.equals("BackupRetentionPeriod") || k.equals("SourceRegion") || k.equals("AllocatedStorage"));
        assertThat(fake.actions()).doesNotContain("CreateDBInstance", "ModifyDBInstance");
        assertThat(fake.calls("DescribeDBInstances").size()).isGreaterThanOrEqualTo(2);

        assertThat(made.id()).isEqualTo(ID);
        assertThat(made.outputs().string("status")).isEqualTo("available");
        assertThat(made.outputs().string("replicateSourceDb")).isEqualTo(SOURCE_ARN);
        assertThat(made.outputs().string("arn")).isEqualTo("arn:aws:rds:us-west-2:123456789012:db:prod-usw2-metadata");
        assertThat(made.outputs().string("endpoint")).isEqualTo("prod-usw2-metadata.abc.us-west-2.rds.amazonaws.com:5432");
        // a replica has no backups of its own: the retention is the one its promotion will set
        assertThat(made.outputs().get("backupRetentionPeriod")).isEqualTo(PropertyValue.of(7));
        assertThat(rds.get("us-west-2", ID).retention).isZero();
        assertThat(rds.get("us-east-1", "prod-use1-metadata").replicas).containsExactly(made.outputs().string("arn"));
    }

    @Test
    void aReadOfTheReplicaSaysWhatItReplicatesAndNoDrift() throws Exception {
        ResourceType.Created made = replica();
        Props in = standby().build();

        ResourceType.Observed seen = type.read(ID, in, made.outputs(), ctx()).orElseThrow();

        assertThat(seen.inputs().string("replicateSourceDb")).isEqualTo(SOURCE_ARN);
        assertThat(seen.inputs().get("backupRetentionPeriod")).isEqualTo(PropertyValue.of(7));
        assertThat(seen.inputs().get("engineVersion")).isEqualTo(PropertyValue.of("15"));
        assertThat(seen.inputs().get("vpcSecurityGroupIds")).isEqualTo(PropertyValue.strings(List.of("sg-2", "sg-1")));
        assertThat(seen.inputs().get("multiAz")).isEqualTo(PropertyValue.of(false));
        assertThat(seen.inputs().get("username")).isEqualTo(PropertyValue.of("lifeboat"));
    }

    @Test
    void aReadOfAReplicaPromotedElsewhereHasNoSource() throws Exception {
        ResourceType.Created made = replica();
        rds.get("us-west-2", ID).source = null;

        ResourceType.Observed seen = type.read(ID, standby().build(), made.outputs(), ctx()).orElseThrow();

        assertThat(seen.inputs().containsKey("replicateSourceDb")).isFalse();
        assertThat(seen.outputs().get("replicateSourceDb")).isIn(null, PropertyValue.NULL);
    }

    @Test
    void aReplicaSaysItReplicatesWithTheNewestReplicaLag() throws Exception {
        ResourceType.Created made = replica();
        Instant now = Instant.now();
        rds.metric("us-west-2", "AWS/RDS", "ReplicaLag", "DBInstanceIdentifier", ID, now.minusSeconds(600), 30);
        rds.metric("us-west-2", "AWS/RDS", "ReplicaLag", "DBInstanceIdentifier", ID, now.minusSeconds(120), 4);
        rds.metric("us-west-2", "AWS/RDS", "ReplicaLag", "DBInstanceIdentifier", ID, now.minusSeconds(3600), 1);
        rds.metric("us-west-2", "AWS/RDS", "ReplicaLag", "DBInstanceIdentifier", "another", now.minusSeconds(60), 99);

        HoldsReplicas.Replica replica = holds().replica(ID, made.outputs(), ctx()).orElseThrow();

        assertThat(replica.source()).isEqualTo(SOURCE_ARN);
        assertThat(replica.promoted()).isFalse();
        assertThat(replica.replicating()).isTrue();
        assertThat(replica.problem()).isNull();
        assertThat(replica.lag()).isEqualTo(Duration.ofSeconds(4));
        FakeAws.Request metric = fake.calls("GetMetricStatistics").get(0);
        assertThat(metric.method()).isEqualTo("POST");
        assertThat(metric.headers().get("authorization")).contains("/us-west-2/monitoring/aws4_request");
        assertThat(metric.params()).containsEntry("Version", "2010-08-01").containsEntry("Namespace", "AWS/RDS")
                .containsEntry("MetricName", "ReplicaLag").containsEntry("Dimensions.member.1.Name", "DBInstanceIdentifier")
                .containsEntry("Dimensions.member.1.Value", ID).containsEntry("Period", "60").containsEntry("Statistics.member.1", "Maximum");
        assertThat(Duration.between(Instant.parse(metric.param("StartTime")), Instant.parse(metric.param("EndTime")))).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void aReplicaWithoutLagFiguresHasNoLagAndACloudWatchThatFailsDoesNotMakeItBroken() throws Exception {
        ResourceType.Created made = replica();

        HoldsReplicas.Replica none = holds().replica(ID, made.outputs(), ctx()).orElseThrow();
        assertThat(none.replicating()).isTrue();
        assertThat(none.lag()).isNull();

        rds.metric("us-west-2", "AWS/RDS", "ReplicaLag", "DBInstanceIdentifier", ID, Instant.now().minusSeconds(60), 4);
        rds.cloudWatchFails(FakeAws.Reply.queryError(403, "AccessDenied", "User is not authorized to perform: cloudwatch:GetMetricStatistics"));
        List<String> progress = new ArrayList<>();
        HoldsReplicas.Replica denied = holds().replica(ID, made.outputs(), ctx().withProgress(progress::add)).orElseThrow();
        assertThat(denied.replicating()).isTrue();
        assertThat(denied.problem()).isNull();
        assertThat(denied.lag()).isNull();
        assertThat(progress).anyMatch(m -> m.contains("AccessDenied"));

        rds.cloudWatchFails(new FakeAws.Reply(503, "text/html", "<html>Service Unavailable</html>", Map.of()));
        assertThat(holds().replica(ID, made.outputs(), ctx()).orElseThrow().lag()).isNull();
    }

    @Test
    void aReplicaWhoseReplicationIsInErrorSaysWhyInRdssWords() throws Exception {
        ResourceType.Created made = replica();
        FakeRds.Db db = rds.get("us-west-2", ID);
        db.replication = "error";
        db.replicationNormal = false;
        db.replicationMessage = "Replication has stopped because of an error: requested WAL segment has already been removed";

        HoldsReplicas.Replica replica = holds().replica(ID, made.outputs(), ctx()).orElseThrow();

        assertThat(replica.replicating()).isFalse();
        assertThat(replica.problem()).isEqualTo("Replication has stopped because of an error: requested WAL segment has already been removed");
        assertThat(replica.source()).isEqualTo(SOURCE_ARN);

        db.replication = "stopped";
        db.replicationNormal = true;
        db.replicationMessage = null;
        assertThat(holds().replica(ID, made.outputs(), ctx()).orElseThrow().problem()).isEqualTo("read replication is stopped");

        db.replication = "replicating";
        db.status = "storage-full";
        HoldsReplicas.Replica full = holds().replica(ID, made.outputs(), ctx()).orElseThrow();
        assertThat(full.replicating()).isFalse();
        assertThat(full.problem()).contains("storage-full");
    }

    @Test
    void aReplicaThatIsGoneIsEmptyAndAPromotedOneHasNoSource() throws Exception {
        assertThat(holds().replica("nothing-here", Props.EMPTY, ctx())).isEmpty();

        ResourceType.Created made = replica();
        rds.get("us-west-2", ID).source = null;
        HoldsReplicas.Replica promoted = holds().replica(ID, made.outputs(), ctx()).orElseThrow();
        assertThat(promoted.promoted()).isTrue();
        assertThat(promoted.replicating()).isFalse();
    }

    @Test
    void anUpdateWithoutTheSourcePromotesWaitsUntilItStandsAloneThenAppliesTheRest() throws Exception {
        ResourceType.Created made = replica();
        int describesBefore = fake.calls("DescribeDBInstances").size();

        Props after = type.update(ID, made.outputs(), failover(), ctx());

        FakeAws.Request promote = fake.calls("PromoteReadReplica").get(0);
        assertThat(promote.param("DBInstanceIdentifier")).isEqualTo(ID);
        assertThat(promote.param("BackupRetentionPeriod")).isEqualTo("7");
        // modifying, available but still naming its source, standing alone
        assertThat(fake.calls("DescribeDBInstances").size() - describesBefore).isGreaterThanOrEqualTo(3);
        List<String> actions = fake.actions();
        assertThat(actions).containsSubsequence("PromoteReadReplica", "ModifyDBInstance");
        FakeAws.Request modify = fake.calls("ModifyDBInstance").get(0);
        assertThat(modify.param("MultiAZ")).isEqualTo("true");
        assertThat(modify.param("BackupRetentionPeriod")).isNull();
        FakeRds.Db db = rds.get("us-west-2", ID);
        assertThat(db.source).isNull();
        assertThat(db.retention).isEqualTo(7);
        assertThat(db.multiAz).isTrue();
        assertThat(after.get("replicateSourceDb")).isIn(null, PropertyValue.NULL);
        assertThat(after.get("multiAz")).isEqualTo(PropertyValue.of(true));
        assertThat(after.get("backupRetentionPeriod")).isEqualTo(PropertyValue.of(7));
        assertThat(after.string("status")).isEqualTo("available");
        assertThat(rds.get("us-east-1", "prod-use1-metadata").replicas).isEmpty();
    }

    @Test
    void thePromotionRunAgainAfterACrashOnlyAppliesTheRest() throws Exception {
        ResourceType.Created made = replica();
        type.update(ID, made.outputs(), failover(), ctx());

        // the engine did not record the update: it runs it again with the same old outputs
        Props again = type.update(ID, made.outputs(), failover(), ctx());

        assertThat(fake.calls("PromoteReadReplica")).hasSize(1);
        assertThat(again.get("replicateSourceDb")).isIn(null, PropertyValue.NULL);
        assertThat(again.get("multiAz")).isEqualTo(PropertyValue.of(true));
        assertThat(rds.get("us-west-2", ID).source).isNull();
    }

    @Test
    void aPromotionAlreadyUnderWayIsWaitedForNotAskedAgain() throws Exception {
        ResourceType.Created made = replica();
        FakeRds.Db db = rds.get("us-west-2", ID);
        // a run before this one asked, then crashed: RDS is promoting it
        db.status = "modifying";
        db.steps.add(d -> d.status = "rebooting");
        db.steps.add(d -> {
            d.status = "available";
            d.source = null;
            d.retention = 7;
        });

        type.update(ID, made.outputs(), failover(), ctx());

        assertThat(fake.calls("PromoteReadReplica")).isEmpty();
        assertThat(fake.calls("ModifyDBInstance")).hasSize(1);
    }

    @Test
    void aReplicaIsDeletedWithoutAFinalSnapshotWhateverTheInputsSay() throws Exception {
        ResourceType.Created made = replica();
        Props outputs = made.outputs().with("skipFinalSnapshot", PropertyValue.of(false));

        type.delete(ID, outputs, ctx());

        FakeAws.Request delete = fake.calls("DeleteDBInstance").get(0);
        assertThat(delete.param("SkipFinalSnapshot")).isEqualTo("true");
        assertThat(delete.param("FinalDBSnapshotIdentifier")).isNull();
        assertThat(rds.get("us-west-2", ID)).isNull();
        assertThat(rds.finalSnapshots()).isEmpty();
    }

    @Test
    void aPromotedReplicaIsDeletedWithTheFinalSnapshotItsInputsName() throws Exception {
        ResourceType.Created made = replica();
        Props promoted = type.update(ID, made.outputs(), failover(), ctx());

        type.delete(ID, promoted, ctx());

        assertThat(fake.calls("DeleteDBInstance").get(0).param("SkipFinalSnapshot")).isEqualTo("false");
        assertThat(rds.finalSnapshots()).containsExactly("prod-usw2-metadata-final");
    }

    @Test
    void aReplicaOfAnEncryptedSourceInAnotherRegionIsRefusedWithoutAKeyOfItsRegion() {
        Props in = standby().build().without("kmsKeyId");

        assertThatThrownBy(() -> type.create(urn, in, ctx())).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_INPUT);
            assertThat(e.getMessage()).contains("kmsKeyId").contains("us-west-2").contains("alias/aws/rds").contains(SOURCE_ARN);
        });
        assertThat(fake.actions()).doesNotContain("CreateDBInstanceReadReplica");
    }

    @Test
    void rdsRefusesAReplicaWithoutAKeyWhenTheInputsDoNotSayTheSourceIsEncrypted() {
        Props in = standby().build().without("kmsKeyId").without("storageEncrypted");

        assertThatThrownBy(() -> type.create(urn, in, ctx())).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_INPUT);
            assertThat(e.code()).isEqualTo("InvalidParameterCombination");
        });
        assertThat(rds.get("us-west-2", ID)).isNull();
    }

    @Test
    void aReplicaOfASourceWhoseMasterPasswordRdsManagesIsRefusedWithTheFix() {
        rds.get("us-east-1", "prod-use1-metadata").managedPassword = true;

        assertThatThrownBy(() -> type.create(urn, standby().build(), ctx())).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_INPUT);
            assertThat(e.getMessage()).contains("ManageMasterUserPassword is enabled is not supported").contains("manageMasterUserPassword false");
        });
    }

    @Test
    void aReplicaInItsSourcesRegionIsMadeFromItsIdentifierWithItsSourcesKey() throws Exception {
        rds.add("us-west-2", "reports");
        Props in = standby().build().with("replicateSourceDb", PropertyValue.of("reports"));

        ResourceType.Created made = type.create(urn, in, ctx());

        FakeAws.Request create = fake.calls("CreateDBInstanceReadReplica").get(0);
        assertThat(create.param("SourceDBInstanceIdentifier")).isEqualTo("reports");
        assertThat(create.param("KmsKeyId")).isNull();
        assertThat(create.param("PreSignedUrl")).isNull();
        assertThat(made.outputs().string("replicateSourceDb")).isEqualTo("reports");
    }

    @Test
    void aSourceThatIsNotADatabaseArnIsRefused() {
        Props in = standby().build().with("replicateSourceDb", PropertyValue.of("arn:aws:rds:us-east-1:123456789012:snapshot:prod-use1-metadata-1"));

        assertThatThrownBy(() -> type.create(urn, in, ctx())).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.getMessage()).contains("not a DB instance ARN"));
        assertThat(fake.actions()).doesNotContain("CreateDBInstanceReadReplica");
    }

    /** The fake's own refusals, as RDS documents them, asked through the SDK. */
    @Test
    void theFakeRefusesWhatRdsRefuses() throws Exception {
        try (var client = software.amazon.awssdk.services.rds.RdsClient.builder().region(software.amazon.awssdk.regions.Region.US_WEST_2)
                .endpointOverride(java.net.URI.create(fake.endpoint()))
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("test", "test")))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
            rds.add("us-west-2", "standalone");
            assertThatThrownBy(() -> client.promoteReadReplica(r -> r.dbInstanceIdentifier("standalone")))
                    .satisfies(e -> refused(e, "InvalidDBInstanceState", "not a read replica"));

            replica();
            assertThatThrownBy(() -> client.deleteDBInstance(r -> r.dbInstanceIdentifier(ID).skipFinalSnapshot(false)
                    .finalDBSnapshotIdentifier("x"))).satisfies(e -> refused(e, "InvalidParameterCombination",
                    "FinalDBSnapshotIdentifier can not be specified when deleting a replica"));
            assertThatThrownBy(() -> client.modifyDBInstance(r -> r.dbInstanceIdentifier(ID).backupRetentionPeriod(7)))
                    .satisfies(e -> refused(e, "InvalidParameterCombination", "PostgreSQL read replicas"));
            // no SourceRegion: the SDK presigns nothing
            assertThatThrownBy(() -> client.createDBInstanceReadReplica(r -> r.dbInstanceIdentifier("unsigned")
                    .sourceDBInstanceIdentifier(SOURCE_ARN).kmsKeyId("alias/aws/rds"))).satisfies(e -> refused(e, "InvalidParameterValue", "PreSignedUrl"));
            assertThatThrownBy(() -> client.createDBInstanceReadReplica(r -> r.dbInstanceIdentifier("nowhere")
                    .sourceDBInstanceIdentifier("arn:aws:rds:us-east-1:123456789012:db:nowhere").sourceRegion("us-east-1")))
                    .satisfies(e -> refused(e, "DBInstanceNotFound", "nowhere"));
            rds.get("us-east-1", "prod-use1-metadata").retention = 0;
            assertThatThrownBy(() -> client.createDBInstanceReadReplica(r -> r.dbInstanceIdentifier("nobackups")
                    .sourceDBInstanceIdentifier(SOURCE_ARN).kmsKeyId("alias/aws/rds").sourceRegion("us-east-1")))
                    .satisfies(e -> refused(e, "InvalidDBInstanceState", "Automated backups are not enabled"));
        }
    }

    private static void refused(Throwable e, String code, String message) {
        assertThat(e).isInstanceOf(software.amazon.awssdk.awscore.exception.AwsServiceException.class);
        var details = ((software.amazon.awssdk.awscore.exception.AwsServiceException) e).awsErrorDetails();
        assertThat(details.errorCode()).isEqualTo(code);
        assertThat(details.errorMessage()).contains(message);
    }
}
