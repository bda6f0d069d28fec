package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C during {@code up --all}, in a child JVM (started as {@link CrashSafetyTest.Child} does)
 * under realistic scaled sim latency: a first SIGINT lets the steps in flight finish, saves the
 * state, releases the lock and says what was left; a second exits at once and the next run
 * finishes from the journal, saying so. A failover or failback cut short says it is incomplete.
 */
class InterruptTest {
    static final String[] UP = {"up", "--all", "--yes"};
    static final Pattern CREATED = Pattern.compile("  \\+\\s+(\\S+) (\\S+): created \\(");
    static final String RECOVERED = "Finished what an interrupted run left pending:";
    /** Slow enough that steps are in flight when the signal comes: a NAT gateway takes 1.8s, a cluster 4.5s. */
    static final Map<String, String> SLOW = Map.of("LIFEBOAT_SIM_LATENCY_SCALE", "0.3");

    @TempDir
    Path dir;

    @Test
    void aFirstSigintFinishesTheStepsInFlightSavesTheStateAndTellsWhatWasLeft() throws Exception {
        Repo repo = new Repo(dir);
        Process p = CrashSafetyTest.Child.start(repo, SLOW, UP);
        List<String> created = awaitCreated(repo, p, 3);
        signal(p, "INT");
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the child ends after the steps in flight%n%s", CrashSafetyTest.Child.log(repo)).isTrue();
        String log = Files.readString(CrashSafetyTest.Child.logFile(repo));

        assertThat(p.exitValue()).as(log).isEqualTo(130);
        assertThat(log).contains("lifeboat: interrupted (SIGINT): no new step starts")
                .containsPattern("lifeboat: interrupted: prod-use1: \\d+ steps? done, \\d+ in flight finished, [1-9]\\d* not started; "
                        + "state saved; run the same command again to finish");
        assertThat(locks()).as("no lock is left behind").isEmpty();
        String checkpoint = Files.readString(dir.resolve(".lifeboat/state/prod-use1.json"));
        for (String urnTail : created) assertThat(checkpoint).as("the checkpoint records %s", urnTail).contains(urnTail + "\"");
        assertThat(dir.resolve(".lifeboat/state/prod-use1.journal")).as("nothing was left pending in the journal").doesNotExist();

        Repo.Result again = repo.ok(UP);
        assertThat(again.all()).doesNotContain(RECOVERED).contains("Resources: +");
        assertThat(repo.run("preview", "--all", "--detailed-exitcode").code()).as("nothing is left to do").isZero();
    }

    @Test
    void aSecondSigintExitsAtOnceAndTheNextRunRecoversFromTheJournal() throws Exception {
        Repo repo = new Repo(dir);
        Process p = CrashSafetyTest.Child.start(repo, SLOW, UP);
        await(repo, p, Pattern.compile("NatGateway nat: creating\\.\\.\\."));
        signal(p, "INT");
        Thread.sleep(50);
        long second = System.nanoTime();
        signal(p, "INT");
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("the child exits at once%n%s", CrashSafetyTest.Child.log(repo)).isTrue();
        long tookMs = (System.nanoTime() - second) / 1_000_000;
        String log = Files.readString(CrashSafetyTest.Child.logFile(repo));

        assertThat(p.exitValue()).as(log).isEqualTo(130);
        assertThat(log).contains("lifeboat: interrupted again: exiting at once").doesNotContain("state saved");
        assertThat(tookMs).as("exit after the second signal").isLessThan(5_000);

        Repo.Result again = repo.ok(UP);
        assertThat(again.all()).contains(RECOVERED);
        assertThat(repo.run("preview", "--all", "--detailed-exitcode").code()).as("nothing is left to do").isZero();
    }

