package io.lifeboat.providers.gcp;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.client.http.HttpResponseException;
import com.google.api.gax.rpc.ApiException;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ProviderException.Kind;

/**
 * Turns what Google's clients throw into the SPI's typed errors, by the HTTP status, the
 * canonical code and the reason Google names (https://cloud.google.com/apis/design/errors):
 * 429, {@code RESOURCE_EXHAUSTED} and {@code rateLimitExceeded} are throttling; 5xx and
 * {@code UNAVAILABLE} transient (a connection that fails: unavailable); 404 not found; 409 a
 * conflict; 400 and 412 invalid input; 401 and 403 permission ({@code quotaExceeded}: quota).
 * What GCP refuses because another operation or another object holds the object for now (an
 * object in use, a cluster or an instance with an operation running) is transient.
 */
public final class GcpErrors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> THROTTLED = Set.of("rateLimitExceeded", "userRateLimitExceeded", "RATE_LIMIT_EXCEEDED");
    private static final Set<String> QUOTA = Set.of("quotaExceeded", "QUOTA_EXCEEDED", "limitExceeded");
    /** Reasons of a refusal because the object is busy with another operation: it is ready again soon. */
    private static final Set<String> BUSY_REASONS = Set.of("resourceNotReady", "operationInProgress");
    /** Codes of a delete that another object blocks for now. */
    private static final Set<String> IN_USE = Set.of("resourceInUseByAnotherResource", "resourceInUse");
    /** The code given to a refusal because another operation on the object is running. */
    static final String BUSY = "operationInProgress";

    private GcpErrors() {
    }

    /** True for the codes of a delete refused while another object still uses the object. */
    static boolean inUse(String code) {
        return IN_USE.contains(code);
    }

    /** The typed error for a failed call; {@code what} says which call, on what ("networks.insert vpc"). */
    public static ProviderException map(String what, Throwable e) {
        if (connectionFailed(e)) {
            return new ProviderException(Kind.UNAVAILABLE, "EndpointConnectionError", what + ": cannot reach the service: " + rootMessage(e), e);
        }
        Integer status = null;
        String canonical = null;
        String reason = null;
        String message = null;
        if (e instanceof ApiException api) {
            canonical = api.getStatusCode().getCode().name();
            if (api.getStatusCode().getTransportCode() instanceof Integer http) status = http;
            else status = api.getStatusCode().getCode().getHttpStatusCode();
            reason = api.getReason();
            message = api.getMessage();
        }
        com.google.api.client.googleapis.json.GoogleJsonResponseException json = find(e, com.google.api.client.googleapis.json.GoogleJsonResponseException.class);
        if (json != null && json.getDetails() != null) {
            var details = json.getDetails();
            status = json.getStatusCode();
            message = details.getMessage();
            if (details.getErrors() != null && !details.getErrors().isEmpty()) reason = details.getErrors().get(0).getReason();
            if (details.get("status") instanceof String s) canonical = s;
        }
        HttpResponseException http = json != null && json.getDetails() != null ? null : find(e, HttpResponseException.class);
        if (http != null) {
            if (status == null) status = http.getStatusCode();
            JsonNode error = body(http.getContent());
            if (error != null) {
                if (error.path("errors").isArray() && error.path("errors").size() > 0 && reason == null) {
                    reason = error.path("errors").get(0).path("reason").asText(null);
                }
                if (canonical == null) canonical = error.path("status").asText(null);
                if (error.hasNonNull("message")) message = error.get("message").asText();
            }
            if (message == null) message = http.getStatusMessage();
        }
        if (status == null && canonical == null) {
            return new ProviderException(Kind.TRANSIENT, "ClientError", what + ": " + rootMessage(e), e);
        }
        if (message == null) message = e.getMessage();
        Kind kind = kind(status == null ? 0 : status, canonical, reason, message);
        String code = kind == Kind.TRANSIENT && busy(message) ? BUSY : reason != null ? reason : canonical != null ? canonical : "HTTP" + status;
        return new ProviderException(kind, code, what + ": googleapi: Error " + (status == null ? canonical : status) + ": " + message
                + (reason != null ? ", " + reason : ""), e);
    }

    /**
     * The typed error for an operation that ended in failure: {@code code} is what the operation
     * names (Compute's {@code RESOURCE_IN_USE_BY_ANOTHER_RESOURCE}, a canonical code such as
     * {@code FAILED_PRECONDITION}, Cloud SQL's error code), {@code status} the HTTP status it
     * gives, 0 when none.
     */
    static ProviderException ofOperation(String what, int status, String code, String message) {
        String c = code == null ? "" : code.toUpperCase(Locale.ROOT);
        String reason = c.contains("IN_USE") ? "resourceInUseByAnotherResource" : c.contains("QUOTA") ? "quotaExceeded"
                : c.contains("RATE_LIMIT") ? "rateLimitExceeded" : null;
        String canonical = c.contains("NOT_FOUND") ? "NOT_FOUND" : c.contains("ALREADY_EXISTS") ? "ALREADY_EXISTS"
                : c.contains("PERMISSION") || c.contains("FORBIDDEN") ? "PERMISSION_DENIED" : c.contains("UNAVAILABLE") ? "UNAVAILABLE"
                : c.contains("INTERNAL") ? "INTERNAL" : c.isEmpty() ? null : c;
        Kind kind = kind(status, canonical, reason, message);
        String named = kind == Kind.TRANSIENT && busy(message) ? BUSY : reason != null ? reason : code == null ? "OperationFailed" : code;
        return new ProviderException(kind, named, what + ": the operation failed: " + (code == null ? "" : code + ": ") + message);
    }

    /** The canonical code's name for a google.rpc.Status code number (an operation's error). */
    static String canonical(int code) {
        io.grpc.Status.Code[] all = io.grpc.Status.Code.values();
        for (io.grpc.Status.Code c : all) {
            if (c.value() == code) return c.name();
        }
        return "UNKNOWN";
    }

    static Kind kind(int status, String canonical, String reason, String message) {
        String c = canonical == null ? "" : canonical;
        if (reason != null && THROTTLED.contains(reason) || status == 429 || c.equals("RESOURCE_EXHAUSTED") && (reason == null || !QUOTA.contains(reason))) {
            return Kind.THROTTLED;
        }
        if (reason != null && QUOTA.contains(reason)) return Kind.QUOTA;
        if (status >= 500 || c.equals("UNAVAILABLE") || c.equals("INTERNAL") || c.equals("DEADLINE_EXCEEDED") || c.equals("UNKNOWN")) return Kind.TRANSIENT;
        if (status == 404 || c.equals("NOT_FOUND")) return Kind.NOT_FOUND;
        if (reason != null && (IN_USE.contains(reason) || BUSY_REASONS.contains(reason)) || busy(message)) return Kind.TRANSIENT;
        if (status == 401 || status == 403 || c.equals("PERMISSION_DENIED") || c.equals("UNAUTHENTICATED")) return Kind.PERMISSION;
        if (status == 409 || c.equals("ALREADY_EXISTS") || c.equals("ABORTED")) return Kind.CONFLICT;
        return Kind.INVALID_INPUT;
    }

    /** GKE, Cloud SQL and Compute's peerings refuse a call while another operation on the same object runs. */
    private static boolean busy(String message) {
        if (message == null) return false;
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("incompatible operation") || m.contains("operation in progress") || m.contains("another operation")
                || m.contains("operationinprogress");
    }

    private static JsonNode body(String content) {
        if (content == null || content.isBlank()) return null;
        try {
            JsonNode n = JSON.readTree(content);
            return n.has("error") && n.get("error").isObject() ? n.get("error") : null;
        } catch (IOException x) {
            return null;
        }
    }

    private static boolean connectionFailed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException || t instanceof java.net.http.HttpConnectTimeoutException) {
                return true;
            }
            if (t instanceof HttpResponseException) return false;
            if (t.getClass().getName().equals("java.net.SocketException") || t.getClass().getName().endsWith("NoHttpResponseException")) return true;
        }
        if (e instanceof ApiException api && api.getStatusCode().getCode() == com.google.api.gax.rpc.StatusCode.Code.UNAVAILABLE
                && find(e, HttpResponseException.class) == null && !(api.getStatusCode().getTransportCode() instanceof Integer)) {
            return true; // gRPC: the channel could not connect
        }
        return false;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) return type.cast(t);
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
