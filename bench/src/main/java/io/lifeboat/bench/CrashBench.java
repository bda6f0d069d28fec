package io.lifeboat.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lifeboat.providers.sim.SimAdmin;
import io.lifeboat.resource.Urn;

/**
 * Crash safety at length: the example stacks go through cycles of {@code up --all},
 * {@code destroy --all}, {@code up --all} and {@code failover} (after an outage of the primary's
 * region), each run as {@code java -jar cli/target/lifeboat.jar} under realistic (scaled) sim
 * latency and SIGKILLed after a random delay; the same command is then run again (up to 3 times)
 * and the cloud and the states are checked: one object per URN, no orphan either way, valid and
 * settled checkpoints, and (after up and failover) a preview with nothing to do. Prints progress
 * every 100 kill points and a final line; asserts nothing, exits 1 if anything was found.
 *
 * Cycles run two at a time ({@code --workers}), each in a repository of its own.
 *
 * <pre>java -cp bench/target/lifeboat-bench.jar io.lifeboat.bench.CrashBench [--kills 200] [--seed 1] [--scale 0.03]
 *     [--workers 2] [--cli cli/target/lifeboat.jar] [--repo .] [--verbose]</pre>
 */
public final class CrashBench {
    static final String EAST = "us-east-1";
    static final String PASSPHRASE = "crash-bench-passphrase";
    static final ObjectMapper JSON = new ObjectMapper();
    /** How a lock file left empty by a kill reads: never stale, so only `state unlock --force` breaks it. */
    static final String EMPTY_LOCK = "unknown by unknown@unknown (pid -1)";
    static final Pattern IN_FLIGHT = Pattern.compile(": (creating|updating|deleting|replacing)\\.\\.\\.");

    enum Op {
        UP("up", "--all", "--yes"),
        DESTROY("destroy", "--all", "--yes"),
        FAILOVER("failover", "--from", "prod-use1", "--to", "prod-usw2", "--yes");

        final String[] args;

        Op(String... args) {
            this.args = args;
        }
    }

    /** The operations of one cycle, in order; each is killed once. */
    static final List<Op> CYCLE = List.of(Op.UP, Op.DESTROY, Op.UP, Op.FAILOVER);

    /**
     * How long an uninterrupted run takes: until its first output, until it exits. A kill point is
     * one time in five during start-up (before the first output), else at a random time after the
     * run's own first output within the rest of the measured duration: child JVMs start slower when
     * two cycles run at once, and what comes after the first output is where the cloud changes.
     */
    record Timing(long firstOutputMs, long totalMs) {
        /** Whether to kill during start-up, and the delay: from the start, or from the first output. */
        record Kill(boolean fromFirstOutput, long delayMs) {
        }

        Kill kill(Random random) {
            if (random.nextDouble() < 0.2) return new Kill(false, (long) (random.nextDouble() * Math.max(1, firstOutputMs)));
            return new Kill(true, (long) (random.nextDouble() * Math.max(1, totalMs - firstOutputMs)));
        }
    }

    // what the kill points found; guarded by this
    int done;
    int tried;
    int killedWhileChanging;
    int finishedBeforeKill;
    int reruns;
    int rerunsBeyondFirst;
    int manualSteps;
    int orphans;
    int missing;
    int duplicates;
    int invalidCheckpoints;
    int previewsWithChanges;
    final Map<Op, Integer> triedByOp = new LinkedHashMap<>();
    final List<String> findings = new ArrayList<>();

    final Path cli;
    final Path project;
    final String java;
    final double scale;
    final boolean verbose;
    final Path work;

