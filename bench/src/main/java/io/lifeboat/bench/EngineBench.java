package io.lifeboat.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.lifeboat.deploy.DeployListener;
import io.lifeboat.deploy.ExecutionResult;
import io.lifeboat.deploy.ProviderPool;
import io.lifeboat.deploy.RetryPolicy;
import io.lifeboat.deploy.StepExecutor;
import io.lifeboat.plan.Plan;
import io.lifeboat.plan.PlanOptions;
import io.lifeboat.plan.StepGenerator;
import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.program.ProgramResult;
import io.lifeboat.provider.ProviderRegistry;
import io.lifeboat.providers.sim.LatencyProfile;
import io.lifeboat.resource.Goal;
import io.lifeboat.resource.Urn;
import io.lifeboat.state.FileBackend;
import io.lifeboat.state.Journal;
import io.lifeboat.state.Snapshot;
import io.lifeboat.state.StateStore;

/**
 * Preview time, up makespan beside the critical-path bound of the same graph under the same
 * injected latency, state bytes written, and peak heap, for stacks of 1,000 and 10,000 resources
 * on the sim cloud. Prints its figures; asserts nothing.
 *
 * <p>Every command is a JVM of its own, so the first round of a size is what an {@code up} costs;
 * with {@code --rounds N} each size runs N times in the same JVM, and the later rounds show the
 * engine's own work once the JIT has compiled it (at 10,000 resources the first round spends
 * about 5 s of CPU compiling, on a 2-core machine, beside a makespan of about 2.6 s).
 *
 * <pre>bin/bench [--sizes 1000,10000] [--rounds 1] [--latency realistic] [--scale 0.05] [--parallel 512]</pre>
 */
public final class EngineBench {
    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        List<Integer> sizes = new ArrayList<>();
        for (String s : a.getOrDefault("sizes", "1000,10000").split(",")) sizes.add(Integer.parseInt(s.trim()));
        String latency = a.getOrDefault("latency", "realistic");
        double scale = Double.parseDouble(a.getOrDefault("scale", "0.05"));
        int parallel = Integer.parseInt(a.getOrDefault("parallel", "512"));
        int rounds = Integer.parseInt(a.getOrDefault("rounds", "1"));
        String region = "us-east-1";
        LatencyProfile profile = LatencyProfile.named(latency, scale);

        System.out.printf("engine bench: latency=%s scale=%s parallel=%d java=%s cpus=%d%n", latency, scale, parallel,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        System.out.printf("%8s %6s %12s %12s %12s %12s %9s %12s %12s %7s %10s%n", "size", "round", "plan-cold", "preview", "makespan",
                "bound", "overhead", "state-bytes", "checkpoint", "ratio", "peak-heap");
        for (int n : sizes) {
            for (int round = 1; round <= rounds; round++) {
                Path dir = Files.createTempDirectory("lifeboat-bench-");
                Map<String, String> settings = Map.of("latency", latency, "latencyScale", String.valueOf(scale), "quotas", "vpc=1000,eip=1000");
                ProgramResult program = SyntheticStack.program(n, region);
                StateStore store = new StateStore(new FileBackend(dir.resolve(".lifeboat/state")), () -> "bench".toCharArray());
                StepGenerator generator = new StepGenerator(io.lifeboat.program.Schemas::get);
                resetPeaks();

                long t0 = System.nanoTime();
                StateStore.Loaded loaded = store.load(SyntheticStack.STACK);
                Plan plan = generator.plan(SyntheticStack.STACK, program, loaded.snapshot(), PlanOptions.DEFAULT);
                long planCold = System.nanoTime() - t0;

                Journal journal = store.journal(SyntheticStack.STACK, loaded);
                long initial = Files.size(dir.resolve(".lifeboat/state/" + SyntheticStack.STACK + ".json"));
                ExecutionResult result;
                try (ProviderPool pool = new ProviderPool(ProviderRegistry.load(), dir, settings)) {
                    result = new StepExecutor(pool, journal, DeployListener.NONE, RetryPolicy.DEFAULT, parallel)
                            .execute(plan, loaded.snapshot(), Map.of());
                }
                if (!result.ok()) throw new IllegalStateException("bench up failed: " + result.errors().subList(0, Math.min(3, result.errors().size())));
                Snapshot next = loaded.snapshot().with(result.resources(), List.of(), loaded.snapshot().metadata().next("bench", null, "primary"));
                long checkpoint = store.commit(SyntheticStack.STACK, next, loaded.codec());
                long written = initial + journal.bytesWritten() + checkpoint;

                long t1 = System.nanoTime();
                StateStore.Loaded again = store.load(SyntheticStack.STACK);
                Plan noChanges = generator.plan(SyntheticStack.STACK, SyntheticStack.program(n, region), again.snapshot(), PlanOptions.DEFAULT);
                long preview = System.nanoTime() - t1;
                if (noChanges.hasChanges()) throw new IllegalStateException("second plan should have no changes");

                Duration bound = bound(program, profile, parallel);
                double overhead = 100.0 * (result.elapsed().toNanos() - bound.toNanos()) / bound.toNanos();
                System.out.printf("%8d %6d %10.0fms %10.0fms %10.0fms %10.0fms %8.1f%% %12d %12d %6.2fx %8.0fMB%n", n, round, planCold / 1e6,
                        preview / 1e6, result.elapsed().toNanos() / 1e6, bound.toNanos() / 1e6, overhead, written, checkpoint,
                        written / (double) checkpoint, peakHeap() / 1e6);
            }
        }
    }

    /**
     * The least time the graph can take: its critical path (each create costs its provisioning
     * time plus a mean API call), or its total work spread over {@code parallel} workers, whichever is longer.
     */
    static Duration bound(ProgramResult program, LatencyProfile profile, int parallel) {
        long call = (profile.callLatency(new java.util.Random(0)).toNanos() + meanCall(profile)) / 2;
        Map<Urn, Long> finish = new HashMap<>();
        long longest = 0;
        long work = 0;
        for (Goal g : program.goals()) {
            long start = 0;
            for (Urn d : g.dependencies()) start = Math.max(start, finish.getOrDefault(d, 0L));
            long cost = g.custom() && !g.type().startsWith("pulumi:") ? profile.create(g.type()).toNanos() + call : 0;
            finish.put(g.urn(), start + cost);
            longest = Math.max(longest, start + cost);
            work += cost;
        }
        return Duration.ofNanos(Math.max(longest, work / parallel));
    }

    private static long meanCall(LatencyProfile profile) {
        java.util.Random r = new java.util.Random(1);
        long sum = 0;
        for (int i = 0; i < 1000; i++) sum += profile.callLatency(r).toNanos();
        return sum / 1000;
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) sum += p.getPeakUsage().getUsed();
        }
        return sum;
    }
}
