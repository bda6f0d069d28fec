package io.lifeboat.providers.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;

/**
 * How calls to one region behave in time, before and after the cloud acts on them: a call to a
 * region that is out fails after a delay; every call takes the profile's latency plus the
 * region's injected latency; then it may be throttled or fail with a transient error — all
 * before the call has any effect. Waiting for the cloud's asynchronous work (an object becoming
 * available) goes through here too, as it watches the deadline and the region's outage.
 */
final class CallGate {
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);

    private final SimCloud cloud;
    private final String region;
    private final SimSettings settings;
    private final Random faultRandom;

    CallGate(SimCloud cloud, String region, SimSettings settings) {
        this.cloud = cloud;
        this.region = region;
        this.settings = settings;
        this.faultRandom = settings.seed() == null ? new Random() : new Random(settings.seed() ^ region.hashCode());
    }

    /** Passes a call to {@code service} through the region's outage, latency and faults. */
    void enter(String service, String storageRegion, OperationContext ctx) throws ProviderException {
        failIfOut(region, service, ctx);
        if (!storageRegion.equals(region)) failIfOut(storageRegion, service, ctx);
        Faults faults = settings.faults(region, cloud.state(region));
        sleep(settings.latency().callLatency(ThreadLocalRandom.current()).plus(faults.extraLatency()), ctx, service);
        double roll;
        synchronized (faultRandom) {
            roll = faultRandom.nextDouble();
        }
        if (roll < faults.throttleRate()) {
            if (GCP_SERVICES.contains(service)) {
                throw new ProviderException(ProviderException.Kind.THROTTLED, "rateLimitExceeded",
                        "googleapi: Error 429: Quota exceeded: rate limit of " + service + " in " + region + ", rateLimitExceeded");
            }
            throw SimErrors.throttled(throttleCode(service), "Rate exceeded (" + service + " in " + region + ")");
        }
        if (roll < faults.throttleRate() + faults.errorRate()) {
            boolean internal = ((int) (roll * 1_000_000)) % 2 == 0;
            if (GCP_SERVICES.contains(service)) {
                throw internal
                        ? new ProviderException(ProviderException.Kind.TRANSIENT, "internalError",
                                "googleapi: Error 500: Internal error encountered (" + service + " in " + region + "), internalError")
                        : new ProviderException(ProviderException.Kind.TRANSIENT, "backendError",
                                "googleapi: Error 503: The service is currently unavailable (" + service + " in " + region + "), backendError");
            }
            throw internal
                    ? SimErrors.transientError("InternalError", "We encountered an internal error. Please try again. (" + service + " in " + region + ")")
                    : SimErrors.transientError("ServiceUnavailable", "The service is unavailable. Please try again shortly. (" + service + " in " + region + ")");
        }
    }

    /** Fails, after the profile's outage delay, when the region is out. */
    void failIfOut(String r, String service, OperationContext ctx) throws ProviderException {
        RegionState state = cloud.state(r);
        if (!state.out()) return;
        sleep(settings.latency().outageDelay(), ctx, service);
        throw outage(r, service);
    }

    /**
     * Waits until {@code due}, when the cloud has finished working on {@code what}; reports
     * progress every second; fails when the deadline passes first or the region goes out.
     */
    void await(Instant due, String what, String doing, String service, OperationContext ctx) throws ProviderException {
        Instant start = Instant.now();
        Instant nextProgress = start.plus(PROGRESS_EVERY);
        while (true) {
            Instant now = Instant.now();
            if (!now.isBefore(due)) return;
            Instant deadline = ctx == null ? Instant.MAX : ctx.deadline();
            if (!now.isBefore(deadline)) {
                throw SimErrors.timeout("RequestTimeout", "timed out after " + seconds(Duration.between(start, now)) + " waiting for "
                        + what + " (still " + doing + "; the cloud finishes in " + seconds(Duration.between(now, due)) + ")");
            }
            Instant until = min(min(due, deadline), min(now.plus(POLL), nextProgress));
            sleepUntil(until, service);
            if (!Instant.now().isBefore(nextProgress) && Instant.now().isBefore(due)) {
                if (ctx != null && ctx.progress() != null) ctx.progress().accept(what + ": still " + doing + ", " + seconds(Duration.between(start, Instant.now())) + " elapsed");
                nextProgress = nextProgress.plus(PROGRESS_EVERY);
            }
            RegionState state = cloud.state(region);
            if (state.out()) throw outage(region, service);
        }
    }

    private ProviderException outage(String r, String service) {
        String host = "iam".equals(service) ? "iam.amazonaws.com"
                : GCP_SERVICES.contains(service) ? r + "-" + (service.equals("sql") ? "sqladmin" : service) + ".googleapis.com"
                : service + "." + r + ".amazonaws.com";
        return SimErrors.unavailable("EndpointConnectionError",
                "Could not connect to the endpoint URL https://" + host + "/: region " + r + " is unavailable (simulated outage)");
    }

    private static void sleep(Duration d, OperationContext ctx, String service) throws ProviderException {
        if (d.isZero() || d.isNegative()) return;
        Instant until = Instant.now().plus(d);
        Instant deadline = ctx == null ? Instant.MAX : ctx.deadline();
        sleepUntil(min(until, deadline), service);
        if (until.isAfter(deadline)) {
            throw SimErrors.timeout("RequestTimeout", "the call to " + service + " did not answer before the deadline");
        }
    }

    private static void sleepUntil(Instant until, String service) throws ProviderException {
        long nanos = Duration.between(Instant.now(), until).toNanos();
        if (nanos <= 0) return;
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SimErrors.timeout("RequestCanceled", "the call to " + service + " was interrupted");
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms < 1000 ? ms + "ms" : String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
    }

    /** The services of GCP's types on the sim: their errors are GCP's. */
    static final java.util.Set<String> GCP_SERVICES = java.util.Set.of("compute", "container", "sql", "artifactregistry", "secretmanager", "monitoring");

    static String throttleCode(String service) {
        if (GCP_SERVICES.contains(service)) return "rateLimitExceeded"; // HTTP 429
        switch (service) {
            case "ec2":
                return "RequestLimitExceeded";
            case "iam":
            case "rds":
                return "Throttling";
            case "sns":
                return "Throttled";
            default:
                return "ThrottlingException";
        }
    }
}
