package io.lifeboat.providers.sim.gcp;

import static io.lifeboat.program.gcp.GcpSchemas.*;
import static io.lifeboat.providers.sim.gcp.GcpFixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lifeboat.program.gcp.GcpSchemas;
import io.lifeboat.provider.Provider;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.provider.TypeSchema;
import io.lifeboat.providers.sim.SimAdmin;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

/** Creates, reads, updates and deletes an object of every type the gcp program emits, through the sim's gcp provider. */
class GcpEveryTypeCrudTest {
    @TempDir
    Path dir;
    GcpFixture sim;
    Provider central;
    final List<Object[]> made = new ArrayList<>();
    final Map<String, ResourceType.Created> byToken = new LinkedHashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        sim = new GcpFixture(dir);
        central = sim.provider(CENTRAL);
    }

    private ResourceType.Created make(String token, Props in) throws ProviderException {
        ResourceType.Created c = sim.create(central, token, in);
        made.add(new Object[] {token, c.id(), in});
        byToken.putIfAbsent(token, c);
        return c;
    }

    private void buildEverything() throws ProviderException {
        String net = make(NETWORK, network("test-net")).outputs().string("selfLink");
        String subnet = make(SUBNETWORK, subnetwork("test-nodes", net, CENTRAL, "10.20.0.0/20", "10.20.128.0/17", "10.20.64.0/20"))
                .outputs().string("selfLink");
        make(FIREWALL, firewall("test-database", net));
        make(ROUTE, Props.builder().put("name", "test-egress").put("network", net).put("destRange", "0.0.0.0/0")
                .put("nextHopGateway", "default-internet-gateway").build());
        String router = make(ROUTER, router("test-router", net, CENTRAL)).outputs().string("name");
        make(ROUTER_NAT, nat("test-nat", router, CENTRAL));
        make(NETWORK_PEERING, peering("test-peer-shared", net, COMPUTE + "projects/shared-vpc/global/networks/shared"));
        ResourceType.Created gke = make(CLUSTER, cluster("test-gke", CENTRAL, net, subnet));
        make(NODE_POOL, nodePool("default", gke.outputs().string("name"), CENTRAL));
        String range = make(GLOBAL_ADDRESS, servicesRange("test-services", net)).outputs().string("name");
        make(SERVICE_CONNECTION, servicesAccess(net, range));
        make(DATABASE_INSTANCE, database("test-metadata", CENTRAL, net, EAST));
        make(REPOSITORY, repository("etl", CENTRAL));
        String secret = make(SECRET, secret("lifeboat-etl-ci", CENTRAL, EAST)).id();
        make(SECRET_VERSION, secretVersion(secret, "s3cr3t"));
        make(NOTIFICATION_CHANNEL, channel("oncall@example.com"));
    }

    @Test
    void everyTokenIsServed() throws Exception {
        assertThat(central.types()).containsExactlyInAnyOrderElementsOf(GcpSchemas.all().keySet());
        for (String token : GcpSchemas.all().keySet()) assertThat(central.type(token).schema()).isEqualTo(GcpSchemas.get(token));
    }

    @Test
    void idsAndOutputsLookReal() throws Exception {
        buildEverything();
        assertThat(byToken.keySet()).containsExactlyInAnyOrderElementsOf(GcpSchemas.all().keySet());
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put(NETWORK, "projects/acme-dr/global/networks/test-net");
        ids.put(SUBNETWORK, "projects/acme-dr/regions/us-central1/subnetworks/test-nodes");
        ids.put(FIREWALL, "projects/acme-dr/global/firewalls/test-database");
        ids.put(ROUTE, "projects/acme-dr/global/routes/test-egress");
        ids.put(ROUTER, "projects/acme-dr/regions/us-central1/routers/test-router");
        ids.put(ROUTER_NAT, "acme-dr/us-central1/test-router/test-nat");
        ids.put(NETWORK_PEERING, "test-net/test-peer-shared");
        ids.put(CLUSTER, "projects/acme-dr/locations/us-central1/clusters/test-gke");
        ids.put(NODE_POOL, "projects/acme-dr/locations/us-central1/clusters/test-gke/nodePools/default");
        ids.put(DATABASE_INSTANCE, "test-metadata");
        ids.put(REPOSITORY, "projects/acme-dr/locations/us-central1/repositories/etl");
        ids.put(SECRET, "projects/acme-dr/secrets/lifeboat-etl-ci");
        ids.put(SECRET_VERSION, "projects/acme-dr/secrets/lifeboat-etl-ci/versions/1");
        ids.forEach((token, id) -> assertThat(byToken.get(token).id()).as(token).isEqualTo(id));
        assertThat(byToken.get(NOTIFICATION_CHANNEL).id()).matches("projects/acme-dr/notificationChannels/\\d{19}");

        for (Object[] m : made) {
            String token = (String) m[0];
            Props out = read(m).orElseThrow().outputs();
            assertThat(out.keySet()).as(token).containsAll(GcpSchemas.get(token).outputs());
            assertThat(out.string("id")).isEqualTo(m[1]);
            TypeSchema schema = GcpSchemas.get(token);
            if (schema.labelled()) {
                assertThat(((PropertyValue.Obj) out.get(schema.labels())).props().keySet()).as(token).doesNotContain(TypeSchema.URN_LABEL).contains("lifeboat-name");
            }
        }
        Props net = byToken.get(NETWORK).outputs();
        assertThat(net.string("selfLink")).isEqualTo(COMPUTE + "projects/acme-dr/global/networks/test-net");
        assertThat(net.string("numericId")).matches("\\d{19}");
        assertThat(net.get("gatewayIpv4")).isEqualTo(PropertyValue.NULL);
        Props subnet = byToken.get(SUBNETWORK).outputs();
        assertThat(subnet.string("gatewayAddress")).isEqualTo("10.20.0.1");
        assertThat(subnet.string("selfLink")).isEqualTo(COMPUTE + "projects/acme-dr/regions/us-central1/subnetworks/test-nodes");
        assertThat(byToken.get(ROUTE).outputs().string("nextHopNetwork")).isEqualTo(net.string("selfLink"));
        assertThat(byToken.get(NETWORK_PEERING).outputs().string("state")).isEqualTo("INACTIVE");
        Props gke = byToken.get(CLUSTER).outputs();
        assertThat(gke.string("endpoint")).matches("34\\.\\d+\\.\\d+\\.\\d+");
        assertThat(gke.string("status")).isEqualTo("RUNNING");
        assertThat(gke.string("masterVersion")).startsWith("1.30.");
        assertThat(gke.string("selfLink")).isEqualTo("https://container.googleapis.com/v1/projects/acme-dr/locations/us-central1/clusters/test-gke");
        assertThat(gke.at("masterAuth.clusterCaCertificate").toString()).matches("[A-Za-z0-9+/=]{100,}");
        assertThat(byToken.get(NODE_POOL).outputs().string("version")).isEqualTo(gke.string("masterVersion"));
        Props db = byToken.get(DATABASE_INSTANCE).outputs();
        assertThat(db.string("connectionName")).isEqualTo("acme-dr:us-central1:test-metadata");
        assertThat(db.string("privateIpAddress")).matches("10\\.\\d+\\.\\d+\\.\\d+");
        assertThat(db.string("firstIpAddress")).isEqualTo(db.string("privateIpAddress"));
        assertThat(db.string("state")).isEqualTo("RUNNABLE");
        assertThat(db.string("selfLink")).isEqualTo("https://sqladmin.googleapis.com/sql/v1beta4/projects/acme-dr/instances/test-metadata");
        assertThat(db.string("serviceAccountEmailAddress")).endsWith("@gcp-sa-cloud-sql.iam.gserviceaccount.com");
        Props repo = byToken.get(REPOSITORY).outputs();
        assertThat(repo.string("registryUri")).isEqualTo("us-central1-docker.pkg.dev/acme-dr/etl");
        assertThat(repo.string("name")).isEqualTo(repo.string("id"));
        assertThat(byToken.get(SECRET_VERSION).outputs().string("version")).isEqualTo("1");
        Props channel = byToken.get(NOTIFICATION_CHANNEL).outputs();
        assertThat(channel.string("name")).isEqualTo(channel.string("id"));
        assertThat(channel.get("verificationStatus")).isEqualTo(PropertyValue.NULL);
    }

    @Test
    void readShowsTheInputsAsGivenAndUpdateChangesThem() throws Exception {
        buildEverything();
        for (Object[] m : made) {
            Optional<ResourceType.Observed> seen = read(m);
            assertThat(seen).as((String) m[0]).isPresent();
            assertThat(seen.get().inputs()).as((String) m[0]).isEqualTo(((Props) m[2]).reveal());
        }
        for (Object[] m : made) {
            String token = (String) m[0];
            TypeSchema schema = GcpSchemas.get(token);
            if (!schema.labelled()) continue;
            Props in = ((Props) m[2]).with(schema.labels(), PropertyValue.fromJava(Map.of("team", "data")));
            Props out = central.type(token).update((String) m[1], Props.EMPTY, in, ctx());
            assertThat(out.get(schema.labels())).as(token).isEqualTo(PropertyValue.fromJava(Map.of("team", "data")));
            assertThat(central.type(token).read((String) m[1], in, out, ctx()).orElseThrow().inputs()).as(token).isEqualTo(in);
        }
        ResourceType.Created pool = byToken.get(NODE_POOL);
        Props bigger = nodePool("default", "test-gke", CENTRAL).with("nodeCount", PropertyValue.of(4));
        assertThat(central.type(NODE_POOL).update(pool.id(), pool.outputs(), bigger, ctx()).get("nodeCount")).isEqualTo(PropertyValue.of(4));
        ResourceType.Created fw = byToken.get(FIREWALL);
        Props lower = firewall("test-database", byToken.get(NETWORK).outputs().string("selfLink")).with("priority", PropertyValue.of(900));
        assertThat(central.type(FIREWALL).update(fw.id(), fw.outputs(), lower, ctx()).get("priority")).isEqualTo(PropertyValue.of(900));
    }

    @Test
    void deleteInReverseOrderLeavesOnlyTheBackupsAndIsIdempotent() throws Exception {
        buildEverything();
        for (int i = made.size() - 1; i >= 0; i--) {
            Object[] m = made.get(i);
            String token = (String) m[0];
            central.type(token).delete((String) m[1], Props.EMPTY, ctx());
            assertThat(read(m)).as(token).isEmpty();
            central.type(token).delete((String) m[1], Props.EMPTY, ctx());
            assertThatThrownBy(() -> central.type(token).update((String) m[1], Props.EMPTY, (Props) m[2], ctx()))
                    .as(token).isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ProviderException.Kind.NOT_FOUND);
                        assertThat(e.getMessage()).contains("Error 404").contains("was not found").endsWith(", notFound");
                    });
        }
        SimAdmin admin = sim.admin();
        assertThat(admin.count(CENTRAL)).isZero();
        // what the cloud keeps on its own: the database's backup run, in the backups' location
        assertThat(admin.objects(EAST)).extracting(SimAdmin.ObjectView::type).containsExactly(BackupRunType.TOKEN);
    }

    private Optional<ResourceType.Observed> read(Object[] m) throws ProviderException {
        return central.type((String) m[0]).read((String) m[1], Props.EMPTY, Props.EMPTY, ctx());
    }
}
