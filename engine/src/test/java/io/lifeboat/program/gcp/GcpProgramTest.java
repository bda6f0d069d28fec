package io.lifeboat.program.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.lifeboat.program.KnownKeys;
import io.lifeboat.program.Posture;
import io.lifeboat.program.ProgramOptions;
import io.lifeboat.program.ProgramResult;
import io.lifeboat.program.Schemas;
import io.lifeboat.program.SecretReader;
import io.lifeboat.provider.TypeSchema;
import io.lifeboat.resource.Goal;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import io.lifeboat.spec.LoadResult;
import io.lifeboat.spec.SpecCorpus;
import io.lifeboat.spec.SpecLoader;
import io.lifeboat.spec.Stack;
import io.lifeboat.spec.WorkingTreeSource;

/** The platform program with the GCP mapping on the GCP example pair (examples/gcp): what each posture makes, in GCP's names and rules. */
class GcpProgramTest {
    static final java.nio.file.Path EXAMPLE = SpecCorpus.EXAMPLES.resolve("examples/gcp");
    static final SecretReader SECRETS = SecretReader.of(Map.of("WAREHOUSE_PASSWORD", "warehouse-Secret-42"), EXAMPLE);
    static final Pattern LABEL = Pattern.compile("[a-z0-9_-]{0,63}");
    static final Pattern LABEL_KEY = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    static final Pattern RFC1035 = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");
    static Stack primary;
    static Stack secondary;

    @BeforeAll
    static void load() throws Exception {
        LoadResult specs = new SpecLoader(new WorkingTreeSource(EXAMPLE)).load(List.of());
        assertThat(specs.ok()).as("%s", specs.diagnostics()).isTrue();
        primary = specs.stack("gcp-usc1");
        secondary = specs.stack("gcp-use1");
    }

    static ProgramOptions fixed(Posture posture, long seed) {
        return ProgramOptions.of(posture).with(Clock.fixed(Instant.parse("2026-12-02T03:00:00Z"), ZoneOffset.UTC), new Random(seed));
    }

    static ProgramResult run(Stack stack, Stack pair, ProgramOptions options) {
        return new GcpCloud().run(stack, pair, options, SECRETS, KnownKeys.NONE);
    }

    static Goal goal(ProgramResult r, String type) {
        return r.goals().stream().filter(g -> g.type().equals(type)).findFirst().orElseThrow(() -> new AssertionError("no " + type));
    }

    static Set<String> types(ProgramResult r) {
        Set<String> out = new HashSet<>();
        for (Goal g : r.goals()) out.add(g.type());
        return out;
    }

    @ParameterizedTest
    @EnumSource(Posture.class)
    void everyPostureRegistersItsGoalsInDependencyOrderWithGcpTypesOnly(Posture posture) {
        ProgramResult r = run(posture == Posture.ACTIVE || posture == Posture.DEMOTED ? primary : secondary,
                posture == Posture.ACTIVE || posture == Posture.DEMOTED ? secondary : primary, fixed(posture, 1));
        Set<Urn> seen = new HashSet<>();
        for (Goal g : r.goals()) {
            assertThat(seen).as("%s registered after what it depends on", g.urn()).containsAll(g.dependencies());
            seen.add(g.urn());
            assertThat(g.type()).doesNotStartWith("aws:");
            if (g.custom() && !Urn.isProviderType(g.type()) && !g.type().startsWith("kubernetes:")) {
                assertThat(Schemas.get(g.type())).as("a schema for %s", g.type()).isNotNull();
            }
        }
    }

    @Test
    void aRunWithTheSameClockAndRandomnessGivesTheSameGoalsTwice() {
        ProgramResult a = run(primary, secondary, fixed(Posture.ACTIVE, 7));
        assertThat(run(primary, secondary, fixed(Posture.ACTIVE, 7)).goals()).isEqualTo(a.goals());
        assertThat(run(primary, secondary, fixed(Posture.ACTIVE, 8)).goals()).as("other key material").isNotEqualTo(a.goals());
    }

