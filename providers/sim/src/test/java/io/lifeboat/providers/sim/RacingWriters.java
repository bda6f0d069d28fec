package io.lifeboat.providers.sim;

import static io.lifeboat.program.aws.AwsSchemas.SNS_TOPIC;

import java.nio.file.Path;
import java.util.Map;

import io.lifeboat.provider.Provider;
import io.lifeboat.provider.ProviderException;

/** A second process for {@link ConcurrencyTest}: tries to create topics t0..t(n-1) in a project directory; prints how many it made. */
public final class RacingWriters {
    private RacingWriters() {
    }

    public static void main(String[] args) throws Exception {
        SimFixture sim = new SimFixture(Path.of(args[0]), Map.of("LIFEBOAT_SIM_LATENCY", "fast"));
        Provider p = sim.provider(SimFixture.EAST);
        int made = 0;
        for (int i = 0; i < Integer.parseInt(args[1]); i++) {
            try {
                sim.create(p, SNS_TOPIC, "t" + i, SimFixture.topic("t" + i));
                made++;
            } catch (ProviderException e) {
                if (e.kind() != ProviderException.Kind.CONFLICT) throw e;
            }
        }
        System.out.println("made=" + made);
    }
}