    CrashBench(Path cli, Path project, double scale, boolean verbose) throws IOException {
        this.cli = cli;
        this.project = project;
        this.java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        this.scale = scale;
        this.verbose = verbose;
        this.work = Files.createTempDirectory("lifeboat-crash-bench-");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("unexpected argument " + args[i]);
            String key = args[i].substring(2);
            if (key.equals("verbose")) a.put(key, "true");
            else if (i + 1 < args.length) a.put(key, args[++i]);
            else throw new IllegalArgumentException("--" + key + " needs a value");
        }
        int kills = Integer.parseInt(a.getOrDefault("kills", "200"));
        long seed = Long.parseLong(a.getOrDefault("seed", "1"));
        double scale = Double.parseDouble(a.getOrDefault("scale", "0.03"));
        Path benchJar = Path.of(CrashBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path root = benchJar.getParent().resolve("../..").normalize();
        Path cli = Path.of(a.getOrDefault("cli", root.resolve("cli/target/lifeboat.jar").toString())).toAbsolutePath().normalize();
        Path project = Path.of(a.getOrDefault("repo", root.toString())).toAbsolutePath().normalize();
        if (!Files.isRegularFile(cli)) throw new IllegalStateException("no lifeboat jar at " + cli + " (build with mvn -DskipTests package, or pass --cli)");
        if (!Files.isDirectory(project.resolve("specs"))) throw new IllegalStateException("no specs/ in " + project + " (pass --repo)");

        CrashBench bench = new CrashBench(cli, project, scale, Boolean.parseBoolean(a.getOrDefault("verbose", "false")));
        System.out.printf("crash bench: %d kill points, seed %d, latency realistic x%s, cli %s, java %s, cpus %d%n", kills, seed, scale, cli,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        int code;
        try {
            code = bench.run(kills, new Random(seed), Integer.parseInt(a.getOrDefault("workers", "2")));
        } finally {
            deleteTree(bench.work);
        }
        System.exit(code);
    }

    int run(int kills, Random random, int workers) throws Exception {
        long start = System.nanoTime();
        Map<Op, Timing> timing = measure();
        System.out.printf("uninterrupted runs: %s (%.0fs); %d cycles at once%n", timing, (System.nanoTime() - start) / 1e9, workers);

        AtomicInteger claimed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int worker = w;
                Random r = new Random(random.nextLong());
                running.add(pool.submit(() -> {
                    worker(worker, kills, claimed, r, timing, start);
                    return null;
                }));
            }
            for (Future<?> f : running) f.get();
        } finally {
            pool.shutdownNow();
        }
        System.out.println(line("crash bench done"));
        synchronized (this) {
            for (String f : findings.subList(0, Math.min(findings.size(), 20))) System.out.println("  " + f);
            boolean clean = manualSteps + orphans + missing + duplicates + invalidCheckpoints + previewsWithChanges == 0;
            return clean ? 0 : 1;
        }
    }

    /** Cycles through up, destroy, up, failover in repositories of its own until the kill points are used up. */
    void worker(int worker, int kills, AtomicInteger claimed, Random random, Map<Op, Timing> timing, long start) throws Exception {
        Path repo = null;
        int cycle = 0;
        int step = CYCLE.size();
        try {
            while (true) {
                if (step == CYCLE.size()) {
                    if (repo != null) deleteTree(repo);
                    repo = newRepo("worker-" + worker + "-cycle-" + cycle++);
                    step = 0;
                }
                int n = claimed.incrementAndGet();
                if (n > kills) break;
                Op op = CYCLE.get(step++);
                if (op == Op.FAILOVER) new SimAdmin(repo).outage(EAST);
                if (!killPoint(repo, op, timing.get(op).kill(random), n)) step = CYCLE.size(); // the cycle cannot go on: a fresh one
                synchronized (this) {
                    done++;
                    if (done % 100 == 0 || done == kills) {
                        System.out.println(line(String.format("%d kill points in %.0fs", done, (System.nanoTime() - start) / 1e9)));
                    }
                }
            }
        } finally {
            if (repo != null) deleteTree(repo);
        }
    }

    synchronized String line(String what) {
        return String.format("%s: kill points tried %d %s (killed while changing the cloud %d, finished before the kill %d), re-runs needed %d"
                        + " (beyond the first %d), orphans %d, missing %d, duplicates %d, manual steps %d, invalid checkpoints %d,"
                        + " previews with changes %d", what, tried, triedByOp, killedWhileChanging, finishedBeforeKill, reruns, rerunsBeyondFirst,
                orphans, missing, duplicates, manualSteps, invalidCheckpoints, previewsWithChanges);
    }

    /** One uninterrupted run of each operation, for the range of kill delays. */
    Map<Op, Timing> measure() throws Exception {
        // a class-data archive of the lifeboat jar first: the many short child JVMs start on less CPU
        Path warm = newRepo("class-data");
        Path archive = work.resolve("lifeboat.jsa");
        Child dump = start(warm, false, List.of("-XX:ArchiveClassesAtExit=" + archive), Op.UP.args);
        if (dump.waitFor(300) == 0 && Files.isRegularFile(archive)) classData = archive;
        deleteTree(warm);

        Map<Op, Timing> out = new LinkedHashMap<>();
        Path repo = newRepo("measure");
        out.put(Op.UP, timed(repo, Op.UP));
        out.put(Op.DESTROY, timed(repo, Op.DESTROY));
        Child setup = start(repo, false, Op.UP.args);
        if (setup.waitFor(300) != 0) throw new IllegalStateException("up failed:\n" + setup.output());
        new SimAdmin(repo).outage(EAST);
        out.put(Op.FAILOVER, timed(repo, Op.FAILOVER));
        deleteTree(repo);
        return out;
    }

    Timing timed(Path repo, Op op) throws Exception {
        long start = System.nanoTime();
        Child c = start(repo, true, op.args);
        long first = -1;
        while (!c.process.waitFor(5, TimeUnit.MILLISECONDS)) {
            if (first < 0 && Files.size(c.log) > 0) first = (System.nanoTime() - start) / 1_000_000;
        }
        if (c.process.exitValue() != 0) throw new IllegalStateException("uninterrupted " + op + " failed:\n" + c.output());
        return new Timing(Math.max(first, 0), (System.nanoTime() - start) / 1_000_000);
    }

    /** Kills the operation as {@code kill} says, runs it again until it succeeds, checks; false when the cycle cannot go on. */
    boolean killPoint(Path repo, Op op, Timing.Kill kill, int n) throws Exception {
        Child killed = start(repo, true, op.args);
        long started = System.nanoTime();
        boolean finished = false;
        if (kill.fromFirstOutput()) {
            while (Files.size(killed.log) == 0 && !(finished = killed.process.waitFor(2, TimeUnit.MILLISECONDS))) {
                if (System.nanoTime() - started > 120_000_000_000L) break;
            }
        }
        long waited = (System.nanoTime() - started) / 1_000_000;
        finished = finished || killed.process.waitFor(kill.delayMs(), TimeUnit.MILLISECONDS);
        String what;
        if (finished) {
            what = "finished before the kill (exit " + killed.process.exitValue() + ")";
        } else {
            killed.process.destroyForcibly();
            if (!killed.process.waitFor(30, TimeUnit.SECONDS)) throw new IllegalStateException("a child survived SIGKILL");
            what = "killed after " + (kill.fromFirstOutput() ? "its first output (" + waited + "ms) and " : "") + kill.delayMs() + "ms";
        }
        boolean changing;
        String killedLog = tail(killed.output());
        changing = !finished && IN_FLIGHT.matcher(killed.output()).find();
        String at = "#" + n + " " + op + " " + what;

        boolean ok = false;
        int attempts = 0;
        StringBuilder failures = new StringBuilder();
        while (attempts < 3 && !ok) {
            attempts++;
            Child again = start(repo, false, op.args);
            int code = again.waitFor(300);
            ok = code == 0;
            if (!ok) failures.append("--- attempt ").append(attempts).append(", exit ").append(code).append('\n').append(tail(again.output()));
        }
        List<String> problems = ok ? check(repo, op) : List.of();
        synchronized (this) {
            tried++;
            triedByOp.merge(op, 1, Integer::sum);
            if (finished) finishedBeforeKill++;
            if (changing) killedWhileChanging++;
            reruns += attempts;
            rerunsBeyondFirst += attempts - 1;
            String finding = null;
            if (!ok) {
                manualSteps++;
                String known = failures.indexOf(EMPTY_LOCK) >= 0 ? " (an empty lock file: needs `state unlock --force`)" : "";
                finding = at + ": did not succeed in 3 re-runs" + known + "\n" + failures + "--- the killed run:\n" + killedLog;
            } else if (!problems.isEmpty()) {
                finding = at + ": " + problems + "\n--- the killed run:\n" + killedLog;
            }
            if (finding != null) findings.add(finding);
            if (verbose) System.out.println(finding != null ? finding : at + ": converged");
        }
        return ok && problems.isEmpty();
    }

    /** Every way in which the cloud and the states disagree after the operation; counted. */
    List<String> check(Path repo, Op op) throws Exception {
        List<String> problems = new ArrayList<>();
        int orphans = 0;
        int missing = 0;
        int duplicates = 0;
        int invalidCheckpoints = 0;
        int previewsWithChanges = 0;
        Set<String> liveUrns = new HashSet<>();
        Map<String, String> managedIds = new HashMap<>();
        for (String stack : List.of("prod-use1", "prod-usw2")) {
            Path file = repo.resolve(".lifeboat/state/" + stack + ".json");
            if (!Files.exists(file)) {
                if (op != Op.DESTROY) {
                    invalidCheckpoints++;
                    problems.add("no checkpoint for " + stack);
                }
                continue;
            }
            JsonNode cp;
            try {
                cp = JSON.readTree(file.toFile());
            } catch (IOException e) {
                invalidCheckpoints++;
                problems.add("checkpoint of " + stack + " is not JSON: " + e.getMessage());
                continue;
            }
            List<String> bad = invalidities(cp);
            if (!bad.isEmpty()) {
                invalidCheckpoints++;
                problems.add("checkpoint of " + stack + ": " + bad);
            }
            Map<String, String> providerRegions = providerRegions(cp);
            for (JsonNode r : cp.at("/deployment/resources")) {
                if (r.path("delete").asBoolean()) continue;
                String urn = r.path("urn").asText();
                if (!liveUrns.add(urn)) {
                    duplicates++;
                    problems.add("two live resources with URN " + urn);
                }
                String type = r.path("type").asText();
                if (r.path("custom").asBoolean() && !Urn.isProviderType(type) && !r.path("id").asText().isEmpty()) {
                    if (op == Op.DESTROY) {
                        orphans++;
                        problems.add("still in the state after destroy: " + urn);
                    } else {
                        managedIds.put(providerRegions.getOrDefault(r.path("provider").asText(), "?") + " " + type + " " + r.path("id").asText(), urn);
                    }
                }
            }
        }

        SimAdmin sim = new SimAdmin(repo);
        Set<String> inCloud = new HashSet<>();
        for (String region : sim.cloud().regions()) {
            Map<String, List<String>> byUrn = new HashMap<>();
            for (SimAdmin.ObjectView o : sim.objects(region)) {
                inCloud.add(region + " " + o.type() + " " + o.id());
                if (o.urn() == null) continue; // the cloud's own: final snapshots, replicas, copied backups
                byUrn.computeIfAbsent(o.type() + " " + o.urn(), k -> new ArrayList<>()).add(o.id() + " (" + o.status() + ")");
                if (!liveUrns.contains(o.urn())) {
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

        String[] preview = switch (op) {
            case UP -> new String[] {"preview", "--all", "--detailed-exitcode"};
            case FAILOVER -> new String[] {"preview", "--stack", "prod-usw2", "--detailed-exitcode"};
            case DESTROY -> null;
        };
        if (preview != null) {
            Child p = start(repo, false, preview);
            int code = p.waitFor(300);
            if (code != 0) {
                previewsWithChanges++;
                problems.add(String.join(" ", preview) + " exited " + code + ":\n" + tail(p.output()));
            }
        }
        synchronized (this) {
            this.orphans += orphans;
            this.missing += missing;
            this.duplicates += duplicates;
            this.invalidCheckpoints += invalidCheckpoints;
            this.previewsWithChanges += previewsWithChanges;
        }
        return problems;
    }

    /** The region of each provider of a checkpoint, by the reference resources use ({@code <urn>::<id>}). */
    static Map<String, String> providerRegions(JsonNode checkpoint) {
        Map<String, String> out = new HashMap<>();
        for (JsonNode r : checkpoint.at("/deployment/resources")) {
            if (Urn.isProviderType(r.path("type").asText())) {
                out.put(r.path("urn").asText() + "::" + r.path("id").asText(), r.at("/inputs/region").asText("?"));
            }
        }
        return out;
    }

    /**
     * Why a checkpoint is not a valid, settled Pulumi checkpoint (the parts of Pulumi's
     * deployment schema that a torn or half-written file would break); empty when it is.
     */
    static List<String> invalidities(JsonNode cp) {
        List<String> bad = new ArrayList<>();
        if (!cp.isObject()) return List.of("not an object");
        if (cp.path("version").asInt() != 3) bad.add("version is " + cp.path("version") + ", not 3");
        JsonNode d = cp.path("deployment");
        if (!d.isObject()) return List.of("no deployment");
        JsonNode m = d.path("manifest");
        if (!m.isObject() || !m.path("time").isTextual() || !m.path("magic").isTextual() || !m.path("version").isTextual()) {
            bad.add("manifest needs time, magic and version strings: " + m);
        }
        JsonNode sp = d.path("secrets_providers");
        if (!sp.isMissingNode() && !sp.isNull() && !(sp.isObject() && sp.path("type").isTextual())) bad.add("secrets_providers needs a type");
        JsonNode resources = d.path("resources");
        if (!resources.isMissingNode() && !resources.isNull() && !resources.isArray()) bad.add("resources is not an array");
        Set<String> urns = new HashSet<>();
        for (JsonNode r : resources) {
            String urn = r.path("urn").asText("");
            if (!urn.startsWith("urn:pulumi:")) bad.add("resource without a URN: " + r.path("urn"));
            if (!r.path("type").isTextual()) bad.add(urn + ": no type");
            if (r.has("custom") && !r.get("custom").isBoolean()) bad.add(urn + ": custom is not a boolean");
            if (r.path("custom").asBoolean() && !r.path("delete").asBoolean() && !r.path("id").isTextual()) bad.add(urn + ": custom without id");
            for (String ref : List.of("parent", "provider")) {
                if (r.has(ref) && !r.get(ref).isTextual()) bad.add(urn + ": " + ref + " is not a string");
            }
            if (r.has("dependencies") && !r.get("dependencies").isArray()) bad.add(urn + ": dependencies is not an array");
            if (!r.path("delete").asBoolean()) urns.add(urn);
        }
        // every parent, provider and dependency names a resource listed before it (Pulumi's order)
        Set<String> seen = new HashSet<>();
        for (JsonNode r : resources) {
            String urn = r.path("urn").asText("");
            if (r.hasNonNull("parent") && !seen.contains(r.get("parent").asText())) bad.add(urn + ": parent not listed before it");
            if (r.hasNonNull("provider")) {
                String p = r.get("provider").asText();
                int sep = p.lastIndexOf("::");
                if (sep < 0 || !seen.contains(p.substring(0, sep))) bad.add(urn + ": provider not listed before it");
            }
            for (JsonNode dep : r.path("dependencies")) if (!seen.contains(dep.asText())) bad.add(urn + ": dependency " + dep.asText() + " not listed before it");
            seen.add(urn);
        }
        JsonNode pending = d.path("pending_operations");
        if (pending.isArray() && !pending.isEmpty()) bad.add("pending operations left: " + pending.size());
        return bad;
    }

    Path newRepo(String name) throws IOException {
        Path repo = work.resolve(name);
        copy(project.resolve("specs"), repo.resolve("specs"));
        copy(project.resolve("stacks"), repo.resolve("stacks"));
        Files.createDirectories(repo.resolve(".git"));
        return repo;
    }

    record Child(Process process, Path log) {
        int waitFor(int seconds) throws InterruptedException {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                return -1;
            }
            return process.exitValue();
        }

        String output() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }
    }

    private final AtomicInteger children = new AtomicInteger();
    /** The class-data archive of the lifeboat jar, once made; null before, or when it could not be made. */
    private volatile Path classData;

    /** The lifeboat jar in a child JVM in {@code repo}; realistic scaled latency for runs to be killed, the fast default otherwise. */
    Child start(Path repo, boolean realistic, String... args) throws IOException {
        return start(repo, realistic, classData == null ? List.of() : List.of("-XX:SharedArchiveFile=" + classData, "-Xlog:disable"), args);
    }

    Child start(Path repo, boolean realistic, List<String> jvmOptions, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseSerialGC"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", cli.toString()));
        cmd.addAll(List.of(args));
        Path log = repo.resolve("child-" + children.incrementAndGet() + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("LIFEBOAT_"));
        pb.environment().put("LIFEBOAT_PASSPHRASE", PASSPHRASE);
        pb.environment().put("WAREHOUSE_PASSWORD", "crash-bench-warehouse");
        if (realistic) {
            pb.environment().put("LIFEBOAT_SIM_LATENCY", "realistic");
            pb.environment().put("LIFEBOAT_SIM_LATENCY_SCALE", String.valueOf(scale));
        }
        return new Child(pb.start(), log);
    }

    static String tail(String s) {
        return s.length() > 3000 ? "…" + s.substring(s.length() - 3000) : s;
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                File f = p.toFile();
                if (!f.delete() && f.exists()) throw new IOException("cannot delete " + p);
            }
        }
    }
}
