package io.lifeboat.providers.gcp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.google.api.client.googleapis.MethodOverride;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.api.gax.rpc.ClientSettings;
import com.google.api.gax.rpc.UnaryCallSettings;
import com.google.api.services.sqladmin.SQLAdmin;
import com.google.auth.Credentials;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.compute.v1.FirewallsClient;
import com.google.cloud.compute.v1.FirewallsSettings;
import com.google.cloud.compute.v1.GlobalAddressesClient;
import com.google.cloud.compute.v1.GlobalAddressesSettings;
import com.google.cloud.compute.v1.GlobalOperationsClient;
import com.google.cloud.compute.v1.GlobalOperationsSettings;
import com.google.cloud.compute.v1.NetworksClient;
import com.google.cloud.compute.v1.NetworksSettings;
import com.google.cloud.compute.v1.ProjectsClient;
import com.google.cloud.compute.v1.ProjectsSettings;
import com.google.cloud.compute.v1.RegionOperationsClient;
import com.google.cloud.compute.v1.RegionOperationsSettings;
import com.google.cloud.compute.v1.RoutersClient;
import com.google.cloud.compute.v1.RoutersSettings;
import com.google.cloud.compute.v1.RoutesClient;
import com.google.cloud.compute.v1.RoutesSettings;
import com.google.cloud.compute.v1.SubnetworksClient;
import com.google.cloud.compute.v1.SubnetworksSettings;
import com.google.cloud.container.v1.ClusterManagerClient;
import com.google.cloud.container.v1.ClusterManagerSettings;
import com.google.cloud.monitoring.v3.NotificationChannelServiceClient;
import com.google.cloud.monitoring.v3.NotificationChannelServiceSettings;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretManagerServiceSettings;
import com.google.devtools.artifactregistry.v1.ArtifactRegistryClient;
import com.google.devtools.artifactregistry.v1.ArtifactRegistrySettings;

import io.lifeboat.provider.ProviderException;

/**
 * The Google API clients of one project and region, each made when first used (opening a
 * provider calls nobody: a failover never reaches the lost region). Compute, Container, Secret
 * Manager and Artifact Registry go over HTTP/JSON, Monitoring over gRPC (it has no REST
 * transport), Cloud SQL Admin and Service Networking through google-http-client. No client
 * retries: the engine's retry policy sees every throttling and backs off with jitter.
 *
 * <p>Credentials are Application Default Credentials: {@code GOOGLE_APPLICATION_CREDENTIALS},
 * gcloud's user credentials, workload identity, the metadata server. With an endpoint (a test's
 * fakes, an emulator) every API's calls go there in plain HTTP (Monitoring's as plaintext gRPC
 * to the same host and port), signed when ADC is configured by a file and unsigned otherwise.
 */
public final class GcpClients implements AutoCloseable {
    static final List<String> SCOPES = List.of("https://www.googleapis.com/auth/cloud-platform");

    private final GcpSettings settings;
    private final Map<Class<?>, Object> clients = new ConcurrentHashMap<>();
    private volatile Credentials credentials;
    private volatile boolean unsigned;

    public GcpClients(GcpSettings settings) {
        this.settings = settings;
    }

    public GcpSettings settings() {
        return settings;
    }

    public String project() {
        return settings.project();
    }

    public String region() {
        return settings.region();
    }

    /** The credentials every client signs with (null: unsigned, on an endpoint without ADC). */
    synchronized Credentials credentials() throws ProviderException {
        if (credentials != null || unsigned) return credentials;
        if (settings.endpoint() != null && !adcConfiguredByFile()) {
            unsigned = true;
            return null;
        }
        try {
            credentials = GoogleCredentials.getApplicationDefault().createScoped(SCOPES);
            return credentials;
        } catch (IOException e) {
            throw new ProviderException(ProviderException.Kind.PERMISSION, "NoCredentials",
                    "no Google credentials found: run `gcloud auth application-default login`, or set GOOGLE_APPLICATION_CREDENTIALS to a key"
                            + " file, or run where a service account is attached (" + e.getMessage() + ")", e);
        }
    }

