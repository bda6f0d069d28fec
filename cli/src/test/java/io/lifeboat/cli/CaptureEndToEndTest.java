package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.Provider;
import io.lifeboat.provider.ProviderConfig;
import io.lifeboat.providers.sim.SimAdmin;
import io.lifeboat.providers.sim.SimProviderFactory;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/** A route added by hand is found by refresh, captured into the spec, and restored by a failover. */
class CaptureEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void aHandMadeRouteIsCapturedAndSurvivesAFailover() throws Exception {
        Repo repo = new Repo(dir);
        SimAdmin sim = new SimAdmin(dir);
        assertThat(repo.run("up", "--all", "--yes").code()).isZero();
        String privateRt = sim.objects("us-east-1").stream()
                .filter(o -> o.type().equals(AwsSchemas.ROUTE_TABLE) && o.inputs().toString().contains("prod-use1-private"))
                .findFirst().orElseThrow().id();
        String natId = sim.objects("us-east-1").stream().filter(o -> o.type().equals(AwsSchemas.NAT_GATEWAY)).findFirst().orElseThrow().id();
        // someone adds a route by hand, in the console
        try (Provider east = new SimProviderFactory(Map.of()).open(new ProviderConfig("aws", "us-east-1", "sim", dir, Map.of()))) {
            east.type(AwsSchemas.ROUTE).create(null, Props.builder().put("routeTableId", privateRt)
                    .put("destinationCidrBlock", "192.168.50.0/24").put("natGatewayId", natId).build(),
                    OperationContext.of(new Urn("x", "x", AwsSchemas.ROUTE, "by-hand"), Duration.ofMinutes(1)));
        }

        Repo.Result refreshed = repo.run("preview", "--stack", "prod-use1", "--refresh");
        assertThat(refreshed.out()).contains("Made by hand").contains("route to 192.168.50.0/24");

        Repo.Result capture = repo.run("capture", "--stack", "prod-use1");
        assertThat(capture.code()).as(capture.all()).isZero();
        assertThat(capture.out()).contains("captured-route-private-192-168-50-0-24");
        String spec = repo.read("specs/platform.yaml");
        assertThat(spec).contains("captured-route-private-192-168-50-0-24:").contains("routeTableId: \"${network.private.id}\"")
                .contains("natGatewayId: \"${network.nat.id}\"");
        assertThat(repo.run("validate").code()).isZero();

        Repo.Result after = repo.run("preview", "--stack", "prod-use1", "--refresh", "--format", "json");
        assertThat(after.out()).doesNotContain("192.168.50.0/24\" via");
        assertThat(repo.run("up", "--all", "--yes").code()).isZero();
        assertThat(sim.objects("us-east-1")).filteredOn(o -> "192.168.50.0/24".equals(o.inputs().string("destinationCidrBlock"))).hasSize(1);
        assertThat(sim.objects("us-west-2")).as("the secondary has the route too")
                .anySatisfy(o -> assertThat(o.inputs().string("destinationCidrBlock")).isEqualTo("192.168.50.0/24"));

        sim.outage("us-east-1");
        assertThat(repo.run("failover", "--from", "prod-use1", "--to", "prod-usw2", "--yes").code()).isZero();
        assertThat(sim.objects("us-west-2")).filteredOn(o -> "192.168.50.0/24".equals(o.inputs().string("destinationCidrBlock")))
                .singleElement().satisfies(o -> assertThat(o.inputs().get("natGatewayId")).isInstanceOf(PropertyValue.Str.class));
    }
}
