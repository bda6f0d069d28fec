package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.lifeboat.providers.sim.SimAdmin;
import io.lifeboat.state.PulumiSchemas;

/**
 * Crash safety: {@code up --all} and {@code failover} run in a child JVM under realistic (scaled)
 * sim latency and are killed with SIGKILL at a random point; the same command run again must
 * finish on its own and leave the cloud and the state agreeing: no duplicate per URN, no orphan
 * either way, checkpoints valid against Pulumi's schema, nothing left to do, no manual step.
 *
 * <p>Kill delays come from a seeded {@link Random} ({@code -Dlifeboat.crash.seed}); the number of
 * kill points from {@code -Dlifeboat.crash.upKills} and {@code -Dlifeboat.crash.failoverKills}.
 */
class CrashSafetyTest {
    static final String EAST = "us-east-1";
    static final String WEST = "us-west-2";
    static final String[] UP = {"up", "--all", "--yes"};
    static final String[] FAILOVER = {"failover", "--from", "prod-use1", "--to", "prod-usw2", "--yes"};
    static final String LATENCY_SCALE = "0.03";
    static final long SEED = Long.getLong("lifeboat.crash.seed", 20261122L);
    static final int UP_KILLS = Integer.getInteger("lifeboat.crash.upKills", 30);
    static final int FAILOVER_KILLS = Integer.getInteger("lifeboat.crash.failoverKills", 20);
    static final ObjectMapper JSON = new ObjectMapper();

    /** How long an uninterrupted run takes in the child JVM: until its first output, until it exits. */
    record Timing(long firstOutputMs, long totalMs) {
        /** A kill delay: after the JVM has started (half the time to its first output), before the run would end. */
        long delay(Random random) {
            long from = firstOutputMs / 2;
            return from + (long) (random.nextDouble() * Math.max(1, totalMs - from));
        }
    }

    static Timing upTiming;
    static Timing failoverTiming;
    static final Tally TALLY = new Tally();

    @TempDir
    Path dir;

    @BeforeAll
    static void measure(@TempDir Path upDir, @TempDir Path failoverDir) throws Exception {
        Repo up = new Repo(upDir);
        upTiming = Child.timed(up, UP);
        Check.assertConverged(up, "uninterrupted up", List.of("preview", "--all", "--detailed-exitcode"));

        Repo fo = new Repo(failoverDir);
        Check.ok(fo, UP);
        new SimAdmin(failoverDir).outage(EAST);
        failoverTiming = Child.timed(fo, FAILOVER);
        Check.assertConverged(fo, "uninterrupted failover", List.of("preview", "--stack", "prod-usw2", "--detailed-exitcode"));
    }

    @AfterAll
    static void summary() {
        System.out.println(TALLY.line("crash safety (up " + upTiming + ", failover " + failoverTiming + ", seed " + SEED + ")"));
    }

    static IntStream upPoints() {
        return IntStream.range(0, UP_KILLS);
    }

    static IntStream failoverPoints() {
        return IntStream.range(0, FAILOVER_KILLS);
    }

    @ParameterizedTest(name = "up --all killed at kill point {0}")
    @MethodSource("upPoints")
    void anUpKilledAnywhereConvergesWhenRunAgain(int point) throws Exception {
        Repo repo = new Repo(dir);
        long delay = upTiming.delay(new Random(new java.util.SplittableRandom(SEED * 31 + point).nextLong()));
        String killed = Child.killAfter(repo, delay, UP);
        TALLY.tried(killed);
        int attempts = Check.rerun(repo, UP, TALLY);
        List<String> problems = Check.problems(repo, List.of("preview", "--all", "--detailed-exitcode"), TALLY);
        assertThat(problems).as("up killed after %dms (%s), re-run %d time(s)%n%s", delay, killed, attempts, Child.log(repo)).isEmpty();
    }

    @ParameterizedTest(name = "failover killed at kill point {0}")
    @MethodSource("failoverPoints")
    void aFailoverKilledAnywhereConvergesWhenRunAgain(int point) throws Exception {
        Repo repo = new Repo(dir);
        Check.ok(repo, UP);
        new SimAdmin(dir).outage(EAST);
        long delay = failoverTiming.delay(new Random(new java.util.SplittableRandom(SEED * 37 + 1000 + point).nextLong()));
        String killed = Child.killAfter(repo, delay, FAILOVER);
        TALLY.tried(killed);
        int attempts = Check.rerun(repo, FAILOVER, TALLY);
        List<String> problems = Check.problems(repo, List.of("preview", "--stack", "prod-usw2", "--detailed-exitcode"), TALLY);
        assertThat(problems).as("failover killed after %dms (%s), re-run %d time(s)%n%s", delay, killed, attempts, Child.log(repo)).isEmpty();
    }

