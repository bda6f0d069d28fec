package io.lifeboat.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.lifeboat.deploy.DeployListener;
import io.lifeboat.deploy.RetryPolicy;
import io.lifeboat.deploy.StackRunner;
import io.lifeboat.dr.DrReport;
import io.lifeboat.dr.Failover;
import io.lifeboat.plan.Plan;
import io.lifeboat.plan.PlanOptions;
import io.lifeboat.plan.Step;
import io.lifeboat.program.Posture;
import io.lifeboat.program.ProgramOptions;
import io.lifeboat.program.SecretReader;
import io.lifeboat.provider.ProviderRegistry;
import io.lifeboat.providers.sim.LatencyProfile;
import io.lifeboat.providers.sim.SimAdmin;
import io.lifeboat.resource.Goal;
import io.lifeboat.resource.Urn;
import io.lifeboat.spec.LoadResult;
import io.lifeboat.spec.SpecLoader;
import io.lifeboat.spec.Stack;
import io.lifeboat.spec.WorkingTreeSource;
import io.lifeboat.state.Snapshot;

/**
 * The example stacks' failover under the realistic sim latency profile: RTO measured beside the
 * critical path of the failover's own plan (each step costing its type's provisioning, update or
 * deletion time plus a mean API call), and beside that path when at most {@code --parallel}
 * steps run at once. Prints its figures; asserts nothing.
 *
 * {@code --deployments N} replaces the example's deployments with N made like its first (as
 * {@link CliScaleBench} does); {@code --parallel N} (default: a DR command's, {@link Failover#PARALLEL}).
 *
 * <pre>java -cp bench/target/lifeboat-bench.jar io.lifeboat.bench.FailoverBench [--example aws|gcp] [--standby hot|warm|pilot-light|cold] [--scale 1.0] [--deployments N] [--parallel N] [--repo .]</pre>
 */
public final class FailoverBench {
    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        double scale = Double.parseDouble(a.getOrDefault("scale", "1.0"));
        Path repo = Path.of(a.getOrDefault("repo", ".")).toAbsolutePath();
        String example = a.getOrDefault("example", "aws");
        Path project = example.equals("aws") ? repo : repo.resolve("examples").resolve(example);
        Path dir = Files.createTempDirectory("lifeboat-failover-bench-");
        copy(project.resolve("specs"), dir.resolve("specs"));
        copy(project.resolve("stacks"), dir.resolve("stacks"));
        Files.createDirectories(dir.resolve(".git"));
        String standby = a.getOrDefault("standby", "warm");
        Path secondaryFile = dir.resolve("stacks/secondary.yaml");
        Files.writeString(secondaryFile, Files.readString(secondaryFile).replace("standby: warm", "standby: " + standby));
        int deployments = Integer.parseInt(a.getOrDefault("deployments", "0"));
        if (deployments > 0) {
            Path platform = dir.resolve("specs/platform.yaml");
            Files.writeString(platform, CliScaleBench.withDeployments(Files.readString(platform), deployments));
        }

        LoadResult specs = new SpecLoader(new WorkingTreeSource(dir)).load(List.of());
        if (!specs.ok()) throw new IllegalStateException("invalid example specs: " + specs.diagnostics().sorted());
        Stack primary = specs.stacks().stream().filter(s -> s.role() == Stack.Role.PRIMARY).findFirst().orElseThrow();
        Stack secondary = specs.stack(primary.pair());
        StackRunner fast = runner(dir, "none", 1.0, 10);
        for (Stack s : List.of(primary, secondary)) {
            StackRunner.Applied up = fast.up(fast.target(s, specs.stack(s.pair()), null, null), PlanOptions.DEFAULT, false, DeployListener.NONE);
            if (!up.ok()) throw new IllegalStateException("setting up " + s.name() + ": " + up.result().errors());
        }
        LatencyProfile profile = LatencyProfile.named("realistic", scale);
        SimAdmin sim = new SimAdmin(dir);
        io.lifeboat.program.DrTraits dr = io.lifeboat.program.Clouds.of(secondary).dr();
        boolean hot = standby.equals("hot");
        if (hot) {
            // set up with no latency, the replica trails its source as the realistic profile makes it
            String replica = dr.databaseIn(fast.store(secondary).load(secondary.name()).snapshot()).id();
            sim.setReplicaLag(secondary.region(), replica, profile.replicaLag());
        }
        sim.outage(primary.region());

