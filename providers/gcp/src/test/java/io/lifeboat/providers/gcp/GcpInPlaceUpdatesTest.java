package io.lifeboat.providers.gcp;

import static io.lifeboat.providers.gcp.GcpFakes.ctx;
import static io.lifeboat.providers.gcp.GcpFakes.urn;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lifeboat.program.gcp.GcpSchemas;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/**
 * What each gcp type's API changes in place is changed by an update, read back as it was asked
 * for: a network's routing mode, a firewall rule, a router's BGP, a NAT, a peering's route
 * exchange, private services access's ranges, a secret version's state, a Cloud SQL instance's
 * settings (its mark kept).
 */
class GcpInPlaceUpdatesTest {
    private GcpFakes fakes;
    private GcpProvider gcp;
    private String network;

    @BeforeEach
    void start() throws Exception {
        fakes = new GcpFakes();
        gcp = fakes.provider("us-central1");
        network = make(GcpSchemas.NETWORK, "vpc", Props.builder().put("name", "net").put("autoCreateSubnetworks", false)
                .put("routingMode", "REGIONAL").build()).outputs().string("selfLink");
    }

    @AfterEach
    void stop() throws Exception {
        gcp.close();
        fakes.close();
    }

    private ResourceType.Created make(String token, String name, Props in) throws ProviderException {
        Urn urn = urn(token, name);
        return gcp.type(token).create(urn, in, ctx(urn));
    }

    /** Updates, then reads back: the observed inputs are what was asked for. */
    private Props change(String token, ResourceType.Created made, Props to) throws ProviderException {
        ResourceType type = gcp.type(token);
        Props outputs = type.update(made.id(), made.outputs(), to, ctx(urn(token, "changed")));
        assertThat(type.read(made.id(), to, outputs, ctx(null)).orElseThrow().inputs()).as(token).isEqualTo(to);
        return outputs;
    }

    @Test
    void computesObjectsChangeWhatItsPatchesChange() throws Exception {
        ResourceType.Created net = new ResourceType.Created("projects/acme-data-prod/global/networks/net",
                gcp.type(GcpSchemas.NETWORK).read("projects/acme-data-prod/global/networks/net", Props.EMPTY, Props.EMPTY, ctx(null)).orElseThrow().outputs());
        change(GcpSchemas.NETWORK, net, Props.builder().put("name", "net").put("autoCreateSubnetworks", false).put("routingMode", "GLOBAL").build());

        Props rule = Props.builder().put("name", "db").put("network", network).put("direction", "INGRESS").put("priority", 1000)
                .put("sourceRanges", PropertyValue.strings(List.of("10.10.0.0/16")))
                .put("allows", PropertyValue.fromJava(List.of(Map.of("protocol", "tcp", "ports", List.of("5432"))))).build();
        ResourceType.Created fw = make(GcpSchemas.FIREWALL, "db", rule);
        change(GcpSchemas.FIREWALL, fw, rule.with("sourceRanges", PropertyValue.strings(List.of("10.10.0.0/16", "10.20.0.0/16")))
                .with("priority", PropertyValue.of(900)));

        Props router = Props.builder().put("name", "router").put("network", network).put("region", "us-central1")
                .put("bgp", PropertyValue.fromJava(Map.of("asn", 64514))).build();
        ResourceType.Created r = make(GcpSchemas.ROUTER, "router", router);
        Props nat = Props.builder().put("name", "nat").put("router", "router").put("region", "us-central1").put("natIpAllocateOption", "AUTO_ONLY")
                .put("sourceSubnetworkIpRangesToNat", "ALL_SUBNETWORKS_ALL_IP_RANGES").build();
        ResourceType.Created n = make(GcpSchemas.ROUTER_NAT, "nat", nat);
        change(GcpSchemas.ROUTER, r, router.with("bgp", PropertyValue.fromJava(Map.of("asn", 64515))));
        assertThat(fakes.compute.json(r.id()).path("nats")).as("a router's change keeps its NATs").hasSize(1);
        change(GcpSchemas.ROUTER_NAT, n, nat.with("minPortsPerVm", PropertyValue.of(128)));

        String peer = fakes.compute.peerNetwork(GcpFakes.PEER_PROJECT, "corp-net");
        Props peering = Props.builder().put("name", "peer-corp").put("network", network).put("peerNetwork", peer)
                .put("exportCustomRoutes", false).put("importCustomRoutes", false).build();
        ResourceType.Created p = make(GcpSchemas.NETWORK_PEERING, "peer", peering);
        change(GcpSchemas.NETWORK_PEERING, p, peering.with("importCustomRoutes", PropertyValue.of(true)));
    }

    @Test
    void privateServicesAccessTakesAnotherRangeASecretVersionIsDisabledAndAnInstancesTierChanges() throws Exception {
        for (String range : List.of("range-a", "range-b")) {
            make(GcpSchemas.GLOBAL_ADDRESS, range, Props.builder().put("name", range).put("purpose", "VPC_PEERING").put("addressType", "INTERNAL")
                    .put("prefixLength", 20).put("network", network).build());
        }
        Props access = Props.builder().put("network", network).put("service", "servicenetworking.googleapis.com")
                .put("reservedPeeringRanges", PropertyValue.strings(List.of("range-a"))).build();
        ResourceType.Created c = make(GcpSchemas.SERVICE_CONNECTION, "access", access);
        change(GcpSchemas.SERVICE_CONNECTION, c, access.with("reservedPeeringRanges", PropertyValue.strings(List.of("range-a", "range-b"))));

        ResourceType.Created secret = make(GcpSchemas.SECRET, "key", Props.builder().put("secretId", "key")
                .put("replication", PropertyValue.fromJava(Map.of("auto", Map.of()))).build());
        Props version = Props.builder().put("secret", secret.id()).put("secretData", "k3y").put("enabled", true).build();
        ResourceType.Created v = make(GcpSchemas.SECRET_VERSION, "key", version);
        change(GcpSchemas.SECRET_VERSION, v, version.with("enabled", PropertyValue.of(false)));
        assertThat(fakes.secrets.json(v.id()).path("state").asText()).isEqualTo("DISABLED");

        Props db = Props.builder().put("name", "meta").put("region", "us-central1").put("databaseVersion", "POSTGRES_15").put("deletionProtection", false)
                .put("settings", PropertyValue.fromJava(Map.of("tier", "db-custom-2-7680", "diskSize", 20,
                        "ipConfiguration", Map.of("ipv4Enabled", false, "privateNetwork", network),
                        "userLabels", Map.of("team", "data")))).build();
        ResourceType.Created instance = make(GcpSchemas.DATABASE_INSTANCE, "meta", db);
        Props bigger = db.with("settings", PropertyValue.fromJava(Map.of("tier", "db-custom-4-15360", "diskSize", 50,
                "ipConfiguration", Map.of("ipv4Enabled", false, "privateNetwork", network), "userLabels", Map.of("team", "platform"))));
        change(GcpSchemas.DATABASE_INSTANCE, instance, bigger);
        assertThat(fakes.sql.json(GcpFakes.PROJECT, "meta").path("settings").path("userLabels").has(io.lifeboat.provider.TypeSchema.URN_LABEL))
                .as("the mark survives a change of the labels").isTrue();
    }
}
