package io.lifeboat.providers.kubernetes;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * A bearer token for an EKS cluster's API server, as {@code aws eks get-token} makes it: a
 * GetCallerIdentity request to STS, presigned with the caller's credentials and bound to the
 * cluster by the {@code x-k8s-aws-id} header, base64url-encoded behind {@code k8s-aws-v1.}. The
 * API server has STS answer it and maps the caller to a Kubernetes identity. A token lives 15
 * minutes; a new one is made when the old one is 10 minutes old.
 */
final class EksToken {
    private static final Duration REUSE = Duration.ofMinutes(10);

    private final String cluster;
    private final String region;
    private final URI sts;
    private final AwsCredentialsProvider credentials;
    private String token;
    private Instant madeAt;

    /** {@code stsEndpoint} overrides {@code https://sts.REGION.amazonaws.com} (an emulator); may be null. */
    EksToken(String cluster, String region, String stsEndpoint, AwsCredentialsProvider credentials) {
        this.cluster = cluster;
        this.region = region;
        this.sts = URI.create(stsEndpoint != null ? stsEndpoint : "https://sts." + region + ".amazonaws.com");
        this.credentials = credentials;
    }

    synchronized String get() {
        Instant now = Instant.now();
        if (token == null || madeAt.plus(REUSE).isBefore(now)) {
            token = make();
            madeAt = now;
        }
        return token;
    }

    String make() {
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.GET)
                .uri(sts)
                .encodedPath("/")
                .appendRawQueryParameter("Action", "GetCallerIdentity")
                .appendRawQueryParameter("Version", "2011-06-15")
                .appendHeader("x-k8s-aws-id", cluster)
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(credentials.resolveCredentials())
                .request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4HttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofSeconds(60)));
        String url = signed.request().getUri().toString();
        return "k8s-aws-v1." + Base64.getUrlEncoder().withoutPadding().encodeToString(url.getBytes(StandardCharsets.UTF_8));
    }
}
