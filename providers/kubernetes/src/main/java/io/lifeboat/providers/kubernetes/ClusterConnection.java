package io.lifeboat.providers.kubernetes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.lifeboat.provider.ProviderConfig;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.Props;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * How the provider reaches a cluster, from its provider resource's inputs:
 * <ul>
 * <li>{@code kubeconfig} (a file, relative to the project) and optionally {@code context}: used
 *     as it is, when given;</li>
 * <li>else {@code server} and {@code certificateAuthorityData} (the cluster's outputs) with
 *     {@code token}, or with {@code auth: aws-eks}: a token presigned for {@code cluster} in
 *     {@code region} with the AWS credentials of the default chain (or {@code profile}), or with
 *     {@code auth: gke}: an OAuth access token of Google's Application Default Credentials.</li>
 * </ul>
 * Nothing is read from the user's own {@code ~/.kube/config}: the platform's deployments go to
 * the platform's cluster only. The client is made when first needed.
 */
final class ClusterConnection implements AutoCloseable {
    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final ProviderConfig config;
    private KubernetesClient client;

    ClusterConnection(ProviderConfig config) {
        this.config = config;
    }

    synchronized KubernetesClient client() throws ProviderException {
        if (client == null) client = new KubernetesClientBuilder().withConfig(clientConfig()).build();
        return client;
    }

    /** How long to wait between looks at a rollout or a deletion. */
    Duration pollInterval() {
        return Duration.ofMillis(Long.parseLong(config.setting("kubernetes.pollMillis", "2000")));
    }

    String describe() {
        Props in = config.inputs();
        if (in.string("kubeconfig") != null) return "kubeconfig " + in.string("kubeconfig");
        return in.string("cluster") != null ? "cluster " + in.string("cluster") : String.valueOf(in.string("server"));
    }

    private Config clientConfig() throws ProviderException {
        Props in = config.inputs();
        String kubeconfig = in.string("kubeconfig");
        if (kubeconfig != null) {
            Path p = Path.of(kubeconfig);
            if (!p.isAbsolute() && config.workDir() != null) p = config.workDir().resolve(p);
            try {
                return Config.fromKubeconfig(in.string("context"), Files.readString(p, StandardCharsets.UTF_8), p.toString());
            } catch (IOException e) {
                throw invalid("cannot read kubeconfig " + p + ": " + e.getMessage());
            }
        }
        String server = in.string("server");
        if (server == null) throw invalid("the kubernetes provider needs the cluster's server (endpoint), or a kubeconfig");
        ConfigBuilder b = new ConfigBuilder(Config.empty()).withMasterUrl(server).withRequestTimeout(30_000).withConnectionTimeout(10_000)
                .withRequestRetryBackoffLimit(0); // the engine retries, with its own backoff and deadline
        String ca = in.string("certificateAuthorityData");
        if (ca != null) b.withCaCertData(ca);
        if ("true".equals(in.string("insecure"))) b.withTrustCerts(true).withDisableHostnameVerification(true);
        String token = in.string("token");
        if (token != null) {
            b.withOauthToken(token);
        } else if ("aws-eks".equals(in.string("auth"))) {
            String cluster = in.string("cluster");
            if (cluster == null) throw invalid("auth aws-eks needs the cluster's name (input 'cluster')");
            EksToken eks = new EksToken(cluster, config.region(), in.string("awsEndpoint"), credentials(in));
            b.withOauthTokenProvider(eks::get);
        } else if ("gke".equals(in.string("auth"))) {
            b.withOauthTokenProvider(new GkeToken()::get);
        }
        return b.build();
    }

    private AwsCredentialsProvider credentials(Props in) {
        String profile = config.setting("profile", null);
        if (profile != null) return ProfileCredentialsProvider.create(profile);
        if (in.string("awsEndpoint") != null) {
            // an emulator: the default chain if it finds credentials, else the emulators' usual test pair
            try {
                DefaultCredentialsProvider chain = DefaultCredentialsProvider.create();
                chain.resolveCredentials();
                return chain;
            } catch (RuntimeException e) {
                return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
            }
        }
        return DefaultCredentialsProvider.create();
    }

    private static ProviderException invalid(String message) {
        return new ProviderException(ProviderException.Kind.INVALID_INPUT, "InvalidProviderConfig", message);
    }

    @Override
    public synchronized void close() {
        if (client != null) client.close();
        client = null;
    }
}
