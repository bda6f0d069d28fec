package io.lifeboat.program.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.lifeboat.program.KnownKeys;
import io.lifeboat.program.Posture;
import io.lifeboat.program.ProgramOptions;
import io.lifeboat.program.ProgramResult;
import io.lifeboat.program.SecretReader;
import io.lifeboat.program.SecretUnavailableException;
import io.lifeboat.resource.Goal;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Urn;
import io.lifeboat.spec.LoadResult;
import io.lifeboat.spec.SpecCorpus;
import io.lifeboat.spec.SpecLoader;
import io.lifeboat.spec.Stack;
import io.lifeboat.spec.WorkingTreeSource;

/** The platform program with the AWS mapping on the example specs: what each posture makes, and that a run is a pure function of its inputs. */
class AwsProgramTest {
    static Stack primary;
    static Stack secondary;
    static final SecretReader SECRETS = SecretReader.of(Map.of("WAREHOUSE_PASSWORD", "warehouse-Secret-42"), SpecCorpus.EXAMPLES);

    @BeforeAll
    static void load() throws Exception {
        LoadResult specs = new SpecLoader(new WorkingTreeSource(SpecCorpus.EXAMPLES)).load(List.of());
        assertThat(specs.ok()).as("%s", specs.diagnostics()).isTrue();
        primary = specs.stack("prod-use1");
        secondary = specs.stack("prod-usw2");
    }

    static ProgramOptions fixed(Posture posture, long seed) {
        return ProgramOptions.of(posture).with(Clock.fixed(Instant.parse("2026-12-02T03:00:00Z"), ZoneOffset.UTC), new Random(seed));
    }

    static ProgramResult run(Stack stack, Stack pair, ProgramOptions options) {
        return new AwsCloud().run(stack, pair, options, SECRETS, KnownKeys.NONE);
    }

    static Set<String> types(ProgramResult r) {
        Set<String> out = new HashSet<>();
        for (Goal g : r.goals()) out.add(g.type());
        return out;
    }

    @Test
    void aRunWithTheSameClockAndRandomnessGivesTheSameGoalsTwice() {
        ProgramResult a = run(primary, secondary, fixed(Posture.ACTIVE, 7));
        ProgramResult b = run(primary, secondary, fixed(Posture.ACTIVE, 7));
        assertThat(b.goals()).isEqualTo(a.goals());
        assertThat(b.outputs()).isEqualTo(a.outputs());
        // another seed makes other key material: the randomness is the options', not the program's own
        ProgramResult c = run(primary, secondary, fixed(Posture.ACTIVE, 8));
        assertThat(c.goals()).isNotEqualTo(a.goals());
    }

    @Test
    void theFinalSnapshotIsNamedAfterTheOptionsClock() {
        Goal db = goal(run(primary, secondary, fixed(Posture.ACTIVE, 7)), AwsSchemas.DB_INSTANCE);
        assertThat(db.inputs().string("finalSnapshotIdentifier")).startsWith("prod-use1-metadata-final-20261202-030000-");
    }

    @Test
    void anActivePrimaryRunsTheWholePlatformAndAWarmSecondaryTheSameAtMinimumSize() {
        ProgramResult active = run(primary, secondary, fixed(Posture.ACTIVE, 1));
        assertThat(types(active)).contains(AwsSchemas.VPC, AwsSchemas.EKS_CLUSTER, AwsSchemas.EKS_NODE_GROUP, AwsSchemas.DB_INSTANCE,
                AwsSchemas.ECR_REPOSITORY, AwsSchemas.SECRET_VERSION, AwsMapping.PROVIDER_TYPE);
        assertThat(goal(active, AwsSchemas.DB_INSTANCE).inputs().get("multiAz")).isEqualTo(PropertyValue.of(true));
        ProgramResult warm = run(secondary, primary, fixed(Posture.WARM, 1));
        assertThat(types(warm)).contains(AwsSchemas.VPC, AwsSchemas.EKS_CLUSTER);
    }

    @ParameterizedTest
    @EnumSource(Posture.class)
    void everyPostureGivesGoalsWhoseReferencesAndParentsComeFirst(Posture posture) {
        Stack stack = posture.primary() ? primary : secondary;
        ProgramResult r = run(stack, posture.primary() ? secondary : primary, fixed(posture, 3));
        Set<Urn> seen = new HashSet<>();
        for (Goal g : r.goals()) {
            assertThat(seen).as("%s needs what comes after it", g.urn()).containsAll(g.dependencies());
            assertThat(seen.add(g.urn())).as("%s twice", g.urn()).isTrue();
        }
        assertThat(posture.runsCluster()).isEqualTo(types(r).contains(AwsSchemas.EKS_CLUSTER));
        assertThat(posture.runsNetwork()).isEqualTo(types(r).contains(AwsSchemas.VPC));
    }

    @Test
    void everyPathTheSpecCanReferToNamesAGoalOfTheRun() {
        ProgramResult r = run(primary, secondary, fixed(Posture.ACTIVE, 1));
        List<Urn> urns = new ArrayList<>();
        for (Goal g : r.goals()) urns.add(g.urn());
        assertThat(r.paths()).isNotEmpty();
        assertThat(urns).containsAll(r.paths().keySet());
        assertThat(r.paths()).containsValue("network.cluster-sg");
    }

    @Test
    void thePartsAreWiredThroughTheirHandlesToTheGoalsTheSpecPathsName() {
        ProgramResult r = run(primary, secondary, fixed(Posture.ACTIVE, 1));
        Map<String, Urn> byPath = new java.util.HashMap<>();
        r.paths().forEach((urn, path) -> byPath.put(path, urn));
        Goal eks = goal(r, AwsSchemas.EKS_CLUSTER);
        PropertyValue groups = eks.inputs().at("vpcConfig.securityGroupIds");
        assertThat(((PropertyValue.Arr) groups).items()).containsExactly(new PropertyValue.Ref(byPath.get("network.cluster-sg"), "id"));
        Goal db = goal(r, AwsSchemas.DB_INSTANCE);
        assertThat(((PropertyValue.Arr) db.inputs().get("vpcSecurityGroupIds")).items())
                .containsExactly(new PropertyValue.Ref(byPath.get("network.database-sg"), "id"));
        Goal copies = goal(r, AwsSchemas.DB_BACKUP_REPLICATION);
        assertThat(copies.inputs().get("sourceDbInstanceArn")).isEqualTo(new PropertyValue.Ref(byPath.get("database.metadata"), "arn"));
        assertThat(copies.options().parent()).isEqualTo(byPath.get("database"));
        // the stack outputs come from the parts, in the order the parts are made
        assertThat(r.outputs().keySet()).containsSubsequence("vpcId", "clusterEndpoint", "databaseEndpoint", "registryUrls");
    }

    @Test
    void aSecretTheSpecReadsMustBeThere() {
        SecretReader none = SecretReader.of(Map.of(), SpecCorpus.EXAMPLES);
        assertThatThrownBy(() -> new AwsCloud().run(primary, secondary, fixed(Posture.ACTIVE, 1), none, KnownKeys.NONE))
                .isInstanceOf(SecretUnavailableException.class).hasMessageContaining("WAREHOUSE_PASSWORD");
    }

    static Goal goal(ProgramResult r, String type) {
        for (Goal g : r.goals()) if (g.type().equals(type)) return g;
        throw new AssertionError("no " + type);
    }
}