    @Test
    void theActivePrimaryMakesEveryPartOfThePlatform() {
        ProgramResult r = run(primary, secondary, fixed(Posture.ACTIVE, 1));
        assertThat(types(r)).contains(GcpSchemas.NETWORK, GcpSchemas.SUBNETWORK, GcpSchemas.FIREWALL, GcpSchemas.ROUTER, GcpSchemas.ROUTER_NAT,
                GcpSchemas.NETWORK_PEERING, GcpSchemas.GLOBAL_ADDRESS, GcpSchemas.SERVICE_CONNECTION, GcpSchemas.CLUSTER, GcpSchemas.NODE_POOL, GcpSchemas.DATABASE_INSTANCE, GcpSchemas.REPOSITORY,
                GcpSchemas.SECRET, GcpSchemas.SECRET_VERSION, GcpSchemas.NOTIFICATION_CHANNEL, "kubernetes:apps/v1:Deployment");
        assertThat(r.outputs()).containsKeys("networkId", "clusterEndpoint", "databaseEndpoint", "registryUrls");
    }

    @Test
    void theSubnetworkSplitsTheNetworkIntoNodesPodsAndServicesAndTheClusterUsesThem() {
        ProgramResult r = run(primary, secondary, fixed(Posture.ACTIVE, 1));
        Goal subnet = goal(r, GcpSchemas.SUBNETWORK);
        assertThat(subnet.inputs().string("ipCidrRange")).isEqualTo("10.10.0.0/18");
        assertThat(subnet.inputs().string("region")).isEqualTo("us-central1");
        assertThat(subnet.inputs().get("secondaryIpRanges").reveal().toString())
                .contains("rangeName=pods").contains("10.10.128.0/17").contains("rangeName=services").contains("10.10.64.0/18");
        Goal cluster = goal(r, GcpSchemas.CLUSTER);
        assertThat(cluster.inputs().at("ipAllocationPolicy.clusterSecondaryRangeName").reveal().toString()).isEqualTo("pods");
        assertThat(cluster.inputs().at("ipAllocationPolicy.servicesSecondaryRangeName").reveal().toString()).isEqualTo("services");
        assertThat(cluster.linksTo(subnet.urn())).as("the cluster names its subnetwork by self link").isTrue();
        Goal pool = goal(r, GcpSchemas.NODE_POOL);
        assertThat(pool.inputs().at("autoscaling.minNodeCount").reveal().toString()).isEqualTo("3");
        assertThat(pool.inputs().at("autoscaling.maxNodeCount").reveal().toString()).isEqualTo("10");
        assertThat(pool.inputs().at("nodeConfig.machineType").reveal().toString()).isEqualTo("n2-standard-4");
    }

    @Test
    void theDatabaseKeepsItsBackupsInThePairsRegionAndAWarmStandbyIsZonal() {
        Goal db = goal(run(primary, secondary, fixed(Posture.ACTIVE, 1)), GcpSchemas.DATABASE_INSTANCE);
        assertThat(db.inputs().string("databaseVersion")).isEqualTo("POSTGRES_15");
        assertThat(db.inputs().at("settings.tier").reveal().toString()).isEqualTo("db-custom-4-16384");
        assertThat(db.inputs().at("settings.availabilityType").reveal().toString()).isEqualTo("REGIONAL");
        assertThat(db.inputs().at("settings.backupConfiguration.location").reveal().toString()).isEqualTo("us-east1");
        assertThat(db.inputs().at("settings.backupConfiguration.pointInTimeRecoveryEnabled").reveal().toString()).isEqualTo("true");
        assertThat(db.inputs().at("settings.backupConfiguration.backupRetentionSettings.retainedBackups").reveal().toString()).isEqualTo("7");
        assertThat(db.inputs().get("restoreBackupContext")).isNull();
        ProgramResult r = run(primary, secondary, fixed(Posture.ACTIVE, 1));
        assertThat(goal(r, GcpSchemas.DATABASE_INSTANCE).dependencies()).as("its private address comes through private services access")
                .contains(goal(r, GcpSchemas.SERVICE_CONNECTION).urn());
        Goal standby = goal(run(secondary, primary, fixed(Posture.WARM, 1)), GcpSchemas.DATABASE_INSTANCE);
        assertThat(standby.inputs().at("settings.availabilityType").reveal().toString()).isEqualTo("ZONAL");
        assertThat(standby.inputs().at("settings.backupConfiguration.location").reveal().toString()).isEqualTo("us-central1");
    }

