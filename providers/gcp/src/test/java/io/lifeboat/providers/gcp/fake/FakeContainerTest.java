package io.lifeboat.providers.gcp.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.container.v1.ClusterManagerClient;
import com.google.cloud.container.v1.ClusterManagerSettings;
import com.google.container.v1.Cluster;
import com.google.container.v1.ClusterUpdate;
import com.google.container.v1.CreateClusterRequest;
import com.google.container.v1.CreateNodePoolRequest;
import com.google.container.v1.IPAllocationPolicy;
import com.google.container.v1.NodePool;
import com.google.container.v1.NodePoolAutoscaling;
import com.google.container.v1.Operation;
import com.google.container.v1.PrivateClusterConfig;
import com.google.container.v1.ReleaseChannel;
import com.google.container.v1.SetLabelsRequest;
import com.google.container.v1.SetNodePoolAutoscalingRequest;
import com.google.container.v1.SetNodePoolSizeRequest;
import com.google.container.v1.UpdateClusterRequest;
import com.google.container.v1.UpdateNodePoolRequest;

/** {@link FakeContainer} driven by google-cloud-container's ClusterManagerClient over HttpJson on plain HTTP. */
class FakeContainerTest {
    private static final String PARENT = "projects/p1/locations/europe-west1";
    private static final String CLUSTER = PARENT + "/clusters/prod";

    /** The project's networks: "vpc" with subnet "nodes" in europe-west1; every use recorded. */
    static final class StubNetworks implements FakeNetworks {
        final List<String> uses = new ArrayList<>();

        @Override
        public boolean network(String project, String name) {
            return project.equals("p1") && name.equals("vpc");
        }

        @Override
        public boolean subnetwork(String project, String region, String name) {
            return project.equals("p1") && region.equals("europe-west1") && name.equals("nodes");
        }

        @Override
        public boolean privateServicesConnected(String project, String network) {
            return false;
        }

        @Override
        public void use(String project, String network, String user, boolean used) {
            uses.add(project + "/" + network + " " + user + " " + used);
        }
    }

    private FakeGoogleApis apis;
    private FakeContainer gke;
    private StubNetworks networks;
    private ClusterManagerClient client;

    @BeforeEach
    void start() throws Exception {
        networks = new StubNetworks();
        gke = new FakeContainer(networks);
        apis = new FakeGoogleApis().serve(gke);
        ClusterManagerSettings.Builder settings = ClusterManagerSettings.newHttpJsonBuilder()
                .setEndpoint(apis.endpoint())
                .setCredentialsProvider(NoCredentialsProvider.create());
        settings.applyToAllUnaryMethods(method -> {
            method.setRetrySettings(method.getRetrySettings().toBuilder().setMaxAttempts(1).build());
            return null;
        });
        client = ClusterManagerClient.create(settings.build());
    }

    @AfterEach
    void stop() {
        client.close();
        apis.close();
    }

    private Cluster.Builder cluster() {
        return Cluster.newBuilder().setName("prod").setNetwork("vpc").setSubnetwork("nodes").setInitialNodeCount(1);
    }

    private Operation create(Cluster.Builder cluster) {
        return client.createCluster(CreateClusterRequest.newBuilder().setParent(PARENT).setCluster(cluster).build());
    }

    private Operation poll(Operation op) {
        return client.getOperation(PARENT + "/operations/" + op.getName());
    }

    /**
     * A refusal as {@code "CODE STATUS: message"} of Google's error JSON. gax's HttpJson transport
     * derives the ApiException's code from the HTTP status alone (409 reads ABORTED, GKE's 400
     * FAILED_PRECONDITION reads INVALID_ARGUMENT) and its message is the HTTP reason phrase; the
     * error JSON is in the message of its cause, an HttpResponseException, after the request line.
     */
    private static String refusal(ThrowingCallable call) {
        Throwable e = catchThrowable(call);
        assertThat(e).isInstanceOf(ApiException.class);
        String text = e.getCause().getMessage();
        try {
            JsonNode error = FakeGoogleApis.JSON.readTree(text.substring(text.indexOf('{'))).path("error");
            return error.path("code").asInt() + " " + error.path("status").asText() + ": " + error.path("message").asText();
        } catch (JsonProcessingException notJson) {
            throw new AssertionError(text, notJson);
        }
    }