    @Test
    void theChecksSeeAResourceGoneBehindLifeboatsBack() throws Exception {
        Repo repo = new Repo(dir);
        Check.ok(repo, UP);
        SimAdmin sim = new SimAdmin(dir);
        SimAdmin.ObjectView repository = sim.objects(WEST).stream().filter(o -> o.type().equals("aws:ecr/repository:Repository"))
                .findFirst().orElseThrow();
        assertThat(sim.deleteBehindBack(WEST, repository.id())).isTrue();
        assertThat(Check.problems(repo, List.of("preview", "--all", "--detailed-exitcode", "--refresh"), new Tally()))
                .anyMatch(p -> p.startsWith("in a state but not in the cloud: " + WEST + " aws:ecr/repository:Repository " + repository.id()))
                .anyMatch(p -> p.startsWith("preview --all --detailed-exitcode --refresh exited 2"));
    }

    /** What the kill points found, over the class. */
    static final class Tally {
        int tried;
        int killedMidRun;
        int killedWhileChanging;
        int exitedBeforeKill;
        int extraAttempts;
        int manualSteps;
        int emptyLocks;
        int orphans;
        int missing;
        int duplicates;
        int invalidCheckpoints;
        int previewsWithChanges;

        synchronized void tried(String killed) {
            tried++;
            if (killed.startsWith("killed")) killedMidRun++;
            else exitedBeforeKill++;
            if (killed.equals("killed while changing the cloud")) killedWhileChanging++;
        }

        synchronized String line(String what) {
            return String.format("%s: kill points tried %d (killed mid-run %d, of which while changing the cloud %d; finished before the kill %d), re-runs needed beyond the first %d,"
                            + " orphans %d, missing %d, duplicates %d, invalid checkpoints %d, previews with changes %d, manual steps %d (of which the empty lock file bug %d)",
                    what, tried, killedMidRun, killedWhileChanging, exitedBeforeKill, extraAttempts, orphans, missing, duplicates, invalidCheckpoints,
                    previewsWithChanges, manualSteps, emptyLocks);
        }
    }

    /** A step's progress line: the child had begun changing the cloud. */
    static final java.util.regex.Pattern IN_FLIGHT = java.util.regex.Pattern.compile(": (creating|updating|deleting|replacing)\\.\\.\\.");

    /** The lifeboat command in a child JVM with the test's class path, realistic scaled latency and no injected faults. */
    static final class Child {
        static Process start(Repo repo, Map<String, String> extraEnv, String... args) throws IOException {
            return start(repo, List.of(), extraEnv, args);
        }

