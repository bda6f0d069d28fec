package io.lifeboat.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.lifeboat.deploy.ProviderPool;
import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderRegistry;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.providers.sim.SimAdmin;
import io.lifeboat.providers.sim.SimCloud;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/**
 * The sim cloud's own cost in a crowded region (what ScaleTest asserted as timings, measured
 * here instead): the first call among N objects (loading the region's index), a create + read +
 * delete round among them, and how long another process's view takes to follow one change.
 * Prints its figures; asserts nothing.
 *
 * <pre>java -cp bench/target/lifeboat-bench.jar io.lifeboat.bench.SimScaleBench [--objects 10000] [--rounds 200]</pre>
 */
public final class SimScaleBench {
    static final String EAST = "us-east-1";

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        int objects = Integer.parseInt(a.getOrDefault("objects", "10000"));
        int rounds = Integer.parseInt(a.getOrDefault("rounds", "200"));
        Path dir = Files.createTempDirectory("lifeboat-sim-scale-");
        SimCloud cloud = SimCloud.inWorkDir(dir);
        Instant now = Instant.now();
        for (int i = 0; i < objects; i++) {
            String arn = "arn:aws:sns:us-east-1:123456789012:topic-" + i;
            cloud.put(new SimObject(arn, AwsSchemas.SNS_TOPIC, EAST, SimObject.AVAILABLE, now, null, null, topic("topic-" + i),
                    Props.builder().put("arn", arn).build(), Map.of()));
        }
        try (ProviderPool pool = new ProviderPool(ProviderRegistry.load(), dir, Map.of("latency", "none"))) {
            Urn provider = new Urn("bench", "bench", "pulumi:providers:aws", "default");
            String ref = pool.register(provider, "bench", Props.builder().put("region", EAST).put("endpoint", "sim").build());
            ResourceType topics = pool.type(ref, AwsSchemas.SNS_TOPIC);

            long start = System.nanoTime();
            topics.create(urn("warm-up"), topic("warm-up"), ctx("warm-up"));
            Duration first = Duration.ofNanos(System.nanoTime() - start);

            start = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                String arn = topics.create(urn("n" + i), topic("new-" + i), ctx("n" + i)).id();
                topics.read(arn, Props.EMPTY, Props.EMPTY, ctx("n" + i));
                topics.delete(arn, Props.EMPTY, ctx("n" + i));
            }
            Duration round = Duration.ofNanos(System.nanoTime() - start).dividedBy(rounds);

            SimAdmin other = new SimAdmin(new SimCloud(dir.resolve(".lifeboat/sim")));
            int before = other.count(EAST);
            topics.create(urn("late"), topic("late"), ctx("late"));
            start = System.nanoTime();
            int after = other.count(EAST);
            Duration follow = Duration.ofNanos(System.nanoTime() - start);
            if (after != before + 1) throw new IllegalStateException("another process's view did not follow the change: " + before + " then " + after);

            System.out.printf("sim scale bench: %d objects in %s, %d rounds, java=%s cpus=%d%n", objects, EAST, rounds,
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
            System.out.printf("first call (loads the region's index) %8.1f ms%n", first.toNanos() / 1e6);
            System.out.printf("create + read + delete, a round       %8.2f ms%n", round.toNanos() / 1e6);
            System.out.printf("another process follows one change     %8.1f ms%n", follow.toNanos() / 1e6);
        }
    }

    static Props topic(String name) {
        return Props.builder().put("name", name).put("tags", PropertyValue.fromJava(Map.of("Name", name))).build();
    }

    static Urn urn(String name) {
        return new Urn("bench", "bench", AwsSchemas.SNS_TOPIC, name);
    }

    static OperationContext ctx(String name) {
        return OperationContext.of(urn(name), Duration.ofMinutes(1));
    }
}
