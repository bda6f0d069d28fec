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
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/** {@code refresh --detailed-exitcode}: 2 on drift or on resources made by hand, 0 on neither, 1 when the cloud cannot be read. */
class RefreshEndToEndTest {
    static final String EAST = "us-east-1";
    @TempDir
    Path dir;

    private static int code(Repo.Result r, int expected) {
        assertThat(r.code()).as(r.all()).isEqualTo(expected);
        return r.code();
    }

    @Test
    void detailedExitCodeReportsDriftAndHandMadeResources() throws Exception {
        Repo repo = new Repo(dir);
        SimAdmin sim = new SimAdmin(dir);
        repo.ok("up", "--stack", "prod-use1", "--yes");
        code(repo.run("refresh", "--stack", "prod-use1", "--detailed-exitcode"), 0);

        SimAdmin.ObjectView vpc = sim.objects(EAST).stream().filter(o -> o.type().equals(AwsSchemas.VPC)).findFirst().orElseThrow();
        sim.mutate(EAST, vpc.id(), "enableDnsHostnames", false);
        Repo.Result drifted = repo.run("refresh", "--stack", "prod-use1", "--detailed-exitcode");
        code(drifted, 2);
        assertThat(drifted.out()).contains("enableDnsHostnames");
        assertThat(repo.run("refresh", "--stack", "prod-use1").code()).as("without the flag drift is no error").isZero();
        code(repo.run("refresh", "--stack", "prod-use1", "--detailed-exitcode"), 0);

        String privateRt = sim.objects(EAST).stream()
                .filter(o -> o.type().equals(AwsSchemas.ROUTE_TABLE) && o.inputs().toString().contains("prod-use1-private"))
                .findFirst().orElseThrow().id();
        String natId = sim.objects(EAST).stream().filter(o -> o.type().equals(AwsSchemas.NAT_GATEWAY)).findFirst().orElseThrow().id();
        try (Provider east = new SimProviderFactory(Map.of()).open(new ProviderConfig("aws", EAST, "sim", dir, Map.of()))) {
            east.type(AwsSchemas.ROUTE).create(null, Props.builder().put("routeTableId", privateRt)
                    .put("destinationCidrBlock", "192.168.50.0/24").put("natGatewayId", natId).build(),
                    OperationContext.of(new Urn("x", "x", AwsSchemas.ROUTE, "by-hand"), Duration.ofMinutes(1)));
        }
        Repo.Result handMade = repo.run("refresh", "--stack", "prod-use1", "--detailed-exitcode");
        code(handMade, 2);
        assertThat(handMade.out()).contains("Made by hand").contains("192.168.50.0/24").doesNotContain("enableDnsHostnames");

        sim.outage(EAST);
        code(repo.run("refresh", "--stack", "prod-use1", "--detailed-exitcode"), 1);
    }
}
