package io.lifeboat.providers.gcp.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.longrunning.OperationFuture;
import com.google.api.gax.longrunning.OperationTimedPollAlgorithm;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.AbortedException;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.FailedPreconditionException;
import com.google.api.gax.rpc.InvalidArgumentException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.api.gax.rpc.PermissionDeniedException;
import com.google.api.gax.rpc.UnavailableException;
import com.google.api.gax.rpc.UnknownException;
import com.google.cloud.compute.v1.Address;
import com.google.cloud.compute.v1.Allowed;
import com.google.cloud.compute.v1.Firewall;
import com.google.cloud.compute.v1.FirewallsClient;
import com.google.cloud.compute.v1.FirewallsSettings;
import com.google.cloud.compute.v1.GlobalAddressesClient;
import com.google.cloud.compute.v1.GlobalAddressesSettings;
import com.google.cloud.compute.v1.GlobalOperationsClient;
import com.google.cloud.compute.v1.GlobalOperationsSettings;
import com.google.cloud.compute.v1.InsertNetworkRequest;
import com.google.cloud.compute.v1.ListNetworksRequest;
import com.google.cloud.compute.v1.Network;
import com.google.cloud.compute.v1.NetworkPeering;
import com.google.cloud.compute.v1.NetworkRoutingConfig;
import com.google.cloud.compute.v1.NetworksAddPeeringRequest;
import com.google.cloud.compute.v1.NetworksClient;
import com.google.cloud.compute.v1.NetworksRemovePeeringRequest;
import com.google.cloud.compute.v1.NetworksSettings;
import com.google.cloud.compute.v1.NetworksUpdatePeeringRequest;
import com.google.cloud.compute.v1.Operation;
import com.google.cloud.compute.v1.ProjectsClient;
import com.google.cloud.compute.v1.ProjectsSettings;
import com.google.cloud.compute.v1.RegionOperationsClient;
import com.google.cloud.compute.v1.RegionOperationsSettings;
import com.google.cloud.compute.v1.Route;
import com.google.cloud.compute.v1.Router;
import com.google.cloud.compute.v1.RouterNat;
import com.google.cloud.compute.v1.RouterNatLogConfig;
import com.google.cloud.compute.v1.RouterNatSubnetworkToNat;
import com.google.cloud.compute.v1.RoutersClient;
import com.google.cloud.compute.v1.RoutersSettings;
import com.google.cloud.compute.v1.RoutesClient;
import com.google.cloud.compute.v1.RoutesSettings;
import com.google.cloud.compute.v1.Subnetwork;
import com.google.cloud.compute.v1.SubnetworkSecondaryRange;
import com.google.cloud.compute.v1.SubnetworksClient;
import com.google.cloud.compute.v1.SubnetworksSetPrivateIpGoogleAccessRequest;
import com.google.cloud.compute.v1.SubnetworksSettings;

/** FakeCompute driven by google-cloud-compute's own clients (HttpJson, plain HTTP, no credentials). */
class FakeComputeTest {
    private static final String P = "proj-a";
    private static final String R = "us-central1";
    private static final String LINK = FakeCompute.LINK + "projects/" + P + "/";

    /** Polls every 2 ms instead of Compute's 0.5 s and up. */
    private static final OperationTimedPollAlgorithm FAST = OperationTimedPollAlgorithm.create(RetrySettings.newBuilder()
            .setInitialRetryDelayDuration(Duration.ofMillis(2)).setRetryDelayMultiplier(1.0)
            .setMaxRetryDelayDuration(Duration.ofMillis(2)).setInitialRpcTimeoutDuration(Duration.ZERO)
            .setRpcTimeoutMultiplier(1.0).setMaxRpcTimeoutDuration(Duration.ZERO)
            .setTotalTimeoutDuration(Duration.ofSeconds(10)).build());
    private static final RetrySettings ONCE = RetrySettings.newBuilder().setMaxAttempts(1)
            .setTotalTimeoutDuration(Duration.ofSeconds(10)).setInitialRpcTimeoutDuration(Duration.ofSeconds(10))
            .setMaxRpcTimeoutDuration(Duration.ofSeconds(10)).setRpcTimeoutMultiplier(1.0).build();

    private FakeGoogleApis apis;
    private FakeCompute compute;
    private NetworksClient networks;
    private SubnetworksClient subnetworks;
    private FirewallsClient firewalls;
    private RoutesClient routes;
    private RoutersClient routers;
    private GlobalAddressesClient addresses;
    private GlobalOperationsClient globalOps;
    private RegionOperationsClient regionOps;
    private ProjectsClient projects;

