package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lifeboat.plan.Plan;
import io.lifeboat.plan.PlanOptions;
import io.lifeboat.plan.Step;
import io.lifeboat.plan.StepGenerator;
import io.lifeboat.program.Clouds;
import io.lifeboat.program.ProgramResult;
import io.lifeboat.program.pulumi.PulumiProgram;
import io.lifeboat.program.pulumi.PulumiProject;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.state.ResourceState;
import io.lifeboat.state.Snapshot;

/**
 * Real pulumi-java programs (testing/pulumi-programs: com.pulumi:pulumi in its own JVM, not
 * mocks) run on Lifeboat's engine through Pulumi's ResourceMonitor and Engine gRPC services, on
 * the sim cloud: each registration planned (a preview) or applied as it comes (an up, through
 * the streaming deployment), its outputs sent back to the program.
 */
class PulumiProgramEndToEndTest extends SimRepoTest {
    static final Path JAR = Repo.PROJECT.resolve("testing/pulumi-programs/target/pulumi-test-programs.jar");
    final StepGenerator generator = new StepGenerator(io.lifeboat.program.Schemas::get);
    final List<String> said = new ArrayList<>();
    SourceDeploymentEndToEndTest.Example example;
    PulumiProject project;

    @BeforeEach
    void project() throws Exception {
        assertThat(JAR).as("built by the reactor before the cli (mvn package of testing/pulumi-programs)").exists();
        example = SourceDeploymentEndToEndTest.Example.at(repo);
        Path programDir = dir.resolve("program");
        Files.createDirectories(programDir);
        Files.writeString(programDir.resolve("Pulumi.yaml"), "name: lifeboat-test\nruntime:\n  name: java\n  options:\n    binary: " + JAR + "\n");
        project = PulumiProject.read(programDir, "program/Pulumi.yaml");
    }

    private PulumiProgram program(boolean preview, Map<String, String> config, List<String> secretKeys) {
        Props provider = Clouds.of(example.stack()).dr().regionProviderConfig(example.stack());
        Map<String, String> all = new LinkedHashMap<>(config);
        all.put("aws:region", example.stack().region());
        return new PulumiProgram(project, new PulumiProgram.Settings(example.stack().name(), preview, all, secretKeys, pkg -> provider,
                example.stack().region(), new PulumiProgram.Listener() {
                    @Override
                    public void log(String severity, String urn, String message) {
                        if (!severity.equals("DEBUG")) said.add(severity + ": " + message);
                    }

                    @Override
                    public void output(String line) {
                        said.add(line);
                    }
                }));
    }

    private PulumiProgram program(boolean preview, String mode) {
        return program(preview, Map.of("lifeboat-test:mode", mode), List.of());
    }

    private static ResourceState named(Snapshot s, String name) {
        return s.resources().stream().filter(r -> r.urn().name().equals(name) && !r.delete()).findFirst().orElseThrow();
    }

    @Test
    void aVpcAndASubnetThatNamesItsIdArePreviewedMadeLeftAloneAndDestroyed() throws Exception {
        Plan preview = generator.plan(example.stack().name(), program(true, "vpc"), example.state(), PlanOptions.DEFAULT);
        assertThat(preview.steps()).allMatch(s -> s instanceof Step.Create);
        assertThat(preview.steps()).extracting(s -> s.urn().type())
                .containsExactly("pulumi:pulumi:Stack", "pulumi:providers:aws", "aws:ec2/vpc:Vpc", "aws:ec2/subnet:Subnet");
        Step subnet = preview.steps().get(3);
        assertThat(subnet.goal().inputs().get("vpcId")).as("the VPC's id is not known before it is made").isEqualTo(PropertyValue.UNKNOWN);
        assertThat(subnet.goal().dependencies()).anyMatch(u -> u.type().equals("aws:ec2/vpc:Vpc"));

        var up = example.apply(generator, program(false, "vpc"));
        assertThat(up.execution().errors()).as(String.join("\n", said)).isEmpty();
        Snapshot after = example.state();
        String vpcId = named(after, "main").id();
        assertThat(vpcId).startsWith("vpc-");
        assertThat(named(after, "a").inputs().string("vpcId")).isEqualTo(vpcId);
        assertThat(up.plan().outputs().get("vpcId")).isEqualTo(new PropertyValue.Str(vpcId));
        assertThat(up.plan().outputs().get("subnetVpc")).as("an output read back by the program").isEqualTo(new PropertyValue.Str(vpcId));
        assertThat(sim.objects("us-east-1")).anyMatch(o -> o.id().equals(vpcId));

        Plan again = generator.plan(example.stack().name(), program(true, "vpc"), after, PlanOptions.DEFAULT);
        assertThat(again.steps()).as("no changes").allMatch(s -> s instanceof Step.Same);

        example.applyWhole(generator, new ProgramResult(List.of(), Map.of()), PlanOptions.destroyAll());
        assertThat(sim.objects("us-east-1")).noneMatch(o -> o.id().equals(vpcId));
        assertThat(example.state().resources()).isEmpty();
    }

