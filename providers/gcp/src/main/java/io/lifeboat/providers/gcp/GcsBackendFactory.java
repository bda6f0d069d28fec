package io.lifeboat.providers.gcp;

import java.net.URI;
import java.nio.file.Path;

import com.google.api.gax.retrying.RetrySettings;
import com.google.cloud.NoCredentials;
import com.google.cloud.storage.StorageOptions;

import io.lifeboat.state.StateBackend;
import io.lifeboat.state.StateBackendFactory;
import io.lifeboat.state.StateException;

/**
 * {@code gs://BUCKET/PREFIX}: the GCS state backend. Credentials are Application Default
 * Credentials; the stack's {@code endpoint:} (a URL: a test's fake, an emulator) takes the calls,
 * over plain HTTP and unsigned. The client retries nothing: a state call that fails says so, and
 * the command that made it stops before its next change.
 */
public final class GcsBackendFactory implements StateBackendFactory {
    @Override
    public String scheme() {
        return "gs";
    }

    @Override
    public StateBackend open(URI url, Path workDir, String endpoint) {
        String bucket = url.getHost();
        if (bucket == null || bucket.isEmpty()) throw new StateException("gs state needs a bucket: gs://BUCKET/PREFIX (got " + url + ")");
        StorageOptions.Builder options = StorageOptions.http().setRetrySettings(RetrySettings.newBuilder().setMaxAttempts(1).build());
        if (endpoint != null && !endpoint.equals("sim")) {
            try {
                URI.create(endpoint);
            } catch (IllegalArgumentException e) {
                throw new StateException("not an endpoint URL: " + endpoint);
            }
            options.setHost(endpoint.replaceAll("/+$", "")).setCredentials(NoCredentials.getInstance()).setProjectId("lifeboat");
        }
        return new GcsBackend(options.build().getService(), bucket, url.getPath());
    }
}
