package io.lifeboat.providers.aws;

import static io.lifeboat.providers.aws.FakeAws.Reply.jsonError;
import static io.lifeboat.providers.aws.FakeAws.Reply.query;
import static io.lifeboat.providers.aws.FakeAws.Reply.rest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/** The EKS cluster (REST-JSON) and the database's DR path on RDS (query/XML). */
class AwsEksAndRdsTypesTest {
    private final FakeAws fake = AwsTestServers.fake();

    @AfterEach
    void stop() {
        fake.close();
    }

    private static String cluster(String status) {
        return "{\"cluster\":{\"name\":\"prod-use1\",\"arn\":\"arn:aws:eks:us-east-1:123456789012:cluster/prod-use1\",\"status\":\"" + status + "\","
                + "\"version\":\"1.30\",\"roleArn\":\"arn:aws:iam::123456789012:role/prod-use1-eks-cluster\","
                + "\"endpoint\":\"https://ABC.gr7.us-east-1.eks.amazonaws.com\",\"certificateAuthority\":{\"data\":\"LS0tLS1CRUdJTg==\"},"
                + "\"platformVersion\":\"eks.7\",\"createdAt\":1.7E9,\"resourcesVpcConfig\":{\"subnetIds\":[\"subnet-b\",\"subnet-a\"],"
                + "\"securityGroupIds\":[\"sg-1\"],\"endpointPublicAccess\":true,\"endpointPrivateAccess\":true},"
                + "\"tags\":{\"Name\":\"prod-use1-eks\",\"lifeboat:urn\":\"x\"}}}";
    }

    @Test
    void anEksClusterIsMadeWithAClientTokenAndWaitedForUntilActiveWithTheSimsOutputs() throws Exception {
        Urn urn = new Urn("prod-use1", "data-platform", AwsSchemas.EKS_CLUSTER, "eks");
        fake.on("POST /clusters", rest(cluster("CREATING")));
        fake.on("GET /clusters/prod-use1", rest(cluster("CREATING")), rest(cluster("CREATING")), rest(cluster("ACTIVE")));
        Props vpc = Props.builder().put("subnetIds", PropertyValue.strings(List.of("subnet-a", "subnet-b")))
                .put("securityGroupIds", PropertyValue.strings(List.of("sg-1"))).put("endpointPrivateAccess", true).put("endpointPublicAccess", true).build();
        Props in = Props.builder().put("name", "prod-use1").put("roleArn", "arn:aws:iam::123456789012:role/prod-use1-eks-cluster")
                .put("version", "1.30").put("vpcConfig", new PropertyValue.Obj(vpc))
                .put("tags", PropertyValue.fromJava(Map.of("Name", "prod-use1-eks"))).build();

        ResourceType.Created made = fake.provider("us-east-1").type(AwsSchemas.EKS_CLUSTER).create(urn, in, OperationContext.of(urn, Duration.ofSeconds(10)));

        String body = fake.calls("POST /clusters").get(0).body();
        assertThat(body).contains("\"clientRequestToken\":\"" + AwsType.clientToken(urn, "prod-use1") + "\"")
                .contains("\"lifeboat:urn\":\"" + urn + "\"").contains("\"subnetIds\":[\"subnet-a\",\"subnet-b\"]");
        assertThat(fake.calls("GET /clusters/prod-use1").size()).isGreaterThanOrEqualTo(3);
        assertThat(made.id()).isEqualTo("prod-use1");
        assertThat(made.outputs().string("status")).isEqualTo("ACTIVE");
        assertThat(made.outputs().string("endpoint")).isEqualTo("https://ABC.gr7.us-east-1.eks.amazonaws.com");
        assertThat(made.outputs().at("certificateAuthority.data")).isEqualTo(PropertyValue.of("LS0tLS1CRUdJTg=="));
        // the same subnets in another order are what was asked
        assertThat(made.outputs().get("vpcConfig")).isEqualTo(new PropertyValue.Obj(vpc));
    }