    @Test
    void aComponentsChildrenCarryItsTypeInTheirUrns() throws Exception {
        var up = example.apply(generator, program(false, "component"));
        assertThat(up.execution().errors()).as(String.join("\n", said)).isEmpty();
        assertThat(named(example.state(), "a").urn().toString())
                .endsWith("::lifeboat-test::pulumi:pulumi:Stack$lifeboat:test:Network$aws:ec2/subnet:Subnet::a");
        assertThat(named(example.state(), "network").custom()).isFalse();
    }

    @Test
    void aComponentRenamedWithItsFormerNameAsAnAliasKeepsItselfAndItsChildren() throws Exception {
        example.apply(generator, program(false, "component"));
        String vpcId = named(example.state(), "main").id();
        String subnetId = named(example.state(), "a").id();

        Plan renamed = generator.plan(example.stack().name(), program(true, "renamed"), example.state(), PlanOptions.DEFAULT);
        assertThat(renamed.steps()).as(renamed.steps().toString()).allMatch(s -> s instanceof Step.Same);

        var up = example.apply(generator, program(false, "renamed"));
        assertThat(up.execution().errors()).as(String.join("\n", said)).isEmpty();
        Snapshot after = example.state();
        assertThat(named(after, "net").custom()).isFalse();
        assertThat(after.resources()).noneMatch(r -> r.urn().name().equals("network"));
        assertThat(named(after, "a").urn().toString()).as("the child is recorded under its new parent's URN")
                .contains("$lifeboat:test:Network$aws:ec2/subnet:Subnet::a");
        assertThat(named(after, "a").parent()).isEqualTo(named(after, "net").urn());
        assertThat(named(after, "main").id()).as("nothing was made again").isEqualTo(vpcId);
        assertThat(named(after, "a").id()).isEqualTo(subnetId);
        assertThat(sim.objects("us-east-1").stream().filter(o -> o.type().equals("aws:ec2/vpc:Vpc"))).hasSize(1);
    }

    @Test
    void aResourceTheProgramReadsIsRecordedAsExternalAndForgottenNotDeleted() throws Exception {
        example.apply(generator, program(false, "vpc"));
        String vpcId = named(example.state(), "main").id();
        Map<String, String> read = Map.of("lifeboat-test:mode", "read", "lifeboat-test:vpcId", vpcId);

        Plan preview = generator.plan(example.stack().name(), program(true, read, List.of()), example.state(), PlanOptions.DEFAULT);
        assertThat(preview.steps()).as("a read changes nothing").noneMatch(s -> s.urn().name().equals("existing") && !(s instanceof Step.Same));

        var up = example.apply(generator, program(false, read, List.of()));
        assertThat(up.execution().errors()).as(String.join("\n", said)).isEmpty();
        assertThat(up.plan().outputs().get("existingCidr")).isEqualTo(new PropertyValue.Str("10.40.0.0/16"));
        ResourceState existing = named(example.state(), "existing");
        assertThat(existing.external()).isTrue();
        assertThat(existing.id()).isEqualTo(vpcId);
        assertThat(sim.objects("us-east-1")).as("the VPC and subnet the read run no longer asks for are deleted, the VPC it read is not")
                .noneMatch(o -> o.type().equals("aws:ec2/subnet:Subnet"));

        var again = example.apply(generator, program(false, Map.of("lifeboat-test:mode", "secret", "lifeboat-test:apiKey", "k"),
                List.of("lifeboat-test:apiKey")));
        assertThat(again.execution().errors()).as(String.join("\n", said)).isEmpty();
        assertThat(example.state().resources()).as("forgotten once the program no longer reads it").noneMatch(r -> r.urn().name().equals("existing"));
        assertThat(sim.objects("us-east-1")).as("deleted as main, not as the read one: gone once").noneMatch(o -> o.id().equals(vpcId));
    }

