package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lifeboat.deploy.ExecutionResult;
import io.lifeboat.deploy.ResultRenderer;
import io.lifeboat.deploy.StepError;
import io.lifeboat.plan.Plural;
import io.lifeboat.plan.Step;
import io.lifeboat.resource.Goal;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.ResourceOptions;
import io.lifeboat.providers.sim.Faults;
import io.lifeboat.providers.sim.SimAdmin;
import io.lifeboat.resource.Urn;
import io.lifeboat.state.FileBackend;
import io.lifeboat.state.LockInfo;

/** How the command line's output reads: colour, the pace of waiting lines, plurals, the status table, sim faults, lock waits. */
class OutputTest {
    static final String ESC = "\u001b[";
    static final String PRIMARY = "stacks/primary.yaml";
    static final Urn NAT = new Urn("prod-use1", "lifeboat", "aws:ec2/natGateway:NatGateway", "nat");

    @TempDir
    Path dir;

    @Test
    void colourIsOnOnlyOnATerminalWithoutNoColorOrCi() {
        assertThat(Colour.of(Map.of(), true).on()).isTrue();
        assertThat(Colour.of(Map.of("NO_COLOR", ""), true).on()).as("an empty NO_COLOR does not count").isTrue();
        assertThat(Colour.of(Map.of("NO_COLOR", "1"), true).on()).isFalse();
        assertThat(Colour.of(Map.of("CI", "true"), true).on()).isFalse();
        assertThat(Colour.of(Map.of(), false).on()).as("off a terminal").isFalse();
    }

    @Test
    void colouredSymbolsWhenOnAndPlainTextWhenOff() {
        String plan = " +   aws:ec2/vpc:Vpc  main  create\n ~   aws:sns/topic:Topic  alerts  update\n"
                + " +-  aws:rds/instance:Instance  metadata  replace\n -   aws:ec2/eip:Eip  old  delete\n    ~ tags.team: \"a\" => \"b\"\n";
        String on = Colour.ON.lines(plan);
        assertThat(on).contains(" \u001b[32m+\u001b[0m   aws:ec2/vpc:Vpc").contains(" \u001b[33m~\u001b[0m   aws:sns/topic:Topic")
                .contains(" \u001b[35m+-\u001b[0m  aws:rds/instance").contains(" \u001b[31m-\u001b[0m   aws:ec2/eip:Eip")
                .contains("    \u001b[33m~\u001b[0m tags.team: \"a\" => \"b\"");
        assertThat(Colour.OFF.lines(plan)).isEqualTo(plan);

        StringWriter coloured = new StringWriter();
        ProgressPrinter p = new ProgressPrinter(new PrintWriter(coloured, true), "prod-use1", Colour.ON, null, Instant::now);
        Step create = new Step.Create(new Goal(NAT, true, Props.EMPTY, ResourceOptions.NONE, null));
        p.stepStarted(create, "creating");
        p.stepFailed(create, "creating", "NatGatewayLimitExceeded");
        assertThat(coloured.toString()).contains("  \u001b[32m+\u001b[0m   aws:ec2/natGateway:NatGateway nat: creating...")
                .contains("  \u001b[31m!\u001b[0m   aws:ec2/natGateway:NatGateway nat: \u001b[31mcreating failed: NatGatewayLimitExceeded\u001b[0m");

        StringWriter plain = new StringWriter();
        new ProgressPrinter(new PrintWriter(plain, true), "prod-use1", Colour.OFF, null, Instant::now).stepStarted(create, "creating");
        assertThat(plain.toString()).isEqualTo("  +   aws:ec2/natGateway:NatGateway nat: creating...\n");
    }

    @Test
    void noColourCodesOffATerminal() throws Exception {
        Repo repo = new Repo(dir);
        assertThat(repo.ok("preview", "--stack", PRIMARY).all()).contains("+ ").doesNotContain(ESC);
        assertThat(repo.ok("up", "--stack", PRIMARY, "--yes").all()).contains("created").doesNotContain(ESC);
        repo.env.put("CI", "true");
        assertThat(repo.ok("preview", "--stack", PRIMARY).all()).doesNotContain(ESC);
    }

    @Test
    void offATerminalAResourceSaysItIsStillWaitingAtMostEveryTenSeconds() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
        StringWriter log = new StringWriter();
        ProgressPrinter ci = new ProgressPrinter(new PrintWriter(log, true), "prod-use1", Colour.OFF, ProgressPrinter.WAITING_EVERY, now::get);
        Urn eks = new Urn("prod-use1", "lifeboat", "aws:eks/cluster:Cluster", "eks");
        for (int s = 1; s <= 25; s++) {
            now.set(now.get().plusSeconds(1));
            ci.progress(NAT, "nat-1: still creating, " + s + ".0s elapsed");
            ci.progress(eks, "prod-use1: still creating, " + s + ".0s elapsed");
        }
        ci.progress(NAT, "adopted nat-1, made for this resource by an earlier run");
        assertThat(log.toString().lines().filter(l -> l.contains("nat: nat-1: still creating"))).as(log.toString())
                .containsExactly("      aws:ec2/natGateway:NatGateway nat: nat-1: still creating, 1.0s elapsed",
                        "      aws:ec2/natGateway:NatGateway nat: nat-1: still creating, 11.0s elapsed",
                        "      aws:ec2/natGateway:NatGateway nat: nat-1: still creating, 21.0s elapsed");
        assertThat(log.toString().lines().filter(l -> l.contains("eks: prod-use1: still creating"))).as("each resource on its own").hasSize(3);
        assertThat(log.toString()).as("other progress is never held back").contains("adopted nat-1");

