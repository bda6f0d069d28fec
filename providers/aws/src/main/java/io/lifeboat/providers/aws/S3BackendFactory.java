package io.lifeboat.providers.aws;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import io.lifeboat.state.StateBackend;
import io.lifeboat.state.StateBackendFactory;
import io.lifeboat.state.StateException;

/**
 * {@code s3://BUCKET/PREFIX?region=REGION}: the S3 state backend. The region defaults to
 * us-east-1; the stack's {@code endpoint:} (an emulator) takes the calls when it is a URL;
 * credentials come from the SDK's default chain.
 */
public final class S3BackendFactory implements StateBackendFactory {
    @Override
    public String scheme() {
        return "s3";
    }

    @Override
    public StateBackend open(URI url, Path workDir, String endpoint) {
        String bucket = url.getHost();
        if (bucket == null || bucket.isEmpty()) throw new StateException("s3 state needs a bucket: s3://BUCKET/PREFIX?region=REGION (got " + url + ")");
        String region = "us-east-1";
        if (url.getQuery() != null) {
            for (String part : url.getQuery().split("&")) {
                if (part.startsWith("region=")) region = part.substring("region=".length());
            }
        }
        URI override = null;
        if (endpoint != null) {
            try {
                override = URI.create(endpoint);
            } catch (IllegalArgumentException e) {
                throw new StateException("not an endpoint URL: " + endpoint);
            }
        }
        AwsSettings settings = new AwsSettings(region, override, null, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(5));
        return new S3Backend(new AwsClients(settings), bucket, url.getPath());
    }
}