    @Test
    void aFailoverCutShortSaysItIsIncompleteAndWhatItLeftUndoneAndRunAgainFinishes() throws Exception {
        Repo repo = new Repo(dir);
        repo.ok(UP);
        repo.ok("sim", "outage", "us-east-1");
        String[] failover = {"failover", "--from", "prod-use1", "--to", "prod-usw2", "--yes"};
        String log = interruptedOnce(repo, Pattern.compile("(?s)Failing over.*: creating\\.\\.\\."), failover);
        assertThat(log).as("a failover cut short is not reported done")
                .doesNotContain("failover complete.")
                .contains("failover incomplete")
                .contains("RTO       not reached: the failover is incomplete")
                .containsPattern("interrupted before prod-usw2 was complete: [1-9]\\d* steps? not done \\(")
                .containsPattern("  not done  \\S+ ");

        Repo.Result again = repo.ok(failover);
        assertThat(again.all()).contains("failover complete.").doesNotContain("not done")
                .containsPattern("this run finished a failover cut short, which began when it marked prod-use1 lost at \\S+: "
                        + "the RTO and RPO count from then, \\d+s before this run");
    }

    @Test
    void aFailbackCutShortStopsThereSaysItIsIncompleteAndRunAgainFinishes() throws Exception {
        Repo repo = new Repo(dir);
        repo.ok(UP);
        repo.ok("sim", "outage", "us-east-1");
        repo.ok("failover", "--from", "prod-use1", "--to", "prod-usw2", "--yes");
        repo.ok("sim", "restore", "us-east-1");
        String[] failback = {"failback", "--stack", "prod-use1", "--yes"};
        String log = interruptedOnce(repo, Pattern.compile(": creating\\.\\.\\."), failback);
        assertThat(log).as("a failback cut short is not reported done, nor goes on to the next stack")
                .doesNotContain("failback complete.")
                .doesNotContain("is the secondary of")
                .contains("failback incomplete")
                .containsPattern("interrupted before prod-use1 was complete: [1-9]\\d* steps? not done");

        Repo.Result again = repo.ok(failback);
        assertThat(again.all()).contains("failback complete.").contains("prod-use1 is the secondary of prod-usw2");
    }

    /** Runs {@code args} in a child, sends it one SIGINT once its output matches {@code when}; returns its output, once it ended with 130. */
    private static String interruptedOnce(Repo repo, Pattern when, String... args) throws Exception {
        Process p = CrashSafetyTest.Child.start(repo, SLOW, args);
        await(repo, p, when);
        signal(p, "INT");
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the child ends after the steps in flight%n%s", CrashSafetyTest.Child.log(repo)).isTrue();
        String log = Files.readString(CrashSafetyTest.Child.logFile(repo));
        assertThat(p.exitValue()).as(log).isEqualTo(130);
        return log;
    }

    /** Waits until the child has created {@code n} resources; returns the ends of their URNs ({@code type::name}). */
    private static List<String> awaitCreated(Repo repo, Process p, int n) throws Exception {
        String log = await(repo, p, Pattern.compile("(?s)(" + CREATED.pattern() + ".*){" + n + "}"));
        List<String> names = new ArrayList<>();
        Matcher m = CREATED.matcher(log);
        while (m.find()) names.add(m.group(1) + "::" + m.group(2));
        return names;
    }

    /** Waits until the child's output matches; returns the output. */
    private static String await(Repo repo, Process p, Pattern what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Path file = CrashSafetyTest.Child.logFile(repo);
        while (System.nanoTime() < deadline) {
            String log = Files.exists(file) ? Files.readString(file) : "";
            if (what.matcher(log).find()) return log;
            if (!p.isAlive()) throw new AssertionError("the child ended before its output matched " + what + "\n" + CrashSafetyTest.Child.log(repo));
            Thread.sleep(20);
        }
        p.destroyForcibly();
        throw new AssertionError("the child's output did not match " + what + " in 2 minutes\n" + CrashSafetyTest.Child.log(repo));
    }

    /** Java cannot send SIGINT itself. */
    private static void signal(Process p, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -%s %d", signal, p.pid()).isTrue();
    }

    private List<Path> locks() throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve(".lifeboat/state"))) {
            return s.filter(f -> f.getFileName().toString().endsWith(".lock")).toList();
        }
    }
}
