package io.lifeboat.providers.sim.gcp;

import static io.lifeboat.program.gcp.GcpSchemas.*;
import static io.lifeboat.providers.sim.gcp.GcpFixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lifeboat.program.KubernetesSchemas;
import io.lifeboat.provider.KeepsBackups;
import io.lifeboat.provider.Provider;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.provider.TakesBackups;
import io.lifeboat.providers.sim.SimAdmin;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

/**
 * What a GCP failover needs of the sim: Cloud SQL's backup runs kept in their location and
 * restored from there while the instance's region is out, a secret read from its replica
 * location, and a GKE cluster's Kubernetes objects living and dying with it.
 */
class GcpDisasterRecoveryTest {
    @TempDir
    Path dir;
    GcpFixture sim;
    Provider central;
    Provider east;
    String centralNet;
    String eastNet;

    @BeforeEach
    void setUp() throws Exception {
        sim = new GcpFixture(dir);
        central = sim.provider(CENTRAL);
        east = sim.provider(EAST);
        centralNet = sim.create(central, NETWORK, network("live-net")).outputs().string("selfLink");
        eastNet = sim.create(east, NETWORK, network("dr-net")).outputs().string("selfLink");
        sim.privateServicesAccess(central, centralNet, "live-services");
        sim.privateServicesAccess(east, eastNet, "dr-services");
    }

