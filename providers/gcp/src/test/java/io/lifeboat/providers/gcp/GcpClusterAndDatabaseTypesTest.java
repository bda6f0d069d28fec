package io.lifeboat.providers.gcp;

import static io.lifeboat.providers.gcp.GcpFakes.ctx;
import static io.lifeboat.providers.gcp.GcpFakes.make;
import static io.lifeboat.providers.gcp.GcpFakes.urn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lifeboat.program.gcp.GcpSchemas;
import io.lifeboat.provider.KeepsBackups;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.provider.TakesBackups;
import io.lifeboat.provider.TypeSchema;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/** GKE and Cloud SQL types of the gcp provider against the Container and SQL Admin fakes, operations polled to DONE. */
class GcpClusterAndDatabaseTypesTest {
    private GcpFakes fakes;
    private GcpProvider central;
    private GcpProvider east;
    private String network;

    @BeforeEach
    void start() throws Exception {
        fakes = new GcpFakes();
        fakes.container.pollsUntilDone(2);
        fakes.sql.pollsUntilDone(2);
        central = fakes.provider("us-central1");
        east = fakes.provider("us-east1");
        network = make(central, GcpSchemas.NETWORK, "vpc", Props.builder().put("name", "net").put("autoCreateSubnetworks", false).build())
                .outputs().string("selfLink");
        make(central, GcpSchemas.SUBNETWORK, "nodes", Props.builder().put("name", "nodes").put("network", network).put("region", "us-central1")
                .put("ipCidrRange", "10.10.0.0/18").put("secondaryIpRanges", PropertyValue.fromJava(List.of(
                        Map.of("rangeName", "pods", "ipCidrRange", "10.10.128.0/17"), Map.of("rangeName", "services", "ipCidrRange", "10.10.64.0/18"))))
                .build());
    }

    @AfterEach
    void stop() throws Exception {
        central.close();
        east.close();
        fakes.close();
    }

    private Props cluster() {
        return Props.builder().put("name", "gcp-usc1-gke").put("location", "us-central1").put("network", network)
                .put("subnetwork", "https://www.googleapis.com/compute/v1/projects/acme-data-prod/regions/us-central1/subnetworks/nodes")
                .put("minMasterVersion", "1.30").put("removeDefaultNodePool", true).put("initialNodeCount", 1).put("deletionProtection", false)
                .put("ipAllocationPolicy", PropertyValue.fromJava(Map.of("clusterSecondaryRangeName", "pods", "servicesSecondaryRangeName", "services")))
                .put("resourceLabels", PropertyValue.fromJava(Map.of("lifeboat-stack", "gcp-usc1"))).build();
    }

