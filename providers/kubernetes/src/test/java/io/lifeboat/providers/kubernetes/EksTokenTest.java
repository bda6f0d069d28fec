package io.lifeboat.providers.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The token is what {@code aws eks get-token} makes: a presigned STS call bound to the cluster by name. */
class EksTokenTest {
    static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));

    @Test
    void isAPresignedGetCallerIdentityBoundToTheCluster() {
        String token = new EksToken("prod-use1", "us-east-1", null, CREDENTIALS).make();
        assertThat(token).startsWith("k8s-aws-v1.").doesNotContain("=").doesNotContain("+").doesNotContain("/");
        URI url = URI.create(new String(Base64.getUrlDecoder().decode(token.substring("k8s-aws-v1.".length())), StandardCharsets.UTF_8));
        assertThat(url.getScheme() + "://" + url.getHost() + url.getPath()).isEqualTo("https://sts.us-east-1.amazonaws.com/");
        Map<String, String> q = query(url);
        assertThat(q).containsEntry("Action", "GetCallerIdentity").containsEntry("Version", "2011-06-15")
                .containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256").containsEntry("X-Amz-Expires", "60");
        assertThat(q.get("X-Amz-SignedHeaders")).contains("host").contains("x-k8s-aws-id");
        assertThat(q.get("X-Amz-Credential")).startsWith("AKIAIOSFODNN7EXAMPLE/").endsWith("/us-east-1/sts/aws4_request");
        assertThat(q.get("X-Amz-Signature")).matches("[0-9a-f]{64}");
        assertThat(token).doesNotContain("wJalrXUtnFEMI"); // the secret key signs, it never travels
    }

    @Test
    void anEmulatorsEndpointReplacesSts() {
        String token = new EksToken("c", "us-west-2", "http://127.0.0.1:4566", CREDENTIALS).make();
        String url = new String(Base64.getUrlDecoder().decode(token.substring("k8s-aws-v1.".length())), StandardCharsets.UTF_8);
        assertThat(url).startsWith("http://127.0.0.1:4566/?");
    }

    @Test
    void isReusedForTenMinutes() {
        EksToken t = new EksToken("c", "us-west-2", null, CREDENTIALS);
        assertThat(t.get()).isSameAs(t.get());
    }

    private static Map<String, String> query(URI url) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