    @Test
    void aSecretInputIsStoredEncryptedAndNeverInClear() throws Exception {
        var up = example.apply(generator, program(false, Map.of("lifeboat-test:mode", "secret", "lifeboat-test:apiKey", "k3y-in-clear-42"),
                List.of("lifeboat-test:apiKey")));
        assertThat(up.execution().errors()).as(String.join("\n", said)).isEmpty();
        ResourceState version = example.state().resources().stream().filter(r -> r.type().equals("aws:secretsmanager/secretVersion:SecretVersion"))
                .findFirst().orElseThrow();
        assertThat(version.inputs().get("secretString")).isInstanceOf(PropertyValue.Secret.class);
        // the state and its journal (the sim cloud itself holds the secret's value, as Secrets Manager does)
        try (var files = Files.walk(repo.root.resolve(".lifeboat/state"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain("k3y-in-clear-42");
            }
        }
    }

    @Test
    void aProgramThatThrowsFailsNamingItsErrorKeepsWhatItMadeAndDeletesNothing() throws Exception {
        example.apply(generator, program(false, "vpc"));
        String subnetId = named(example.state(), "a").id();
        var failed = example.apply(generator, program(false, "throws"));
        assertThat(failed.execution().errors()).extracting(Object::toString).anyMatch(e -> e.contains("the program gave up on purpose"));
        Snapshot after = example.state();
        assertThat(named(after, "main").id()).startsWith("vpc-");
        assertThat(named(after, "a").id()).as("what the program did not get to is not deleted").isEqualTo(subnetId);
        assertThat(sim.objects("us-east-1")).anyMatch(o -> o.id().equals(subnetId));
    }

    @Test
    void aProgramKilledHalfWayKeepsWhatWasMadeAndTheNextRunFinishesWithoutDuplicates() throws Exception {
        var killed = example.apply(generator, program(false, "killed"));
        assertThat(killed.execution().errors()).extracting(Object::toString).anyMatch(e -> e.contains("exited with 137"));
        String vpcId = named(example.state(), "main").id();
        assertThat(vpcId).startsWith("vpc-");

        var again = example.apply(generator, program(false, "vpc"));
        assertThat(again.execution().errors()).as(String.join("\n", said)).isEmpty();
        assertThat(named(example.state(), "main").id()).as("the VPC made before the kill is kept, not made twice").isEqualTo(vpcId);
        assertThat(named(example.state(), "a").inputs().string("vpcId")).isEqualTo(vpcId);
        assertThat(sim.objects("us-east-1").stream().filter(o -> o.type().equals("aws:ec2/vpc:Vpc"))).hasSize(1);
    }

    /** The same program as a Maven project (no binary): compiled and run with {@code mvn compile exec:java}, as Pulumi's Java host runs it. */
    @Test
    void aMavenProjectIsCompiledAndRunWithMaven() throws Exception {
        Path maven = dir.resolve("maven-program");
        Path sources = maven.resolve("src/main/java/io/lifeboat/testprograms");
        Files.createDirectories(sources);
        for (String f : List.of("Main.java", "Aws.java")) {
            Files.copy(Repo.PROJECT.resolve("testing/pulumi-programs/src/main/java/io/lifeboat/testprograms").resolve(f), sources.resolve(f));
        }
        Files.writeString(maven.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>io.lifeboat.test</groupId>
                  <artifactId>maven-program</artifactId>
                  <version>1.0</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencies>
                    <dependency><groupId>com.pulumi</groupId><artifactId>pulumi</artifactId><version>1.36.1</version></dependency>
                  </dependencies>
                  <build>
                    <plugins>
                      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
                      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
                      <plugin>
                        <groupId>org.codehaus.mojo</groupId><artifactId>exec-maven-plugin</artifactId><version>3.5.0</version>
                        <configuration><mainClass>io.lifeboat.testprograms.Main</mainClass></configuration>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """);
        Files.writeString(maven.resolve("Pulumi.yaml"), "name: lifeboat-test\nruntime: java\n");
        project = PulumiProject.read(maven, "maven-program/Pulumi.yaml");
        assertThat(project.binary()).isNull();

        var up = example.apply(generator, program(false, "vpc"));
        assertThat(up.execution().errors()).as(String.join("\n", said)).isEmpty();
        assertThat(named(example.state(), "a").inputs().string("vpcId")).isEqualTo(named(example.state(), "main").id());
    }

    @Test
    void aProtectedResourceIsNotDeleted() throws Exception {
        example.apply(generator, program(false, "protect"));
        assertThat(named(example.state(), "main").protect()).isTrue();
        Plan destroy = generator.plan(example.stack().name(), new ProgramResult(List.of(), Map.of()), example.state(), PlanOptions.destroyAll());
        assertThat(destroy.errors()).anyMatch(e -> e.contains("protect"));
    }
}