        int parallel = Integer.parseInt(a.getOrDefault("parallel", String.valueOf(Failover.PARALLEL)));
        StackRunner realistic = runner(dir, "realistic", scale, parallel);
        // the plan the failover will apply, for its critical path
        Snapshot before = realistic.store(secondary).load(secondary.name()).snapshot();
        Snapshot lostState = realistic.store(primary).load(primary.name()).snapshot();
        io.lifeboat.dr.Backups.RecoveryPoint point = io.lifeboat.dr.Backups.newest(realistic, primary, lostState, secondary, new java.util.ArrayList<>());
        String backups = point == null ? null : point.restoreFrom();
        ProgramOptions promoted = hot ? new ProgramOptions(Posture.PROMOTED, null, false, false).replicaOf(dr.replicaSourceIn(lostState))
                : new ProgramOptions(Posture.PROMOTED, backups, false, false);
        StackRunner.Target target = new StackRunner.Target(secondary, primary, promoted, null, null);
        Plan plan = realistic.plan(target, before, PlanOptions.DR);
        List<String> chain = new java.util.ArrayList<>();
        Duration critical = schedule(plan, profile, Integer.MAX_VALUE, chain);
        Duration scheduled = schedule(plan, profile, parallel);

        // a runner of its own: the failover reads every state itself, as on the command line
        Timeline timeline = new Timeline();
        DrReport report = new Failover(runner(dir, "realistic", scale, parallel)).run(primary, secondary, false, null, null, timeline, "failover");
        timeline.ended();
        System.out.printf("failover bench: example=%s%s standby=%s latency=realistic scale=%s parallel=%d java=%s cpus=%d%n", example,
                deployments > 0 ? " with " + deployments + " deployments" : "", standby, scale, parallel, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        System.out.printf("steps: %s%n", plan.counts());
        System.out.printf("RTO %.1fs, critical path %.1fs (overhead %.1f%%), RPO %s (%s), ok=%s%n", report.rto().toMillis() / 1000.0,
                critical.toMillis() / 1000.0, 100.0 * (report.rto().toMillis() - critical.toMillis()) / Math.max(1, critical.toMillis()),
                report.rpo() == null ? "none" : String.format("%.1fs", report.rpo().toMillis() / 1000.0),
                report.promotedReplica() ? "the promoted replica's lag" : report.backupTime() != null ? "the newest copied backup's age" : "nothing restored",
                report.ok());
        System.out.printf("critical path: %s%n", String.join(" -> ", chain));
        // the probe of the lost region must end before the first change; on a dead region it waits out the connection timeout
        Duration withProbe = critical.plus(profile.outageDelay());
        System.out.printf("with the lost region's probe (%.1fs, before any change): critical path %.1fs, RTO/critical %.2f%n",
                profile.outageDelay().toMillis() / 1000.0, withProbe.toMillis() / 1000.0, (double) report.rto().toMillis() / withProbe.toMillis());
        Duration scheduledWithProbe = scheduled.plus(profile.outageDelay());
        System.out.printf("with at most %d steps at once (as the failover runs them): critical path %.1fs, with the probe %.1fs, RTO/that %.2f%n",
                parallel, scheduled.toMillis() / 1000.0, scheduledWithProbe.toMillis() / 1000.0,
                (double) report.rto().toMillis() / scheduledWithProbe.toMillis());
        System.out.println("timeline: " + timeline);
        if (!report.ok()) System.out.println("errors: " + report.errors());
    }

    /** When the failover's steps started and ended, from its first step: where its time beyond the critical path went. */
    private static final class Timeline implements DeployListener {
        private final long begun = System.nanoTime();
        private long firstStart = Long.MAX_VALUE;
        private long lastEnd;
        private long longestEnd;
        private long longest;
        private int finishedAfterLongest;
        private long ended;

        @Override
        public synchronized void stepStarted(Step step, String op) {
            firstStart = Math.min(firstStart, System.nanoTime());
        }

        @Override
        public synchronized void stepFinished(Step step, String op, Duration took) {
            long now = System.nanoTime();
            lastEnd = Math.max(lastEnd, now);
            if (took.toNanos() > longest) {
                longest = took.toNanos();
                longestEnd = now;
                finishedAfterLongest = 0;
            } else {
                finishedAfterLongest++;
            }
        }

        synchronized void ended() {
            ended = System.nanoTime();
        }

        @Override
        public synchronized String toString() {
            return String.format("first step at %.2fs, longest step (%.1fs) done at %.2fs, then %d steps until the last at %.2fs; failover returned at %.2fs",
                    (firstStart - begun) / 1e9, longest / 1e9, (longestEnd - begun) / 1e9, finishedAfterLongest,
                    (lastEnd - begun) / 1e9, (ended - begun) / 1e9);
        }
    }

    private static StackRunner runner(Path dir, String latency, double scale, int parallel) {
        return new StackRunner(ProviderRegistry.load(), new StackRunner.Settings(dir,
                Map.of("latency", latency, "latencyScale", String.valueOf(scale)), () -> "bench".toCharArray(), parallel, RetryPolicy.DEFAULT,
                java.time.Duration.ZERO, SecretReader.of(Map.of("WAREHOUSE_PASSWORD", "bench-warehouse-password"), dir)));
    }

