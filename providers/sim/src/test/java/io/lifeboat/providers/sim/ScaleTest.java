package io.lifeboat.providers.sim;

import static io.lifeboat.program.aws.AwsSchemas.*;
import static io.lifeboat.providers.sim.SimFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lifeboat.provider.Provider;
import io.lifeboat.resource.Props;

/**
 * A region with 10,000 objects works as a small one, and another process's view follows a change.
 * How fast it stays (the first call, a create + read + delete round, following a change) is
 * SimScaleBench's to measure, in bench/: timings on a busy 2-core machine are not a test's.
 */
class ScaleTest {
    @TempDir
    Path dir;

    @Test
    void tenThousandObjectsInARegion() throws Exception {
        SimCloud cloud = SimCloud.inWorkDir(dir);
        Instant now = Instant.now();
        for (int i = 0; i < 10_000; i++) {
            String name = "topic-" + i;
            cloud.put(new SimObject("arn:aws:sns:us-east-1:123456789012:" + name, SNS_TOPIC, EAST, SimObject.AVAILABLE, now, null, null,
                    topic(name), Props.builder().put("arn", "arn:aws:sns:us-east-1:123456789012:" + name).build(), Map.of()));
        }

        SimFixture sim = new SimFixture(dir, Map.of("LIFEBOAT_SIM_LATENCY", "none"));
        Provider east = sim.provider(EAST);
        sim.create(east, SNS_TOPIC, topic("warm-up")); // loads the index

        for (int i = 0; i < 200; i++) {
            String arn = sim.create(east, SNS_TOPIC, "n" + i, topic("new-" + i)).id();
            east.type(SNS_TOPIC).read(arn, Props.EMPTY, Props.EMPTY, ctx());
            east.type(SNS_TOPIC).delete(arn, Props.EMPTY, ctx());
        }
        assertThat(new SimAdmin(dir).count(EAST)).as("the 200 made among 10,000 objects were deleted again").isEqualTo(10_001);
        // another process's instance follows the changes without reloading everything
        SimAdmin other = new SimAdmin(new SimCloud(dir.resolve(".lifeboat/sim")));
        assertThat(other.count(EAST)).isEqualTo(10_001);
        sim.create(east, SNS_TOPIC, topic("late"));
        assertThat(other.count(EAST)).isEqualTo(10_002);
    }
}
