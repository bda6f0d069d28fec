package io.lifeboat.providers.aws;

import java.net.URI;
import java.time.Duration;

import io.lifeboat.provider.Poll;
import io.lifeboat.provider.ProviderConfig;
import io.lifeboat.provider.ProviderException;

/**
 * How the aws provider reaches AWS: the region, an endpoint that takes every service's calls (an
 * emulator on {@code http://HOST:PORT}; null for AWS itself), the profile of the SDK's credential
 * chain, and how often to poll an object that is still provisioning.
 *
 * @param consistencyWindow how long an object just made may be missing from reads (AWS APIs are
 *                          eventually consistent) before that counts as gone
 */
public record AwsSettings(String region, URI endpoint, String profile, Duration pollInterval, Duration consistencyWindow,
                          Duration connectTimeout) {
    public static final String POLL_PROPERTY = "lifeboat.aws.pollMillis";

    static AwsSettings of(ProviderConfig config) throws ProviderException {
        if (config.region() == null || !config.region().matches("[a-z]{2}(-[a-z]+)+-\\d")) {
            throw new ProviderException(ProviderException.Kind.INVALID_INPUT, "InvalidRegion", "not an AWS region: " + config.region());
        }
        URI endpoint = null;
        if (config.endpoint() != null && !config.endpoint().isBlank()) {
            try {
                endpoint = URI.create(config.endpoint());
            } catch (IllegalArgumentException e) {
                endpoint = null;
            }
            if (endpoint == null || endpoint.getHost() == null || !("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))) {
                throw new ProviderException(ProviderException.Kind.INVALID_INPUT, "InvalidEndpoint",
                        "endpoint must be http://HOST:PORT or https://HOST (got " + config.endpoint() + ")");
            }
        }
        long poll = millis(config.setting("pollMillis", System.getProperty(POLL_PROPERTY)), 5000);
        return new AwsSettings(config.region(), endpoint, config.setting("profile", null), Duration.ofMillis(poll),
                Duration.ofMillis(Math.max(poll * 12, 1000)), Duration.ofSeconds(5));
    }

    private static long millis(String text, long fallback) {
        if (text == null) return fallback;
        try {
            return Math.max(1, Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Waits on AWS: these codes mean a delete is blocked by another object, for now. */
    Poll poll() {
        return new Poll(pollInterval, consistencyWindow, code -> "DependencyViolation".equals(code) || "ResourceInUseException".equals(code)
                || "DeleteConflict".equals(code) || "InvalidDBSubnetGroupStateFault".equals(code) || "InvalidDBInstanceState".equals(code)
                || code.endsWith(".InUse"));
    }

    AwsSettings inRegion(String other) {
        return new AwsSettings(other, endpoint, profile, pollInterval, consistencyWindow, connectTimeout);
    }
}
