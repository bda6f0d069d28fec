package io.lifeboat.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.lifeboat.deploy.DeployListener;
import io.lifeboat.deploy.EngineEvents;
import io.lifeboat.deploy.RetryPolicy;
import io.lifeboat.deploy.StackRunner;
import io.lifeboat.plan.PlanOptions;
import io.lifeboat.provider.ProviderRegistry;
import io.lifeboat.spec.LoadResult;
import io.lifeboat.spec.SpecLoader;
import io.lifeboat.spec.Stack;
import io.lifeboat.spec.WorkingTreeSource;

/**
 * One preview and one up of examples/pulumi-java's primary (the com.pulumi:aws program) on the
 * sim cloud, as the command line runs them, each timed whole, with how long its program's JVMs
 * were alive and how much of that was their own (their start until their first call to the
 * engine, and their end after its last answer); then the no-change
 * preview and the secondary's up. Each round starts from an empty sim; the median of the rounds
 * is printed. Prints its figures; asserts nothing.
 *
 * <pre>bin/bench program [--rounds 5] [--repo .]</pre>
 */
public final class ProgramStackBench {
    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        int rounds = Integer.parseInt(a.getOrDefault("rounds", "5"));
        Path example = Path.of(a.getOrDefault("repo", ".")).toAbsolutePath().resolve("examples/pulumi-java");
        Path jar = example.resolve("target/lifeboat-pulumi-example.jar");
        if (!Files.isRegularFile(jar)) throw new IllegalStateException(jar + " is missing: build it first (mvn -B -q -DskipTests package)");
        if (System.getenv("EXAMPLE_API_KEY") == null) throw new IllegalStateException("EXAMPLE_API_KEY is not set (bin/bench program sets it)");

        Map<String, List<long[]>> figures = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            Path dir = Files.createTempDirectory("lifeboat-program-bench-");
            copy(example, dir);
            Files.createDirectories(dir.resolve(".git"));
            AtomicLong alive = new AtomicLong();
            AtomicLong jvm = new AtomicLong();
            AtomicLong runs = new AtomicLong();
            EngineEvents events = new EngineEvents() {
                @Override
                public void programExited(String stack, io.lifeboat.program.pulumi.PulumiProgram.Lifetime lifetime) {
                    alive.addAndGet(lifetime.alive().toNanos());
                    jvm.addAndGet(lifetime.own().toNanos());
                    runs.incrementAndGet();
                }
            };
            StackRunner runner = new StackRunner(ProviderRegistry.load(), new StackRunner.Settings(dir, Map.of(), () -> "bench".toCharArray(), 10,
                    RetryPolicy.DEFAULT, Duration.ZERO).withEvents(events));
            LoadResult specs = new SpecLoader(new WorkingTreeSource(dir)).load(List.of());
            if (!specs.ok()) throw new IllegalStateException("invalid example stacks: " + specs.diagnostics().sorted());
            Stack primary = specs.stack("pulumi-use1");
            Stack secondary = specs.stack("pulumi-usw2");

            time(figures, alive, "preview pulumi-use1", jvm, runs, () -> runner.preview(runner.target(primary, secondary, null, null), PlanOptions.DEFAULT, false));
            time(figures, alive, "up pulumi-use1", jvm, runs, () -> {
                StackRunner.Applied up = runner.up(runner.target(primary, secondary, null, null), PlanOptions.DEFAULT, false, DeployListener.NONE);
                if (!up.ok()) throw new IllegalStateException("up of the primary failed: " + up.result().errors());
            });
            time(figures, alive, "preview, no changes", jvm, runs, () -> {
                if (runner.preview(runner.target(primary, secondary, null, null), PlanOptions.DEFAULT, false).plan().hasChanges()) {
                    throw new IllegalStateException("a second preview of the primary has changes");
                }
            });
            time(figures, alive, "up pulumi-usw2", jvm, runs, () -> {
                StackRunner.Applied up = runner.up(runner.target(secondary, primary, null, null), PlanOptions.DEFAULT, false, DeployListener.NONE);
                if (!up.ok()) throw new IllegalStateException("up of the secondary failed: " + up.result().errors());
            });
        }
        System.out.printf("program stack bench: examples/pulumi-java on the sim, %d rounds (median), java=%s cpus=%d%n", rounds,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        // alive: the programs' JVMs from start to exit; own: of that, their start until their first call and their end
        // after the engine's last answer (the rest they ran, waiting on the engine's answers)
        System.out.printf("%-22s %9s %5s %11s %11s %13s%n", "operation", "total", "JVMs", "JVMs alive", "JVMs' own", "engine+rest");
        for (var e : figures.entrySet()) {
            long total = median(e.getValue(), 0);
            long own = median(e.getValue(), 1);
            long alive = median(e.getValue(), 3);
            System.out.printf("%-22s %8.2fs %5d %10.2fs %10.2fs %12.2fs%n", e.getKey(), total / 1e9, e.getValue().get(0)[2], alive / 1e9, own / 1e9,
                    (total - own) / 1e9);
        }
    }

    interface Step {
        void run() throws Exception;
    }

    /** Times one operation: its whole time, the time its programs' JVMs were alive, and how many ran. */
    private static void time(Map<String, List<long[]>> figures, AtomicLong alive, String name, AtomicLong jvm, AtomicLong runs, Step step)
            throws Exception {
        long aliveBefore = alive.get();
        long jvmBefore = jvm.get();
        long runsBefore = runs.get();
        long start = System.nanoTime();
        step.run();
        long total = System.nanoTime() - start;
        figures.computeIfAbsent(name, k -> new ArrayList<>()).add(new long[] {total, jvm.get() - jvmBefore, runs.get() - runsBefore,
                alive.get() - aliveBefore});
    }

    private static long median(List<long[]> rows, int column) {
        List<Long> values = new ArrayList<>();
        for (long[] r : rows) values.add(r[column]);
        values.sort(null);
        return values.get(values.size() / 2);
    }

    /** The project as a user's copy of it: its files and its built jar, without what Lifeboat keeps under it. */
    private static void copy(Path from, Path to) throws java.io.IOException {
        try (var s = Files.walk(from)) {
            for (Path p : s.toList()) {
                String rel = from.relativize(p).toString();
                if (rel.startsWith(".lifeboat") || rel.startsWith("target/") && !rel.endsWith(".jar")) continue;
                Path t = to.resolve(rel);
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else {
                    Files.createDirectories(t.getParent());
                    Files.copy(p, t);
                }
            }
        }
    }
}
