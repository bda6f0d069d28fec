package io.lifeboat.providers.sim;

import static io.lifeboat.program.aws.AwsSchemas.*;
import static io.lifeboat.providers.sim.CloudRulesTest.assertFails;
import static io.lifeboat.providers.sim.SimFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lifeboat.provider.Provider;
import io.lifeboat.provider.ProviderException.Kind;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

/** What a failover relies on: backups copied to the other region, secrets replicated there. */
class DisasterRecoveryTest {
    @TempDir
    Path dir;

    @Test
    void aDatabaseIsRestoredInTheOtherRegionFromItsReplicatedBackups() throws Exception {
        SimFixture sim = new SimFixture(dir);
        Provider east = sim.provider(EAST);
        Provider west = sim.provider(WEST);
        Network net = sim.network(east, EAST, "10.10.0.0/16");
        String sg = sim.create(east, SECURITY_GROUP, securityGroup(net.vpcId(), "db")).id();
        sim.create(east, DB_SUBNET_GROUP, dbSubnetGroup("prod-metadata", net));
        String dbArn = sim.create(east, DB_INSTANCE, database("prod-metadata", "prod-metadata", sg)).outputs().string("arn");
        String backups = sim.create(west, DB_BACKUP_REPLICATION, Props.builder().put("sourceDbInstanceArn", dbArn).build()).id();
        assertFails(() -> sim.create(west, DB_BACKUP_REPLICATION, Props.builder().put("sourceDbInstanceArn", dbArn).build()),
                Kind.CONFLICT, "InvalidDBInstanceState");

        Instant before = Instant.now();
        sim.admin().outage(EAST);
        Thread.sleep(20);
        Instant latest = Instant.parse(west.type(DB_BACKUP_REPLICATION).read(backups, Props.EMPTY, Props.EMPTY, ctx()).orElseThrow()
                .outputs().string("latestBackupTime"));
        assertThat(latest).isBeforeOrEqualTo(before);

        Network standby = sim.network(west, WEST, "10.20.0.0/16");
        String westSg = sim.create(west, SECURITY_GROUP, securityGroup(standby.vpcId(), "db")).id();
        sim.create(west, DB_SUBNET_GROUP, dbSubnetGroup("dr-metadata", standby));
        Props restore = database("dr-metadata", "dr-metadata", westSg).with("restoreToPointInTime",
                PropertyValue.fromJava(Map.of("sourceDbInstanceAutomatedBackupsArn", backups, "useLatestRestorableTime", true)));
        assertThat(sim.create(west, DB_INSTANCE, restore).outputs().string("endpoint")).contains(".us-west-2.rds.amazonaws.com:5432");

        Props tooLate = database("dr-later", "dr-metadata", westSg).with("restoreToPointInTime",
                PropertyValue.fromJava(Map.of("sourceDbInstanceAutomatedBackupsArn", backups, "restoreTime", Instant.now().toString())));
        assertFails(() -> sim.create(west, DB_INSTANCE, tooLate), Kind.INVALID_INPUT, "InvalidRestoreFault");
        assertFails(() -> sim.create(west, DB_INSTANCE, database("nope", "dr-metadata", westSg).with("restoreToPointInTime",
                PropertyValue.fromJava(Map.of("sourceDbInstanceAutomatedBackupsArn", backups + "x")))), Kind.INVALID_INPUT, "DBInstanceAutomatedBackupNotFound");
        // a new replication from a region that is out cannot start
        assertFails(() -> sim.create(west, DB_BACKUP_REPLICATION, Props.builder().put("sourceDbInstanceArn", dbArn).put("retentionPeriod", 3).build()),
                Kind.UNAVAILABLE, "EndpointConnectionError");
    }

