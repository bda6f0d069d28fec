package io.lifeboat.providers.sim.gcp;

import static io.lifeboat.program.gcp.GcpSchemas.*;
import static io.lifeboat.providers.sim.gcp.GcpFixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lifeboat.provider.Marks;
import io.lifeboat.provider.Provider;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.provider.TypeSchema;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/** GCP's rules on the sim: the label mark, label rules, names, references, dependencies, peering states, deletion protection. */
class GcpRulesTest {
    @TempDir
    Path dir;
    GcpFixture sim;
    Provider central;
    String net;
    String subnet;

    @BeforeEach
    void setUp() throws Exception {
        sim = new GcpFixture(dir);
        central = sim.provider(CENTRAL);
        net = sim.create(central, NETWORK, network("test-net")).outputs().string("selfLink");
        subnet = sim.create(central, SUBNETWORK, subnetwork("test-nodes", net, CENTRAL, "10.20.0.0/20", "10.20.128.0/17", "10.20.64.0/20"))
                .outputs().string("selfLink");
    }

    private static void refused(ThrowingCall call, ProviderException.Kind kind, String reason, String... texts) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.code()).isEqualTo(reason);
            assertThat(e.getMessage()).startsWith("googleapi: Error ").endsWith(", " + reason);
            for (String t : texts) assertThat(e.getMessage()).contains(t);
        });
    }

    interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void theMarkIsALabelDigestTheEngineNeverSeesAndFindsTheObjectAgain() throws Exception {
        Urn urn = urn(REPOSITORY, "etl");
        ResourceType.Created made = central.type(REPOSITORY).create(urn, repository("etl", CENTRAL), ctx(urn));
        SimObject stored = sim.admin().cloud().object(CENTRAL, REPOSITORY, made.id());
        Props labels = ((PropertyValue.Obj) stored.inputs().get("labels")).props();
        assertThat(labels.string(TypeSchema.URN_LABEL)).isEqualTo(Marks.labelValue(urn)).matches("u[0-9a-f]{62}");
        assertThat(stored.mark()).isEqualTo(urn.toString());
        assertThat(made.outputs().at("labels")).isEqualTo(labels("repo-etl"));
        ResourceType.Observed seen = central.type(REPOSITORY).read(made.id(), Props.EMPTY, Props.EMPTY, ctx()).orElseThrow();
        assertThat(seen.inputs()).isEqualTo(repository("etl", CENTRAL));
        assertThat(((PropertyValue.Obj) seen.outputs().get("labels")).props().keySet()).doesNotContain(TypeSchema.URN_LABEL);
        assertThat(central.type(REPOSITORY).list(ctx())).singleElement().satisfies(l -> {
            assertThat(l.inputs()).isEqualTo(repository("etl", CENTRAL));
            assertThat(l.urn()).isEqualTo(urn.toString());
        });

        // the create's answer was lost: the engine finds the object by its URN
        assertThat(central.type(REPOSITORY).findByUrn(urn, repository("etl", CENTRAL), ctx(urn))).hasValueSatisfying(c -> assertThat(c.id()).isEqualTo(made.id()));
        assertThat(central.type(REPOSITORY).findByUrn(urn(REPOSITORY, "other"), repository("etl", CENTRAL), ctx())).isEmpty();

        // without labels given, none are shown; the mark stays after an update that gives some
        Urn bare = urn(SECRET, "bare");
        Props noLabels = secret("bare", CENTRAL).without("labels");
        ResourceType.Created s = central.type(SECRET).create(bare, noLabels, ctx(bare));
        assertThat(central.type(SECRET).read(s.id(), Props.EMPTY, Props.EMPTY, ctx()).orElseThrow().inputs()).isEqualTo(noLabels);
        central.type(SECRET).update(s.id(), s.outputs(), noLabels.with("labels", labels("bare")), ctx(bare));
        assertThat(central.type(SECRET).findByUrn(bare, noLabels, ctx(bare))).isPresent();
        Props kept = ((PropertyValue.Obj) sim.admin().cloud().object(CENTRAL, SECRET, s.id()).inputs().get("labels")).props();
        assertThat(kept.string(TypeSchema.URN_LABEL)).isEqualTo(Marks.labelValue(bare));

        // compute objects carry no labels: their mark is hidden
        SimObject network = sim.admin().cloud().object(CENTRAL, NETWORK, "projects/acme-dr/global/networks/test-net");
        assertThat(network.hidden().get(SimObject.MARK)).startsWith("urn:");
    }

    @Test
    void labelsFollowGcpsRules() throws Exception {
        Map<String, Object> tooMany = new HashMap<>();
        for (int i = 0; i < 64; i++) tooMany.put("k" + i, "v");
        Map<String, PropertyValue> bad = Map.of(
                "uppercase key", PropertyValue.fromJava(Map.of("Team", "data")),
                "digit first", PropertyValue.fromJava(Map.of("1team", "data")),
                "dot in key", PropertyValue.fromJava(Map.of("team.name", "data")),
                "long key", PropertyValue.fromJava(Map.of("k".repeat(64), "data")),
                "uppercase value", PropertyValue.fromJava(Map.of("team", "Data")),
                "long value", PropertyValue.fromJava(Map.of("team", "v".repeat(64))),
                "too many", PropertyValue.fromJava(tooMany));
        for (Map.Entry<String, PropertyValue> e : bad.entrySet()) {
            refused(() -> sim.create(central, REPOSITORY, repository("etl", CENTRAL).with("labels", e.getValue())),
                    ProviderException.Kind.INVALID_INPUT, "invalid");
        }
        Map<String, Object> most = new HashMap<>();
        for (int i = 0; i < 63; i++) most.put("k" + i, i % 2 == 0 ? "" : "v-" + i);
        ResourceType.Created ok = sim.create(central, REPOSITORY, repository("etl", CENTRAL).with("labels", PropertyValue.fromJava(most)));
        refused(() -> central.type(REPOSITORY).update(ok.id(), ok.outputs(), repository("etl", CENTRAL).with("labels",
                PropertyValue.fromJava(Map.of("Bad", "x"))), ctx()), ProviderException.Kind.INVALID_INPUT, "invalid", "Invalid label key 'Bad'");
        // Cloud SQL's labels are in settings.userLabels
        Props db = database("test-db", CENTRAL, net, CENTRAL);
        Props settings = ((PropertyValue.Obj) db.get("settings")).props().with("userLabels", PropertyValue.fromJava(Map.of("Owner", "x")));
        refused(() -> sim.create(central, DATABASE_INSTANCE, db.with("settings", new PropertyValue.Obj(settings))),
                ProviderException.Kind.INVALID_INPUT, "invalid", "Owner");
    }

    @Test
    void namesAreTheProjectsReferencesMustResolveAndInputsAreChecked() throws Exception {
        refused(() -> sim.create(central, NETWORK, network("test-net")), ProviderException.Kind.CONFLICT, "alreadyExists",
                "The resource 'projects/acme-dr/global/networks/test-net' already exists");
        // a network is global: another region of the project cannot have the name either
        refused(() -> sim.create(sim.provider(EAST), NETWORK, network("test-net")), ProviderException.Kind.CONFLICT, "alreadyExists");
        sim.create(sim.provider(EAST, "other-project"), NETWORK, network("test-net"));
        refused(() -> sim.create(central, NETWORK, network("Test_Net")), ProviderException.Kind.INVALID_INPUT, "invalid", "Must be a match of regex");
        refused(() -> sim.create(central, SUBNETWORK, subnetwork("x", networkLink("missing"), CENTRAL, "10.30.0.0/20", "10.30.128.0/17", "10.30.64.0/20")),
                ProviderException.Kind.NOT_FOUND, "notFound", "The resource 'projects/acme-dr/global/networks/missing' was not found");
        // by id and by name too
        sim.create(central, FIREWALL, firewall("by-id", "projects/acme-dr/global/networks/test-net"));
        sim.create(central, FIREWALL, firewall("by-name", "test-net"));
        refused(() -> sim.create(central, SUBNETWORK, subnetwork("overlap", net, CENTRAL, "10.20.8.0/24", "10.31.128.0/17", "10.31.64.0/20")),
                ProviderException.Kind.INVALID_INPUT, "invalid", "conflicts with existing subnetwork");
        refused(() -> sim.create(central, SUBNETWORK, subnetwork("hostbits", net, CENTRAL, "10.40.0.1/20", "10.40.128.0/17", "10.40.64.0/20")),
                ProviderException.Kind.INVALID_INPUT, "invalid", "host bits");
        refused(() -> sim.create(central, SUBNETWORK, subnetwork("public", net, CENTRAL, "8.8.0.0/20", "10.40.128.0/17", "10.40.64.0/20")),
                ProviderException.Kind.INVALID_INPUT, "invalid", "private");
        refused(() -> sim.create(central, SUBNETWORK, subnetwork("secondary", net, CENTRAL, "10.40.0.0/20", "10.40.0.0/17", "10.40.64.0/20")),
                ProviderException.Kind.INVALID_INPUT, "invalid", "conflicts");
        refused(() -> sim.create(central, SUBNETWORK, subnetwork("elsewhere", net, EAST, "10.41.0.0/20", "10.41.128.0/17", "10.41.64.0/20")),
                ProviderException.Kind.INVALID_INPUT, "invalid", "region");
        // an auto-mode network keeps 10.128.0.0/9
        String auto = sim.create(central, NETWORK, network("auto-net").with("autoCreateSubnetworks", PropertyValue.of(true))).outputs().string("selfLink");
        refused(() -> sim.create(central, SUBNETWORK, subnetwork("in-auto", auto, CENTRAL, "10.130.0.0/20", "10.40.128.0/17", "10.40.64.0/20")),
                ProviderException.Kind.INVALID_INPUT, "invalid", "10.128.0.0/9");
        sim.create(central, SUBNETWORK, subnetwork("beside-auto", auto, CENTRAL, "10.42.0.0/20", "10.42.128.0/17", "10.42.64.0/20"));

        refused(() -> sim.create(central, FIREWALL, firewall("both", net).with("denies", PropertyValue.fromJava(List.of(Map.of("protocol", "udp"))))),
                ProviderException.Kind.INVALID_INPUT, "invalid", "exactly one of");
        refused(() -> sim.create(central, FIREWALL, firewall("icmp-ports", net).with("allows",
                PropertyValue.fromJava(List.of(Map.of("protocol", "icmp", "ports", List.of("80")))))), ProviderException.Kind.INVALID_INPUT, "invalid", "ports");
        refused(() -> sim.create(central, FIREWALL, firewall("ports", net).with("allows",
                PropertyValue.fromJava(List.of(Map.of("protocol", "tcp", "ports", List.of("90-80")))))), ProviderException.Kind.INVALID_INPUT, "invalid");
        refused(() -> sim.create(central, FIREWALL, firewall("nosource", net).without("sourceRanges")), ProviderException.Kind.INVALID_INPUT, "invalid", "INGRESS");
        refused(() -> sim.create(central, FIREWALL, firewall("prio", net).with("priority", PropertyValue.of(70000))), ProviderException.Kind.INVALID_INPUT, "invalid");
        sim.create(central, FIREWALL, firewall("egress", net).with("direction", PropertyValue.of("EGRESS")).without("sourceRanges")
                .with("destinationRanges", PropertyValue.strings(List.of("0.0.0.0/0")))
                .with("allows", PropertyValue.fromJava(List.of(Map.of("protocol", "all")))));
        refused(() -> sim.create(central, ROUTE, Props.builder().put("name", "two-hops").put("network", net).put("destRange", "0.0.0.0/0")
                .put("nextHopGateway", "default-internet-gateway").put("nextHopIp", "10.20.0.5").build()), ProviderException.Kind.INVALID_INPUT, "invalid", "exactly one");

        Props gke = cluster("test-gke", CENTRAL, net, subnet);
        refused(() -> sim.create(central, CLUSTER, gke.with("minMasterVersion", PropertyValue.of("1.25"))), ProviderException.Kind.INVALID_INPUT, "invalid",
                "1.28, 1.29, 1.30, 1.31");
        refused(() -> sim.create(central, CLUSTER, gke.with("ipAllocationPolicy", PropertyValue.fromJava(Map.of("clusterSecondaryRangeName", "nope")))),
                ProviderException.Kind.INVALID_INPUT, "badRequest", "nope");
        refused(() -> sim.create(central, CLUSTER, gke.with("initialNodeCount", PropertyValue.of(0))), ProviderException.Kind.INVALID_INPUT, "invalid");
        refused(() -> sim.create(central, CLUSTER, gke.with("network", PropertyValue.of(auto))), ProviderException.Kind.INVALID_INPUT, "invalid", "not in network");
        String gkeName = sim.create(central, CLUSTER, gke.with("minMasterVersion", PropertyValue.of("1.30.5-gke.1014001"))).outputs().string("name");
        refused(() -> sim.create(central, NODE_POOL, nodePool("big", gkeName, CENTRAL).with("autoscaling",
                PropertyValue.fromJava(Map.of("minNodeCount", 5, "maxNodeCount", 2)))), ProviderException.Kind.INVALID_INPUT, "invalid", "autoscaling");
        refused(() -> sim.create(central, NODE_POOL, nodePool("odd", gkeName, CENTRAL).with("nodeConfig",
                PropertyValue.fromJava(Map.of("machineType", "m5.xlarge")))), ProviderException.Kind.INVALID_INPUT, "invalid", "machineType");
        refused(() -> sim.create(central, NODE_POOL, nodePool("nocluster", "missing", CENTRAL)), ProviderException.Kind.NOT_FOUND, "notFound");
        sim.create(central, NODE_POOL, nodePool("by-id", "projects/acme-dr/locations/us-central1/clusters/test-gke", CENTRAL));
        refused(() -> sim.create(central, NODE_POOL, nodePool("by-id", gkeName, CENTRAL)), ProviderException.Kind.CONFLICT, "alreadyExists");

        Props db = database("test-db", CENTRAL, net, EAST);
        refused(() -> sim.create(central, DATABASE_INSTANCE, db.with("databaseVersion", PropertyValue.of("MYSQL_8_0"))), ProviderException.Kind.INVALID_INPUT,
                "invalid", "POSTGRES_13, POSTGRES_14, POSTGRES_15, POSTGRES_16, POSTGRES_17");
        for (String tier : List.of("db-custom-3-7680", "db-custom-2-100000", "db-custom-2-7000", "db-n1-standard-2")) {
            Props settings = ((PropertyValue.Obj) db.get("settings")).props().with("tier", PropertyValue.of(tier));
            refused(() -> sim.create(central, DATABASE_INSTANCE, db.with("settings", new PropertyValue.Obj(settings))), ProviderException.Kind.INVALID_INPUT,
                    "invalid", tier);
        }
        // Postgres 16 is Enterprise Plus unless told otherwise, and each edition takes its own tiers
        Props noEdition = ((PropertyValue.Obj) db.get("settings")).props().without("edition");
        refused(() -> sim.create(central, DATABASE_INSTANCE, db.with("settings", new PropertyValue.Obj(noEdition))), ProviderException.Kind.INVALID_INPUT,
                "invalid", "for (ENTERPRISE_PLUS) Edition");
        Props perfOnEnterprise = ((PropertyValue.Obj) db.get("settings")).props().with("tier", PropertyValue.of("db-perf-optimized-N-4"));
        refused(() -> sim.create(central, DATABASE_INSTANCE, db.with("settings", new PropertyValue.Obj(perfOnEnterprise))),
                ProviderException.Kind.INVALID_INPUT, "invalid", "for (ENTERPRISE) Edition");
        Props noBackups = ((PropertyValue.Obj) db.get("settings")).props().with("backupConfiguration",
                PropertyValue.fromJava(Map.of("enabled", false, "pointInTimeRecoveryEnabled", true)));
        refused(() -> sim.create(central, DATABASE_INSTANCE, db.with("settings", new PropertyValue.Obj(noBackups))), ProviderException.Kind.INVALID_INPUT,
                "invalid", "Point in time");
        refused(() -> sim.create(central, SECRET, secret("dup", CENTRAL, CENTRAL)), ProviderException.Kind.INVALID_INPUT, "invalidArgument", "twice");
        refused(() -> sim.create(central, NOTIFICATION_CHANNEL, channel("not-an-address")), ProviderException.Kind.INVALID_INPUT, "invalidArgument");
        refused(() -> sim.create(central, REPOSITORY, repository("bad_id", CENTRAL)), ProviderException.Kind.INVALID_INPUT, "invalidArgument");
    }

    @Test
    void anObjectInUseIsNotDeleted() throws Exception {
        String router = sim.create(central, ROUTER, router("test-router", net, CENTRAL)).id();
        ResourceType.Created nat = sim.create(central, ROUTER_NAT, nat("test-nat", "test-router", CENTRAL));
        String networkId = "projects/acme-dr/global/networks/test-net";
        refused(() -> central.type(NETWORK).delete(networkId, Props.EMPTY, ctx()), ProviderException.Kind.TRANSIENT, "resourceInUseByAnotherResource",
                networkId);
        refused(() -> central.type(ROUTER).delete(router, Props.EMPTY, ctx()), ProviderException.Kind.TRANSIENT, "failedPrecondition", nat.id());
        central.type(ROUTER_NAT).delete(nat.id(), Props.EMPTY, ctx());
        central.type(ROUTER).delete(router, Props.EMPTY, ctx());
        ResourceType.Created gke = sim.create(central, CLUSTER, cluster("test-gke", CENTRAL, net, subnet).with("deletionProtection", PropertyValue.of(true)));
        refused(() -> central.type(CLUSTER).delete(gke.id(), Props.EMPTY, ctx()), ProviderException.Kind.INVALID_INPUT, "failedPrecondition",
                "Cannot destroy cluster because deletion_protection is set to true");
        refused(() -> central.type(SUBNETWORK).delete("projects/acme-dr/regions/us-central1/subnetworks/test-nodes", Props.EMPTY, ctx()),
                ProviderException.Kind.TRANSIENT, "resourceInUseByAnotherResource");
        central.type(CLUSTER).update(gke.id(), gke.outputs(), cluster("test-gke", CENTRAL, net, subnet), ctx());
        central.type(CLUSTER).delete(gke.id(), Props.EMPTY, ctx());
        central.type(SUBNETWORK).delete("projects/acme-dr/regions/us-central1/subnetworks/test-nodes", Props.EMPTY, ctx());
        central.type(NETWORK).delete(networkId, Props.EMPTY, ctx());
        assertThat(sim.admin().count(CENTRAL)).isZero();
    }

    @Test
    void aPeeringIsInactiveUntilThePeerHasItsSide() throws Exception {
        Provider east = sim.provider(EAST, "partner-net");
        String peerNet = sim.create(east, NETWORK, network("partner")).outputs().string("selfLink");
        ResourceType.Created mine = sim.create(central, NETWORK_PEERING, peering("to-partner", net, peerNet));
        assertThat(mine.outputs().string("state")).isEqualTo("INACTIVE");
        assertThat(mine.outputs().string("stateDetails")).matches("\\[20\\d\\d-.*\\]: Waiting for peer network to connect\\.");
        refused(() -> sim.create(central, NETWORK_PEERING, peering("again", net, peerNet)), ProviderException.Kind.INVALID_INPUT, "invalid", "already a peering");

        ResourceType.Created theirs = sim.create(east, NETWORK_PEERING, peering("to-acme", peerNet, net));
        assertThat(theirs.outputs().string("state")).isEqualTo("ACTIVE");
        assertThat(central.type(NETWORK_PEERING).read(mine.id(), Props.EMPTY, Props.EMPTY, ctx()).orElseThrow().outputs().string("state")).isEqualTo("ACTIVE");

        east.type(NETWORK_PEERING).delete(theirs.id(), Props.EMPTY, ctx());
        assertThat(central.type(NETWORK_PEERING).read(mine.id(), Props.EMPTY, Props.EMPTY, ctx()).orElseThrow().outputs().string("state")).isEqualTo("INACTIVE");
    }

    @Test
    void cloudSqlsPrivateAddressNeedsPrivateServicesAccessWhichKeepsItsNetwork() throws Exception {
        refused(() -> sim.create(central, DATABASE_INSTANCE, database("test-db", CENTRAL, net, CENTRAL)), ProviderException.Kind.INVALID_INPUT,
                "failedPrecondition", "SERVICE_NETWORKING_NOT_ENABLED");
        refused(() -> sim.create(central, SERVICE_CONNECTION, servicesAccess(net, "no-such-range")), ProviderException.Kind.NOT_FOUND, "notFound");
        sim.privateServicesAccess(central, net, "test-services");
        refused(() -> sim.create(central, SERVICE_CONNECTION, servicesAccess(net, "test-services")), ProviderException.Kind.CONFLICT, "alreadyExists");
        assertThat(sim.create(central, DATABASE_INSTANCE, database("test-db", CENTRAL, net, CENTRAL)).id()).isEqualTo("test-db");
        assertThatThrownBy(() -> central.type(NETWORK).delete("projects/acme-dr/global/networks/test-net", Props.EMPTY, ctx()))
                .isInstanceOf(ProviderException.class).hasMessageContaining("resourceInUseByAnotherResource");
    }

    @Test
    void theNetworksQuotaIsGcpsDefaultAndItsRefusalIsGcps() throws Exception {
        for (int i = 1; i < 15; i++) sim.create(central, NETWORK, network("quota-net-" + i));
        refused(() -> sim.create(central, NETWORK, network("quota-net-15")), ProviderException.Kind.QUOTA, "quotaExceeded",
                "Quota 'NETWORKS' exceeded. Limit: 15.");
    }

    @Test
    void throttlingIsGcpsRateLimit() throws Exception {
        sim.admin().setFaults(CENTRAL, io.lifeboat.providers.sim.Faults.parse("throttle=1"));
        refused(() -> central.type(NETWORK).read("projects/acme-dr/global/networks/test-net", Props.EMPTY, Props.EMPTY, ctx()),
                ProviderException.Kind.THROTTLED, "rateLimitExceeded");
    }
}
