package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.lifeboat.cli.CrashSafetyTest.Check;
import io.lifeboat.cli.CrashSafetyTest.Child;
import io.lifeboat.cli.CrashSafetyTest.Tally;
import io.lifeboat.providers.sim.SimAdmin;

/**
 * {@link CrashSafetyTest}'s kill points on the GCP example pair (examples/gcp): {@code up --all}
 * and a failover into us-east1 killed with SIGKILL at random points converge when run again, with
 * no orphan, nothing missing and no duplicate. Fewer points than the AWS pair's (the same code
 * paths; the GCP types' own rules are what is new): {@code -Dlifeboat.crash.gcpUpKills},
 * {@code -Dlifeboat.crash.gcpFailoverKills}.
 */
class GcpCrashSafetyTest {
    static final Path EXAMPLE = Repo.PROJECT.resolve("examples/gcp");
    static final String CENTRAL = "us-central1";
    static final String[] UP = {"up", "--all", "--yes"};
    static final String[] FAILOVER = {"failover", "--from", "gcp-usc1", "--to", "gcp-use1", "--yes"};
    static final int UP_KILLS = Integer.getInteger("lifeboat.crash.gcpUpKills", 8);
    static final int FAILOVER_KILLS = Integer.getInteger("lifeboat.crash.gcpFailoverKills", 6);

    static CrashSafetyTest.Timing upTiming;
    static CrashSafetyTest.Timing failoverTiming;
    static final Tally TALLY = new Tally();

    @TempDir
    Path dir;

    @BeforeAll
    static void measure(@TempDir Path upDir, @TempDir Path failoverDir) throws Exception {
        Repo up = new Repo(upDir, EXAMPLE);
        upTiming = Child.timed(up, UP);
        Check.assertConverged(up, "uninterrupted up", List.of("preview", "--all", "--detailed-exitcode"));
        Repo fo = new Repo(failoverDir, EXAMPLE);
        Check.ok(fo, UP);
        new SimAdmin(failoverDir).outage(CENTRAL);
        failoverTiming = Child.timed(fo, FAILOVER);
        Check.assertConverged(fo, "uninterrupted failover", List.of("preview", "--stack", "gcp-use1", "--detailed-exitcode"));
    }

    @AfterAll
    static void summary() {
        System.out.println(TALLY.line("crash safety on gcp (up " + upTiming + ", failover " + failoverTiming + ", seed " + CrashSafetyTest.SEED + ")"));
    }

    static IntStream upPoints() {
        return IntStream.range(0, UP_KILLS);
    }

    static IntStream failoverPoints() {
        return IntStream.range(0, FAILOVER_KILLS);
    }

    @ParameterizedTest(name = "up --all of the GCP pair killed at kill point {0}")
    @MethodSource("upPoints")
    void anUpKilledAnywhereConvergesWhenRunAgain(int point) throws Exception {
        Repo repo = new Repo(dir, EXAMPLE);
        long delay = upTiming.delay(new Random(new java.util.SplittableRandom(CrashSafetyTest.SEED * 41 + point).nextLong()));
        String killed = Child.killAfter(repo, delay, UP);
        TALLY.tried(killed);
        int attempts = Check.rerun(repo, UP, TALLY);
        List<String> problems = Check.problems(repo, List.of("preview", "--all", "--detailed-exitcode"), TALLY);
        assertThat(problems).as("up killed after %dms (%s), re-run %d time(s)%n%s", delay, killed, attempts, Child.log(repo)).isEmpty();
    }

    @ParameterizedTest(name = "failover of the GCP pair killed at kill point {0}")
    @MethodSource("failoverPoints")
    void aFailoverKilledAnywhereConvergesWhenRunAgain(int point) throws Exception {
        Repo repo = new Repo(dir, EXAMPLE);
        Check.ok(repo, UP);
        new SimAdmin(dir).outage(CENTRAL);
        long delay = failoverTiming.delay(new Random(new java.util.SplittableRandom(CrashSafetyTest.SEED * 43 + 1000 + point).nextLong()));
        String killed = Child.killAfter(repo, delay, FAILOVER);
        TALLY.tried(killed);
        int attempts = Check.rerun(repo, FAILOVER, TALLY);
        List<String> problems = Check.problems(repo, List.of("preview", "--stack", "gcp-use1", "--detailed-exitcode"), TALLY);
        assertThat(problems).as("failover killed after %dms (%s), re-run %d time(s)%n%s", delay, killed, attempts, Child.log(repo)).isEmpty();
    }
}