    @Test
    void deletingADatabaseLeavesItsFinalSnapshotWhichANewOneCanStartFrom() throws Exception {
        SimFixture sim = new SimFixture(dir);
        Provider east = sim.provider(EAST);
        Network net = sim.network(east, EAST, "10.10.0.0/16");
        String sg = sim.create(east, SECURITY_GROUP, securityGroup(net.vpcId(), "db")).id();
        sim.create(east, DB_SUBNET_GROUP, dbSubnetGroup("g", net));
        sim.create(east, DB_INSTANCE, database("db1", "g", sg));
        assertFails(() -> east.type(DB_SUBNET_GROUP).delete("g", Props.EMPTY, ctx()), Kind.TRANSIENT, "DependencyViolation");
        east.type(DB_INSTANCE).delete("db1", Props.EMPTY, ctx());
        assertThat(sim.admin().object(EAST, "db1-final")).get().extracting(SimAdmin.ObjectView::type).isEqualTo("aws:rds/snapshot:Snapshot");

        sim.create(east, DB_INSTANCE, database("db1", "g", sg).with("snapshotIdentifier", PropertyValue.of("db1-final")));
        // the final snapshot's name is taken now: the real cloud refuses the delete
        assertFails(() -> east.type(DB_INSTANCE).delete("db1", Props.EMPTY, ctx()), Kind.CONFLICT, "DBSnapshotAlreadyExists");
        east.type(DB_INSTANCE).update("db1", Props.EMPTY, database("db1", "g", sg).with("snapshotIdentifier", PropertyValue.of("db1-final"))
                .with("skipFinalSnapshot", PropertyValue.of(true)), ctx());
        east.type(DB_INSTANCE).delete("db1", Props.EMPTY, ctx());
        assertFails(() -> sim.create(east, DB_INSTANCE, database("db2", "g", sg).with("snapshotIdentifier", PropertyValue.of("missing"))),
                Kind.INVALID_INPUT, "DBSnapshotNotFound");
    }

    @Test
    void aSecretAndItsValuesAreReplicatedAndOutliveTheirRegion() throws Exception {
        SimFixture sim = new SimFixture(dir);
        Provider east = sim.provider(EAST);
        Provider west = sim.provider(WEST);
        Props secretIn = Props.builder().put("name", "prod/etl/ci").put("replicas", PropertyValue.fromJava(List.of(Map.of("region", WEST)))).build();
        String arn = sim.create(east, SECRET, secretIn).id();
        String versionId = sim.create(east, SECRET_VERSION, Props.builder().put("secretId", arn).put("secretString", "key-1").build()).outputs().string("versionId");
        String replicaArn = arn.replace(EAST, WEST);

        sim.admin().outage(EAST);
        assertThat(west.type(SECRET).read(replicaArn, Props.EMPTY, Props.EMPTY, ctx())).get()
                .satisfies(o -> assertThat(o.outputs().string("name")).isEqualTo("prod/etl/ci"));
        assertThat(west.type(SECRET_VERSION).read(replicaArn + "|" + versionId, Props.EMPTY, Props.EMPTY, ctx())).get()
                .satisfies(o -> assertThat(o.outputs().string("secretString")).isEqualTo("key-1"));
        assertFails(() -> west.type(SECRET).delete(replicaArn, Props.EMPTY, ctx()), Kind.INVALID_INPUT, "InvalidRequestException");
        // a create of the same name where the replica lives promotes it (StopReplicationToReplica): same ARN, same values
        assertThat(sim.create(west, SECRET, Props.builder().put("name", "prod/etl/ci").build()).id()).isEqualTo(replicaArn);
        assertThat(west.type(SECRET_VERSION).read(replicaArn + "|" + versionId, Props.EMPTY, Props.EMPTY, ctx())).get()
                .satisfies(o -> assertThat(o.outputs().string("secretString")).isEqualTo("key-1"));
        sim.admin().restore(EAST);

        east.type(SECRET).delete(arn, Props.EMPTY, ctx());
        assertThat(sim.admin().count(EAST)).isZero();
        assertThat(sim.admin().count(WEST)).as("the promoted secret and its value are no longer replicas: they stay").isEqualTo(2);
        west.type(SECRET).delete(replicaArn, Props.EMPTY, ctx());
        assertThat(sim.admin().count(WEST)).isZero();
    }
}
