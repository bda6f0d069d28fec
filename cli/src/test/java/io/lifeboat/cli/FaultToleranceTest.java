package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lifeboat.providers.sim.Faults;
import io.lifeboat.providers.sim.SimAdmin;

/**
 * A flaky cloud: with 10% of calls throttled and 2% failing transiently in every region, {@code up}
 * and a {@code failover} still succeed, retrying what failed, and leave nothing to do.
 */
class FaultToleranceTest {
    static final String EAST = "us-east-1";
    static final String WEST = "us-west-2";
    static final String FAULTS = "*:throttle=0.1,error=0.02";
    /** A fixed seed; its first roll in us-west-2 passes (see {@link #theRecoveryPointIsReadDespiteOneTransientError}). */
    static final String SEED = "2026";
    static final ObjectMapper JSON = new ObjectMapper();
    static final String[] UP = {"up", "--all", "--yes"};
    static final String[] FAILOVER = {"failover", "--from", "prod-use1", "--to", "prod-usw2", "--yes"};
    /** ProgressPrinter's line for a retried call: "<type> <name>: <error>, retry <n> in <delay>". */
    static final Pattern RETRY = Pattern.compile(", retry \\d+ in ");

    @TempDir
    Path dir;

    /** The faults set through the sim's console, persisted in each region, seen by the in-process runs. */
    @Test
    void upAndFailoverSucceedOnAFlakyCloudThroughTheConsole() throws Exception {
        Repo repo = new Repo(dir);
        SimAdmin sim = new SimAdmin(dir);
        Faults flaky = Faults.parse("throttle=0.1,error=0.02");
        for (String region : List.of(EAST, WEST, "global")) sim.setFaults(region, flaky);
        assertThat(sim.faults(EAST)).isEqualTo(flaky);

        Repo.Result up = ok(repo, UP);
        assertThat(retries(up.out())).as("faults were injected and retried:%n%s", up.out()).isPositive();
        assertThat(up.out()).containsPattern("(Throttl|RequestLimitExceeded|InternalError|ServiceUnavailable).*retry");
        assertThat(repo.run("preview", "--all", "--detailed-exitcode").code()).as("nothing left to do after up").isZero();

        sim.outage(EAST);
        Repo.Result failover = ok(repo, FAILOVER);
        assertThat(failover.out()).contains("failover complete");
        Repo.Result preview = repo.run("preview", "--stack", "prod-usw2", "--detailed-exitcode");
        assertThat(preview.code()).as("nothing left to do after the failover%n%s", preview.all()).isZero();
        System.out.printf("fault tolerance (console faults %s): retries up %d, failover %d%n", flaky.format(), retries(up.out()),
                retries(failover.out()));

        for (String region : List.of(WEST, "global")) sim.setFaults(region, Faults.NONE);
        assertThat(CrashSafetyTest.Check.problems(repo, List.of("preview", "--stack", "prod-usw2", "--refresh", "--detailed-exitcode"),
                new CrashSafetyTest.Tally())).as("the cloud and the states agree").isEmpty();
    }

    /** The faults and a fixed seed from the environment (LIFEBOAT_SIM_FAULTS, LIFEBOAT_SIM_SEED), as CI would set them. */
    @Test
    void upAndFailoverSucceedOnAFlakyCloudFromTheEnvironment() throws Exception {
        Repo repo = new Repo(dir);
        Map<String, String> env = Map.of("LIFEBOAT_SIM_FAULTS", FAULTS, "LIFEBOAT_SIM_SEED", SEED, "LIFEBOAT_SIM_LATENCY", "fast");

        String up = child(repo, env, 0, UP);
        assertThat(retries(up)).as("faults were injected and retried:%n%s", up).isPositive();
        child(repo, env, 0, "preview", "--all", "--detailed-exitcode");

        new SimAdmin(dir).outage(EAST);
        String failover = child(repo, env, 0, FAILOVER);
        assertThat(failover).contains("failover complete");
        child(repo, env, 0, "preview", "--stack", "prod-usw2", "--detailed-exitcode");
        System.out.printf("fault tolerance (LIFEBOAT_SIM_FAULTS=%s, seed %s): retries up %d, failover %d%n", FAULTS, SEED, retries(up),
                retries(failover));

        assertThat(CrashSafetyTest.Check.problems(repo, List.of("preview", "--stack", "prod-usw2", "--refresh", "--detailed-exitcode"),
                new CrashSafetyTest.Tally())).as("the cloud and the states agree").isEmpty();
    }

    /**
     * The failover report's recovery point is read from the copied backups in the survivor's
     * region with one call. With seed 4242 the first call to us-west-2 of a fresh provider fails
     * with a transient InternalError (its roll is 0.1096: past the 10% throttled, within the 2% of
     * errors), so this run is deterministic. The survivor's region probe meets the same first
     * call, and asks again: a region that sends a 500 answers, and the failover goes ahead.
     */
    @Test
    void theRecoveryPointIsReadDespiteOneTransientError() throws Exception {
        Repo repo = new Repo(dir);
        ok(repo, UP);
        new SimAdmin(dir).outage(EAST);
        String out = child(repo, Map.of("LIFEBOAT_SIM_FAULTS", "us-west-2:throttle=0.1,error=0.02", "LIFEBOAT_SIM_SEED", "4242"), 0,
                "failover", "--from", "prod-use1", "--to", "prod-usw2", "--yes", "--format", "json");
        JsonNode report = JSON.readTree(out.substring(out.indexOf('{')));
        assertThat(report.get("ok").asBoolean()).isTrue();
        assertThat(report.get("restored").toString()).contains("\"how\":\"replaced\"");
        assertThat(report.get("notes").toString()).as("the transient error was retried").doesNotContain("could not read the copied backups");
        assertThat(report.get("backupTime").isNull()).as("the recovery point is known: %s", report).isFalse();
        assertThat(report.get("lost").toString()).doesNotContain("no backup was restored");
    }

    static Repo.Result ok(Repo repo, String... args) {
        Repo.Result r = repo.run(args);
        assertThat(r.code()).as("lifeboat %s%n%s", String.join(" ", args), r.all()).isZero();
        return r;
    }

    /** Runs the command in a child JVM with the environment added; its exit code must be {@code code}; returns its output. */
    static String child(Repo repo, Map<String, String> env, int code, String... args) throws Exception {
        long start = System.nanoTime();
        Process p = CrashSafetyTest.Child.start(repo, env, args);
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("lifeboat " + String.join(" ", args) + " did not end in 3 minutes\n" + CrashSafetyTest.Child.log(repo));
        }
        String out = Files.readString(CrashSafetyTest.Child.logFile(repo));
        System.out.printf("  lifeboat %s: %dms%n", String.join(" ", args), (System.nanoTime() - start) / 1_000_000);
        assertThat(p.exitValue()).as("lifeboat %s with %s%n%s", String.join(" ", args), env, out).isEqualTo(code);
        return out;
    }

    static int retries(String out) {
        int n = 0;
        Matcher m = RETRY.matcher(out);
        while (m.find()) n++;
        return n;
    }
}
