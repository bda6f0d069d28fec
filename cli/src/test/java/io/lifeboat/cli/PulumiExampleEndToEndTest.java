package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lifeboat.plan.Plan;
import io.lifeboat.plan.PlanOptions;
import io.lifeboat.plan.Step;
import io.lifeboat.plan.StepGenerator;
import io.lifeboat.program.Clouds;
import io.lifeboat.program.pulumi.PulumiProgram;
import io.lifeboat.program.pulumi.PulumiProject;
import io.lifeboat.providers.sim.SimAdmin;
import io.lifeboat.providers.sim.SimAdmin.ObjectView;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import io.lifeboat.state.Snapshot;

/**
 * examples/pulumi-java, the real pulumi-java program on the com.pulumi:aws SDK, run through the
 * command line as a pair on the sim cloud: the primary makes its network, its database with the
 * backups replicated to the secondary's region and the API key replicated there; the secondary
 * (a pilot light) its network only. The key's value (from {@code EXAMPLE_API_KEY}, which the
 * cli's surefire sets) never shows in clear in what is printed or in the state.
 */
class PulumiExampleEndToEndTest extends SimRepoTest {
    static final Path EXAMPLE = Repo.PROJECT.resolve("examples/pulumi-java");
    static final Path JAR = EXAMPLE.resolve("target/lifeboat-pulumi-example.jar");
    static final String KEY = System.getenv("EXAMPLE_API_KEY");
    final StringBuilder printed = new StringBuilder();

    @BeforeEach
    void theExample() throws Exception {
        assertThat(JAR).as("built by the reactor before the cli (mvn package of examples/pulumi-java)").exists();
        assertThat(KEY).as("EXAMPLE_API_KEY, set by the cli's surefire configuration").isNotBlank();
        // the repository holds the example as a user's copy of it would: its project, its stacks, its built jar
        repo = new Repo(dir.resolve("example"), EXAMPLE);
        sim = new SimAdmin(repo.root);
        assertThat(repo.root.resolve("target/lifeboat-pulumi-example.jar")).exists();
        assertThat(repo.root.resolve("Pulumi.pulumi-usw2.yaml")).exists();
    }

    Repo.Result lb(String... args) {
        Repo.Result r = ok(args);
        printed.append(r.all());
        return r;
    }

    static List<ObjectView> ofType(List<ObjectView> objects, String type) {
        return objects.stream().filter(o -> o.type().equals(type)).toList();
    }

