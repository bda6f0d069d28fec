package io.lifeboat.providers.sim;

import static io.lifeboat.program.aws.AwsSchemas.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lifeboat.program.aws.AwsSchemas;

class LatencyProfileTest {

    @Test
    void everyProfileTimesEveryType() {
        for (String name : LatencyProfile.NAMES) {
            LatencyProfile p = LatencyProfile.named(name);
            assertThat(p.provisioningTimes().keySet()).as(name).containsExactlyInAnyOrderElementsOf(AwsSchemas.all().keySet());
            assertThat(p.deletionTimes().keySet()).as(name).containsExactlyInAnyOrderElementsOf(AwsSchemas.all().keySet());
        }
    }

    @Test
    void realisticTakesSecondsAndScales() {
        LatencyProfile real = LatencyProfile.named("realistic");
        assertThat(real.create(EKS_CLUSTER)).isEqualTo(Duration.ofSeconds(15));
        assertThat(real.create(DB_INSTANCE)).isEqualTo(Duration.ofSeconds(12));
        assertThat(real.create(NAT_GATEWAY)).isEqualTo(Duration.ofSeconds(6));
        assertThat(real.delete(EKS_CLUSTER)).isLessThan(real.create(EKS_CLUSTER));
        assertThat(LatencyProfile.named("realistic", 0.5).create(EKS_CLUSTER)).isEqualTo(Duration.ofMillis(7500));
        assertThat(LatencyProfile.named("none").create(EKS_CLUSTER)).isZero();
        assertThat(LatencyProfile.named("fast").create(EKS_CLUSTER)).isLessThanOrEqualTo(Duration.ofMillis(2));
        assertThat(LatencyProfile.named("fast").outageDelay()).isEqualTo(Duration.ofMillis(50));
        assertThatThrownBy(() -> LatencyProfile.named("glacial")).hasMessageContaining("none, fast, realistic");
    }

    @Test
    void theEnvironmentWinsOverSettings() {
        SimSettings s = SimSettings.resolve(Map.of("latency", "none", "account", "111122223333", "quotas", "vpc=9"),
                Map.of("LIFEBOAT_SIM_LATENCY", "realistic", "LIFEBOAT_SIM_LATENCY_SCALE", "0.1"));
        assertThat(s.latency().name()).isEqualTo("realistic");
        assertThat(s.latency().create(VPC)).isEqualTo(Duration.ofMillis(100));
        assertThat(s.account()).isEqualTo("111122223333");
        assertThat(s.quota("vpc")).isEqualTo(9);
        assertThat(s.quota("eip")).isEqualTo(5);
        assertThat(SimSettings.resolve(Map.of(), Map.of()).latency().name()).isEqualTo("fast");
        assertThatThrownBy(() -> SimSettings.resolve(Map.of("account", "12"), Map.of())).hasMessageContaining("12 digits");
    }
}