    @Test
    void eksErrorsAreTypedByTheirErrorType() throws Exception {
        var eks = fake.provider("us-east-1").type(AwsSchemas.EKS_CLUSTER);
        fake.on("GET /clusters/gone", jsonError(404, "ResourceNotFoundException", "No cluster found for name: gone."));
        fake.on("GET /clusters/busy", jsonError(429, "ThrottlingException", "Rate exceeded"));
        OperationContext ctx = OperationContext.of(new Urn("s", "p", AwsSchemas.EKS_CLUSTER, "eks"), Duration.ofSeconds(5));

        assertThat(eks.read("gone", Props.EMPTY, Props.EMPTY, ctx)).isEmpty();
        assertThatThrownBy(() -> eks.read("busy", Props.EMPTY, Props.EMPTY, ctx)).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.THROTTLED));
    }

    private static String snapshots(String... idAndTime) {
        StringBuilder sb = new StringBuilder("<DBSnapshots>");
        for (int i = 0; i < idAndTime.length; i += 2) {
            sb.append("<DBSnapshot><DBSnapshotIdentifier>").append(idAndTime[i]).append("</DBSnapshotIdentifier><Status>available</Status>")
                    .append("<SnapshotType>manual</SnapshotType><SnapshotCreateTime>2026-11-22T03:00:00Z</SnapshotCreateTime>")
                    .append("<OriginalSnapshotCreateTime>").append(idAndTime[i + 1]).append("</OriginalSnapshotCreateTime></DBSnapshot>");
        }
        return sb.append("</DBSnapshots>").toString();
    }

    private static final String DB = "<DBInstances><DBInstance><DBInstanceIdentifier>prod-usw2-metadata</DBInstanceIdentifier>"
            + "<DBInstanceStatus>available</DBInstanceStatus><Engine>postgres</Engine><EngineVersion>15.7</EngineVersion>"
            + "<DBInstanceClass>db.r6g.large</DBInstanceClass><AllocatedStorage>100</AllocatedStorage><BackupRetentionPeriod>7</BackupRetentionPeriod>"
            + "<DBInstanceArn>arn:aws:rds:us-west-2:123456789012:db:prod-usw2-metadata</DBInstanceArn>"
            + "<Endpoint><Address>prod-usw2-metadata.abc.us-west-2.rds.amazonaws.com</Address><Port>5432</Port></Endpoint>"
            + "<TagList><Tag><Key>Name</Key><Value>prod-usw2-metadata</Value></Tag></TagList></DBInstance></DBInstances>";

    @Test
    void aFailoverRestoresTheDatabaseFromTheNewestCopyInItsRegion() throws Exception {
        Urn urn = new Urn("prod-usw2", "data-platform", AwsSchemas.DB_INSTANCE, "metadata");
        fake.on("DescribeDBSnapshots", query("DescribeDBSnapshots", FakeAws.RDS, snapshots(
                "prod-use1-metadata-dr-20261122-010000", "2026-11-22T01:00:00Z",
                "prod-use1-metadata-dr-20261122-020000", "2026-11-22T02:00:00Z",
                "other-db-dr-20261122-025900", "2026-11-22T02:59:00Z")));
        fake.on("RestoreDBInstanceFromDBSnapshot", query("RestoreDBInstanceFromDBSnapshot", FakeAws.RDS,
                "<DBInstance><DBInstanceIdentifier>prod-usw2-metadata</DBInstanceIdentifier></DBInstance>"));
        fake.on("DescribeDBInstances", query("DescribeDBInstances", FakeAws.RDS, DB.replace("available", "creating")),
                query("DescribeDBInstances", FakeAws.RDS, DB));
        Props in = Props.builder().put("identifier", "prod-usw2-metadata").put("engine", "postgres").put("engineVersion", "15")
                .put("instanceClass", "db.r6g.large").put("dbSubnetGroupName", "prod-usw2-metadata").put("backupRetentionPeriod", 7)
                .put("restoreToPointInTime", PropertyValue.fromJava(Map.of("sourceDbInstanceAutomatedBackupsArn",
                        "arn:aws:rds:us-east-1:123456789012:db:prod-use1-metadata", "useLatestRestorableTime", true))).build();

        ResourceType.Created made = fake.provider("us-west-2").type(AwsSchemas.DB_INSTANCE).create(urn, in, OperationContext.of(urn, Duration.ofSeconds(10)));

        FakeAws.Request restore = fake.calls("RestoreDBInstanceFromDBSnapshot").get(0);
        assertThat(restore.param("DBSnapshotIdentifier")).isEqualTo("prod-use1-metadata-dr-20261122-020000");
        assertThat(restore.param("DBInstanceIdentifier")).isEqualTo("prod-usw2-metadata");
        assertThat(restore.param("DBSubnetGroupName")).isEqualTo("prod-usw2-metadata");
        assertThat(restore.params()).containsValue("lifeboat:urn").containsValue(urn.toString());
        assertThat(fake.actions()).doesNotContain("CreateDBInstance", "RestoreDBInstanceToPointInTime");
        assertThat(made.outputs().string("endpoint")).isEqualTo("prod-usw2-metadata.abc.us-west-2.rds.amazonaws.com:5432");
        assertThat(made.outputs().string("engineVersion")).isEqualTo("15");
    }

    /** What pulumi-aws programs set on a private database (examples/pulumi-java): passed on as RDS takes it, and read back. */
    @Test
    void aNewDatabaseIsMadeWithItsStorageTypeAndNotPubliclyAccessible() throws Exception {
        Urn urn = new Urn("pulumi-use1", "lifeboat-pulumi-example", AwsSchemas.DB_INSTANCE, "db");
        fake.on("CreateDBInstance", query("CreateDBInstance", FakeAws.RDS,
                "<DBInstance><DBInstanceIdentifier>prod-usw2-metadata</DBInstanceIdentifier></DBInstance>"));
        String db = DB.replace("<DBInstanceStatus>", "<PubliclyAccessible>false</PubliclyAccessible><StorageType>gp3</StorageType><DBInstanceStatus>");
        fake.on("DescribeDBInstances", query("DescribeDBInstances", FakeAws.RDS, db));
        Props in = Props.builder().put("identifier", "prod-usw2-metadata").put("engine", "postgres").put("engineVersion", "15")
                .put("instanceClass", "db.r6g.large").put("allocatedStorage", 100).put("publiclyAccessible", false).put("storageType", "gp3").build();

        ResourceType.Created made = fake.provider("us-west-2").type(AwsSchemas.DB_INSTANCE).create(urn, in, OperationContext.of(urn, Duration.ofSeconds(10)));

        FakeAws.Request create = fake.calls("CreateDBInstance").get(0);
        assertThat(create.param("PubliclyAccessible")).isEqualTo("false");
        assertThat(create.param("StorageType")).isEqualTo("gp3");
        assertThat(made.outputs().get("publiclyAccessible")).isEqualTo(PropertyValue.of(false));
        assertThat(made.outputs().string("storageType")).isEqualTo("gp3");
    }

    /** A password the program gives (pulumi-aws's password) and deletion protection: passed on as RDS takes them; the protection read back. */
    @Test
    void aNewDatabaseIsMadeWithTheProgramsPasswordAndDeletionProtection() throws Exception {
        Urn urn = new Urn("pulumi-use1", "lifeboat-pulumi-example", AwsSchemas.DB_INSTANCE, "db");
        fake.on("CreateDBInstance", query("CreateDBInstance", FakeAws.RDS,
                "<DBInstance><DBInstanceIdentifier>prod-usw2-metadata</DBInstanceIdentifier></DBInstance>"));
        String db = DB.replace("<DBInstanceStatus>", "<DeletionProtection>true</DeletionProtection><DBInstanceStatus>");
        fake.on("DescribeDBInstances", query("DescribeDBInstances", FakeAws.RDS, db));
        Props in = Props.builder().put("identifier", "prod-usw2-metadata").put("engine", "postgres").put("engineVersion", "15")
                .put("instanceClass", "db.r6g.large").put("allocatedStorage", 100).put("password", "long-enough-pw")
                .put("deletionProtection", true).build();

        ResourceType.Created made = fake.provider("us-west-2").type(AwsSchemas.DB_INSTANCE).create(urn, in, OperationContext.of(urn, Duration.ofSeconds(10)));

        FakeAws.Request create = fake.calls("CreateDBInstance").get(0);
        assertThat(create.param("MasterUserPassword")).isEqualTo("long-enough-pw");
        assertThat(create.param("DeletionProtection")).isEqualTo("true");
        assertThat(made.outputs().get("deletionProtection")).isEqualTo(PropertyValue.of(true));
    }

    @Test
    void theCopiesRecoveryPointIsTheNewestCopysTime() throws Exception {
        fake.on("DescribeDBSnapshots", query("DescribeDBSnapshots", FakeAws.RDS, snapshots(
                "prod-use1-metadata-dr-20261122-010000", "2026-11-22T01:00:00Z",
                "prod-use1-metadata-dr-20261122-020000", "2026-11-22T02:00:00Z")));
        String id = "arn:aws:rds:us-east-1:123456789012:db:prod-use1-metadata";
        var copies = fake.provider("us-west-2").type(AwsSchemas.DB_BACKUP_REPLICATION);

        // how Backups.latestTime reads it during a failover: by id alone
        ResourceType.Observed seen = copies.read(id, Props.EMPTY, Props.EMPTY,
                OperationContext.of(new Urn("s", "p", AwsSchemas.DB_BACKUP_REPLICATION, "b"), Duration.ofSeconds(5))).orElseThrow();

        assertThat(seen.outputs().string("latestBackupTime")).isEqualTo("2026-11-22T02:00:00Z");
        assertThat(fake.calls("DescribeDBSnapshots").get(0).param("SnapshotType")).isEqualTo("manual");
    }

    @Test
    void noCopyToRestoreFromIsNotFoundWithAClearMessage() {
        Urn urn = new Urn("prod-usw2", "data-platform", AwsSchemas.DB_INSTANCE, "metadata");
        fake.on("DescribeDBSnapshots", query("DescribeDBSnapshots", FakeAws.RDS, "<DBSnapshots></DBSnapshots>"));
        Props in = Props.builder().put("identifier", "prod-usw2-metadata").put("engine", "postgres").put("instanceClass", "db.r6g.large")
                .put("restoreToPointInTime", PropertyValue.fromJava(Map.of("sourceDbInstanceAutomatedBackupsArn",
                        "arn:aws:rds:us-east-1:123456789012:db:prod-use1-metadata"))).build();

        assertThatThrownBy(() -> fake.provider("us-west-2").type(AwsSchemas.DB_INSTANCE).create(urn, in, OperationContext.of(urn, Duration.ofSeconds(5))))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.NOT_FOUND);
                    assertThat(e.getMessage()).contains("prod-use1-metadata").contains("us-west-2");
                });
        assertThat(fake.actions()).doesNotContain("RestoreDBInstanceFromDBSnapshot", "CreateDBInstance");
    }

    @Test
    void theBackupsAreCopiedAsASnapshotMadeInTheSourceRegionAndCopiedIntoThisOne() throws Exception {
        Urn urn = new Urn("prod-use1", "data-platform", AwsSchemas.DB_BACKUP_REPLICATION, "backups-to-us-west-2");
        String source = "arn:aws:rds:us-east-1:123456789012:db:prod-use1-metadata";
        fake.on("CreateDBSnapshot", query("CreateDBSnapshot", FakeAws.RDS, "<DBSnapshot><DBSnapshotIdentifier>x</DBSnapshotIdentifier>"
                + "<DBSnapshotArn>arn:aws:rds:us-east-1:123456789012:snapshot:prod-use1-metadata-dr-1</DBSnapshotArn></DBSnapshot>"));
        fake.on("DescribeDBSnapshots", query("DescribeDBSnapshots", FakeAws.RDS, snapshots(
                "prod-use1-metadata-dr-20261122-030000", "2026-11-22T03:00:00Z")));
        fake.on("CopyDBSnapshot", query("CopyDBSnapshot", FakeAws.RDS, "<DBSnapshot><DBSnapshotIdentifier>x</DBSnapshotIdentifier></DBSnapshot>"));
        fake.on("DeleteDBSnapshot", query("DeleteDBSnapshot", FakeAws.RDS, "<DBSnapshot><DBSnapshotIdentifier>x</DBSnapshotIdentifier></DBSnapshot>"));
        Props in = Props.builder().put("sourceDbInstanceArn", source).put("retentionPeriod", 7).build();

        ResourceType.Created made = fake.provider("us-west-2").type(AwsSchemas.DB_BACKUP_REPLICATION).create(urn, in, OperationContext.of(urn, Duration.ofSeconds(5)));

        assertThat(fake.actions()).containsSubsequence("CreateDBSnapshot", "CopyDBSnapshot", "DeleteDBSnapshot");
        FakeAws.Request snapshot = fake.calls("CreateDBSnapshot").get(0);
        assertThat(snapshot.headers().get("authorization")).contains("/us-east-1/rds/");
        assertThat(snapshot.param("DBInstanceIdentifier")).isEqualTo("prod-use1-metadata");
        String name = snapshot.param("DBSnapshotIdentifier");
        assertThat(name).startsWith("prod-use1-metadata-dr-");
        FakeAws.Request copy = fake.calls("CopyDBSnapshot").get(0);
        assertThat(copy.headers().get("authorization")).contains("/us-west-2/rds/");
        assertThat(copy.param("SourceDBSnapshotIdentifier")).isEqualTo("arn:aws:rds:us-east-1:123456789012:snapshot:prod-use1-metadata-dr-1");
        assertThat(copy.param("TargetDBSnapshotIdentifier")).isEqualTo(name);
        assertThat(fake.calls("DeleteDBSnapshot").get(0).headers().get("authorization")).contains("/us-east-1/rds/");
        assertThat(made.id()).isEqualTo(source);
        assertThat(made.outputs().string("latestBackupTime")).isEqualTo("2026-11-22T03:00:00Z");
    }

    @Test
    void aBackupTakenNowIsAnotherSnapshotCopyAndItsTimeTheNewRecoveryPoint() throws Exception {
        Urn urn = new Urn("prod-use1", "data-platform", AwsSchemas.DB_BACKUP_REPLICATION, "backups-to-us-west-2");
        String source = "arn:aws:rds:us-east-1:123456789012:db:prod-use1-metadata";
        fake.on("CreateDBSnapshot", query("CreateDBSnapshot", FakeAws.RDS, "<DBSnapshot><DBSnapshotIdentifier>x</DBSnapshotIdentifier>"
                + "<DBSnapshotArn>arn:aws:rds:us-east-1:123456789012:snapshot:prod-use1-metadata-dr-2</DBSnapshotArn></DBSnapshot>"));
        fake.on("DescribeDBSnapshots", query("DescribeDBSnapshots", FakeAws.RDS, snapshots(
                "prod-use1-metadata-dr-20261122-090000", "2026-11-22T09:00:00Z")));
        fake.on("CopyDBSnapshot", query("CopyDBSnapshot", FakeAws.RDS, "<DBSnapshot><DBSnapshotIdentifier>x</DBSnapshotIdentifier></DBSnapshot>"));
        fake.on("DeleteDBSnapshot", query("DeleteDBSnapshot", FakeAws.RDS, "<DBSnapshot><DBSnapshotIdentifier>x</DBSnapshotIdentifier></DBSnapshot>"));
        Props in = Props.builder().put("sourceDbInstanceArn", source).put("retentionPeriod", 7).build();

        io.lifeboat.provider.ResourceType type = fake.provider("us-west-2").type(AwsSchemas.DB_BACKUP_REPLICATION);
        assertThat(type).isInstanceOf(io.lifeboat.provider.TakesBackups.class);
        Props after = ((io.lifeboat.provider.TakesBackups) type).backupNow(source, in, OperationContext.of(urn, Duration.ofSeconds(5)));

        assertThat(fake.actions()).containsSubsequence("CreateDBSnapshot", "CopyDBSnapshot", "DeleteDBSnapshot");
        assertThat(fake.calls("CreateDBSnapshot").get(0).param("DBSnapshotIdentifier")).startsWith("prod-use1-metadata-dr-");
        assertThat(after.string("latestBackupTime")).isEqualTo("2026-11-22T09:00:00Z");
    }
}
