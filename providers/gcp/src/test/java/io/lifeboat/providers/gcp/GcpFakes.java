package io.lifeboat.providers.gcp;

import java.util.Map;

import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderConfig;
import io.lifeboat.providers.gcp.fake.FakeArtifactRegistry;
import io.lifeboat.providers.gcp.fake.FakeGoogleApis;
import io.lifeboat.providers.gcp.fake.FakeMonitoring;
import io.lifeboat.providers.gcp.fake.FakeSecretManager;
import io.lifeboat.providers.gcp.fake.PortFront;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/**
 * Google's APIs on one port of 127.0.0.1, as one {@code endpoint:} reaches them: the REST fakes
 * on one HTTP server, Monitoring's gRPC fake behind the same port, and gcp providers opened on
 * them for project {@value #PROJECT}.
 */
final class GcpFakes implements AutoCloseable {
    static final String PROJECT = "acme-data-prod";

    final FakeGoogleApis apis;
    final FakeSecretManager secrets = new FakeSecretManager();
    final FakeArtifactRegistry artifacts = new FakeArtifactRegistry();
    final FakeMonitoring monitoring;
    private final PortFront front;

    GcpFakes() throws Exception {
        apis = new FakeGoogleApis();
        apis.serve(artifacts).serve(secrets);
        monitoring = new FakeMonitoring();
        front = new PortFront(apis.port(), monitoring.port());
        System.setProperty(GcpSettings.POLL_PROPERTY, "5");
    }

    String endpoint() {
        return "http://127.0.0.1:" + front.port();
    }

    GcpProvider provider(String region) throws Exception {
        return (GcpProvider) new GcpProviderFactory().open(new ProviderConfig("gcp", region, endpoint(), null, Map.of(),
                Props.builder().put("project", PROJECT).build()));
    }

    static OperationContext ctx(Urn urn) {
        return OperationContext.of(urn, java.time.Duration.ofSeconds(30));
    }

    static Urn urn(String type, String name) {
        return new Urn("gcp-usc1", "lifeboat", type, name);
    }

    @Override
    public void close() throws Exception {
        front.close();
        apis.close();
        monitoring.close();
    }
}
