package io.lifeboat.providers.gcp;

import static io.lifeboat.providers.gcp.GcpFakes.PROJECT;
import static io.lifeboat.providers.gcp.GcpFakes.ctx;
import static io.lifeboat.providers.gcp.GcpFakes.urn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lifeboat.program.gcp.GcpSchemas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.providers.gcp.fake.GoogleError;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/** The network types of the gcp provider against the Compute and Service Networking fakes, as the real APIs answer. */
class GcpNetworkTypesTest {
    private GcpFakes fakes;
    private GcpProvider gcp;

    @BeforeEach
    void start() throws Exception {
        fakes = new GcpFakes();
        fakes.compute.setPollsUntilDone(2);
        gcp = fakes.provider("us-central1");
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

    private static Props network(String name) {
        return Props.builder().put("name", name).put("autoCreateSubnetworks", false).put("routingMode", "REGIONAL").build();
    }

    private static Props subnetwork(String network) {
        return Props.builder().put("name", "nodes").put("network", network).put("region", "us-central1").put("ipCidrRange", "10.10.0.0/18")
                .put("privateIpGoogleAccess", true).put("secondaryIpRanges", PropertyValue.fromJava(List.of(
                        Map.of("rangeName", "pods", "ipCidrRange", "10.10.128.0/17"))))
                .build();
    }

    @Test
    void aNetworkWithItsSubnetworkFirewallRouterAndNatIsMadeReadAsGivenChangedAndDeletedAfterWhatUsesIt() throws Exception {
        ResourceType.Created net = make(GcpSchemas.NETWORK, "vpc", network("net"));
        assertThat(net.id()).isEqualTo("projects/acme-data-prod/global/networks/net");
        String link = net.outputs().string("selfLink");
        assertThat(link).isEqualTo("https://www.googleapis.com/compute/v1/projects/acme-data-prod/global/networks/net");
        assertThat(net.outputs().get("numericId")).isNotEqualTo(PropertyValue.NULL);
        // every insert carries a request id
        assertThat(fakes.apis.requests()).anyMatch(r -> r.startsWith("POST /compute/v1/projects/acme-data-prod/global/networks?requestId="));

        ResourceType.Created sub = make(GcpSchemas.SUBNETWORK, "nodes", subnetwork(link));
        assertThat(sub.id()).isEqualTo("projects/acme-data-prod/regions/us-central1/subnetworks/nodes");
        ResourceType subnets = gcp.type(GcpSchemas.SUBNETWORK);
        assertThat(subnets.read(sub.id(), subnetwork(link), sub.outputs(), ctx(null)).orElseThrow().inputs()).isEqualTo(subnetwork(link));
        Props moreRanges = subnetwork(link).with("secondaryIpRanges", PropertyValue.fromJava(List.of(
                Map.of("rangeName", "pods", "ipCidrRange", "10.10.128.0/17"), Map.of("rangeName", "services", "ipCidrRange", "10.10.64.0/18"))));
        Props updated = subnets.update(sub.id(), sub.outputs(), moreRanges, ctx(urn(GcpSchemas.SUBNETWORK, "nodes")));
        assertThat(updated.get("secondaryIpRanges")).isEqualTo(moreRanges.get("secondaryIpRanges"));

        Props rule = Props.builder().put("name", "cluster-internal").put("network", link).put("direction", "INGRESS").put("priority", 1000)
                .put("sourceRanges", PropertyValue.strings(List.of("10.10.0.0/16")))
                .put("allows", PropertyValue.fromJava(List.of(Map.of("protocol", "tcp", "ports", List.of("5432"))))).build();
        ResourceType.Created fw = make(GcpSchemas.FIREWALL, "cluster", rule);
        assertThat(fakes.compute.json("projects/acme-data-prod/global/firewalls/cluster-internal").path("allowed").get(0).path("IPProtocol").asText())
                .isEqualTo("tcp");
        assertThat(gcp.type(GcpSchemas.FIREWALL).read(fw.id(), rule, fw.outputs(), ctx(null)).orElseThrow().inputs()).isEqualTo(rule);

        ResourceType.Created router = make(GcpSchemas.ROUTER, "router", Props.builder().put("name", "router").put("network", link)
                .put("region", "us-central1").build());
        Props nat = Props.builder().put("name", "nat").put("router", "router").put("region", "us-central1").put("natIpAllocateOption", "AUTO_ONLY")
                .put("sourceSubnetworkIpRangesToNat", "ALL_SUBNETWORKS_ALL_IP_RANGES").build();
        ResourceType.Created n = make(GcpSchemas.ROUTER_NAT, "nat", nat);
        assertThat(n.id()).isEqualTo("acme-data-prod/us-central1/router/nat");
        assertThat(fakes.compute.json(router.id()).path("nats").get(0).path("name").asText()).isEqualTo("nat");

        // the network is refused while it is used: its delete is repeated until what uses it is gone
        ResourceType networks = gcp.type(GcpSchemas.NETWORK);
        java.util.concurrent.CompletableFuture<Void> netDeleted = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                networks.delete(net.id(), net.outputs(), ctx(urn(GcpSchemas.NETWORK, "vpc")));
            } catch (ProviderException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        Thread.sleep(200);
        assertThat(netDeleted).isNotDone();
        assertThat(fakes.compute.network(PROJECT, "net")).isTrue();
        gcp.type(GcpSchemas.ROUTER_NAT).delete(n.id(), n.outputs(), ctx(null));
        assertThat(fakes.compute.json(router.id()).path("nats")).isEmpty();
        gcp.type(GcpSchemas.ROUTER).delete(router.id(), router.outputs(), ctx(null));
        gcp.type(GcpSchemas.FIREWALL).delete(fw.id(), fw.outputs(), ctx(null));
        subnets.delete(sub.id(), updated, ctx(null));
        netDeleted.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(fakes.apis.requests().stream().filter(r -> r.startsWith("DELETE /compute/v1/projects/acme-data-prod/global/networks/net")))
                .as("refused while in use, then repeated").hasSizeGreaterThan(1);
        networks.delete(net.id(), net.outputs(), ctx(null)); // gone already is done
        assertThat(networks.read(net.id(), network("net"), net.outputs(), ctx(null))).isEmpty();
    }

    @Test
    void aNetworkInsertWhoseAnswerIsLostIsDoneOnceWhenRetriedWithItsRequestId() throws Exception {
        Urn urn = urn(GcpSchemas.NETWORK, "vpc");
        OperationContext ctx = ctx(urn);
        ResourceType networks = gcp.type(GcpSchemas.NETWORK);
        fakes.apis.loseAnswerOfNext("POST", "/compute/v1/projects/acme-data-prod/global/networks");
        assertThatThrownBy(() -> networks.create(urn, network("net"), ctx))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.retryable()).isTrue());
        ResourceType.Created again = networks.create(urn, network("net"), ctx);
        assertThat(again.id()).isEqualTo("projects/acme-data-prod/global/networks/net");
        List<String> inserts = fakes.apis.requests().stream().filter(r -> r.startsWith("POST /compute/v1/projects/acme-data-prod/global/networks?")).toList();
        assertThat(inserts).hasSize(2);
        assertThat(inserts.get(0)).isEqualTo(inserts.get(1)); // the same request id
        // a later run that finds it by name adopts it
        assertThat(networks.findByUrn(urn, network("net"), ctx(urn)).orElseThrow().id()).isEqualTo(again.id());
    }

    @Test
    void eachErrorKindOfComputeIsTyped() throws Exception {
        ResourceType networks = gcp.type(GcpSchemas.NETWORK);
        Map<GoogleError, ProviderException.Kind> kinds = Map.of(
                GoogleError.rateLimited(), ProviderException.Kind.THROTTLED,
                GoogleError.unavailable(), ProviderException.Kind.TRANSIENT,
                GoogleError.permission("Required 'compute.networks.get' permission"), ProviderException.Kind.PERMISSION,
                GoogleError.alreadyExists("The resource 'projects/acme-data-prod/global/networks/net' already exists"), ProviderException.Kind.CONFLICT,
                GoogleError.invalid("Invalid value for field 'resource.name'"), ProviderException.Kind.INVALID_INPUT,
                GoogleError.conditionNotMet("fingerprint"), ProviderException.Kind.INVALID_INPUT);
        for (Map.Entry<GoogleError, ProviderException.Kind> k : kinds.entrySet()) {
            fakes.apis.failNext("POST", "/compute/v1/projects/acme-data-prod/global/networks", 1, k.getKey());
            Urn urn = urn(GcpSchemas.NETWORK, "vpc-" + k.getValue());
            assertThatThrownBy(() -> networks.create(urn, network("net"), ctx(urn))).as(k.getKey().reason())
                    .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(k.getValue()));
        }
        assertThatThrownBy(() -> make(GcpSchemas.NETWORK, "bad", network("Not_A_Name")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_INPUT));
        make(GcpSchemas.NETWORK, "vpc", network("net"));
        assertThatThrownBy(() -> make(GcpSchemas.NETWORK, "other", network("net")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.CONFLICT));
    }

    @Test
    void aPeeringStaysInactiveUntilThePeerMakesItsSideAndPrivateServicesAccessTakesTheReservedRange() throws Exception {
        String link = make(GcpSchemas.NETWORK, "vpc", network("net")).outputs().string("selfLink");
        String peer = fakes.compute.peerNetwork(GcpFakes.PEER_PROJECT, "corp-net");
        Props peering = Props.builder().put("name", "peer-corp").put("network", link).put("peerNetwork", peer)
                .put("exportCustomRoutes", false).put("importCustomRoutes", false).build();
        ResourceType.Created p = make(GcpSchemas.NETWORK_PEERING, "peer", peering);
        assertThat(p.id()).isEqualTo("net/peer-corp");
        assertThat(p.outputs().string("state")).isEqualTo("INACTIVE");
        fakes.compute.acceptPeering(GcpFakes.PEER_PROJECT, "corp-net", "to-acme", link);
        assertThat(gcp.type(GcpSchemas.NETWORK_PEERING).read(p.id(), peering, p.outputs(), ctx(null)).orElseThrow().outputs().string("state"))
                .isEqualTo("ACTIVE");

        Props range = Props.builder().put("name", "services-range").put("purpose", "VPC_PEERING").put("addressType", "INTERNAL")
                .put("prefixLength", 16).put("network", link).build();
        ResourceType.Created r = make(GcpSchemas.GLOBAL_ADDRESS, "range", range);
        assertThat(gcp.type(GcpSchemas.GLOBAL_ADDRESS).read(r.id(), range, r.outputs(), ctx(null)).orElseThrow().inputs()).isEqualTo(range);
        Props access = Props.builder().put("network", link).put("service", "servicenetworking.googleapis.com")
                .put("reservedPeeringRanges", PropertyValue.strings(List.of("services-range"))).build();
        ResourceType.Created c = make(GcpSchemas.SERVICE_CONNECTION, "access", access);
        assertThat(c.id()).isEqualTo("projects/acme-data-prod/global/networks/net:servicenetworking.googleapis.com");
        assertThat(c.outputs().string("peering")).isEqualTo("servicenetworking-googleapis-com");
        assertThat(fakes.compute.privateServicesConnected(PROJECT, "net")).isTrue();
        assertThat(gcp.type(GcpSchemas.SERVICE_CONNECTION).read(c.id(), access, c.outputs(), ctx(null)).orElseThrow().inputs()).isEqualTo(access);
        assertThat(gcp.type(GcpSchemas.SERVICE_CONNECTION).findByUrn(urn(GcpSchemas.SERVICE_CONNECTION, "access"), access, ctx(null))).isPresent();

        gcp.type(GcpSchemas.SERVICE_CONNECTION).delete(c.id(), c.outputs(), ctx(null));
        assertThat(fakes.compute.privateServicesConnected(PROJECT, "net")).isFalse();
        gcp.type(GcpSchemas.NETWORK_PEERING).delete(p.id(), p.outputs(), ctx(null));
        assertThat(gcp.type(GcpSchemas.NETWORK_PEERING).read(p.id(), peering, p.outputs(), ctx(null))).isEmpty();
    }

    @Test
    void handMadeRoutesAreListedAndComputesOwnAreNot() throws Exception {
        String link = make(GcpSchemas.NETWORK, "vpc", network("net")).outputs().string("selfLink");
        Props route = Props.builder().put("name", "to-onprem").put("network", link).put("destRange", "192.168.0.0/16")
                .put("nextHopGateway", "default-internet-gateway").put("priority", 900).build();
        ResourceType.Created r = make(GcpSchemas.ROUTE, "onprem", route);
        assertThat(gcp.type(GcpSchemas.ROUTE).read(r.id(), route, r.outputs(), ctx(null)).orElseThrow().inputs()).isEqualTo(route);
        List<ResourceType.Listed> listed = gcp.type(GcpSchemas.ROUTE).list(ctx(null));
        assertThat(listed).extracting(ResourceType.Listed::id).containsExactly(r.id());
        assertThat(listed.get(0).inputs().string("network")).isEqualTo(link);
    }
}