    @Test
    void aClusterIsProvisioningUntilItsCreateIsDoneThenRunningWithItsEndpoint() {
        Operation op = create(cluster().putResourceLabels("team", "dr"));
        assertThat(op.getOperationType()).isEqualTo(Operation.Type.CREATE_CLUSTER);
        assertThat(op.getStatus()).isEqualTo(Operation.Status.RUNNING);
        assertThat(op.getTargetLink()).isEqualTo("https://container.googleapis.com/v1/projects/p1/locations/europe-west1/clusters/prod");
        assertThat(op.getSelfLink()).startsWith("https://container.googleapis.com/v1/projects/").endsWith("/locations/europe-west1/operations/" + op.getName());
        assertThat(networks.uses).containsExactly("p1/vpc container:" + CLUSTER + " true");

        Cluster provisioning = client.getCluster(CLUSTER);
        assertThat(provisioning.getStatus()).isEqualTo(Cluster.Status.PROVISIONING);
        assertThat(provisioning.getEndpoint()).isEmpty();
        assertThat(provisioning.getNodePoolsList()).extracting(NodePool::getName).containsExactly("default-pool");
        assertThat(provisioning.getNodePools(0).getStatus()).isEqualTo(NodePool.Status.PROVISIONING);

        Operation done = poll(op);
        assertThat(done.getStatus()).isEqualTo(Operation.Status.DONE);
        assertThat(done.getEndTime()).isNotEmpty();
        assertThat(done.hasError()).isFalse();

        Cluster running = client.getCluster(CLUSTER);
        assertThat(running.getStatus()).isEqualTo(Cluster.Status.RUNNING);
        assertThat(running.getEndpoint()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        assertThat(new String(Base64.getDecoder().decode(running.getMasterAuth().getClusterCaCertificate()), StandardCharsets.US_ASCII))
                .startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(running.getSelfLink()).isEqualTo(op.getTargetLink());
        assertThat(running.getCurrentMasterVersion()).matches("1\\.\\d+\\.\\d+-gke\\.\\d+");
        assertThat(running.getLocation()).isEqualTo("europe-west1");
        assertThat(running.getLocationsList()).hasSize(3).allMatch(z -> z.startsWith("europe-west1-"));
        assertThat(running.getNetwork()).isEqualTo("vpc");
        assertThat(running.getSubnetwork()).isEqualTo("nodes");
        assertThat(running.getResourceLabelsMap()).containsEntry("team", "dr");
        assertThat(running.getLabelFingerprint()).matches("[0-9a-f]{8}");
        assertThat(running.getIpAllocationPolicy().getUseIpAliases()).isTrue();
        assertThat(running.getReleaseChannel().getChannel()).isEqualTo(ReleaseChannel.Channel.REGULAR);
        NodePool pool = running.getNodePools(0);
        assertThat(pool.getStatus()).isEqualTo(NodePool.Status.RUNNING);
        assertThat(pool.getVersion()).isEqualTo(running.getCurrentMasterVersion());
        assertThat(pool.getInstanceGroupUrlsList()).hasSize(3)
                .allMatch(u -> u.startsWith("https://www.googleapis.com/compute/v1/projects/p1/zones/europe-west1-"));
        assertThat(running.getCurrentNodeCount()).isEqualTo(3);
        assertThat(client.listClusters("projects/p1/locations/-").getClustersList()).extracting(Cluster::getName).containsExactly("prod");
    }

    @Test
    void aPrivateZonalClusterWithItsOwnPoolsAndChannel() {
        Cluster.Builder c = Cluster.newBuilder().setName("edge").setNetwork("projects/p1/global/networks/vpc")
                .setSubnetwork("projects/p1/regions/europe-west1/subnetworks/nodes")
                .addNodePools(NodePool.newBuilder().setName("workers").setInitialNodeCount(2))
                .setReleaseChannel(ReleaseChannel.newBuilder().setChannel(ReleaseChannel.Channel.STABLE))
                .setIpAllocationPolicy(IPAllocationPolicy.newBuilder().setUseIpAliases(true))
                .setPrivateClusterConfig(PrivateClusterConfig.newBuilder().setEnablePrivateNodes(true)
                        .setEnablePrivateEndpoint(true).setMasterIpv4CidrBlock("172.16.0.16/28"));
        String zone = "projects/p1/locations/europe-west1-b";
        Operation op = client.createCluster(CreateClusterRequest.newBuilder().setParent(zone).setCluster(c).build());
        assertThat(op.getTargetLink()).contains("/zones/europe-west1-b/clusters/edge");
        client.getOperation(zone + "/operations/" + op.getName());

        Cluster edge = client.getCluster(zone + "/clusters/edge");
        assertThat(edge.getReleaseChannel().getChannel()).isEqualTo(ReleaseChannel.Channel.STABLE);
        assertThat(edge.getLocationsList()).containsExactly("europe-west1-b");
        assertThat(edge.getNodePoolsList()).extracting(NodePool::getName).containsExactly("workers");
        assertThat(edge.getPrivateClusterConfig().getPrivateEndpoint()).isEqualTo("172.16.0.18");
        assertThat(edge.getEndpoint()).isEqualTo("172.16.0.18");
        assertThat(edge.getCurrentNodeCount()).isEqualTo(2);
    }

    @Test
    void aCreateIsRefusedAsGkeRefusesIt() {
        create(cluster());
        assertThat(refusal(() -> create(cluster()))).startsWith("409 ALREADY_EXISTS: Already exists: " + CLUSTER);
        assertThat(catchThrowable(() -> create(cluster()))).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.getStatusCode().getCode()).isEqualTo(StatusCode.Code.ABORTED));
        assertThat(refusal(() -> create(cluster().setName("Prod_1")))).startsWith("400 ").contains("cluster.name");
        assertThat(refusal(() -> create(cluster().setName("no-nodes").setInitialNodeCount(0))))
                .startsWith("400 ").contains("initial_node_count must be greater than zero");
        assertThat(refusal(() -> create(cluster().setName("other").setNetwork("nope")))).startsWith("400 ").contains("Network \"nope\" does not exist");
        assertThat(refusal(() -> create(cluster().setName("other").setSubnetwork("elsewhere")))).startsWith("400 ").contains("is not valid for Network \"vpc\"");
        assertThat(refusal(() -> create(cluster().setName("other").putResourceLabels("Team", "x")))).startsWith("400 ").contains("resource_labels");
        assertThat(refusal(() -> client.createCluster(CreateClusterRequest.newBuilder()
                .setParent("projects/p1/locations/europe-west99").setCluster(cluster()).build()))).startsWith("404 ");
        assertThat(refusal(() -> client.getCluster(PARENT + "/clusters/missing"))).startsWith("404 ");
    }

    @Test
    void oneOperationAtATimeAndTheDeleteReleasesTheNetworkWhenDone() {
        Operation create = create(cluster());
        assertThat(refusal(() -> client.deleteCluster(CLUSTER))).startsWith("400 FAILED_PRECONDITION: ")
                .contains("Cluster is running incompatible operation " + create.getName());
        assertThat(refusal(() -> client.createNodePool(CreateNodePoolRequest.newBuilder().setParent(CLUSTER)
                .setNodePool(NodePool.newBuilder().setName("extra").setInitialNodeCount(1)).build()))).startsWith("400 ");
        poll(create);

        Operation delete = client.deleteCluster(CLUSTER);
        assertThat(delete.getOperationType()).isEqualTo(Operation.Type.DELETE_CLUSTER);
        assertThat(client.getCluster(CLUSTER).getStatus()).isEqualTo(Cluster.Status.STOPPING);
        assertThat(networks.uses).hasSize(1);
        poll(delete);
        assertThat(networks.uses).last().isEqualTo("p1/vpc container:" + CLUSTER + " false");
        assertThat(refusal(() -> client.getCluster(CLUSTER))).startsWith("404 ");
        assertThat(gke.json(CLUSTER)).isNull();
    }

    @Test
    void nodePoolsAreCreatedResizedAutoscaledUpdatedAndDeleted() {
        poll(create(cluster()));
        String pool = CLUSTER + "/nodePools/batch";
        Operation created = client.createNodePool(CreateNodePoolRequest.newBuilder().setParent(CLUSTER)
                .setNodePool(NodePool.newBuilder().setName("batch").setInitialNodeCount(2)).build());
        assertThat(created.getOperationType()).isEqualTo(Operation.Type.CREATE_NODE_POOL);
        assertThat(client.getNodePool(pool).getStatus()).isEqualTo(NodePool.Status.PROVISIONING);
        assertThat(refusal(() -> client.deleteNodePool(CLUSTER + "/nodePools/default-pool"))).startsWith("400 ").contains("incompatible operation " + created.getName());
        poll(created);
        assertThat(client.getNodePool(pool).getStatus()).isEqualTo(NodePool.Status.RUNNING);
        assertThat(client.getNodePool(pool).getInstanceGroupUrlsList()).hasSize(3);
        assertThat(refusal(() -> client.createNodePool(CreateNodePoolRequest.newBuilder().setParent(CLUSTER)
                .setNodePool(NodePool.newBuilder().setName("batch").setInitialNodeCount(1)).build()))).startsWith("409 ");

        Operation resize = client.setNodePoolSize(SetNodePoolSizeRequest.newBuilder().setName(pool).setNodeCount(0).build());
        assertThat(resize.getOperationType()).isEqualTo(Operation.Type.SET_NODE_POOL_SIZE);
        assertThat(gke.nodeCount(pool)).isEqualTo(2);
        poll(resize);
        assertThat(gke.nodeCount(pool)).isZero();

        assertThat(refusal(() -> client.setNodePoolAutoscaling(SetNodePoolAutoscalingRequest.newBuilder().setName(pool)
                .setAutoscaling(NodePoolAutoscaling.newBuilder().setEnabled(true).setMinNodeCount(3).setMaxNodeCount(1)).build()))).startsWith("400 ");
        poll(client.setNodePoolAutoscaling(SetNodePoolAutoscalingRequest.newBuilder().setName(pool)
                .setAutoscaling(NodePoolAutoscaling.newBuilder().setEnabled(true).setMinNodeCount(0).setMaxNodeCount(5)).build()));
        assertThat(client.getNodePool(pool).getAutoscaling().getMaxNodeCount()).isEqualTo(5);

        poll(client.updateNodePool(UpdateNodePoolRequest.newBuilder().setName(pool).setNodeVersion("-")
                .setMachineType("e2-standard-4").build()));
        assertThat(client.getNodePool(pool).getConfig().getMachineType()).isEqualTo("e2-standard-4");

        Operation delete = client.deleteNodePool(pool);
        assertThat(client.getNodePool(pool).getStatus()).isEqualTo(NodePool.Status.STOPPING);
        poll(delete);
        assertThat(refusal(() -> client.getNodePool(pool))).startsWith("404 ");
        assertThat(client.listNodePools(CLUSTER).getNodePoolsList()).extracting(NodePool::getName).containsExactly("default-pool");
    }

    @Test
    void labelsNeedTheCurrentFingerprintAndAnUpdateOneField() {
        poll(create(cluster()));
        String fingerprint = client.getCluster(CLUSTER).getLabelFingerprint();
        assertThat(refusal(() -> client.setLabels(SetLabelsRequest.newBuilder().setName(CLUSTER).putResourceLabels("env", "prod").build()))).startsWith("400 ").contains("fingerprint mismatch").contains("the expected one is \"" + fingerprint + "\"");
        poll(client.setLabels(SetLabelsRequest.newBuilder().setName(CLUSTER).putResourceLabels("env", "prod")
                .setLabelFingerprint(fingerprint).build()));
        Cluster labelled = client.getCluster(CLUSTER);
        assertThat(labelled.getResourceLabelsMap()).containsExactly(java.util.Map.entry("env", "prod"));
        assertThat(labelled.getLabelFingerprint()).isNotEqualTo(fingerprint);

        assertThat(refusal(() -> client.updateCluster(UpdateClusterRequest.newBuilder().setName(CLUSTER)
                .setUpdate(ClusterUpdate.newBuilder()).build()))).startsWith("400 ");
        Operation update = client.updateCluster(UpdateClusterRequest.newBuilder().setName(CLUSTER).setUpdate(ClusterUpdate.newBuilder()
                .setDesiredReleaseChannel(ReleaseChannel.newBuilder().setChannel(ReleaseChannel.Channel.RAPID))).build());
        assertThat(update.getOperationType()).isEqualTo(Operation.Type.UPDATE_CLUSTER);
        assertThat(client.getCluster(CLUSTER).getStatus()).isEqualTo(Cluster.Status.RECONCILING);
        poll(update);
        assertThat(client.getCluster(CLUSTER).getReleaseChannel().getChannel()).isEqualTo(ReleaseChannel.Channel.RAPID);
        assertThat(client.getCluster(CLUSTER).getStatus()).isEqualTo(Cluster.Status.RUNNING);
    }

    @Test
    void anOperationReadsDoneAfterTheGivenPollsAndAFailedOneLeavesTheClusterInError() {
        gke.pollsUntilDone(3);
        Operation op = create(cluster());
        assertThat(poll(op).getStatus()).isEqualTo(Operation.Status.RUNNING);
        assertThat(poll(op).getStatus()).isEqualTo(Operation.Status.RUNNING);
        assertThat(poll(op).getStatus()).isEqualTo(Operation.Status.DONE);

        gke.pollsUntilDone(1);
        gke.failNextOperation(13, "Google Compute Engine: Zone europe-west1-b does not have enough resources available.");
        Operation failing = create(cluster().setName("stockout"));
        Operation failed = poll(failing);
        assertThat(failed.getStatus()).isEqualTo(Operation.Status.DONE);
        assertThat(failed.getError().getCode()).isEqualTo(13);
        assertThat(failed.getError().getMessage()).contains("does not have enough resources");
        assertThat(client.getCluster(PARENT + "/clusters/stockout").getStatus()).isEqualTo(Cluster.Status.ERROR);
    }

    @Test
    void anInjectedFaultReachesTheClient() {
        apis.failNext("POST", "/v1/projects/p1/locations/europe-west1/clusters", 1, GoogleError.unavailable());
        assertThat(refusal(() -> create(cluster()))).startsWith("503 ");
        assertThat(gke.json(CLUSTER)).isNull();
        create(cluster());
        assertThat(gke.json(CLUSTER).path("status").asText()).isEqualTo("PROVISIONING");
    }
}