    /**
     * The longest chain of steps: creates, updates and replacements after what they depend on; a
     * delete-first replacement's delete before its create; deletes of removed resources after all
     * else. Each step costs its type's time in the profile plus a mean API call.
     */
    static Duration criticalPath(Plan plan, LatencyProfile profile) {
        return schedule(plan, profile, Integer.MAX_VALUE);
    }

    /**
     * The critical path when at most {@code parallel} steps run at once, as the engine runs them:
     * each step, once what it depends on is done, takes the first free slot (list scheduling, in
     * the order steps become ready). With unlimited slots, the critical path itself; with a limit,
     * the least a failover could take with that many at once, when its 14,000 steps outnumber them.
     */
    static Duration schedule(Plan plan, LatencyProfile profile, int parallel) {
        return schedule(plan, profile, parallel, null);
    }

    /** As {@link #schedule(Plan, LatencyProfile, int)}; {@code chain}, when given, receives the steps that end last, first step first. */
    static Duration schedule(Plan plan, LatencyProfile profile, int parallel, List<String> chain) {
        long call = 40_000_000L * (long) (profile.scale() * 1000) / 1000;
        List<Step> applies = new java.util.ArrayList<>();
        long deletes = 0;
        for (Step s : plan.steps()) {
            if (s instanceof Step.Delete) deletes = Math.max(deletes, profile.delete(s.urn().type()).toNanos() + call);
            else applies.add(s);
        }
        int n = applies.size();
        long[] cost = new long[n];
        long[] ready = new long[n];
        long[] started = new long[n];
        int[] after = new int[n];
        java.util.Arrays.fill(after, -1);
        int[] waiting = new int[n];
        Map<Urn, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) index.put(applies.get(i).urn(), i);
        List<List<Integer>> dependents = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) dependents.add(new java.util.ArrayList<>());
        for (int i = 0; i < n; i++) {
            Step s = applies.get(i);
            String type = s.urn().type();
            Goal g = goal(s);
            for (Urn d : new java.util.LinkedHashSet<>(g.dependencies())) {
                Integer j = index.get(d);
                if (j == null || j == i) continue;
                dependents.get(j).add(i);
                waiting[i]++;
            }
            long c = 0;
            if (s instanceof Step.Create) c = profile.create(type).toNanos() + call;
            if (s instanceof Step.Update u) {
                io.lifeboat.providers.sim.SimType rules = io.lifeboat.providers.sim.SimPackages.all().get(type);
                boolean rebuilds = rules != null && u.old() != null && rules.updateRebuilds(u.old().inputs(), u.goal().inputs());
                c = (rebuilds ? profile.create(type) : profile.update(type)).toNanos() + call;
            }
            if (s instanceof Step.Replace r) {
                c = profile.create(type).toNanos() + call;
                if (r.deleteBeforeReplace()) c += profile.delete(type).toNanos() + call;
                else deletes = Math.max(deletes, profile.delete(type).toNanos() + call);
            }
            if (!g.custom() || type.startsWith("pulumi:")) c = 0;
            cost[i] = c;
        }
        // steps ready to start, earliest first (then in plan order); the times at which each slot is free
        java.util.PriorityQueue<long[]> queue = new java.util.PriorityQueue<>((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        for (int i = 0; i < n; i++) if (waiting[i] == 0) queue.add(new long[] {0, i});
        java.util.PriorityQueue<Long> slots = new java.util.PriorityQueue<>();
        long end = 0;
        int last = -1;
        while (!queue.isEmpty()) {
            long[] next = queue.poll();
            int i = (int) next[1];
            long start = next[0];
            if (cost[i] > 0) {
                if (slots.size() >= parallel) start = Math.max(start, slots.poll());
                slots.add(start + cost[i]);
            }
            long done = start + cost[i];
            started[i] = start;
            if (done > end || last < 0) last = i;
            end = Math.max(end, done);
            for (int d : dependents.get(i)) {
                if (done >= ready[d]) after[d] = i;
                ready[d] = Math.max(ready[d], done);
                if (--waiting[d] == 0) queue.add(new long[] {ready[d], d});
            }
        }
        if (chain != null) {
            List<String> back = new java.util.ArrayList<>();
            for (int i = last; i >= 0; i = after[i]) {
                if (cost[i] > 0) back.add(String.format("%s %s %.1fs", applies.get(i).getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT),
                        applies.get(i).urn().type(), cost[i] / 1e9));
            }
            java.util.Collections.reverse(back);
            chain.addAll(back);
            if (deletes > 0) chain.add(String.format("deletes %.1fs", deletes / 1e9));
        }
        return Duration.ofNanos(end + deletes);
    }

    private static Goal goal(Step s) {
        if (s instanceof Step.Same x) return x.goal();
        if (s instanceof Step.Create x) return x.goal();
        if (s instanceof Step.Update x) return x.goal();
        return ((Step.Replace) s).goal();
    }

    private static void copy(Path from, Path to) throws java.io.IOException {
        try (var s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
    }
}
