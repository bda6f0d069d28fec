package io.lifeboat.providers.gcp.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error as Google's REST APIs send it
 * (https://cloud.google.com/apis/design/errors#http_mapping):
 * {@code {"error": {"code": 404, "message": "...", "status": "NOT_FOUND",
 * "errors": [{"message": "...", "domain": "global", "reason": "notFound"}]}}}. Compute and SQL
 * Admin name the cause in {@code errors[].reason}; the newer APIs in {@code status}. Both are sent.
 */
public final class GoogleError extends Exception {
    private final int status;
    private final String statusName;
    private final String reason;

    public GoogleError(int status, String statusName, String reason, String message) {
        super(message);
        this.status = status;
        this.statusName = statusName;
        this.reason = reason;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public JsonNode json() {
        ObjectNode error = FakeGoogleApis.object();
        error.put("code", status).put("message", getMessage()).put("status", statusName);
        error.putArray("errors").addObject().put("message", getMessage()).put("domain", "global").put("reason", reason);
        ObjectNode out = FakeGoogleApis.object();
        out.set("error", error);
        return out;
    }

    public static GoogleError notFound(String message) {
        return new GoogleError(404, "NOT_FOUND", "notFound", message);
    }

    /** {@code The resource 'projects/p/global/networks/x' was not found}, as Compute says it. */
    public static GoogleError notFoundResource(String path) {
        return notFound("The resource '" + path + "' was not found");
    }

    public static GoogleError alreadyExists(String message) {
        return new GoogleError(409, "ALREADY_EXISTS", "alreadyExists", message);
    }

    public static GoogleError invalid(String message) {
        return new GoogleError(400, "INVALID_ARGUMENT", "invalid", message);
    }

    public static GoogleError required(String field) {
        return new GoogleError(400, "INVALID_ARGUMENT", "required", "Required field '" + field + "' not specified");
    }

    public static GoogleError failedPrecondition(String message) {
        return new GoogleError(400, "FAILED_PRECONDITION", "failedPrecondition", message);
    }

    /** A delete of an object another still uses, as Compute refuses it. */
    public static GoogleError inUse(String message) {
        return new GoogleError(400, "FAILED_PRECONDITION", "resourceInUseByAnotherResource", message);
    }

    public static GoogleError conditionNotMet(String message) {
        return new GoogleError(412, "FAILED_PRECONDITION", "conditionNotMet", message);
    }

    public static GoogleError permission(String message) {
        return new GoogleError(403, "PERMISSION_DENIED", "forbidden", message);
    }

    public static GoogleError rateLimited() {
        return new GoogleError(429, "RESOURCE_EXHAUSTED", "rateLimitExceeded", "Rate Limit Exceeded");
    }

    public static GoogleError unavailable() {
        return new GoogleError(503, "UNAVAILABLE", "backendError", "The service is currently unavailable.");
    }

    public static GoogleError internal(String message) {
        return new GoogleError(500, "INTERNAL", "backendError", message);
    }
}