        StringWriter terminal = new StringWriter();
        ProgressPrinter tty = new ProgressPrinter(new PrintWriter(terminal, true), "prod-use1", Colour.OFF, null, now::get);
        for (int s = 1; s <= 5; s++) tty.progress(NAT, "nat-1: still creating, " + s + ".0s elapsed");
        assertThat(terminal.toString().lines()).as("on a terminal every line shows").hasSize(5);
    }

    @Test
    void pluralsAgreeWithTheirCounts() throws Exception {
        assertThat(Plural.of(1, "error")).isEqualTo("1 error");
        assertThat(Plural.of(2, "error")).isEqualTo("2 errors");
        assertThat(Plural.of(0, "resource")).isEqualTo("0 resources");
        ExecutionResult one = new ExecutionResult(List.of(), List.of(new StepError(NAT, "creating", null, "boom")), List.of(), Duration.ZERO, null);
        assertThat(new ResultRenderer().notes(one, 1, false))
                .containsExactly("1 error.", "No changes applied: 1 change was not made (failed, or behind a failure); the spec is not recorded as applied (`lifeboat preview` shows it).");

        Repo repo = new Repo(dir);
        repo.ok("up", "--stack", PRIMARY, "--yes");
        SimAdmin sim = new SimAdmin(dir);
        SimAdmin.ObjectView vpc = sim.objects("us-east-1").stream().filter(o -> o.type().equals("aws:ec2/vpc:Vpc")).findFirst().orElseThrow();
        sim.mutate("us-east-1", vpc.id(), "enableDnsHostnames", false);
        assertThat(repo.run("refresh", "--stack", PRIMARY).all()).contains("1 resource drifted;").doesNotContain("1 resources");
    }

    @Test
    void theStatusTableFitsItsColumnsToTheirContents() throws Exception {
        Repo repo = new Repo(dir);
        repo.ok("up", "--all", "--yes");
        new SimAdmin(dir).outage("us-east-1");
        repo.ok("failover", "--from", "prod-use1", "--to", "prod-usw2", "--yes");
        List<String> lines = repo.ok("status").out().lines().toList();
        String header = lines.get(0);
        String promoted = lines.stream().filter(l -> l.startsWith("prod-usw2 ")).findFirst().orElseThrow();
        assertThat(promoted).contains("primary (spec: secondary)  us-west-2");
        for (String column : List.of("ROLE", "REGION", "SPEC", "COMMIT", "APPLIED AT", "DRIFT", "PAIR")) {
            int at = header.indexOf(column);
            assertThat(promoted.charAt(at - 1)).as("%s starts a column: %n%s%n%s", column, header, promoted).isEqualTo(' ');
            assertThat(promoted.charAt(at)).as("%s starts a column: %n%s%n%s", column, header, promoted).isNotEqualTo(' ');
        }
        assertThat(StatusCommand.columns(List.of(List.of("A", "N", "LAST"), List.of("long value", "7", "x")), 1))
                .containsExactly("A           N  LAST", "long value  7  x");
    }

    @Test
    void simStatusShowsFaultsReadably() throws Exception {
        Repo repo = new Repo(dir);
        repo.ok("up", "--stack", PRIMARY, "--yes");
        SimAdmin sim = new SimAdmin(dir);
        assertThat(repo.ok("sim", "status").out()).containsPattern("us-east-1: up, \\d+ objects, faults: none\n");
        sim.setFaults("us-east-1", Faults.parse("throttle=0.1,error=0.05,latency=200ms"));
        assertThat(repo.ok("sim", "status").out()).contains("faults: throttle 10%, errors 5%, latency +200ms").doesNotContain("Faults[");
        assertThat(SimCommand.Status.faults(Faults.parse("latency=1.5s"))).isEqualTo("latency +1.5s");
    }

    @Test
    void aLockTimeoutSaysWhomItWaitsForAndHowLong() throws Exception {
        Repo repo = new Repo(dir);
        repo.ok("up", "--stack", PRIMARY, "--yes");
        LockInfo alice = new LockInfo("alice", "laptop-3", 123, Instant.now(), "up", "alices", Instant.now().plusSeconds(60));
        new FileBackend(dir.resolve(".lifeboat/state")).lock("prod-use1", alice);
        Repo.Result r = repo.run("up", "--stack", PRIMARY, "--yes", "--lock-timeout", "1s");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).containsPattern("waiting up to 1s for the lock on prod-use1, held by alice@laptop-3 pid 123 since \\d\\d:\\d\\d \\(up\\)");
    }
}