    @Test
    void thePairIsPreviewedMadeLeftAloneAndDestroyedAndTheKeyNeverShows() throws Exception {
        assertThat(lb("validate").out()).contains("pulumi-use1").contains("pulumi-usw2");

        Repo.Result preview = lb("preview", "--stack", "pulumi-use1");
        assertThat(preview.out()).contains("aws:ec2/vpc:Vpc").contains("aws:ec2/subnet:Subnet").contains("aws:ec2/securityGroup:SecurityGroup")
                .contains("aws:rds/subnetGroup:SubnetGroup").contains("aws:rds/instance:Instance")
                .contains("aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication")
                .contains("aws:secretsmanager/secret:Secret").contains("aws:secretsmanager/secretVersion:SecretVersion")
                .contains("pulumi:providers:aws").contains("+ 12 to create");
        assertThat(preview.out()).as("the database's endpoint is not known before it is made").containsPattern("databaseEndpoint\\s*: \\(known after apply\\)");
        assertThat(sim.count("us-east-1")).as("a preview makes nothing").isZero();

        assertThat(lb("up", "--stack", "pulumi-use1", "--yes").out()).contains("+ 12 created");
        List<ObjectView> east = sim.objects("us-east-1");
        assertThat(ofType(east, "aws:ec2/vpc:Vpc")).singleElement().satisfies(v -> assertThat(v.inputs().string("cidrBlock")).isEqualTo("10.10.0.0/16"));
        assertThat(ofType(east, "aws:ec2/subnet:Subnet")).extracting(s -> s.inputs().string("availabilityZone"))
                .containsExactlyInAnyOrder("us-east-1a", "us-east-1b");
        assertThat(ofType(east, "aws:ec2/securityGroup:SecurityGroup")).as("auto-named by the engine, as Pulumi names it")
                .singleElement().satisfies(g -> assertThat(g.inputs().string("name")).matches("db-[0-9a-f]{7}"));
        ObjectView db = ofType(east, "aws:rds/instance:Instance").get(0);
        assertThat(db.id()).matches("db-[0-9a-f]{7}");
        assertThat(db.inputs().string("storageType")).isEqualTo("gp3");
        assertThat(db.inputs().get("publiclyAccessible")).isEqualTo(PropertyValue.of(false));
        assertThat(ofType(east, "aws:secretsmanager/secret:Secret")).extracting(ObjectView::id).singleElement()
                .satisfies(arn -> assertThat(arn).contains(":secret:lifeboat-example/api-key-"));
        List<ObjectView> west = sim.objects("us-west-2");
        assertThat(ofType(west, "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication"))
                .as("the database's copies live in the pair's region, made through the explicit provider").singleElement()
                .satisfies(b -> assertThat(b.inputs().string("sourceDbInstanceArn")).isEqualTo(db.outputs().string("arn")));
        assertThat(ofType(west, "aws:secretsmanager/secret:Secret")).as("the key's replica").singleElement()
                .satisfies(s -> assertThat(s.id()).contains("us-west-2").contains(":secret:lifeboat-example/api-key-"));
        assertThat(ofType(west, "aws:rds/instance:Instance")).isEmpty();

        Repo.Result again = repo.run("preview", "--stack", "pulumi-use1", "--detailed-exitcode");
        printed.append(again.all());
        assertThat(again.code()).as(again.all()).isZero();
        assertThat(again.out()).contains("No changes.").contains(db.outputs().string("endpoint"));

        assertThat(lb("up", "--stack", "pulumi-usw2", "--yes").out()).contains("+ 6 created");
        west = sim.objects("us-west-2");
        assertThat(ofType(west, "aws:ec2/vpc:Vpc")).singleElement().satisfies(v -> assertThat(v.inputs().string("cidrBlock")).isEqualTo("10.20.0.0/16"));
        assertThat(ofType(west, "aws:ec2/subnet:Subnet")).hasSize(2);
        assertThat(ofType(west, "aws:ec2/securityGroup:SecurityGroup")).hasSize(1);
        assertThat(ofType(west, "aws:rds/instance:Instance")).as("a pilot light: no database").isEmpty();
        assertThat(sim.objects("us-east-1")).as("the secondary makes nothing in the primary's region").hasSameSizeAs(east);
        Repo.Result both = repo.run("preview", "--all", "--detailed-exitcode");
        printed.append(both.all());
        assertThat(both.code()).as(both.all()).isZero();
        assertThat(lb("status").out()).contains("pulumi-use1").contains("pulumi-usw2")
                .as("the state written under the project (it is the repository's root here) is no change of its spec").doesNotContain("changed since");

        // the key is the cloud's to hold (Secrets Manager, the sim's objects), never the output's or the state's
        assertThat(printed.toString()).doesNotContain(KEY);
        try (Stream<Path> files = Files.walk(repo.root.resolve(".lifeboat/state"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f, StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(KEY);
            }
        }

        lb("destroy", "--stack", "pulumi-usw2", "--yes");
        lb("destroy", "--stack", "pulumi-use1", "--yes");
        assertThat(sim.objects("us-east-1")).as("nothing left").isEmpty();
        assertThat(sim.objects("us-west-2")).as("nothing left, the replica and the copies neither").isEmpty();
    }

    /**
     * The example's program for the secondary with the posture Lifeboat's failover will give it
     * ({@code promoted}, or {@code drill} for a drill's stack {@code <secondary>-drill}) and the
     * newest copy of the primary's database to restore from: run on the engine directly, since
     * failover and drill of program stacks are not built yet.
     */
    private PulumiProgram secondary(String stackName, boolean preview, String posture, String restoreFrom) throws Exception {
        SourceDeploymentEndToEndTest.Example secondary = SourceDeploymentEndToEndTest.Example.at(repo, "stacks/secondary.yaml");
        PulumiProject project = PulumiProject.read(repo.root, "Pulumi.yaml");
        Map<String, String> config = new LinkedHashMap<>(project.stackConfig("pulumi-usw2"));
        config.put("aws:region", "us-west-2");
        config.put("lifeboat:role", "secondary");
        config.put("lifeboat:posture", posture);
        if (!posture.equals("drill")) config.put("lifeboat:pairRegion", "us-east-1");
        if (restoreFrom != null) config.put("lifeboat:restoreFrom", restoreFrom);
        Props provider = Clouds.of(secondary.stack()).dr().regionProviderConfig(secondary.stack());
        return new PulumiProgram(project, new PulumiProgram.Settings(stackName, preview, config, List.of(), pkg -> provider, "us-west-2",
                new PulumiProgram.Listener() {
                    @Override
                    public void log(String severity, String urn, String message) {
                        if (!severity.equals("DEBUG")) printed.append(severity).append(": ").append(message).append('\n');
                    }

                    @Override
                    public void output(String line) {
                        printed.append(line).append('\n');
                    }
                }));
    }

    private String backupsCopy() {
        return ofType(sim.objects("us-west-2"), "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication").get(0).id();
    }

    @Test
    void promotedAfterAnOutageTheSecondaryRestoresTheDatabaseFromItsCopyAndTakesTheKeyOver() throws Exception {
        lb("up", "--all", "--yes");
        String copy = backupsCopy();
        ObjectView replica = ofType(sim.objects("us-west-2"), "aws:secretsmanager/secret:Secret").get(0);
        sim.outage("us-east-1");

        SourceDeploymentEndToEndTest.Example secondary = SourceDeploymentEndToEndTest.Example.at(repo, "stacks/secondary.yaml");
        var up = secondary.apply(new StepGenerator(io.lifeboat.program.Schemas::get), secondary("pulumi-usw2", false, "promoted", copy));
        assertThat(up.execution().errors()).as(printed.toString()).isEmpty();
        List<ObjectView> west = sim.objects("us-west-2");
        ObjectView db = ofType(west, "aws:rds/instance:Instance").get(0);
        assertThat(db.inputs().get("restoreToPointInTime")).isNotNull();
        assertThat(((PropertyValue.Obj) db.inputs().get("restoreToPointInTime")).props().string("sourceDbInstanceAutomatedBackupsArn")).isEqualTo(copy);
        assertThat(up.plan().outputs().get("databaseEndpoint").toString()).contains("us-west-2.rds.amazonaws.com");
        assertThat(ofType(west, "aws:secretsmanager/secret:Secret")).as("the replica, taken over: the same secret, its key kept").singleElement()
                .satisfies(s -> assertThat(s.id()).isEqualTo(replica.id()));
        assertThat(ofType(west, "aws:secretsmanager/secretVersion:SecretVersion")).as("no new value written").hasSize(1);
        assertThat(up.plan().outputs().get("apiKeySecretArn")).isEqualTo(new PropertyValue.Str(replica.id()));
        assertThat(printed.toString()).doesNotContain(KEY);
    }

    @Test
    void aDrillRestoresBesideTheLivePairUnderItsOwnNamesAndCidr() throws Exception {
        lb("up", "--all", "--yes");
        String copy = backupsCopy();
        Plan drill = new StepGenerator(io.lifeboat.program.Schemas::get).plan("pulumi-usw2-drill",
                secondary("pulumi-usw2-drill", true, "drill", copy), Snapshot.empty("pulumi-usw2-drill"), PlanOptions.DEFAULT);
        assertThat(drill.errors()).isEmpty();
        List<Step> custom = drill.steps().stream().filter(st -> st.goal().custom() && !Urn.isProviderType(st.urn().type())).toList();
        assertThat(custom).extracting(st -> st.urn().name()).allMatch(n -> n.endsWith("-drill"))
                .contains("main-drill", "a-drill", "b-drill", "db-drill");
        assertThat(custom).extracting(st -> st.urn().type()).doesNotContain("aws:secretsmanager/secret:Secret",
                "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication");
        Step vpc = custom.stream().filter(st -> st.urn().type().equals("aws:ec2/vpc:Vpc")).findFirst().orElseThrow();
        assertThat(vpc.goal().inputs().string("cidrBlock")).isEqualTo("10.200.0.0/16");
        Step db = custom.stream().filter(st -> st.urn().type().equals("aws:rds/instance:Instance")).findFirst().orElseThrow();
        assertThat(db.goal().inputs().string("identifier")).matches("db-drill-[0-9a-f]{7}");
        assertThat(((PropertyValue.Obj) db.goal().inputs().get("restoreToPointInTime")).props().string("sourceDbInstanceAutomatedBackupsArn"))
                .isEqualTo(copy);
    }

    @Test
    void theSecondRunOfAProgramKeepsTheAutoNamesItMade() throws Exception {
        lb("up", "--stack", "pulumi-usw2", "--yes");
        String name = ofType(sim.objects("us-west-2"), "aws:ec2/securityGroup:SecurityGroup").get(0).inputs().string("name");
        Repo.Result up = lb("up", "--stack", "pulumi-usw2", "--yes");
        assertThat(up.out()).doesNotContain("replace");
        assertThat(ofType(sim.objects("us-west-2"), "aws:ec2/securityGroup:SecurityGroup")).singleElement()
                .satisfies(g -> assertThat(g.inputs().string("name")).isEqualTo(name));
    }
}