    @Test
    void aClusterIsMadeWithoutItsDefaultPoolAndAPoolOfTheProgramsIsAddedResizedAndRemoved() throws Exception {
        ResourceType.Created gke = make(central, GcpSchemas.CLUSTER, "gke", cluster());
        assertThat(gke.id()).isEqualTo("projects/acme-data-prod/locations/us-central1/clusters/gcp-usc1-gke");
        assertThat(gke.outputs().string("status")).isEqualTo("RUNNING");
        assertThat(gke.outputs().string("endpoint")).isNotBlank();
        assertThat(gke.outputs().at("masterAuth.clusterCaCertificate")).isNotEqualTo(PropertyValue.NULL);
        assertThat(fakes.container.json(gke.id()).path("nodePools")).as("the default pool is removed").isEmpty();
        assertThat(fakes.container.json(gke.id()).path("resourceLabels").path(TypeSchema.URN_LABEL).asText()).startsWith("u");
        ResourceType clusters = central.type(GcpSchemas.CLUSTER);
        assertThat(clusters.read(gke.id(), cluster(), gke.outputs(), ctx(null)).orElseThrow().inputs()).isEqualTo(cluster());
        assertThat(clusters.findByUrn(urn(GcpSchemas.CLUSTER, "gke"), cluster(), ctx(null)).orElseThrow().id()).isEqualTo(gke.id());
        assertThat(clusters.findByUrn(urn(GcpSchemas.CLUSTER, "someone-else"), cluster(), ctx(null))).isEmpty();

        Props pool = Props.builder().put("name", "default").put("cluster", "gcp-usc1-gke").put("location", "us-central1").put("initialNodeCount", 2)
                .put("autoscaling", PropertyValue.fromJava(Map.of("minNodeCount", 2, "maxNodeCount", 6)))
                .put("nodeConfig", PropertyValue.fromJava(Map.of("machineType", "e2-standard-4", "diskSizeGb", 100))).build();
        ResourceType.Created np = make(central, GcpSchemas.NODE_POOL, "default", pool);
        assertThat(np.id()).isEqualTo(gke.id() + "/nodePools/default");
        ResourceType pools = central.type(GcpSchemas.NODE_POOL);
        assertThat(pools.read(np.id(), pool, np.outputs(), ctx(null)).orElseThrow().inputs()).isEqualTo(pool);
        Props wider = pool.with("autoscaling", PropertyValue.fromJava(Map.of("minNodeCount", 1, "maxNodeCount", 10)));
        assertThat(pools.update(np.id(), np.outputs(), wider, ctx(urn(GcpSchemas.NODE_POOL, "default"))).get("autoscaling"))
                .isEqualTo(wider.get("autoscaling"));

        Props relabelled = cluster().with("resourceLabels", PropertyValue.fromJava(Map.of("team", "data")));
        assertThat(clusters.update(gke.id(), gke.outputs(), relabelled, ctx(urn(GcpSchemas.CLUSTER, "gke"))).get("resourceLabels"))
                .isEqualTo(relabelled.get("resourceLabels"));
        assertThat(fakes.container.json(gke.id()).path("resourceLabels").has(TypeSchema.URN_LABEL)).isTrue();

        pools.delete(np.id(), np.outputs(), ctx(null));
        clusters.delete(gke.id(), gke.outputs(), ctx(null));
        assertThat(clusters.read(gke.id(), cluster(), gke.outputs(), ctx(null))).isEmpty();
        assertThatThrownBy(() -> clusters.delete(gke.id(), gke.outputs().with("deletionProtection", PropertyValue.of(true)), ctx(null)))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo("DeletionProtection"));
    }

    private Props database(String name, String location) {
        return Props.builder().put("name", name).put("region", "us-central1").put("databaseVersion", "POSTGRES_15").put("deletionProtection", false)
                .put("settings", PropertyValue.fromJava(Map.of("tier", "db-custom-4-16384", "availabilityType", "ZONAL", "diskSize", 100,
                        "ipConfiguration", Map.of("ipv4Enabled", false, "privateNetwork", network),
                        "backupConfiguration", Map.of("enabled", true, "location", location, "pointInTimeRecoveryEnabled", true,
                                "backupRetentionSettings", Map.of("retainedBackups", 7, "retentionUnit", "COUNT")),
                        "userLabels", Map.of("lifeboat-stack", "gcp-usc1")))).build();
    }

    private void privateServicesAccess() throws ProviderException {
        make(central, GcpSchemas.GLOBAL_ADDRESS, "range", Props.builder().put("name", "services-range").put("purpose", "VPC_PEERING")
                .put("addressType", "INTERNAL").put("prefixLength", 16).put("network", network).build());
        make(central, GcpSchemas.SERVICE_CONNECTION, "access", Props.builder().put("network", network).put("service", "servicenetworking.googleapis.com")
                .put("reservedPeeringRanges", PropertyValue.strings(List.of("services-range"))).build());
    }

    @Test
    void anInstanceWithAPrivateAddressNeedsPrivateServicesAccessAndKeepsItsBackupsInThePairsRegion() throws Exception {
        ResourceType instances = central.type(GcpSchemas.DATABASE_INSTANCE);
        Urn urn = urn(GcpSchemas.DATABASE_INSTANCE, "metadata");
        assertThatThrownBy(() -> instances.create(urn, database("gcp-usc1-metadata", "us-east1"), ctx(urn)))
                .as("no private services access on the network yet").isInstanceOf(ProviderException.class);
        privateServicesAccess();
        Urn urn2 = urn(GcpSchemas.DATABASE_INSTANCE, "metadata2");
        ResourceType.Created db = instances.create(urn2, database("gcp-usc1-meta", "us-east1"), ctx(urn2));
        assertThat(db.id()).isEqualTo("gcp-usc1-meta");
        assertThat(db.outputs().string("state")).isEqualTo("RUNNABLE");
        assertThat(db.outputs().string("privateIpAddress")).isNotBlank();
        assertThat(db.outputs().string("connectionName")).isEqualTo("acme-data-prod:us-central1:gcp-usc1-meta");
        assertThat(instances.read(db.id(), database("gcp-usc1-meta", "us-east1"), db.outputs(), ctx(null)).orElseThrow().inputs())
                .isEqualTo(database("gcp-usc1-meta", "us-east1"));

        // the backups are held in us-east1: asked there, the newest successful run is the recovery point
        fakes.sql.setData("gcp-usc1-meta", "rows-1..100");
        fakes.sql.takeAutomatedBackups(Instant.parse("2026-12-03T01:00:00Z"));
        KeepsBackups inEast = (KeepsBackups) east.type(GcpSchemas.DATABASE_INSTANCE);
        KeepsBackups inCentral = (KeepsBackups) instances;
        KeepsBackups.Backup newest = inEast.newestBackup("gcp-usc1-meta", ctx(null)).orElseThrow();
        assertThat(newest.name()).startsWith("gcp-usc1-meta/");
        assertThat(inCentral.newestBackup("gcp-usc1-meta", ctx(null))).as("none held in the instance's own region").isEmpty();
        Props after = ((TakesBackups) instances).backupNow(db.id(), database("gcp-usc1-meta", "us-east1"), ctx(urn2));
        assertThat(after.string("latestBackupTime")).isNotBlank();
        KeepsBackups.Backup onDemand = inEast.newestBackup("gcp-usc1-meta", ctx(null)).orElseThrow();
        assertThat(onDemand.time()).isAfter(newest.time());

        // a survivor's instance restores it: a changed restore context on update
        ResourceType survivorType = east.type(GcpSchemas.DATABASE_INSTANCE);
        Props standby = database("gcp-use1-meta", "us-central1").with("region", PropertyValue.of("us-east1"));
        Urn surv = urn(GcpSchemas.DATABASE_INSTANCE, "standby");
        ResourceType.Created s = survivorType.create(surv, standby, ctx(surv));
        int slash = onDemand.name().lastIndexOf('/');
        Props restore = standby.with("restoreBackupContext", PropertyValue.fromJava(Map.of("instanceId", onDemand.name().substring(0, slash),
                "backupRunId", Long.parseLong(onDemand.name().substring(slash + 1)), "project", "acme-data-prod")));
        survivorType.update(s.id(), s.outputs(), restore, ctx(surv));
        assertThat(fakes.sql.data("gcp-use1-meta")).isEqualTo("rows-1..100");

        survivorType.delete(s.id(), s.outputs(), ctx(null));
        instances.delete(db.id(), db.outputs(), ctx(null));
        assertThat(instances.read(db.id(), database("gcp-usc1-meta", "us-east1"), db.outputs(), ctx(null))).isEmpty();
    }

    @Test
    void anInsertWhoseAnswerIsLostConflictsWhenRetriedAndIsAdoptedByItsLabel() throws Exception {
        privateServicesAccess();
        ResourceType instances = central.type(GcpSchemas.DATABASE_INSTANCE);
        Urn urn = urn(GcpSchemas.DATABASE_INSTANCE, "metadata");
        fakes.apis.loseAnswerOfNext("POST", "/v1/projects/acme-data-prod/instances");
        assertThatThrownBy(() -> instances.create(urn, database("gcp-usc1-meta", "us-east1"), ctx(urn)))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.retryable()).isTrue());
        assertThatThrownBy(() -> instances.create(urn, database("gcp-usc1-meta", "us-east1"), ctx(urn)))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.CONFLICT));
        ResourceType.Created adopted = instances.findByUrn(urn, database("gcp-usc1-meta", "us-east1"), ctx(urn)).orElseThrow();
        assertThat(adopted.id()).isEqualTo("gcp-usc1-meta");
        assertThat(adopted.outputs().string("state")).isEqualTo("RUNNABLE");
        assertThat(instances.findByUrn(urn(GcpSchemas.DATABASE_INSTANCE, "other"), database("gcp-usc1-meta", "us-east1"), ctx(urn))).isEmpty();
        assertThatThrownBy(() -> instances.delete(adopted.id(), adopted.outputs().with("deletionProtection", PropertyValue.of(true)), ctx(null)))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo("DeletionProtection"));
    }
}
