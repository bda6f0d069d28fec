package io.lifeboat.providers.sim;

import static io.lifeboat.program.aws.AwsSchemas.*;
import static io.lifeboat.providers.sim.CloudRulesTest.assertFails;
import static io.lifeboat.providers.sim.SimFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lifeboat.provider.Provider;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ProviderException.Kind;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

/** Checks and writes are one step under the region's lock, for threads and for processes. */
class ConcurrencyTest {
    @TempDir
    Path dir;

    @Test
    void threadsRacingForTheSameNamesMakeEachOnce() throws Exception {
        SimFixture sim = new SimFixture(dir, Map.of("LIFEBOAT_SIM_LATENCY", "fast"));
        Provider east = sim.provider(EAST);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> runs = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            runs.add(pool.submit(() -> {
                int made = 0;
                for (int i = 0; i < 30; i++) {
                    try {
                        sim.create(east, SNS_TOPIC, topic("t" + i));
                        made++;
                    } catch (ProviderException e) {
                        assertThat(e.kind()).isEqualTo(Kind.CONFLICT);
                    }
                }
                return made;
            }));
        }
        int made = 0;
        for (Future<Integer> r : runs) made += r.get();
        pool.shutdown();
        assertThat(made).isEqualTo(30);
        assertThat(sim.admin().count(EAST, SNS_TOPIC)).isEqualTo(30);
    }

    @Test
    void anotherProcessRacingForTheSameNamesMakesEachOnce() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), RacingWriters.class.getName(),
                dir.toString(), "60").redirectErrorStream(true).start();
        SimFixture sim = new SimFixture(dir, Map.of("LIFEBOAT_SIM_LATENCY", "fast"));
        Provider east = sim.provider(EAST);
        SimAdmin admin = sim.admin();
        long until = System.currentTimeMillis() + 20_000;
        while (admin.count(EAST) == 0 && child.isAlive() && System.currentTimeMillis() < until) Thread.sleep(2);
        int made = 0;
        for (int i = 59; i >= 0; i--) {
            try {
                sim.create(east, SNS_TOPIC, "t" + i, topic("t" + i));
                made++;
            } catch (ProviderException e) {
                assertThat(e.kind()).isEqualTo(Kind.CONFLICT);
            }
        }
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor()).as(out).isZero();
        int theirs = Integer.parseInt(out.substring(out.indexOf("made=") + 5).trim());
        assertThat(made + theirs).isEqualTo(60);
        assertThat(theirs).isPositive();
        List<SimAdmin.ObjectView> topics = sim.admin().objects(EAST);
        assertThat(topics).hasSize(60);
        assertThat(new HashSet<>(topics.stream().map(v -> v.outputs().string("name")).toList())).hasSize(60);
    }

    @Test
    void anUpdateCannotUndoDriftOfAnInputThatForcesReplacement() throws Exception {
        SimFixture sim = new SimFixture(dir);
        Provider east = sim.provider(EAST);
        String vpc = sim.create(east, VPC, vpc("10.0.0.0/16")).id();
        Props in = securityGroup(vpc, "db");
        var made = sim.create(east, SECURITY_GROUP, in);
        sim.admin().mutate(EAST, made.id(), "description", "changed in the console");

        // the engine, which knew "test", asks for "test" and new tags: the console's description stays
        Props out = east.type(SECURITY_GROUP).update(made.id(), made.outputs(), in.with("tags", PropertyValue.fromJava(Map.of("a", "b"))), ctx());
        assertThat(out.string("description")).isEqualTo("changed in the console");
        assertThat(out.get("tags")).isEqualTo(PropertyValue.fromJava(Map.of("a", "b")));
        // asking for a third value is a change that needs a new group
        assertFails(() -> east.type(SECURITY_GROUP).update(made.id(), made.outputs(), in.with("description", PropertyValue.of("third")), ctx()),
                Kind.INVALID_INPUT, "InvalidParameterValue");
    }
}
