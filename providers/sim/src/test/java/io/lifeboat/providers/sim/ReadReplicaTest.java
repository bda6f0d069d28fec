package io.lifeboat.providers.sim;

import static io.lifeboat.program.aws.AwsSchemas.*;
import static io.lifeboat.providers.sim.CloudRulesTest.assertFails;
import static io.lifeboat.providers.sim.SimFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lifeboat.provider.HoldsReplicas;
import io.lifeboat.provider.Provider;
import io.lifeboat.provider.ProviderException.Kind;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

/** An RDS cross-region read replica on the sim: what RDS refuses, what the replica holds, how it is promoted. */
class ReadReplicaTest {
    @TempDir
    Path dir;

    /** Two regions, each with a network, a database group and subnets, and a source database in the east with a password of its own. */
    private record Regions(SimFixture sim, Provider east, Provider west, String eastSg, String westSg, String sourceArn) {
    }

    private Regions regions() throws Exception {
        SimFixture sim = new SimFixture(dir);
        Provider east = sim.provider(EAST);
        Provider west = sim.provider(WEST);
        Network net = sim.network(east, EAST, "10.10.0.0/16");
        String sg = sim.create(east, SECURITY_GROUP, securityGroup(net.vpcId(), "db")).id();
        sim.create(east, DB_SUBNET_GROUP, dbSubnetGroup("g", net));
        String arn = sim.create(east, DB_INSTANCE, database("hot-src", "g", sg).with("manageMasterUserPassword", PropertyValue.of(false))
                .with("password", new PropertyValue.Secret(PropertyValue.of("a-password-of-its-own")))).outputs().string("arn");
        Network standby = sim.network(west, WEST, "10.20.0.0/16");
        String westSg = sim.create(west, SECURITY_GROUP, securityGroup(standby.vpcId(), "db")).id();
        sim.create(west, DB_SUBNET_GROUP, dbSubnetGroup("g", standby));
        return new Regions(sim, east, west, sg, westSg, arn);
    }

    @Test
    void aReplicaTrailsItsSourceByItsLagFreezesInAnOutageAndKeepsWhatItReplayedWhenPromoted() throws Exception {
        Regions regions = regions();
        SimFixture sim = regions.sim();
        Provider west = regions.west();
        String arn = regions.sourceArn();
        String westSg = regions.westSg();
        String managedArn = sim.create(regions.east(), DB_INSTANCE, database("src", "g", regions.eastSg())).outputs().string("arn");
        Props replica = database("replica", "g", westSg).without("manageMasterUserPassword").with("skipFinalSnapshot", PropertyValue.of(true))
                .with("replicateSourceDb", PropertyValue.of(arn));
        assertFails(() -> sim.create(west, DB_INSTANCE, replica), Kind.INVALID_INPUT, "InvalidParameterCombination");
        Props keyed = replica.with("kmsKeyId", PropertyValue.of("alias/aws/rds"));
        assertFails(() -> sim.create(west, DB_INSTANCE, keyed.with("replicateSourceDb", PropertyValue.of(managedArn))),
                Kind.INVALID_INPUT, "InvalidParameterValue");
        sim.create(west, DB_INSTANCE, keyed);
        HoldsReplicas holds = (HoldsReplicas) west.type(DB_INSTANCE);
        assertThat(holds.replica("replica", Props.EMPTY, ctx())).get().satisfies(r -> {
            assertThat(r.source()).isEqualTo(arn);
            assertThat(r.replicating()).isTrue();
        });

        SimAdmin admin = sim.admin();
        admin.setReplicaLag(WEST, "replica", Duration.ofSeconds(30));
        admin.writeRows(EAST, "hot-src", 10, Instant.now().minusSeconds(60));
        admin.writeRows(EAST, "hot-src", 3, Instant.now());
        assertThat(admin.rows(EAST, "hot-src")).isEqualTo(13);
        assertThat(admin.rows(WEST, "replica")).as("30 s behind").isEqualTo(10);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> admin.writeRows(WEST, "replica", 1, Instant.now()))
                .hasMessageContaining("takes no writes");
        admin.outage(EAST);
        admin.setReplicaLag(WEST, "replica", Duration.ZERO);
        assertThat(admin.rows(WEST, "replica")).as("frozen when its source's region went out: all 13 were in by then").isEqualTo(13);
        assertThat(holds.replica("replica", Props.EMPTY, ctx()).orElseThrow().replicating()).as("an outage is no breakage").isTrue();

        // the promotion: the source removed, in place
        west.type(DB_INSTANCE).update("replica", keyed, keyed.without("replicateSourceDb").with("skipFinalSnapshot", PropertyValue.of(false)), ctx());
        assertThat(holds.replica("replica", Props.EMPTY, ctx()).orElseThrow().promoted()).isTrue();
        admin.writeRows(WEST, "replica", 2, Instant.now());
        assertThat(admin.rows(WEST, "replica")).isEqualTo(15);
    }

    @Test
    void aBrokenReplicaSaysWhy() throws Exception {
        Regions regions = regions();
        SimFixture sim = regions.sim();
        Provider west = regions.west();
        String arn = regions.sourceArn();
        sim.create(west, DB_INSTANCE, database("replica", "g", regions.westSg()).without("manageMasterUserPassword").with("skipFinalSnapshot", PropertyValue.of(true))
                .with("replicateSourceDb", PropertyValue.of(arn)).with("kmsKeyId", PropertyValue.of("alias/aws/rds")));
        sim.admin().breakReplica(WEST, "replica", "replication stopped: disk full");
        assertThat(((HoldsReplicas) west.type(DB_INSTANCE)).replica("replica", Props.EMPTY, ctx())).get().satisfies(r -> {
            assertThat(r.replicating()).isFalse();
            assertThat(r.problem()).isEqualTo("replication stopped: disk full");
        });
        assertThat(((HoldsReplicas) west.type(DB_INSTANCE)).replica("nope", Props.EMPTY, ctx())).isEmpty();

        // RDS takes no final snapshot of a replica
        Props asMade = west.type(DB_INSTANCE).read("replica", Props.EMPTY, Props.EMPTY, ctx()).orElseThrow().inputs();
        west.type(DB_INSTANCE).update("replica", asMade, asMade.with("skipFinalSnapshot", PropertyValue.of(false)), ctx());
        assertFails(() -> west.type(DB_INSTANCE).delete("replica", Props.EMPTY, ctx()), Kind.INVALID_INPUT, "InvalidParameterCombination");
    }
}