    @BeforeEach
    void start() throws IOException {
        compute = new FakeCompute(Map.of(P, 123456789012L, "proj-b", 222L));
        apis = new FakeGoogleApis().serve(compute);
        String endpoint = apis.endpoint();
        NetworksSettings.Builder n = NetworksSettings.newBuilder().setEndpoint(endpoint).setCredentialsProvider(NoCredentialsProvider.create());
        n.insertOperationSettings().setPollingAlgorithm(FAST);
        n.deleteOperationSettings().setPollingAlgorithm(FAST);
        n.patchOperationSettings().setPollingAlgorithm(FAST);
        n.addPeeringOperationSettings().setPollingAlgorithm(FAST);
        n.removePeeringOperationSettings().setPollingAlgorithm(FAST);
        n.updatePeeringOperationSettings().setPollingAlgorithm(FAST);
        n.getSettings().setRetrySettings(ONCE);
        networks = NetworksClient.create(n.build());
        SubnetworksSettings.Builder s = SubnetworksSettings.newBuilder().setEndpoint(endpoint).setCredentialsProvider(NoCredentialsProvider.create());
        s.insertOperationSettings().setPollingAlgorithm(FAST);
        s.deleteOperationSettings().setPollingAlgorithm(FAST);
        s.patchOperationSettings().setPollingAlgorithm(FAST);
        s.setPrivateIpGoogleAccessOperationSettings().setPollingAlgorithm(FAST);
        s.expandIpCidrRangeOperationSettings().setPollingAlgorithm(FAST);
        subnetworks = SubnetworksClient.create(s.build());
        FirewallsSettings.Builder f = FirewallsSettings.newBuilder().setEndpoint(endpoint).setCredentialsProvider(NoCredentialsProvider.create());
        f.insertOperationSettings().setPollingAlgorithm(FAST);
        f.deleteOperationSettings().setPollingAlgorithm(FAST);
        f.patchOperationSettings().setPollingAlgorithm(FAST);
        firewalls = FirewallsClient.create(f.build());
        RoutesSettings.Builder rt = RoutesSettings.newBuilder().setEndpoint(endpoint).setCredentialsProvider(NoCredentialsProvider.create());
        rt.insertOperationSettings().setPollingAlgorithm(FAST);
        rt.deleteOperationSettings().setPollingAlgorithm(FAST);
        routes = RoutesClient.create(rt.build());
        RoutersSettings.Builder ro = RoutersSettings.newBuilder().setEndpoint(endpoint).setCredentialsProvider(NoCredentialsProvider.create());
        ro.insertOperationSettings().setPollingAlgorithm(FAST);
        ro.deleteOperationSettings().setPollingAlgorithm(FAST);
        ro.patchOperationSettings().setPollingAlgorithm(FAST);
        routers = RoutersClient.create(ro.build());
        GlobalAddressesSettings.Builder a = GlobalAddressesSettings.newBuilder().setEndpoint(endpoint).setCredentialsProvider(NoCredentialsProvider.create());
        a.insertOperationSettings().setPollingAlgorithm(FAST);
        a.deleteOperationSettings().setPollingAlgorithm(FAST);
        addresses = GlobalAddressesClient.create(a.build());
        globalOps = GlobalOperationsClient.create(GlobalOperationsSettings.newBuilder().setEndpoint(endpoint)
                .setCredentialsProvider(NoCredentialsProvider.create()).build());
        regionOps = RegionOperationsClient.create(RegionOperationsSettings.newBuilder().setEndpoint(endpoint)
                .setCredentialsProvider(NoCredentialsProvider.create()).build());
        projects = ProjectsClient.create(ProjectsSettings.newBuilder().setEndpoint(endpoint)
                .setCredentialsProvider(NoCredentialsProvider.create()).build());
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : List.<AutoCloseable>of(networks, subnetworks, firewalls, routes, routers, addresses, globalOps, regionOps, projects)) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing a client of a test
            }
        }
        apis.close();
    }

    private Network vpc(String name) throws Exception {
        Operation op = networks.insertAsync(P, Network.newBuilder().setName(name).setAutoCreateSubnetworks(false).build()).get();
        assertThat(op.getStatus()).isEqualTo(Operation.Status.DONE);
        assertThat(op.hasError()).isFalse();
        return networks.get(P, name);
    }

    private Subnetwork subnet(String name, String network, String range) throws Exception {
        Operation op = subnetworks.insertAsync(P, R, Subnetwork.newBuilder().setName(name).setNetwork(LINK + "global/networks/" + network)
                .setIpCidrRange(range).build()).get();
        assertThat(op.hasError()).as(op.toString()).isFalse();
        return subnetworks.get(P, R, name);
    }

    @Test
    void projectAnswersItsNumberAndUnknownProjectsAreNotFound() {
        com.google.cloud.compute.v1.Project p = projects.get(P);
        assertThat(p.getName()).isEqualTo(P);
        assertThat(p.getId()).isEqualTo(123456789012L);
        assertThatThrownBy(() -> projects.get("nobody")).isInstanceOf(NotFoundException.class)
                .hasStackTraceContaining("The resource 'projects/nobody' was not found");
    }

    @Test
    void networkIsMadeWhenItsOperationIsDoneWithItsDefaultRoute() throws Exception {
        compute.setPollsUntilDone(2);
        Operation op = networks.insertCallable().call(InsertNetworkRequest.newBuilder().setProject(P)
                .setNetworkResource(Network.newBuilder().setName("vpc").setAutoCreateSubnetworks(false)).build());
        assertThat(op.getStatus()).isEqualTo(Operation.Status.RUNNING);
        assertThat(op.getOperationType()).isEqualTo("insert");
        assertThat(op.getTargetLink()).isEqualTo(LINK + "global/networks/vpc");
        assertThatThrownBy(() -> networks.get(P, "vpc")).isInstanceOf(NotFoundException.class)
                .hasStackTraceContaining("The resource 'projects/proj-a/global/networks/vpc' was not found");
        assertThat(globalOps.get(P, op.getName()).getStatus()).isEqualTo(Operation.Status.RUNNING);
        Operation done = globalOps.wait(P, op.getName());
        assertThat(done.getStatus()).isEqualTo(Operation.Status.DONE);
        assertThat(done.getSelfLink()).isEqualTo(LINK + "global/operations/" + op.getName());
        assertThat(done.getEndTime()).isNotEmpty();

        Network n = networks.get(P, "vpc");
        assertThat(n.getSelfLink()).isEqualTo(LINK + "global/networks/vpc");
        assertThat(n.getId()).isPositive();
        assertThat(done.getTargetId()).isEqualTo(n.getId());
        assertThat(n.getCreationTimestamp()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[-+]\\d\\d:\\d\\d");
        assertThat(n.getAutoCreateSubnetworks()).isFalse();
        assertThat(n.getRoutingConfig().getRoutingMode()).isEqualTo("REGIONAL");
        assertThat(n.getMtu()).isEqualTo(1460);
        List<ObjectNode> made = compute.routes(P);
        assertThat(made).hasSize(1);
        assertThat(made.get(0).get("name").asText()).startsWith("default-route-");
        assertThat(made.get(0).get("destRange").asText()).isEqualTo("0.0.0.0/0");
        assertThat(made.get(0).get("nextHopGateway").asText()).isEqualTo(LINK + "global/gateways/default-internet-gateway");
        assertThat(compute.network(P, "vpc")).isTrue();

        compute.setPollsUntilDone(1);
        networks.patchAsync(P, "vpc", Network.newBuilder().setRoutingConfig(NetworkRoutingConfig.newBuilder().setRoutingMode("GLOBAL")).build()).get();
        assertThat(networks.get(P, "vpc").getRoutingConfig().getRoutingMode()).isEqualTo("GLOBAL");
        assertThatThrownBy(() -> networks.patchAsync(P, "vpc", Network.newBuilder().setMtu(1500).build()).get())
                .hasCauseInstanceOf(InvalidArgumentException.class).hasStackTraceContaining("Only routingConfig can be modified");

        assertThat(networks.listCallable().call(ListNetworksRequest.newBuilder().setProject(P).setFilter("name = \"vpc\"").build())
                .getItemsList()).extracting(Network::getName).containsExactly("vpc");
        assertThat(networks.listCallable().call(ListNetworksRequest.newBuilder().setProject(P).setFilter("name = \"other\"").build())
                .getItemsCount()).isZero();

        assertThat(networks.deleteAsync(P, "vpc").get().hasError()).isFalse();
        assertThatThrownBy(() -> networks.get(P, "vpc")).isInstanceOf(NotFoundException.class);
        assertThat(compute.routes(P)).isEmpty();
    }

    @Test
    void namesAreCheckedTakenNamesConflictAndLegacyNetworksAreRefused() throws Exception {
        assertThatThrownBy(() -> networks.insertAsync(P, Network.newBuilder().setName("Bad_Name").setAutoCreateSubnetworks(false).build()).get())
                .hasCauseInstanceOf(InvalidArgumentException.class)
                .hasStackTraceContaining("Invalid value for field 'resource.name': 'Bad_Name'");
        assertThatThrownBy(() -> networks.insertAsync(P, Network.newBuilder().setName("x".repeat(64)).setAutoCreateSubnetworks(false).build()).get())
                .hasCauseInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> networks.insertAsync(P, Network.newBuilder().setName("legacy").build()).get())
                .hasCauseInstanceOf(InvalidArgumentException.class).hasStackTraceContaining("autoCreateSubnetworks");
        vpc("vpc");
        // HTTP 409 reaches the HttpJson client as ABORTED
        assertThatThrownBy(() -> networks.insertAsync(P, Network.newBuilder().setName("vpc").setAutoCreateSubnetworks(false).build()).get())
                .hasCauseInstanceOf(AbortedException.class).hasStackTraceContaining("already exists");
    }

    @Test
    void aRequestIdSeenAgainAnswersTheSameOperationAndDoesNothingAgain() {
        String id = UUID.randomUUID().toString();
        InsertNetworkRequest insert = InsertNetworkRequest.newBuilder().setProject(P).setRequestId(id)
                .setNetworkResource(Network.newBuilder().setName("vpc").setAutoCreateSubnetworks(false)).build();
        Operation first = networks.insertCallable().call(insert);
        globalOps.get(P, first.getName());
        Operation again = networks.insertCallable().call(insert);
        assertThat(again.getName()).isEqualTo(first.getName());
        assertThat(again.getStatus()).isEqualTo(Operation.Status.DONE);
        assertThat(networks.list(P).iterateAll()).hasSize(1);
        assertThatThrownBy(() -> networks.insertCallable().call(insert.toBuilder().setRequestId("00000000-0000-0000-0000-000000000000").build()))
                .isInstanceOf(InvalidArgumentException.class).hasStackTraceContaining("requestId");
        assertThatThrownBy(() -> networks.insertCallable().call(insert.toBuilder().setRequestId("not-a-uuid").build()))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void aCreateWhoseAnswerIsLostIsRetriedWithItsRequestIdAndAFaultReachesTheClient() {
        InsertNetworkRequest insert = InsertNetworkRequest.newBuilder().setProject(P).setRequestId(UUID.randomUUID().toString())
                .setNetworkResource(Network.newBuilder().setName("vpc").setAutoCreateSubnetworks(false)).build();
        apis.loseAnswerOfNext("POST", ".*/global/networks");
        assertThatThrownBy(() -> networks.insertCallable().call(insert)).isInstanceOf(UnknownException.class);
        Operation retried = networks.insertCallable().call(insert);
        assertThat(globalOps.get(P, retried.getName()).getStatus()).isEqualTo(Operation.Status.DONE);
        assertThat(networks.list(P).iterateAll()).extracting(Network::getName).containsExactly("vpc");

        apis.failNext("GET", ".*/global/networks/vpc", 1, GoogleError.unavailable());
        assertThatThrownBy(() -> networks.get(P, "vpc")).isInstanceOf(UnavailableException.class);
        assertThat(networks.get(P, "vpc").getName()).isEqualTo("vpc");
    }

    @Test
    void subnetworkRangesAreCheckedAndItsPatchTakesTheFingerprint() throws Exception {
        vpc("vpc");
        Operation op = subnetworks.insertAsync(P, R, Subnetwork.newBuilder().setName("nodes").setNetwork(LINK + "global/networks/vpc")
                .setIpCidrRange("10.0.0.0/20")
                .addSecondaryIpRanges(SubnetworkSecondaryRange.newBuilder().setRangeName("pods").setIpCidrRange("10.4.0.0/14"))
                .build()).get();
        assertThat(op.getRegion()).isEqualTo(LINK + "regions/" + R);
        Subnetwork s = subnetworks.get(P, R, "nodes");
        assertThat(s.getGatewayAddress()).isEqualTo("10.0.0.1");
        assertThat(s.getNetwork()).isEqualTo(LINK + "global/networks/vpc");
        assertThat(s.getSecondaryIpRangesList()).extracting(SubnetworkSecondaryRange::getRangeName).containsExactly("pods");
        assertThat(s.getFingerprint()).isNotEmpty();
        assertThat(networks.get(P, "vpc").getSubnetworksList()).containsExactly(LINK + "regions/" + R + "/subnetworks/nodes");
        assertThat(compute.subnetwork(P, R, "nodes")).isTrue();
        assertThat(compute.routes(P)).extracting(r -> r.get("destRange").asText()).contains("10.0.0.0/20", "10.4.0.0/14");

        assertThatThrownBy(() -> subnet("other", "vpc", "10.0.8.0/24")).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(InvalidArgumentException.class)
                .hasStackTraceContaining("Invalid IPCidrRange: 10.0.8.0/24 conflicts with existing subnetwork 'nodes' in region 'us-central1'");
        assertThatThrownBy(() -> subnet("other", "vpc", "8.8.8.0/24")).hasCauseInstanceOf(InvalidArgumentException.class)
                .hasStackTraceContaining("valid IPv4 ranges");
        assertThatThrownBy(() -> subnet("other", "vpc", "10.9.0.1/24")).hasCauseInstanceOf(InvalidArgumentException.class)
                .hasStackTraceContaining("host bits");
        assertThatThrownBy(() -> subnet("other", "vpc", "10.9.0.0/33")).hasCauseInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> subnet("other", "missing", "10.9.0.0/24")).hasCauseInstanceOf(NotFoundException.class)
                .hasStackTraceContaining("The resource 'projects/proj-a/global/networks/missing' was not found");
        assertThatThrownBy(() -> subnetworks.insertAsync(P, R, Subnetwork.newBuilder().setName("other").setNetwork("vpc")
                .setIpCidrRange("10.9.0.0/24").build()).get()).hasCauseInstanceOf(InvalidArgumentException.class)
                .hasStackTraceContaining("The URL is malformed");

        Subnetwork wider = Subnetwork.newBuilder()
                .addSecondaryIpRanges(SubnetworkSecondaryRange.newBuilder().setRangeName("pods").setIpCidrRange("10.4.0.0/14"))
                .addSecondaryIpRanges(SubnetworkSecondaryRange.newBuilder().setRangeName("services").setIpCidrRange("10.8.0.0/20"))
                .build();
        assertThatThrownBy(() -> subnetworks.patchAsync(P, R, "nodes", wider).get()).hasCauseInstanceOf(FailedPreconditionException.class)
                .hasStackTraceContaining("fingerprint");
        assertThatThrownBy(() -> subnetworks.patchAsync(P, R, "nodes", wider.toBuilder().setFingerprint("stale").build()).get())
                .hasCauseInstanceOf(FailedPreconditionException.class);
        subnetworks.patchAsync(P, R, "nodes", wider.toBuilder().setFingerprint(s.getFingerprint()).build()).get();
        Subnetwork patched = subnetworks.get(P, R, "nodes");
        assertThat(patched.getSecondaryIpRangesList()).extracting(SubnetworkSecondaryRange::getRangeName).containsExactly("pods", "services");
        assertThat(patched.getFingerprint()).isNotEqualTo(s.getFingerprint());
        assertThatThrownBy(() -> subnetworks.patchAsync(P, R, "nodes", Subnetwork.newBuilder().setFingerprint(patched.getFingerprint())
                .setPrivateIpGoogleAccess(true).build()).get()).hasCauseInstanceOf(InvalidArgumentException.class)
                .hasStackTraceContaining("setPrivateIpGoogleAccess");
        subnetworks.setPrivateIpGoogleAccessAsync(P, R, "nodes",
                SubnetworksSetPrivateIpGoogleAccessRequest.newBuilder().setPrivateIpGoogleAccess(true).build()).get();
        assertThat(subnetworks.get(P, R, "nodes").getPrivateIpGoogleAccess()).isTrue();

        assertThat(subnetworks.deleteAsync(P, R, "nodes").get().hasError()).isFalse();
        assertThat(compute.subnetwork(P, R, "nodes")).isFalse();
        assertThat(networks.get(P, "vpc").getSubnetworksCount()).isZero();
        assertThat(compute.routes(P)).hasSize(1);
    }

    @Test
    void aNetworkInUseFailsItsDeleteOperationAndASubnetworkInUseIsRefusedAtOnce() throws Exception {
        vpc("vpc");
        subnet("nodes", "vpc", "10.0.0.0/24");
        OperationFuture<Operation, Operation> delete = networks.deleteAsync(P, "vpc");
        ExecutionException failed = catchThrowableOfType(ExecutionException.class, delete::get);
        assertThat(((ApiException) failed.getCause()).getStatusCode().getCode().getHttpStatusCode()).isEqualTo(400);
        Operation op = globalOps.get(P, operationName(delete));
        assertThat(op.getStatus()).isEqualTo(Operation.Status.DONE);
        assertThat(op.getError().getErrors(0).getCode()).isEqualTo("RESOURCE_IN_USE_BY_ANOTHER_RESOURCE");
        assertThat(op.getError().getErrors(0).getMessage()).isEqualTo("The network resource 'projects/proj-a/global/networks/vpc' "
                + "is already being used by 'projects/proj-a/regions/us-central1/subnetworks/nodes'");
        assertThat(op.getHttpErrorStatusCode()).isEqualTo(400);
        assertThat(networks.get(P, "vpc").getName()).isEqualTo("vpc");

        compute.use(P, "regions/us-central1/subnetworks/nodes", "container:projects/proj-a/locations/us-central1/clusters/c1", true);
        assertThatThrownBy(() -> subnetworks.deleteAsync(P, R, "nodes").get()).hasCauseInstanceOf(InvalidArgumentException.class)
                .hasStackTraceContaining("resourceInUseByAnotherResource")
                .hasStackTraceContaining("is already being used by 'container:projects/proj-a/locations/us-central1/clusters/c1'");
        compute.use(P, "regions/us-central1/subnetworks/nodes", "container:projects/proj-a/locations/us-central1/clusters/c1", false);
        subnetworks.deleteAsync(P, R, "nodes").get();

        compute.use(P, "vpc", "sql:projects/proj-a/instances/db", true);
        assertThat(compute.users(P, "vpc")).containsExactly("sql:projects/proj-a/instances/db");
        assertThat(failedDelete("vpc")).endsWith("'sql:projects/proj-a/instances/db'");
        compute.use(P, "vpc", "sql:projects/proj-a/instances/db", false);
        assertThat(networks.deleteAsync(P, "vpc").get().hasError()).isFalse();
    }

    /** The Compute operation's name: a future of the HttpJson client names it {@code NAME:PROJECT}. */
    private static String operationName(OperationFuture<Operation, Operation> future) throws Exception {
        return future.getName().substring(0, future.getName().indexOf(':'));
    }

    /** The error message of a network delete that fails in its operation (the client's future says only that it failed). */
    private String failedDelete(String network) throws Exception {
        OperationFuture<Operation, Operation> delete = networks.deleteAsync(P, network);
        assertThatThrownBy(delete::get).isInstanceOf(ExecutionException.class);
        Operation op = globalOps.get(P, operationName(delete));
        assertThat(op.getError().getErrors(0).getCode()).isEqualTo("RESOURCE_IN_USE_BY_ANOTHER_RESOURCE");
        return op.getError().getErrors(0).getMessage();
    }

    @Test
    void firewallsKeepTheirRulesAndRefuseWhatTheDocsForbid() throws Exception {
        vpc("vpc");
        Firewall ssh = Firewall.newBuilder().setName("allow-ssh").setNetwork("global/networks/vpc")
                .addAllowed(Allowed.newBuilder().setIPProtocol("tcp").addPorts("22")).addSourceRanges("35.235.240.0/20")
                .addTargetTags("bastion").build();
        firewalls.insertAsync(P, ssh).get();
        Firewall got = firewalls.get(P, "allow-ssh");
        assertThat(got.getNetwork()).isEqualTo(LINK + "global/networks/vpc");
        assertThat(got.getDirection()).isEqualTo("INGRESS");
        assertThat(got.getPriority()).isEqualTo(1000);
        assertThat(got.getAllowed(0).getIPProtocol()).isEqualTo("tcp");
        assertThat(got.getAllowed(0).getPortsList()).containsExactly("22");
        assertThat(got.getLogConfig().getEnable()).isFalse();

        firewalls.patchAsync(P, "allow-ssh", Firewall.newBuilder().setPriority(900).addTargetTags("jump").build()).get();
        got = firewalls.get(P, "allow-ssh");
        assertThat(got.getPriority()).isEqualTo(900);
        assertThat(got.getTargetTagsList()).containsExactly("jump");
        assertThat(got.getSourceRangesList()).containsExactly("35.235.240.0/20");

        assertThatThrownBy(() -> firewalls.insertAsync(P, ssh.toBuilder().setName("both")
                .addDenied(com.google.cloud.compute.v1.Denied.newBuilder().setIPProtocol("udp")).build()).get())
                .hasCauseInstanceOf(InvalidArgumentException.class).hasStackTraceContaining("both allowed and denied");
        assertThatThrownBy(() -> firewalls.insertAsync(P, ssh.toBuilder().setName("bad-proto").clearAllowed()
                .addAllowed(Allowed.newBuilder().setIPProtocol("icmp").addPorts("22")).build()).get())
                .hasCauseInstanceOf(InvalidArgumentException.class).hasStackTraceContaining("Ports may be given only");
        assertThatThrownBy(() -> firewalls.insertAsync(P, ssh.toBuilder().setName("egress").setDirection("EGRESS")
                .addSourceTags("web").build()).get()).hasCauseInstanceOf(InvalidArgumentException.class)
                .hasStackTraceContaining("EGRESS");
        assertThatThrownBy(() -> firewalls.insertAsync(P, ssh.toBuilder().setName("nowhere").setNetwork("global/networks/default").build()).get())
                .hasCauseInstanceOf(NotFoundException.class).hasStackTraceContaining("projects/proj-a/global/networks/default");
        assertThatThrownBy(() -> firewalls.insertAsync(P, ssh).get()).hasCauseInstanceOf(AbortedException.class);

        assertThat(failedDelete("vpc")).endsWith("'projects/proj-a/global/firewalls/allow-ssh'");
        firewalls.deleteAsync(P, "allow-ssh").get();
        assertThatThrownBy(() -> firewalls.get(P, "allow-ssh")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void routesNeedOneNextHopAndCannotShadowASubnet() throws Exception {
        vpc("vpc");
        subnet("nodes", "vpc", "10.0.0.0/24");
        routes.insertAsync(P, Route.newBuilder().setName("to-onprem").setNetwork(LINK + "global/networks/vpc").setDestRange("192.168.0.0/16")
                .setNextHopIp("10.0.0.5").setPriority(100).build()).get();
        Route got = routes.get(P, "to-onprem");
        assertThat(got.getNextHopIp()).isEqualTo("10.0.0.5");
        assertThat(got.getPriority()).isEqualTo(100);
        routes.insertAsync(P, Route.newBuilder().setName("egress").setNetwork(LINK + "global/networks/vpc").setDestRange("0.0.0.0/0")
                .setNextHopGateway("projects/proj-a/global/gateways/default-internet-gateway").build()).get();
        assertThat(routes.get(P, "egress").getNextHopGateway()).isEqualTo(LINK + "global/gateways/default-internet-gateway");

        assertThatThrownBy(() -> routes.insertAsync(P, Route.newBuilder().setName("two").setNetwork(LINK + "global/networks/vpc")
                .setDestRange("172.16.0.0/16").setNextHopIp("10.0.0.5").setNextHopGateway("global/gateways/default-internet-gateway")
                .build()).get()).hasCauseInstanceOf(InvalidArgumentException.class).hasStackTraceContaining("Exactly one of");
        assertThatThrownBy(() -> routes.insertAsync(P, Route.newBuilder().setName("none").setNetwork(LINK + "global/networks/vpc")
                .setDestRange("172.16.0.0/16").build()).get()).hasCauseInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> routes.insertAsync(P, Route.newBuilder().setName("shadow").setNetwork(LINK + "global/networks/vpc")
                .setDestRange("10.0.0.128/25").setNextHopIp("10.0.0.5").build()).get())
                .hasCauseInstanceOf(InvalidArgumentException.class).hasStackTraceContaining("more specific");

        List<ObjectNode> all = compute.routes(P);
        assertThat(all).extracting(r -> r.get("name").asText()).contains("to-onprem", "egress");
        ObjectNode subnetRoute = all.stream().filter(r -> r.path("routeType").asText().equals("SUBNET")).findFirst().orElseThrow();
        assertThat(subnetRoute.get("nextHopNetwork").asText()).isEqualTo(LINK + "global/networks/vpc");
        assertThatThrownBy(() -> routes.deleteAsync(P, subnetRoute.get("name").asText()).get())
                .hasCauseInstanceOf(InvalidArgumentException.class).hasStackTraceContaining("subnet route");

        subnetworks.deleteAsync(P, R, "nodes").get();
        assertThat(failedDelete("vpc")).contains("global/routes/");
        routes.deleteAsync(P, "to-onprem").get();
        routes.deleteAsync(P, "egress").get();
        assertThat(networks.deleteAsync(P, "vpc").get().hasError()).isFalse();
    }

    @Test
    void routersKeepTheirNatsAndANatHoldsItsSubnetwork() throws Exception {
        vpc("vpc");
        subnet("nodes", "vpc", "10.0.0.0/24");
        RouterNat nat = RouterNat.newBuilder().setName("nat").setNatIpAllocateOption("AUTO_ONLY")
                .setSourceSubnetworkIpRangesToNat("ALL_SUBNETWORKS_ALL_IP_RANGES").setMinPortsPerVm(64)
                .setLogConfig(RouterNatLogConfig.newBuilder().setEnable(true).setFilter("ERRORS_ONLY")).build();
        Operation op = routers.insertAsync(P, R, Router.newBuilder().setName("rtr").setNetwork(LINK + "global/networks/vpc").addNats(nat).build()).get();
        assertThat(regionOps.get(P, R, op.getName()).getStatus()).isEqualTo(Operation.Status.DONE);
        Router got = routers.get(P, R, "rtr");
        assertThat(got.getNats(0).getMinPortsPerVm()).isEqualTo(64);
        assertThat(got.getNats(0).getLogConfig().getFilter()).isEqualTo("ERRORS_ONLY");
        assertThat(got.getRegion()).isEqualTo(LINK + "regions/" + R);

        RouterNat listed = nat.toBuilder().setSourceSubnetworkIpRangesToNat("LIST_OF_SUBNETWORKS")
                .addSubnetworks(RouterNatSubnetworkToNat.newBuilder().setName(LINK + "regions/" + R + "/subnetworks/nodes")
                        .addSourceIpRangesToNat("ALL_IP_RANGES")).build();
        routers.patchAsync(P, R, "rtr", Router.newBuilder().addNats(listed).build()).get();
        assertThat(routers.get(P, R, "rtr").getNats(0).getSubnetworks(0).getName()).endsWith("/subnetworks/nodes");
        assertThatThrownBy(() -> subnetworks.deleteAsync(P, R, "nodes").get()).hasCauseInstanceOf(InvalidArgumentException.class)
                .hasStackTraceContaining("is already being used by 'projects/proj-a/regions/us-central1/routers/rtr'");

        assertThatThrownBy(() -> routers.insertAsync(P, R, Router.newBuilder().setName("manual").setNetwork(LINK + "global/networks/vpc")
                .addNats(nat.toBuilder().setNatIpAllocateOption("MANUAL_ONLY")).build()).get())
                .hasCauseInstanceOf(InvalidArgumentException.class).hasStackTraceContaining("natIps");
        assertThatThrownBy(() -> routers.insertAsync(P, R, Router.newBuilder().setName("second").setNetwork(LINK + "global/networks/vpc")
                .addNats(nat).build()).get()).hasCauseInstanceOf(InvalidArgumentException.class)
                .hasStackTraceContaining("no other NAT");
        assertThatThrownBy(() -> routers.insertAsync(P, R, Router.newBuilder().setName("no-net").build()).get())
                .hasCauseInstanceOf(InvalidArgumentException.class).hasStackTraceContaining("resource.network");

        routers.deleteAsync(P, R, "rtr").get();
        assertThatThrownBy(() -> routers.get(P, R, "rtr")).isInstanceOf(NotFoundException.class);
        subnetworks.deleteAsync(P, R, "nodes").get();
    }

    @Test
    void peeringAddressesAreReservedInTheNetworkAndHoldIt() throws Exception {
        vpc("vpc");
        subnet("nodes", "vpc", "10.0.0.0/16");
        compute.setPollsUntilDone(2);
        Operation op = addresses.insertCallable().call(com.google.cloud.compute.v1.InsertGlobalAddressRequest.newBuilder().setProject(P)
                .setAddressResource(Address.newBuilder().setName("google-managed").setAddressType("INTERNAL").setPurpose("VPC_PEERING")
                        .setPrefixLength(16).setNetwork(LINK + "global/networks/vpc")).build());
        assertThat(addresses.get(P, "google-managed").getStatus()).isEqualTo("RESERVING");
        globalOps.wait(P, op.getName());
        globalOps.wait(P, op.getName());
        Address a = addresses.get(P, "google-managed");
        assertThat(a.getStatus()).isEqualTo("RESERVED");
        assertThat(a.getAddress()).isEqualTo("10.1.0.0");
        assertThat(a.getPrefixLength()).isEqualTo(16);
        compute.setPollsUntilDone(1);

        assertThatThrownBy(() -> addresses.insertAsync(P, Address.newBuilder().setName("overlap").setAddressType("INTERNAL")
                .setPurpose("VPC_PEERING").setPrefixLength(24).setAddress("10.0.5.0").setNetwork(LINK + "global/networks/vpc").build()).get())
                .hasCauseInstanceOf(InvalidArgumentException.class).hasStackTraceContaining("conflicts with existing subnetwork 'nodes'");
        assertThatThrownBy(() -> addresses.insertAsync(P, Address.newBuilder().setName("no-prefix").setAddressType("INTERNAL")
                .setPurpose("VPC_PEERING").setNetwork(LINK + "global/networks/vpc").build()).get())
                .hasCauseInstanceOf(InvalidArgumentException.class).hasStackTraceContaining("prefixLength");
        assertThatThrownBy(() -> subnet("in-range", "vpc", "10.1.4.0/24")).hasCauseInstanceOf(InvalidArgumentException.class)
                .hasStackTraceContaining("existing address 'google-managed'");

        subnetworks.deleteAsync(P, R, "nodes").get();
        assertThat(failedDelete("vpc")).endsWith("'projects/proj-a/global/addresses/google-managed'");
        addresses.deleteAsync(P, "google-managed").get();
        assertThat(networks.deleteAsync(P, "vpc").get().hasError()).isFalse();
    }

    @Test
    void aPeeringIsActiveOnlyWhenThePeerPeersBack() throws Exception {
        vpc("a");
        vpc("b");
        networks.addPeeringAsync(P, "a", NetworksAddPeeringRequest.newBuilder().setNetworkPeering(NetworkPeering.newBuilder()
                .setName("a-to-b").setNetwork(LINK + "global/networks/b").setExchangeSubnetRoutes(true)).build()).get();
        NetworkPeering ab = networks.get(P, "a").getPeerings(0);
        assertThat(ab.getState()).isEqualTo("INACTIVE");
        assertThat(ab.getStateDetails()).contains("Waiting for peer network to connect");

        compute.setPollsUntilDone(2);
        Operation pendingBack = networks.addPeeringCallable().call(com.google.cloud.compute.v1.AddPeeringNetworkRequest.newBuilder()
                .setProject(P).setNetwork("b").setNetworksAddPeeringRequestResource(NetworksAddPeeringRequest.newBuilder()
                        .setNetworkPeering(NetworkPeering.newBuilder().setName("b-to-a").setNetwork("projects/proj-a/global/networks/a")))
                .build());
        assertThatThrownBy(() -> networks.removePeeringAsync(P, "a", NetworksRemovePeeringRequest.newBuilder().setName("a-to-b").build()).get())
                .hasCauseInstanceOf(InvalidArgumentException.class).hasStackTraceContaining("peering operation in progress");
        globalOps.wait(P, pendingBack.getName());
        globalOps.wait(P, pendingBack.getName());
        compute.setPollsUntilDone(1);
        assertThat(networks.get(P, "a").getPeerings(0).getState()).isEqualTo("ACTIVE");
        assertThat(networks.get(P, "b").getPeerings(0).getState()).isEqualTo("ACTIVE");
        assertThat(networks.get(P, "b").getPeerings(0).getStateDetails()).contains("Connected");

        subnet("in-a", "a", "10.0.0.0/24");
        assertThatThrownBy(() -> subnet("overlap-b", "b", "10.0.0.0/25")).hasCauseInstanceOf(InvalidArgumentException.class)
                .hasStackTraceContaining("peer network in active peering 'b-to-a'");

        networks.updatePeeringAsync(P, "a", NetworksUpdatePeeringRequest.newBuilder().setNetworkPeering(NetworkPeering.newBuilder()
                .setName("a-to-b").setExportCustomRoutes(true)).build()).get();
        assertThat(networks.get(P, "a").getPeerings(0).getExportCustomRoutes()).isTrue();

        assertThat(failedDelete("b")).endsWith("'projects/proj-a/global/networks/b/peerings/b-to-a'");
        networks.removePeeringAsync(P, "b", NetworksRemovePeeringRequest.newBuilder().setName("b-to-a").build()).get();
        assertThat(networks.get(P, "a").getPeerings(0).getState()).isEqualTo("INACTIVE");
        assertThat(networks.get(P, "b").getPeeringsCount()).isZero();
    }

    @Test
    void aNetworkOfSomeoneElseCanOnlyBePeeredWithAndItsOwnerAccepts() throws Exception {
        vpc("vpc");
        subnet("nodes", "vpc", "10.0.0.0/24");
        String theirs = compute.peerNetwork("their-project", "their-vpc");
        assertThatThrownBy(() -> networks.get("their-project", "their-vpc")).isInstanceOf(PermissionDeniedException.class);
        networks.addPeeringAsync(P, "vpc", NetworksAddPeeringRequest.newBuilder().setNetworkPeering(NetworkPeering.newBuilder()
                .setName("to-them").setNetwork(theirs)).build()).get();
        assertThat(networks.get(P, "vpc").getPeerings(0).getState()).isEqualTo("INACTIVE");
        compute.acceptPeering("their-project", "their-vpc", "to-us", LINK + "global/networks/vpc");
        NetworkPeering p = networks.get(P, "vpc").getPeerings(0);
        assertThat(p.getState()).isEqualTo("ACTIVE");
        assertThat(p.getPeerMtu()).isEqualTo(1460);
        compute.dropPeering("their-project", "their-vpc", "to-us");
        assertThat(networks.get(P, "vpc").getPeerings(0).getState()).isEqualTo("INACTIVE");
        assertThat(compute.privateServicesConnected(P, "vpc")).isFalse();
        assertThatThrownBy(() -> networks.addPeeringAsync(P, "vpc", NetworksAddPeeringRequest.newBuilder().setNetworkPeering(
                NetworkPeering.newBuilder().setName("to-them").setNetwork("global/networks/other")).build()).get())
                .hasCauseInstanceOf(AbortedException.class);
    }

    @Test
    void anAutoModeNetworkHasASubnetInEveryRegionAndKeepsItsBlock() throws Exception {
        Operation op = networks.insertAsync(P, Network.newBuilder().setName("auto").setAutoCreateSubnetworks(true).build()).get();
        assertThat(op.hasError()).isFalse();
        Subnetwork central = subnetworks.get(P, R, "auto");
        assertThat(central.getIpCidrRange()).isEqualTo("10.128.0.0/20");
        assertThat(subnetworks.get(P, "europe-west1", "auto").getIpCidrRange()).isEqualTo("10.132.0.0/20");
        assertThat(networks.get(P, "auto").getSubnetworksCount()).isGreaterThan(20);
        assertThatThrownBy(() -> subnet("extra", "auto", "10.200.0.0/16")).hasCauseInstanceOf(InvalidArgumentException.class)
                .hasStackTraceContaining("cannot overlap with 10.128.0.0/9");
        subnet("extra", "auto", "10.10.0.0/16");
        assertThatThrownBy(() -> subnetworks.get(P, "mars-north1", "auto")).isInstanceOf(NotFoundException.class);
        subnetworks.deleteAsync(P, R, "extra").get();
        assertThat(networks.deleteAsync(P, "auto").get().hasError()).isFalse();
        assertThatThrownBy(() -> subnetworks.get(P, R, "auto")).isInstanceOf(NotFoundException.class);
        assertThat(compute.routes(P)).isEmpty();
        JsonNode stored = compute.json("projects/" + P + "/global/operations/" + op.getName());
        assertThat(stored.get("status").asText()).isEqualTo("DONE");
    }
}