    @Test
    void aPromotedStackRestoresTheNamedBackupRunAndMakesItsOwnApiKeySecrets() {
        ProgramOptions promoted = new ProgramOptions(Posture.PROMOTED, "gcp-usc1-metadata/1733110000123", false, false);
        ProgramResult r = run(secondary, null, promoted);
        Props restore = ((PropertyValue.Obj) goal(r, GcpSchemas.DATABASE_INSTANCE).inputs().get("restoreBackupContext")).props();
        assertThat(restore.string("instanceId")).isEqualTo("gcp-usc1-metadata");
        assertThat(restore.get("backupRunId").reveal().toString()).isEqualTo("1733110000123");
        assertThat(restore.string("project")).isEqualTo("acme-data-prod");
        assertThat(goal(r, GcpSchemas.SECRET).inputs().string("secretId")).isEqualTo("lifeboat-data-platform-gcp-use1-etl-ci");
        assertThat(goal(r, GcpSchemas.DATABASE_INSTANCE).inputs().at("settings.backupConfiguration.location").reveal().toString())
                .as("with its pair lost, its backups are kept at home").isEqualTo("us-east1");
    }

    @Test
    void theApiKeysAreReplicatedIntoBothRegionsUnderIdsSecretManagerTakes() {
        ProgramResult r = run(primary, secondary, fixed(Posture.ACTIVE, 1));
        for (Goal g : r.goals()) {
            if (!g.type().equals(GcpSchemas.SECRET)) continue;
            assertThat(g.inputs().string("secretId")).matches("[A-Za-z0-9_-]{1,255}").startsWith("lifeboat-data-platform-gcp-usc1-");
            assertThat(g.inputs().get("replication").reveal().toString()).contains("location=us-central1").contains("location=us-east1");
        }
        assertThat(goal(r, GcpSchemas.SECRET_VERSION).inputs().get("secretData")).isInstanceOf(PropertyValue.Secret.class);
        Goal deployment = r.goals().stream().filter(g -> g.type().equals("kubernetes:core/v1:ConfigMap") && g.urn().name().equals("etl-platform"))
                .findFirst().orElseThrow();
        assertThat(deployment.inputs().get("data").reveal().toString())
                .contains("LIFEBOAT_API_KEYS=ci:admin:lifeboat-data-platform-gcp-usc1-etl-ci").contains("LIFEBOAT_ALERT_CHANNELS");
        Goal standby = run(secondary, primary, fixed(Posture.WARM, 1)).goals().stream()
                .filter(g -> g.type().equals("kubernetes:core/v1:ConfigMap") && g.urn().name().equals("etl-platform")).findFirst().orElseThrow();
        assertThat(standby.inputs().get("data").reveal().toString()).as("a standby reads the primary's secret from its replica")
                .contains("LIFEBOAT_API_KEYS=ci:admin:lifeboat-data-platform-gcp-usc1-etl-ci");
    }

    @Test
    void everyNameAndLabelFollowsGcpsRules() {
        ProgramResult r = run(primary, secondary, fixed(Posture.ACTIVE, 1));
        for (Goal g : r.goals()) {
            TypeSchema schema = Schemas.get(g.type());
            if (schema == null || !g.type().startsWith("gcp:")) continue;
            String name = g.inputs().string("name");
            if (name != null && !g.type().equals(GcpSchemas.NODE_POOL)) assertThat(name).as("name of %s", g.urn()).matches(RFC1035);
            if (schema.labelled() && g.inputs().get(schema.labels()) instanceof PropertyValue.Obj labels) {
                labels.props().forEach((k, v) -> {
                    assertThat(k).matches(LABEL_KEY);
                    assertThat(v.reveal().toString()).matches(LABEL);
                });
            }
        }
    }

    @Test
    void aDrillMakesNoPeeringAndNoApiKeys() {
        ProgramResult r = run(secondary, null, new ProgramOptions(Posture.PROMOTED, null, false, true));
        assertThat(types(r)).doesNotContain(GcpSchemas.NETWORK_PEERING, GcpSchemas.SECRET, GcpSchemas.REPOSITORY).contains(GcpSchemas.DATABASE_INSTANCE);
    }
}
