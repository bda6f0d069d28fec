package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A stack pair that runs a pulumi-java program ({@code program:} instead of {@code platform:})
 * through the command line on the sim: validate, preview, up, a no-change preview, destroy, a
 * saved plan applied by the program running again, the DR preconditions.
 */
class PulumiStackEndToEndTest extends SimRepoTest {
    @BeforeEach
    void programStacks() throws Exception {
        useTestProgram(repo);
    }

    /**
     * Turns the repository's stack pair into program stacks that run the test programs' jar, the
     * primary's Pulumi.prod-use1.yaml giving the program its cidr (10.50.0.0/16), as Pulumi keeps
     * a stack's config.
     */
    static void useTestProgram(Repo repo) throws Exception {
        Path program = repo.root.resolve("program");
        Files.createDirectories(program);
        Files.writeString(program.resolve("Pulumi.yaml"), "name: lifeboat-test\nruntime:\n  name: java\n  options:\n    binary: "
                + PulumiProgramEndToEndTest.JAR + "\n");
        Files.writeString(program.resolve("Pulumi.prod-use1.yaml"), "config:\n  cidr: 10.50.0.0/16\n");
        for (String f : new String[] {"stacks/primary.yaml", "stacks/secondary.yaml"}) {
            String text = repo.read(f).replace("platform: ../specs/platform.yaml", "program: ../program")
                    .replaceAll("(?s)  overrides:\\n    network: \\{ cidr: [0-9./]+ }\\n", "");
            Files.writeString(repo.root.resolve(f), text);
        }
    }

    @Test
    void aProgramStackIsValidatedPreviewedMadeLeftAloneAndDestroyed() throws Exception {
        assertThat(ok("validate").out()).contains("valid:");
        Repo.Result preview = ok("preview", "--stack", "prod-use1");
        assertThat(preview.out()).contains("aws:ec2/vpc:Vpc").contains("aws:ec2/subnet:Subnet").contains("pulumi:providers:aws");

        Repo.Result up = ok("up", "--stack", "prod-use1", "--yes");
        assertThat(up.out()).contains("created");
        assertThat(sim.objects("us-east-1")).anyMatch(o -> o.type().equals("aws:ec2/subnet:Subnet"));
        assertThat(sim.objects("us-east-1")).as("Pulumi.prod-use1.yaml's config reaches the program")
                .anyMatch(o -> o.type().equals("aws:ec2/vpc:Vpc") && "10.50.0.0/16".equals(o.inputs().string("cidrBlock")));
        Repo.Result again = repo.run("preview", "--stack", "prod-use1", "--detailed-exitcode");
        assertThat(again.code()).as(again.all()).isZero();
        assertThat(again.out()).contains("No changes.");

        assertThat(ok("status").out()).contains("prod-use1");
        assertThat(ok("refresh", "--stack", "prod-use1", "--yes").out()).contains("No drift.");
        assertThat(ok("graph", "--stack", "prod-use1").out()).contains("aws:ec2/subnet:Subnet").contains("aws:ec2/vpc:Vpc");
        ok("up", "--stack", "prod-usw2", "--yes");
        assertThat(sim.objects("us-west-2")).anyMatch(o -> o.type().equals("aws:ec2/subnet:Subnet"));

        Repo.Result failover = repo.run("failover", "--from", "prod-use1", "--to", "prod-usw2", "--yes");
        assertThat(failover.code()).isNotZero();
        assertThat(failover.all()).as("issue 9's preconditions hold for program stacks: the primary's region still answers")
                .contains("answers a read-only probe").contains("--force");

        Repo.Result destroy = ok("destroy", "--stack", "prod-use1", "--yes");
        assertThat(destroy.out()).contains("deleted");
        assertThat(sim.objects("us-east-1")).noneMatch(o -> o.type().equals("aws:ec2/subnet:Subnet"));
    }

    @Test
    void aSavedPlanIsAppliedByTheProgramRunningAgainAndRefusedOnceTheProgramMoved() throws Exception {
        assertThat(ok("preview", "--stack", "prod-use1", "--save-plan", "plan.json").out()).contains("Saved the plan of 1 stack");
        Repo.Result applied = ok("up", "--plan", "plan.json");
        assertThat(applied.out()).contains("created");
        assertThat(sim.objects("us-east-1")).anyMatch(o -> o.type().equals("aws:ec2/subnet:Subnet"));
        assertThat(repo.run("preview", "--stack", "prod-use1", "--detailed-exitcode").code()).isZero();

        ok("preview", "--stack", "prod-use1", "--save-plan", "plan2.json");
        repo.edit("program/Pulumi.prod-use1.yaml", "10.50.0.0/16", "10.51.0.0/16");
        Repo.Result moved = repo.run("up", "--plan", "plan2.json");
        assertThat(moved.code()).isNotZero();
        assertThat(moved.all()).contains("the specs of prod-use1 changed since the plan").contains("nothing was changed");
        assertThat(sim.objects("us-east-1")).anyMatch(o -> "10.50.0.0/16".equals(o.inputs().string("cidrBlock")));
    }

    @Test
    void aTargetedPreviewNamesAResourceByUrnAndReplaceMakesTheVpcAndWhatHoldsItAnew() throws Exception {
        ok("up", "--stack", "prod-use1", "--yes");
        String subnet = "urn:pulumi:prod-use1::lifeboat-test::pulumi:pulumi:Stack$aws:ec2/subnet:Subnet::a";
        String vpc = "urn:pulumi:prod-use1::lifeboat-test::pulumi:pulumi:Stack$aws:ec2/vpc:Vpc::main";
        String before = sim.objects("us-east-1").stream().filter(o -> o.type().equals("aws:ec2/vpc:Vpc")).findFirst().orElseThrow().id();
        assertThat(ok("preview", "--stack", "prod-use1", "--target", subnet).out()).contains("No changes.");

        Repo.Result replaced = ok("up", "--stack", "prod-use1", "--replace", vpc, "--yes");
        assertThat(sim.objects("us-east-1").stream().filter(o -> o.type().equals("aws:ec2/vpc:Vpc"))).singleElement()
                .satisfies(o -> assertThat(o.id()).isNotEqualTo(before));
        assertThat(repo.run("preview", "--stack", "prod-use1", "--detailed-exitcode").code()).isZero();
    }

    @Test
    void aProgramThatCannotBeRunIsRefusedAtItsLine() throws Exception {
        Files.writeString(repo.root.resolve("program/Pulumi.yaml"), "name: lifeboat-test\nruntime: nodejs\n");
        Repo.Result validate = repo.run("validate");
        assertThat(validate.code()).isNotZero();
        assertThat(validate.all()).contains("stacks/primary.yaml").contains("program/Pulumi.yaml:2").contains("runtime 'nodejs'");
    }
}