    /** ADC from a file: the environment's key file, or gcloud's application default credentials. */
    private static boolean adcConfiguredByFile() {
        if (System.getenv("GOOGLE_APPLICATION_CREDENTIALS") != null) return true;
        String config = System.getenv("CLOUDSDK_CONFIG");
        Path dir = config != null ? Path.of(config) : Path.of(System.getProperty("user.home"), ".config", "gcloud");
        return Files.isRegularFile(dir.resolve("application_default_credentials.json"));
    }

    private CredentialsProvider credentialsProvider() throws ProviderException {
        Credentials c = credentials();
        return c == null ? NoCredentialsProvider.create() : FixedCredentialsProvider.create(c);
    }

    /** Compute's, Container's, Secret Manager's and Artifact Registry's settings: credentials, the endpoint, no retries. */
    private <B extends ClientSettings.Builder<?, B>> B http(B builder) throws ProviderException {
        builder.setCredentialsProvider(credentialsProvider());
        if (settings.endpoint() != null) builder.setEndpoint(settings.endpoint().toString());
        return builder;
    }

    private static Void once(UnaryCallSettings.Builder<?, ?> b) {
        b.setRetryableCodes(java.util.Set.of());
        b.setRetrySettings(b.getRetrySettings().toBuilder().setMaxAttempts(1).build());
        return null;
    }

    private interface Make<C> {
        C make() throws IOException, ProviderException;
    }

    @SuppressWarnings("unchecked")
    private <C> C client(Class<C> type, Make<C> make) throws ProviderException {
        Object c = clients.get(type);
        if (c != null) return (C) c;
        synchronized (clients) {
            c = clients.get(type);
            if (c == null) {
                c = GcpCall.run("connecting " + type.getSimpleName(), make::make);
                clients.put(type, c);
            }
            return (C) c;
        }
    }

    public NetworksClient networks() throws ProviderException {
        return client(NetworksClient.class, () -> NetworksClient.create(http(NetworksSettings.newBuilder()).applyToAllUnaryMethods(GcpClients::once).build()));
    }

    public SubnetworksClient subnetworks() throws ProviderException {
        return client(SubnetworksClient.class, () -> SubnetworksClient.create(http(SubnetworksSettings.newBuilder()).applyToAllUnaryMethods(GcpClients::once).build()));
    }

    public FirewallsClient firewalls() throws ProviderException {
        return client(FirewallsClient.class, () -> FirewallsClient.create(http(FirewallsSettings.newBuilder()).applyToAllUnaryMethods(GcpClients::once).build()));
    }

    public RoutesClient routes() throws ProviderException {
        return client(RoutesClient.class, () -> RoutesClient.create(http(RoutesSettings.newBuilder()).applyToAllUnaryMethods(GcpClients::once).build()));
    }

    public RoutersClient routers() throws ProviderException {
        return client(RoutersClient.class, () -> RoutersClient.create(http(RoutersSettings.newBuilder()).applyToAllUnaryMethods(GcpClients::once).build()));
    }

    public GlobalAddressesClient globalAddresses() throws ProviderException {
        return client(GlobalAddressesClient.class,
                () -> GlobalAddressesClient.create(http(GlobalAddressesSettings.newBuilder()).applyToAllUnaryMethods(GcpClients::once).build()));
    }

    public GlobalOperationsClient globalOperations() throws ProviderException {
        return client(GlobalOperationsClient.class,
                () -> GlobalOperationsClient.create(http(GlobalOperationsSettings.newBuilder()).applyToAllUnaryMethods(GcpClients::once).build()));
    }

    public RegionOperationsClient regionOperations() throws ProviderException {
        return client(RegionOperationsClient.class,
                () -> RegionOperationsClient.create(http(RegionOperationsSettings.newBuilder()).applyToAllUnaryMethods(GcpClients::once).build()));
    }

