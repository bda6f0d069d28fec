package io.lifeboat.providers.aws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The SDK clients of one region, made when first used (so that opening a provider calls nobody:
 * a failover never reaches the lost region). The SDK does not retry: the engine's retry policy
 * sees every throttling and backs off with jitter. With an endpoint (an emulator) every
 * service's calls go there, S3 path-style, and when the SDK's credential chain finds nothing,
 * static dummy credentials are used.
 */
public final class AwsClients implements AutoCloseable {
    private final AwsSettings settings;
    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final Map<Class<?>, AutoCloseable> clients = new ConcurrentHashMap<>();
    private final Map<String, AwsClients> otherRegions = new ConcurrentHashMap<>();

    public AwsClients(AwsSettings settings) {
        this.settings = settings;
        this.http = UrlConnectionHttpClient.builder().connectionTimeout(settings.connectTimeout())
                .socketTimeout(java.time.Duration.ofSeconds(60)).build();
        this.credentials = credentials(settings);
    }

    public AwsSettings settings() {
        return settings;
    }

    public String region() {
        return settings.region();
    }

    /** The HTTP client the SDK clients share, for the calls made without one (CloudWatch's Query API). */
    SdkHttpClient http() {
        return http;
    }

    /** The credentials the SDK clients sign with. */
    AwsCredentialsProvider credentials() {
        return credentials;
    }

    /** The clients of another region, with the same endpoint and credentials. */
    public AwsClients inRegion(String region) {
        if (region.equals(settings.region())) return this;
        return otherRegions.computeIfAbsent(region, r -> new AwsClients(settings.inRegion(r)));
    }

    public Ec2Client ec2() {
        return client(Ec2Client.class, () -> build(Ec2Client.builder(), region(settings.region())));
    }

    public RdsClient rds() {
        return client(RdsClient.class, () -> build(RdsClient.builder(), region(settings.region())));
    }

    public EksClient eks() {
        return client(EksClient.class, () -> build(EksClient.builder(), region(settings.region())));
    }

    public EcrClient ecr() {
        return client(EcrClient.class, () -> build(EcrClient.builder(), region(settings.region())));
    }

    /** IAM is global: its real endpoint is aws-global; an emulator takes any region. */
    public IamClient iam() {
        return client(IamClient.class, () -> build(IamClient.builder(), settings.endpoint() == null ? Region.AWS_GLOBAL : region(settings.region())));
    }

    public SecretsManagerClient secrets() {
        return client(SecretsManagerClient.class, () -> build(SecretsManagerClient.builder(), region(settings.region())));
    }

    public SnsClient sns() {
        return client(SnsClient.class, () -> build(SnsClient.builder(), region(settings.region())));
    }

    public S3Client s3() {
        // checksums only where S3 requires them: emulators do not all read the newer aws-chunked trailers
        return client(S3Client.class, () -> build(S3Client.builder().forcePathStyle(settings.endpoint() != null)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED), region(settings.region())));
    }

    @SuppressWarnings("unchecked")
    private <C extends AutoCloseable> C client(Class<C> type, Supplier<C> make) {
        return (C) clients.computeIfAbsent(type, t -> make.get());
    }

    private static Region region(String name) {
        return Region.of(name);
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, Region region) {
        builder.region(region).credentialsProvider(credentials).httpClient(http)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
        if (settings.endpoint() != null) builder.endpointOverride(settings.endpoint());
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(AwsSettings settings) {
        AwsCredentialsProvider chain = settings.profile() != null
                ? ProfileCredentialsProvider.builder().profileName(settings.profile()).build()
                : DefaultCredentialsProvider.builder().build();
        if (settings.endpoint() == null) return chain;
        return new EmulatorCredentials(chain);
    }

    /** The chain's credentials, or dummy ones for an emulator when the chain has none. */
    private static final class EmulatorCredentials implements AwsCredentialsProvider {
        private final AwsCredentialsProvider chain;
        private volatile AwsCredentials resolved;

        EmulatorCredentials(AwsCredentialsProvider chain) {
            this.chain = chain;
        }

        @Override
        public AwsCredentials resolveCredentials() {
            AwsCredentials c = resolved;
            if (c != null) return c;
            try {
                c = chain.resolveCredentials();
            } catch (SdkClientException e) {
                c = AwsBasicCredentials.create("test", "test");
            }
            resolved = c;
            return c;
        }
    }

    @Override
    public void close() {
        for (AwsClients other : otherRegions.values()) other.close();
        for (AutoCloseable c : clients.values()) {
            try {
                c.close();
            } catch (Exception e) {
                // closing a client frees connections; nothing to report
            }
        }
        http.close();
    }
}
