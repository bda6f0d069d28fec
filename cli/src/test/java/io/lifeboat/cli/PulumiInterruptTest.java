package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lifeboat.providers.sim.SimAdmin;

/**
 * Ctrl-C in a terminal during {@code up} of a program stack: the signal goes to the whole
 * foreground process group, Lifeboat's JVM and its program's JVM alike (the child runs in a
 * group of its own, under {@code setsid}, so the test's JVM is spared). The steps in flight
 * finish, the state is saved and the lock released; the next run finishes the stack without
 * making anything twice.
 */
class PulumiInterruptTest {
    @TempDir
    Path dir;

    @Test
    void ctrlCInTheTerminalStopsTheProgramAndLifeboatSavingWhatWasMade() throws Exception {
        Repo repo = new Repo(dir.resolve("example"), PulumiExampleEndToEndTest.EXAMPLE);
        // slow enough that the database is being made when the signal comes (RDS takes minutes, scaled)
        Process p = CrashSafetyTest.Child.start(repo, List.of("setsid"), Map.of("LIFEBOAT_SIM_LATENCY_SCALE", "0.02"),
                "up", "--stack", "pulumi-use1", "--yes");
        await(repo, p, "aws:rds/instance:Instance db: creating...");
        Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + p.pid()).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -INT -%d", p.pid()).isTrue();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the child ends after the steps in flight%n%s", CrashSafetyTest.Child.log(repo)).isTrue();
        String log = Files.readString(CrashSafetyTest.Child.logFile(repo));

        assertThat(p.exitValue()).as(log).isNotZero();
        assertThat(log).contains("interrupted");
        try (Stream<Path> s = Files.list(repo.root.resolve(".lifeboat/state"))) {
            assertThat(s.filter(f -> f.getFileName().toString().endsWith(".lock")).toList()).as("no lock is left behind").isEmpty();
        }
        String checkpoint = Files.readString(repo.root.resolve(".lifeboat/state/pulumi-use1.json"));
        assertThat(checkpoint).as("what was made is recorded%n%s", log).contains("aws:ec2/vpc:Vpc::main\"");
        SimAdmin sim = new SimAdmin(repo.root);
        long vpcs = sim.objects("us-east-1").stream().filter(o -> o.type().equals("aws:ec2/vpc:Vpc")).count();

        Repo.Result again = repo.ok("up", "--stack", "pulumi-use1", "--yes");
        assertThat(again.all()).contains("Resources:");
        assertThat(sim.objects("us-east-1").stream().filter(o -> o.type().equals("aws:ec2/vpc:Vpc")).count()).as("nothing made twice").isEqualTo(vpcs);
        assertThat(sim.objects("us-east-1").stream().filter(o -> o.type().equals("aws:rds/instance:Instance")).count()).isEqualTo(1);
        assertThat(repo.run("preview", "--stack", "pulumi-use1", "--detailed-exitcode").code()).as("nothing is left to do").isZero();
    }

    private static void await(Repo repo, Process p, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Path file = CrashSafetyTest.Child.logFile(repo);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.readString(file).contains(what)) return;
            if (!p.isAlive()) throw new AssertionError("the child ended before it said " + what + "\n" + CrashSafetyTest.Child.log(repo));
            Thread.sleep(20);
        }
        p.destroyForcibly();
        throw new AssertionError("the child did not say " + what + " in 2 minutes\n" + CrashSafetyTest.Child.log(repo));
    }
}