        /** As {@link #start(Repo, Map, String...)}, the JVM started through {@code wrapper} ({@code setsid}: a process group of its own). */
        static Process start(Repo repo, List<String> wrapper, Map<String, String> extraEnv, String... args) throws IOException {
            List<String> cmd = new ArrayList<>(wrapper);
            cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "io.lifeboat.cli.Main"));
            cmd.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo.root.toFile()).redirectErrorStream(true)
                    .redirectOutput(logFile(repo).toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("LIFEBOAT_"));
            pb.environment().putAll(repo.env);
            pb.environment().put("LIFEBOAT_SIM_LATENCY", "realistic");
            pb.environment().put("LIFEBOAT_SIM_LATENCY_SCALE", LATENCY_SCALE);
            pb.environment().putAll(extraEnv);
            return pb.start();
        }

        static Path logFile(Repo repo) {
            return repo.root.resolve("child.log");
        }

        static String log(Repo repo) {
            try {
                String s = Files.readString(logFile(repo));
                return s.length() > 6000 ? "…" + s.substring(s.length() - 6000) : s;
            } catch (IOException e) {
                return "(no child log: " + e + ")";
            }
        }

        /** Runs the command to its end in a child JVM; it must succeed. */
        static Timing timed(Repo repo, String... args) throws Exception {
            long start = System.nanoTime();
            Process p = start(repo, Map.of(), args);
            long first = -1;
            while (!p.waitFor(5, TimeUnit.MILLISECONDS)) {
                if (first < 0 && Files.size(logFile(repo)) > 0) first = (System.nanoTime() - start) / 1_000_000;
                if (System.nanoTime() - start > 120_000_000_000L) {
                    p.destroyForcibly().waitFor();
                    throw new AssertionError("lifeboat " + String.join(" ", args) + " did not end in 2 minutes\n" + log(repo));
                }
            }
            long total = (System.nanoTime() - start) / 1_000_000;
            assertThat(p.exitValue()).as("uninterrupted lifeboat %s%n%s", String.join(" ", args), log(repo)).isZero();
            return new Timing(first < 0 ? 0 : first, total);
        }

        /** Starts the command in a child JVM and SIGKILLs it after {@code delayMs}; says whether it was still running. */
        static String killAfter(Repo repo, long delayMs, String... args) throws Exception {
            Process p = start(repo, Map.of(), args);
            if (p.waitFor(delayMs, TimeUnit.MILLISECONDS)) return "finished before the kill, exit " + p.exitValue();
            p.destroyForcibly();
            if (!p.waitFor(30, TimeUnit.SECONDS)) throw new AssertionError("the child survived SIGKILL");
            String log = Files.readString(logFile(repo));
            if (log.isEmpty()) return "killed before its first output";
            if (IN_FLIGHT.matcher(log).find()) return "killed while changing the cloud";
            return "killed after its first output, before changing the cloud";
        }
    }

    /** How a lock file left empty reads: a holder that is unknown, on an unknown host, so never stale here. */
    static final String EMPTY_LOCK = "unknown by unknown@unknown (pid -1)";

    /**
     * A kill right after the lock file is created ({@code Files.write} with CREATE_NEW) and before
     * its content is written leaves an empty {@code <stack>.lock}. It reads as held by pid -1 on
     * host "unknown", which {@code LockInfo.isStaleHere} cannot prove gone, so every later run
     * fails, and even {@code state unlock} wants {@code --force}: a manual step. Found by CrashBench
     * (a destroy killed 5ms after its first output); reproduced here by leaving the file as the kill does.
     */
    @Test
    void aLockFileLeftEmptyByAKillIsBrokenByTheNextRun() throws Exception {
        Repo repo = new Repo(dir);
        Check.ok(repo, UP);
        Files.write(dir.resolve(".lifeboat/state/prod-usw2.lock"), new byte[0]);
        Repo.Result destroy = repo.run("destroy", "--all", "--yes");
        assertThat(destroy.code()).as("the next run finishes the killed one without a manual step%n%s", destroy.all()).isZero();
    }

    /** Runs a command in-process and checks what the cloud and the states hold. */
    static final class Check {
        static Repo.Result ok(Repo repo, String... args) {
            Repo.Result r = repo.run(args);
            assertThat(r.code()).as("lifeboat %s%n%s", String.join(" ", args), r.all()).isZero();
            return r;
        }

        /** Runs the interrupted command again, as a person would, until it succeeds (3 attempts); returns the attempts. */
        static int rerun(Repo repo, String[] args, Tally tally) {
            StringBuilder outputs = new StringBuilder();
            for (int attempt = 1; attempt <= 3; attempt++) {
                Repo.Result r = repo.run(args);
                if (r.code() == 0) {
                    synchronized (tally) {
                        tally.extraAttempts += attempt - 1;
                    }
                    return attempt;
                }
                outputs.append("--- attempt ").append(attempt).append(" exit ").append(r.code()).append('\n').append(r.all());
            }
            synchronized (tally) {
                tally.manualSteps++;
                if (outputs.toString().contains(EMPTY_LOCK)) tally.emptyLocks++;
            }
            throw new AssertionError("lifeboat " + String.join(" ", args) + " did not succeed in 3 attempts after the kill: a person would have to step in\n"
                    + outputs + "\n--- the killed run:\n" + Child.log(repo));
        }

        static void assertConverged(Repo repo, String what, List<String> preview) throws Exception {
            assertThat(problems(repo, preview, new Tally())).as(what).isEmpty();
        }

        /** The names of the repository's stacks (each stack file's metadata.name). */
        static List<String> stackNames(Repo repo) throws java.io.IOException {
            List<String> names = new ArrayList<>();
            try (var files = Files.list(repo.root.resolve("stacks"))) {
                for (Path f : files.sorted().toList()) {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^  name: (\\S+)$").matcher(Files.readString(f));
                    if (m.find()) names.add(m.group(1));
                }
            }
            return names;
        }

        /** Every way in which the cloud, the states and the spec disagree; counted into the tally. */
        static List<String> problems(Repo repo, List<String> preview, Tally tally) throws Exception {
            List<String> problems = new ArrayList<>();
            SimAdmin sim = new SimAdmin(repo.root);
            int orphans = 0;
            int missing = 0;
            int duplicates = 0;
            int invalid = 0;

            // the states: what each stack says it manages
            Set<String> managedUrns = new HashSet<>();
            Map<String, String> managedIds = new HashMap<>(); // type + " " + id -> urn
            for (String stack : stackNames(repo)) {
                Path file = repo.root.resolve(".lifeboat/state/" + stack + ".json");
                if (!Files.exists(file)) {
                    problems.add("no checkpoint for " + stack);
                    invalid++;
                    continue;
                }
                List<String> bad = invalidities(JSON.readTree(file.toFile()));
                Repo.Result export = repo.run("state", "export", "--stack", stack);
                if (export.code() != 0) bad.add("state export failed: " + export.all());
                JsonNode state = export.code() == 0 ? JSON.readTree(export.out()) : JSON.readTree(file.toFile());
                if (export.code() == 0) bad.addAll(invalidities(state));
                if (!bad.isEmpty()) {
                    invalid++;
                    problems.add("checkpoint of " + stack + ": " + bad);
                }
                Map<String, String> providerRegions = providerRegions(state);
                for (JsonNode r : state.at("/deployment/resources")) {
                    if (r.path("delete").asBoolean()) continue;
                    String urn = r.path("urn").asText();
                    if (!managedUrns.add(urn)) {
                        duplicates++;
                        problems.add("two live resources in the states with URN " + urn);
                    }
                    String type = r.path("type").asText();
                    if (r.path("custom").asBoolean() && !type.startsWith("pulumi:providers:") && !r.path("id").asText().isEmpty()) {
                        managedIds.put(providerRegions.getOrDefault(r.path("provider").asText(), "?") + " " + type + " " + r.path("id").asText(), urn);
                    }
                }
            }

            // the cloud: one object per URN, each managed by a stack
            Set<String> inCloud = new HashSet<>();
            for (String region : sim.cloud().regions()) {
                Map<String, List<String>> byUrn = new HashMap<>();
                for (SimAdmin.ObjectView o : sim.objects(region)) {
                    inCloud.add(region + " " + o.type() + " " + o.id());
                    // unmarked: the cloud's own doing (final snapshots, read-only replicas of secrets, copied backups)
                    if (o.urn() == null) continue;
                    byUrn.computeIfAbsent(o.type() + " " + o.urn(), k -> new ArrayList<>()).add(o.id() + " (" + o.status() + ")");
                    if (!managedUrns.contains(o.urn())) {
                        orphans++;
                        problems.add("orphan in " + region + ": " + o.type() + " " + o.id() + " (" + o.status() + ") marked " + o.urn());
                    }
                }
                for (Map.Entry<String, List<String>> e : byUrn.entrySet()) {
                    if (e.getValue().size() > 1) {
                        duplicates += e.getValue().size() - 1;
                        problems.add("duplicates in " + region + " of " + e.getKey() + ": " + e.getValue());
                    }
                }
            }
            for (Map.Entry<String, String> e : managedIds.entrySet()) {
                // global services (IAM) keep their objects in the sim's region "global", whatever the provider's region
                String global = "global " + e.getKey().substring(e.getKey().indexOf(' ') + 1);
                if (!inCloud.contains(e.getKey()) && !inCloud.contains(global)) {
                    missing++;
                    problems.add("in a state but not in the cloud: " + e.getKey() + " (" + e.getValue() + ")");
                }
            }

            // nothing left to do
            Repo.Result p = repo.run(preview.toArray(String[]::new));
            if (p.code() != 0) {
                problems.add(String.join(" ", preview) + " exited " + p.code() + ":\n" + p.all());
                synchronized (tally) {
                    tally.previewsWithChanges++;
                }
            }
            synchronized (tally) {
                tally.orphans += orphans;
                tally.missing += missing;
                tally.duplicates += duplicates;
                tally.invalidCheckpoints += invalid;
            }
            return problems;
        }

        /** The region of each provider of a checkpoint, by the reference resources use ({@code <urn>::<id>}). */
        static Map<String, String> providerRegions(JsonNode checkpoint) {
            Map<String, String> out = new HashMap<>();
            for (JsonNode r : checkpoint.at("/deployment/resources")) {
                if (r.path("type").asText().startsWith("pulumi:providers:")) {
                    out.put(r.path("urn").asText() + "::" + r.path("id").asText(), r.at("/inputs/region").asText("?"));
                }
            }
            return out;
        }

        /** Why a checkpoint is not a valid, settled Pulumi checkpoint; empty when it is. */
        static List<String> invalidities(JsonNode checkpoint) throws IOException {
            List<String> bad = new ArrayList<>();
            for (ValidationMessage m : PulumiSchemas.validate(checkpoint)) bad.add(m.getMessage());
            JsonNode pending = checkpoint.at("/deployment/pending_operations");
            if (pending.isArray() && !pending.isEmpty()) bad.add("pending operations left: " + pending);
            return bad;
        }
    }
}