    @Test
    void backupRunsAreKeptInTheirLocationAndRestoredFromThereDuringAnOutage() throws Exception {
        ResourceType.Created db = sim.create(central, DATABASE_INSTANCE, database("live-metadata", CENTRAL, centralNet, EAST));
        SimAdmin admin = sim.admin();
        assertThat(admin.cloud().objects(CENTRAL, BackupRunType.TOKEN)).isEmpty();
        List<SimObject> runs = admin.cloud().objects(EAST, BackupRunType.TOKEN);
        assertThat(runs).singleElement().satisfies(r -> {
            assertThat(r.id()).matches("live-metadata/\\d{13}");
            assertThat(r.inputs().string("instance")).isEqualTo("live-metadata");
        });
        // the runs show in the console's listing
        assertThat(admin.status(EAST).objectsByType()).containsEntry(BackupRunType.TOKEN, 1);
        String data = admin.cloud().object(CENTRAL, DATABASE_INSTANCE, db.id()).hidden().get(DatabaseInstanceType.DATA);
        assertThat(runs.get(0).hidden().get(DatabaseInstanceType.RUN_DATA)).isEqualTo(data).isNotNull();

        Thread.sleep(5);
        ((TakesBackups) central.type(DATABASE_INSTANCE)).backupNow(db.id(), database("live-metadata", CENTRAL, centralNet, EAST), ctx());
        assertThat(admin.cloud().objects(EAST, BackupRunType.TOKEN)).hasSize(2);

        admin.outage(CENTRAL);
        KeepsBackups.Backup newest = ((KeepsBackups) east.type(DATABASE_INSTANCE)).newestBackup("live-metadata", ctx()).orElseThrow();
        assertThat(newest.name()).startsWith("live-metadata/");
        assertThat(newest.time()).isEqualTo(admin.cloud().objects(EAST, BackupRunType.TOKEN).get(1).createdAt());
        assertThat(((KeepsBackups) east.type(DATABASE_INSTANCE)).newestBackup("nothing", ctx())).isEmpty();
        assertThatThrownBy(() -> ((KeepsBackups) central.type(DATABASE_INSTANCE)).newestBackup("live-metadata", ctx()))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.UNAVAILABLE));

        String runId = newest.name().substring(newest.name().indexOf('/') + 1);
        Props restore = database("dr-metadata", EAST, eastNet, EAST).with("restoreBackupContext", PropertyValue.fromJava(Map.of(
                "instanceId", "live-metadata", "backupRunId", Long.parseLong(runId), "project", PROJECT)));
        ResourceType.Created restored = sim.create(east, DATABASE_INSTANCE, restore);
        assertThat(restored.outputs().string("state")).isEqualTo("RUNNABLE");
        assertThat(admin.cloud().object(EAST, DATABASE_INSTANCE, restored.id()).hidden().get(DatabaseInstanceType.DATA)).isEqualTo(data);

        // a run not held in the provider's region is not found
        Props elsewhere = database("dr-other", EAST, eastNet, EAST).with("restoreBackupContext", PropertyValue.fromJava(Map.of(
                "instanceId", "live-metadata", "backupRunId", 12345L, "project", PROJECT)));
        assertThatThrownBy(() -> sim.create(east, DATABASE_INSTANCE, elsewhere))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.NOT_FOUND);
                    assertThat(e.getMessage()).contains("backupRuns/12345").endsWith(", notFound");
                });
        // the name is the project's, whatever the region
        admin.restore(CENTRAL);
        assertThatThrownBy(() -> sim.create(east, DATABASE_INSTANCE, database("live-metadata", EAST, eastNet, EAST)))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo("alreadyExists"));
        // the runs held in another location outlive the instance
        central.type(DATABASE_INSTANCE).delete(db.id(), Props.EMPTY, ctx());
        assertThat(admin.cloud().objects(EAST, BackupRunType.TOKEN)).filteredOn(r -> r.id().startsWith("live-metadata/")).hasSize(2);
    }

    @Test
    void aRestoreOnUpdateBringsTheBackupsDataIntoTheInstance() throws Exception {
        ResourceType.Created live = sim.create(central, DATABASE_INSTANCE, database("live-metadata", CENTRAL, centralNet, CENTRAL));
        SimObject run = sim.admin().cloud().objects(CENTRAL, BackupRunType.TOKEN).get(0);
        Props fresh = database("other-metadata", CENTRAL, centralNet, CENTRAL);
        ResourceType.Created other = sim.create(central, DATABASE_INSTANCE, fresh);
        String liveData = sim.admin().cloud().object(CENTRAL, DATABASE_INSTANCE, live.id()).hidden().get(DatabaseInstanceType.DATA);
        assertThat(sim.admin().cloud().object(CENTRAL, DATABASE_INSTANCE, other.id()).hidden().get(DatabaseInstanceType.DATA)).isNotEqualTo(liveData);
        Props restore = fresh.with("restoreBackupContext", PropertyValue.fromJava(Map.of("instanceId", "live-metadata",
                "backupRunId", run.computed().get("backupRunId"), "project", PROJECT)));
        central.type(DATABASE_INSTANCE).update(other.id(), other.outputs(), restore, ctx());
        assertThat(sim.admin().cloud().object(CENTRAL, DATABASE_INSTANCE, other.id()).hidden().get(DatabaseInstanceType.DATA)).isEqualTo(liveData);
        // the runs held in the instance's own region go with it
        central.type(DATABASE_INSTANCE).delete(live.id(), Props.EMPTY, ctx());
        assertThat(sim.admin().cloud().objects(CENTRAL, BackupRunType.TOKEN)).extracting(SimObject::id).doesNotContain(run.id());
    }

    @Test
    void aSecretAndItsVersionsAnswerFromTheReplicaLocationDuringAnOutage() throws Exception {
        ResourceType.Created secret = sim.create(central, SECRET, secret("lifeboat-etl-api", CENTRAL, EAST));
        ResourceType.Created version = sim.create(central, SECRET_VERSION, secretVersion(secret.id(), "k3y"));
        ResourceType.Created second = sim.create(central, SECRET_VERSION, secretVersion("lifeboat-etl-api", "k3y-2"));
        assertThat(second.id()).isEqualTo(secret.id() + "/versions/2");
        sim.admin().outage(CENTRAL);
        assertThatThrownBy(() -> central.type(SECRET).read(secret.id(), Props.EMPTY, Props.EMPTY, ctx()))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.UNAVAILABLE));
        ResourceType.Observed seen = east.type(SECRET).read(secret.id(), Props.EMPTY, Props.EMPTY, ctx()).orElseThrow();
        assertThat(seen.outputs().string("name")).isEqualTo("projects/acme-dr/secrets/lifeboat-etl-api");
        assertThat(seen.inputs()).isEqualTo(secret("lifeboat-etl-api", CENTRAL, EAST));
        ResourceType.Observed value = east.type(SECRET_VERSION).read(version.id(), Props.EMPTY, Props.EMPTY, ctx()).orElseThrow();
        assertThat(value.outputs().get("secretData").reveal()).isEqualTo(PropertyValue.of("k3y"));
        assertThat(value.outputs().string("version")).isEqualTo("1");
        assertThat(east.type(SECRET_VERSION).read(second.id(), Props.EMPTY, Props.EMPTY, ctx())).isPresent();
        // the console lists the secret in its home region only
        assertThat(sim.admin().objects(EAST)).extracting(SimAdmin.ObjectView::type).doesNotContain(SECRET, SECRET_VERSION);
        // no promotion: the same secret answers from every location, and its id is taken
        assertThatThrownBy(() -> sim.create(east, SECRET, secret("lifeboat-etl-api", CENTRAL, EAST)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.CONFLICT);
                    assertThat(e.code()).isEqualTo("alreadyExists");
                });
        sim.admin().restore(CENTRAL);
        central.type(SECRET).delete(secret.id(), Props.EMPTY, ctx());
        assertThat(east.type(SECRET).read(secret.id(), Props.EMPTY, Props.EMPTY, ctx())).isEmpty();
        assertThat(east.type(SECRET_VERSION).read(version.id(), Props.EMPTY, Props.EMPTY, ctx())).isEmpty();
    }

    @Test
    void aGkeClustersKubernetesObjectsGoWithIt() throws Exception {
        String subnet = sim.create(central, SUBNETWORK, subnetwork("live-nodes", centralNet, CENTRAL, "10.20.0.0/20", "10.20.128.0/17", "10.20.64.0/20"))
                .outputs().string("selfLink");
        ResourceType.Created gke = sim.create(central, CLUSTER, cluster("live-gke", CENTRAL, centralNet, subnet));
        ResourceType.Created pool = sim.create(central, NODE_POOL, nodePool("default", "live-gke", CENTRAL));
        Provider k = sim.kubernetes(CENTRAL, gke.id());
        k.type(KubernetesSchemas.NAMESPACE).create(urn(KubernetesSchemas.NAMESPACE, "etl"), namespace("etl"), ctx());
        assertThatThrownBy(() -> k.type(KubernetesSchemas.CONFIG_MAP).create(urn(KubernetesSchemas.CONFIG_MAP, "x"), configMap("missing", "env"), ctx()))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.NOT_FOUND));
        k.type(KubernetesSchemas.CONFIG_MAP).create(urn(KubernetesSchemas.CONFIG_MAP, "env"), configMap("etl", "env"), ctx());
        assertThat(k.type(KubernetesSchemas.CONFIG_MAP).read("etl/env", Props.EMPTY, Props.EMPTY, ctx())).isPresent();

        central.type(CLUSTER).delete(gke.id(), Props.EMPTY, ctx());
        assertThat(k.type(KubernetesSchemas.CONFIG_MAP).read("etl/env", Props.EMPTY, Props.EMPTY, ctx())).isEmpty();
        assertThat(k.type(KubernetesSchemas.NAMESPACE).read("etl", Props.EMPTY, Props.EMPTY, ctx())).isEmpty();
        assertThat(central.type(NODE_POOL).read(pool.id(), Props.EMPTY, Props.EMPTY, ctx())).isEmpty();
        assertThatThrownBy(() -> k.type(KubernetesSchemas.NAMESPACE).create(urn(KubernetesSchemas.NAMESPACE, "etl"), namespace("etl"), ctx()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("GKE cluster");
                });
        assertThat(sim.admin().cloud().objects(CENTRAL)).extracting(SimObject::type)
                .noneMatch(t -> t.startsWith("kubernetes:") || t.equals(NODE_POOL));

        // behind Lifeboat's back too
        ResourceType.Created again = sim.create(central, CLUSTER, cluster("live-gke", CENTRAL, centralNet, subnet));
        k.type(KubernetesSchemas.NAMESPACE).create(urn(KubernetesSchemas.NAMESPACE, "etl"), namespace("etl"), ctx());
        assertThat(sim.admin().deleteBehindBack(CENTRAL, again.id())).isTrue();
        assertThat(k.type(KubernetesSchemas.NAMESPACE).read("etl", Props.EMPTY, Props.EMPTY, ctx())).isEmpty();
    }

    @Test
    void anArtifactRegistryRepositoryHoldsImagesTheConsolePushesAndCopies() throws Exception {
        ResourceType.Created live = sim.create(central, REPOSITORY, repository("etl", CENTRAL));
        ResourceType.Created dr = sim.create(east, REPOSITORY, repository("etl", EAST));
        SimAdmin admin = sim.admin();
        String digest = admin.pushImage(CENTRAL, "etl", "1.0");
        assertThat(admin.images(CENTRAL, live.id())).contains("1.0", digest);
        io.lifeboat.provider.HoldsImages centralImages = (io.lifeboat.provider.HoldsImages) central.type(REPOSITORY);
        io.lifeboat.provider.HoldsImages eastImages = (io.lifeboat.provider.HoldsImages) east.type(REPOSITORY);
        io.lifeboat.provider.HoldsImages.Login login = centralImages.login(live.id(), live.outputs(), ctx());
        assertThat(login.repositoryUrl()).isEqualTo("us-central1-docker.pkg.dev/acme-dr/etl");
        eastImages.copyInto(dr.id(), dr.outputs(), login, "1.0", ctx());
        assertThat(eastImages.images(dr.id(), dr.outputs(), ctx())).contains("1.0", digest);
    }
}
