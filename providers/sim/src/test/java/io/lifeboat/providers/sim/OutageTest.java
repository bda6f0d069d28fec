package io.lifeboat.providers.sim;

import static io.lifeboat.program.aws.AwsSchemas.*;
import static io.lifeboat.providers.sim.SimFixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lifeboat.provider.Provider;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.Props;

class OutageTest {
    @TempDir
    Path dir;

    @Test
    void everyCallToARegionThatIsOutFailsAsUnavailableAfterADelay() throws Exception {
        SimFixture sim = new SimFixture(dir);
        Provider east = sim.provider(EAST);
        Provider west = sim.provider(WEST);
        String vpc = sim.create(east, VPC, vpc("10.0.0.0/16")).id();
        sim.admin().outage(EAST);

        assertUnavailable(() -> sim.create(east, VPC, vpc("10.1.0.0/16")));
        assertUnavailable(() -> east.type(VPC).read(vpc, Props.EMPTY, Props.EMPTY, ctx()));
        assertUnavailable(() -> east.type(VPC).update(vpc, Props.EMPTY, vpc("10.0.0.0/16"), ctx()));
        assertUnavailable(() -> east.type(VPC).delete(vpc, Props.EMPTY, ctx()));
        assertUnavailable(() -> east.type(VPC).findByUrn(urn(VPC, "x"), Props.EMPTY, ctx()));
        assertUnavailable(() -> sim.create(east, IAM_ROLE, role("through-the-lost-region")));

        Instant start = Instant.now();
        assertUnavailable(() -> east.type(VPC).read(vpc, Props.EMPTY, Props.EMPTY, ctx()));
        assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(45));

        // the other region, and IAM through it, still answer
        sim.create(west, VPC, vpc("10.20.0.0/16"));
        sim.create(west, IAM_ROLE, role("through-the-survivor"));

        sim.admin().restore(EAST);
        assertThat(east.type(VPC).read(vpc, Props.EMPTY, Props.EMPTY, ctx())).isPresent();
    }

    @Test
    void anOutageSetByAnotherProcessIsSeenAtOnce() throws Exception {
        SimFixture sim = new SimFixture(dir);
        Provider east = sim.provider(EAST);
        new SimAdmin(new SimCloud(dir.resolve(".lifeboat/sim"))).outage(EAST);
        assertUnavailable(() -> sim.create(east, SNS_TOPIC, topic("t")));
        assertThat(new SimAdmin(dir).count(EAST)).isZero();
    }

    @Test
    void aCreateUnderwayFailsWhenItsRegionGoesOut() throws Exception {
        SimFixture sim = new SimFixture(dir, java.util.Map.of("LIFEBOAT_SIM_LATENCY", "realistic", "LIFEBOAT_SIM_LATENCY_SCALE", "0.05"));
        Provider east = sim.provider(EAST);
        // a NAT gateway takes 300ms at this scale; the region goes out 100ms into it
        String v = sim.create(east, VPC, vpc("10.0.0.0/16")).id();
        String s = sim.create(east, SUBNET, subnet(v, "10.0.0.0/24", "us-east-1a")).id();
        String e = sim.create(east, EIP, Props.builder().put("domain", "vpc").build()).id();
        Thread outage = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException ex) {
                return;
            }
            new SimAdmin(dir).outage(EAST);
        });
        outage.start();
        assertUnavailable(() -> sim.create(east, NAT_GATEWAY, Props.builder().put("subnetId", s).put("allocationId", e).build()));
        outage.join();
    }

    private static void assertUnavailable(ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.kind()).isEqualTo(ProviderException.Kind.UNAVAILABLE);
            assertThat(e.retryable()).isTrue();
            assertThat(e.code()).isEqualTo("EndpointConnectionError");
            assertThat(e.getMessage()).contains(EAST);
        });
    }
}
