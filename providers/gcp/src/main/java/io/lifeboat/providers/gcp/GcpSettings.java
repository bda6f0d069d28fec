package io.lifeboat.providers.gcp;

import java.net.URI;
import java.time.Duration;

import io.lifeboat.provider.Poll;
import io.lifeboat.provider.ProviderConfig;
import io.lifeboat.provider.ProviderException;

/**
 * How the gcp provider reaches GCP: the project, the region, an endpoint that takes every API's
 * calls (a test's fakes or an emulator on {@code http://HOST:PORT}; null for Google itself), and
 * how often to poll an operation that is still running.
 *
 * @param consistencyWindow how long an object just made may be missing from reads before that
 *                          counts as gone
 */
public record GcpSettings(String project, String region, URI endpoint, Duration pollInterval, Duration consistencyWindow) {
    public static final String POLL_PROPERTY = "lifeboat.gcp.pollMillis";

    static GcpSettings of(ProviderConfig config) throws ProviderException {
        if (config.region() == null || !config.region().matches("[a-z]+-[a-z]+\\d+")) {
            throw invalid("InvalidRegion", "not a GCP region: " + config.region() + " (regions are named like us-central1)");
        }
        String project = config.inputs().string("project");
        if (project == null) project = config.setting("project", null);
        if (project == null || !project.matches("[a-z][-a-z0-9]{4,28}[a-z0-9]")) {
            throw invalid("InvalidProject", "the gcp provider needs the stack's project (project: in the stack file): 6 to 30 lowercase letters, digits"
                    + " or hyphens, starting with a letter (got " + project + ")");
        }
        URI endpoint = null;
        String e = config.endpoint();
        if (e != null && !e.isBlank()) {
            try {
                endpoint = URI.create(e.replaceAll("/+$", ""));
            } catch (IllegalArgumentException x) {
                endpoint = null;
            }
            if (endpoint == null || endpoint.getHost() == null || !("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))) {
                throw invalid("InvalidEndpoint", "endpoint must be http://HOST:PORT or https://HOST (got " + e + ")");
            }
        }
        long poll = millis(config.setting("pollMillis", System.getProperty(POLL_PROPERTY)), 3000);
        return new GcpSettings(project, config.region(), endpoint, Duration.ofMillis(poll), Duration.ofMillis(Math.max(poll * 10, 1000)));
    }

    private static ProviderException invalid(String code, String message) {
        return new ProviderException(ProviderException.Kind.INVALID_INPUT, code, message);
    }

    private static long millis(String text, long fallback) {
        if (text == null) return fallback;
        try {
            return Math.max(1, Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Waits on GCP: a delete refused while another object still uses the object is repeated. */
    Poll poll() {
        return new Poll(pollInterval, consistencyWindow, GcpErrors::inUse);
    }
}