    public ProjectsClient projects() throws ProviderException {
        return client(ProjectsClient.class, () -> ProjectsClient.create(http(ProjectsSettings.newBuilder()).applyToAllUnaryMethods(GcpClients::once).build()));
    }

    public ClusterManagerClient container() throws ProviderException {
        return client(ClusterManagerClient.class,
                () -> ClusterManagerClient.create(http(ClusterManagerSettings.newHttpJsonBuilder()).applyToAllUnaryMethods(GcpClients::once).build()));
    }

    public SecretManagerServiceClient secrets() throws ProviderException {
        return client(SecretManagerServiceClient.class, () -> SecretManagerServiceClient.create(
                http(SecretManagerServiceSettings.newHttpJsonBuilder()).applyToAllUnaryMethods(GcpClients::once).build()));
    }

    public ArtifactRegistryClient artifacts() throws ProviderException {
        return client(ArtifactRegistryClient.class,
                () -> ArtifactRegistryClient.create(http(ArtifactRegistrySettings.newHttpJsonBuilder()).applyToAllUnaryMethods(GcpClients::once).build()));
    }

    /** Monitoring has no REST transport: gRPC, plaintext to the endpoint's host and port when there is one. */
    public NotificationChannelServiceClient channels() throws ProviderException {
        return client(NotificationChannelServiceClient.class, () -> {
            NotificationChannelServiceSettings.Builder b = NotificationChannelServiceSettings.newBuilder().setCredentialsProvider(credentialsProvider());
            if (settings.endpoint() != null) {
                java.net.URI e = settings.endpoint();
                int port = e.getPort() > 0 ? e.getPort() : "https".equals(e.getScheme()) ? 443 : 80;
                InstantiatingGrpcChannelProvider.Builder channel = InstantiatingGrpcChannelProvider.newBuilder().setEndpoint(e.getHost() + ":" + port);
                if ("http".equals(e.getScheme())) channel.setChannelConfigurator(io.grpc.ManagedChannelBuilder::usePlaintext);
                b.setTransportChannelProvider(channel.build()).setEndpoint(e.getHost() + ":" + port);
            }
            return NotificationChannelServiceClient.create(b.applyToAllUnaryMethods(GcpClients::once).build());
        });
    }

    /** Cloud SQL Admin: the discovery client, its root URL the endpoint when there is one. */
    public SQLAdmin sql() throws ProviderException {
        return client(SQLAdmin.class, () -> {
            SQLAdmin.Builder b = new SQLAdmin.Builder(new NetHttpTransport(), GsonFactory.getDefaultInstance(), initializer()).setApplicationName("lifeboat");
            if (settings.endpoint() != null) b.setRootUrl(settings.endpoint() + "/");
            return b.build();
        });
    }

    /** JSON requests for the APIs without a client here (Service Networking), signed as the others. */
    public RestClient rest() throws ProviderException {
        return client(RestClient.class, () -> new RestClient(new NetHttpTransport().createRequestFactory(initializer()),
                settings.endpoint() != null ? settings.endpoint() + "/" : null));
    }

    /** Signs (when there are credentials) and bounds every google-http-client request: 10 s to connect, 60 s to read. */
    private HttpRequestInitializer initializer() throws ProviderException {
        Credentials c = credentials();
        HttpCredentialsAdapter sign = c == null ? null : new HttpCredentialsAdapter(c);
        // the JDK's connection has no PATCH: MethodOverride sends it as a POST with X-HTTP-Method-Override, as Google's APIs take it
        MethodOverride override = new MethodOverride();
        return request -> {
            if (sign != null) sign.initialize(request);
            override.initialize(request);
            request.setConnectTimeout(10_000).setReadTimeout(60_000).setNumberOfRetries(0);
        };
    }

    @Override
    public void close() {
        for (Object c : clients.values()) {
            if (c instanceof AutoCloseable a) {
                try {
                    a.close();
                } catch (Exception e) {
                    // closing a client frees its connections; nothing to report
                }
            }
        }
        clients.clear();
    }
}
