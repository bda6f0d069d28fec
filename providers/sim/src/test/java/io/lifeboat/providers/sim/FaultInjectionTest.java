package io.lifeboat.providers.sim;

import static io.lifeboat.program.aws.AwsSchemas.*;
import static io.lifeboat.providers.sim.SimFixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lifeboat.provider.Provider;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.Props;

class FaultInjectionTest {
    @TempDir
    Path dir;

    @Test
    void throttlesAtRoughlyTheConfiguredRateAndAThrottledCreateCreatesNothing() throws Exception {
        SimFixture sim = new SimFixture(dir, Map.of("LIFEBOAT_SIM_LATENCY", "none", "LIFEBOAT_SIM_SEED", "42",
                "LIFEBOAT_SIM_FAULTS", "us-east-1:throttle=0.3;*:throttle=0"));
        Provider east = sim.provider(EAST);
        int throttled = 0;
        int made = 0;
        for (int i = 0; i < 400; i++) {
            try {
                sim.create(east, SNS_TOPIC, "t" + i, topic("t" + i));
                made++;
            } catch (ProviderException e) {
                assertThat(e.kind()).isEqualTo(ProviderException.Kind.THROTTLED);
                assertThat(e.code()).isEqualTo("Throttled"); // SNS's own word for it
                assertThat(e.retryable()).isTrue();
                throttled++;
            }
        }
        assertThat(throttled).isBetween(90, 150);
        assertThat(sim.admin().count(EAST)).isEqualTo(made);

        Provider west = sim.provider(WEST);
        for (int i = 0; i < 50; i++) sim.create(west, SNS_TOPIC, "w" + i, topic("w" + i));
    }

    @Test
    void ec2ThrottlesWithRequestLimitExceededAndErrorsAreTransient() throws Exception {
        SimFixture sim = new SimFixture(dir, Map.of("LIFEBOAT_SIM_LATENCY", "none", "LIFEBOAT_SIM_SEED", "7"));
        sim.settings.put("faults", "*:throttle=0.2,error=0.2");
        Provider east = sim.provider(EAST);
        java.util.Set<String> codes = new java.util.TreeSet<>();
        int failed = 0;
        for (int i = 0; i < 300; i++) {
            try {
                east.type(VPC).read("vpc-00000000000000000", Props.EMPTY, Props.EMPTY, ctx());
            } catch (ProviderException e) {
                failed++;
                codes.add(e.kind() + " " + e.code());
            }
        }
        assertThat(failed).isBetween(90, 150);
        assertThat(codes).containsExactlyInAnyOrder("THROTTLED RequestLimitExceeded", "TRANSIENT InternalError", "TRANSIENT ServiceUnavailable");
    }

    @Test
    void theSameSeedGivesTheSameFaults() throws Exception {
        String first = faultPattern(dir.resolve("a"));
        String second = faultPattern(dir.resolve("b"));
        assertThat(first).isEqualTo(second).contains("x").contains(".");
    }

    private static String faultPattern(Path d) throws Exception {
        SimFixture sim = new SimFixture(d, Map.of("LIFEBOAT_SIM_LATENCY", "none", "LIFEBOAT_SIM_SEED", "1234", "LIFEBOAT_SIM_FAULTS", "*:throttle=0.5"));
        Provider p = sim.provider(EAST);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            try {
                p.type(VPC).read("vpc-00000000000000000", Props.EMPTY, Props.EMPTY, ctx());
                b.append('.');
            } catch (ProviderException e) {
                b.append('x');
            }
        }
        return b.toString();
    }

    @Test
    void faultsSetThroughTheAdminApplyAndExtraLatencyIsAdded() throws Exception {
        SimFixture sim = new SimFixture(dir, Map.of("LIFEBOAT_SIM_LATENCY", "none"));
        Provider east = sim.provider(EAST);
        sim.admin().setFaults(EAST, new Faults(1.0, 0, Duration.ZERO));
        assertThatThrownBy(() -> sim.create(east, VPC, vpc("10.0.0.0/16")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.THROTTLED));
        assertThat(sim.admin().count(EAST)).isZero();

        sim.admin().setFaults(EAST, Faults.parse("latency=60ms"));
        Instant start = Instant.now();
        sim.create(east, VPC, vpc("10.0.0.0/16"));
        assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(60));
        sim.admin().setFaults(EAST, null);
        assertThat(sim.admin().faults(EAST)).isEqualTo(Faults.NONE);
    }

    @Test
    void faultSpecsParseAndRefuseNonsense() {
        FaultSpec spec = FaultSpec.parse("us-east-1:throttle=0.1,error=0.02,latency=50ms;*:throttle=0.05");
        assertThat(spec.forRegion("us-east-1")).isEqualTo(new Faults(0.1, 0.02, Duration.ofMillis(50)));
        assertThat(spec.forRegion("eu-west-1")).isEqualTo(new Faults(0.05, 0, Duration.ZERO));
        assertThat(FaultSpec.parse("").forRegion("x")).isNull();
        assertThat(Faults.parse("latency=1.5s").extraLatency()).isEqualTo(Duration.ofMillis(1500));
        assertThat(Faults.parse(new Faults(0.1, 0.2, Duration.ofMillis(30)).format())).isEqualTo(new Faults(0.1, 0.2, Duration.ofMillis(30)));
        assertThatThrownBy(() -> FaultSpec.parse("us-east-1:throttle=2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultSpec.parse("throttle=0.1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Faults.parse("jitter=5")).hasMessageContaining("jitter");
    }

    @Test
    void aBadSettingFailsTheProviderOpenNamingIt() {
        SimFixture sim = new SimFixture(dir, Map.of("LIFEBOAT_SIM_FAULTS", "us-east-1:throttle=lots"));
        assertThatThrownBy(() -> sim.provider(EAST)).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_INPUT);
            assertThat(e.getMessage()).contains("throttle");
        });
    }
}
