package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lifeboat.providers.sim.SimAdmin;
import io.lifeboat.providers.sim.SimAdmin.ObjectView;
import io.lifeboat.resource.PropertyValue;

/**
 * examples/pulumi-java, the real pulumi-java program on the com.pulumi:aws SDK, run through the
 * command line as a pair on the sim cloud: the primary makes its network, its database with the
 * backups replicated to the secondary's region and the API key replicated there; the secondary
 * (a pilot light) its network only; after an outage of the primary's region, the failover
 * restores the database in the secondary's region from its copy and takes the key's replica
 * over; a drill rehearses that beside the pair and leaves nothing. The key's value (from
 * {@code EXAMPLE_API_KEY}, which the cli's surefire sets) never shows in clear in what is printed
 * or in the state.
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

    private String backupsCopy() {
        return ofType(sim.objects("us-west-2"), "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication").get(0).id();
    }

    @Test
    void theExamplePairFailsOverTheSecondaryRestoringTheDatabaseFromItsCopyAndTakingTheKeyOverThenFailsBack() throws Exception {
        lb("up", "--all", "--yes");
        String copy = backupsCopy();
        ObjectView replica = ofType(sim.objects("us-west-2"), "aws:secretsmanager/secret:Secret").get(0);
        int westBefore = sim.count("us-west-2");

        Repo.Result early = repo.run("failover", "--from", "pulumi-use1", "--to", "pulumi-usw2", "--yes");
        assertThat(early.code()).as("the primary's region still answers: refused").isNotZero();
        assertThat(early.all()).contains("answers a read-only probe").contains("--force");
        assertThat(sim.count("us-west-2")).as("a refusal changes nothing").isEqualTo(westBefore);

        sim.outage("us-east-1");
        Repo.Result failover = lb("failover", "--from", "pulumi-use1", "--to", "pulumi-usw2", "--yes");
        assertThat(failover.out()).contains("pulumi-usw2").contains("us-west-2").contains("RPO").contains("RTO")
                .contains("API key lifeboat-example/api-key: served from us-west-2 with the same key material")
                .contains("the database's writes newer than");
        List<ObjectView> west = sim.objects("us-west-2");
        ObjectView db = ofType(west, "aws:rds/instance:Instance").get(0);
        assertThat(((PropertyValue.Obj) db.inputs().get("restoreToPointInTime")).props().string("sourceDbInstanceAutomatedBackupsArn"))
                .as("restored from the newest copy in the survivor's region").isEqualTo(copy);
        assertThat(ofType(west, "aws:secretsmanager/secret:Secret")).as("the replica, taken over: the same secret, its key kept").singleElement()
                .satisfies(sec -> assertThat(sec.id()).isEqualTo(replica.id()));
        assertThat(ofType(west, "aws:secretsmanager/secretVersion:SecretVersion")).as("no new value written").hasSize(1);
        assertThat(ofType(west, "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication"))
                .as("nothing is copied into the lost region").hasSize(1);
        assertThat(lb("status").out()).contains("lost");

        // the promoted stack stays as the failover left it: the program keeps its posture and its restore
        Repo.Result after = repo.run("preview", "--stack", "pulumi-usw2", "--detailed-exitcode");
        printed.append(after.all());
        assertThat(after.code()).as(after.all()).isZero();
        assertThat(lb("failover", "--from", "pulumi-use1", "--to", "pulumi-usw2", "--yes").out())
                .as("run twice, it converges").contains("already promoted and healthy");

        // the region comes back: the primary returns as the secondary, then takes its role back, its database restored from the copy
        sim.restore("us-east-1");
        assertThat(lb("failback", "--stack", "pulumi-use1", "--yes").out()).contains("pulumi-use1 is the secondary of pulumi-usw2");
        assertThat(lb("failback", "--stack", "pulumi-use1", "--promote", "--yes").out()).contains("pulumi-use1 is primary again");
        List<ObjectView> east = sim.objects("us-east-1");
        assertThat(ofType(east, "aws:rds/instance:Instance")).singleElement()
                .satisfies(d -> assertThat(d.inputs().get("restoreToPointInTime")).as("restored from the copy of the promoted database").isNotNull());
        assertThat(ofType(sim.objects("us-west-2"), "aws:rds/instance:Instance")).as("the secondary is a pilot light again").isEmpty();
        assertThat(ofType(east, "aws:secretsmanager/secret:Secret")).singleElement()
                .satisfies(sec -> assertThat(sec.id()).contains(":secret:lifeboat-example/api-key-"));
        Repo.Result settled = repo.run("preview", "--all", "--detailed-exitcode");
        printed.append(settled.all());
        assertThat(settled.code()).as(settled.all()).isZero();
        assertThat(printed.toString()).doesNotContain(KEY);
    }

    @Test
    void aDrillRestoresBesideTheLivePairUnderItsOwnNamesAndCidrAndLeavesNothing() throws Exception {
        lb("up", "--all", "--yes");
        List<String> west = sim.objects("us-west-2").stream().map(ObjectView::id).sorted().toList();
        Repo.Result drill = lb("drill", "--to", "pulumi-usw2");
        assertThat(drill.out()).contains("health check passed").contains("pulumi-usw2-drill");
        assertThat(sim.objects("us-west-2").stream().map(ObjectView::id).sorted().toList()).as("nothing left of the drill").isEqualTo(west);
    }

    @Test
    void aReplacedAutoNamedResourceTakesANewNameAndOneThatKeepsItsNameWhileHeldIsRefused() throws Exception {
        lb("up", "--stack", "pulumi-use1", "--yes");
        ObjectView group = ofType(sim.objects("us-east-1"), "aws:ec2/securityGroup:SecurityGroup").get(0);
        String sg = "urn:pulumi:pulumi-use1::lifeboat-pulumi-example::pulumi:pulumi:Stack$aws:ec2/securityGroup:SecurityGroup::db";
        Repo.Result replaced = lb("up", "--stack", "pulumi-use1", "--replace", sg, "--yes");
        assertThat(replaced.out()).contains("replaced");
        ObjectView now = ofType(sim.objects("us-east-1"), "aws:ec2/securityGroup:SecurityGroup").stream().filter(g -> !g.id().equals(group.id()))
                .findFirst().orElseThrow();
        assertThat(now.inputs().string("name")).as("a new auto-name, so the replacement is made before the old one goes")
                .matches("db-[0-9a-f]{7}").isNotEqualTo(group.inputs().string("name"));
        assertThat(ofType(sim.objects("us-east-1"), "aws:ec2/securityGroup:SecurityGroup")).as("the old one is gone").hasSize(1);
        assertThat(ofType(sim.objects("us-east-1"), "aws:rds/instance:Instance").get(0).inputs().get("vpcSecurityGroupIds").toString())
                .as("the database moved to it in place").contains(now.id());

        String secret = "urn:pulumi:pulumi-use1::lifeboat-pulumi-example::pulumi:pulumi:Stack$aws:secretsmanager/secret:Secret::api-key";
        int before = sim.count("us-east-1");
        Repo.Result refused = repo.run("up", "--stack", "pulumi-use1", "--replace", secret, "--yes");
        assertThat(refused.code()).isNotZero();
        assertThat(refused.all()).contains("must be deleted before its replacement is made").contains("api-key still holds on to it")
                .contains("nothing was changed");
        assertThat(sim.count("us-east-1")).isEqualTo(before);
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
