package io.lifeboat.providers.gcp.fake;

import java.util.Map;

/**
 * Every fake of Google's APIs on one port of 127.0.0.1, as one {@code endpoint:} reaches them:
 * the REST fakes (Compute, Service Networking, Container, SQL Admin, Secret Manager, Artifact
 * Registry, Monitoring's time series) on one HTTP server, Monitoring's gRPC fake (notification
 * channels) behind the same port ({@link PortFront}).
 * The project {@value #PROJECT} is the caller's; others (a peer's network) are someone else's.
 */
public class FakeGcp implements AutoCloseable {
    public static final String PROJECT = "acme-data-prod";
    public static final long PROJECT_NUMBER = 123456789012L;

    public final FakeGoogleApis apis;
    public final FakeCompute compute = new FakeCompute(Map.of(PROJECT, PROJECT_NUMBER));
    public final FakeServiceNetworking serviceNetworking = new FakeServiceNetworking(compute);
    public final FakeContainer container = new FakeContainer(compute);
    public final FakeSqlAdmin sql = new FakeSqlAdmin(compute);
    public final FakeSecretManager secrets = new FakeSecretManager();
    public final FakeArtifactRegistry artifacts = new FakeArtifactRegistry();
    public final FakeTimeSeries timeSeries = new FakeTimeSeries();
    public final FakeMonitoring monitoring;
    private final PortFront front;

    public FakeGcp() throws Exception {
        apis = new FakeGoogleApis();
        // Artifact Registry before Container: both serve .../locations/L/operations/..., each claims its own
        apis.serve(compute).serve(serviceNetworking).serve(artifacts).serve(container).serve(sql).serve(secrets).serve(timeSeries);
        monitoring = new FakeMonitoring();
        front = new PortFront(apis.port(), monitoring.port());
    }

    /** {@code http://127.0.0.1:PORT}: a stack's {@code endpoint:}. */
    public String endpoint() {
        return "http://127.0.0.1:" + front.port();
    }

    @Override
    public void close() throws Exception {
        front.close();
        apis.close();
        monitoring.close();
    }
}
