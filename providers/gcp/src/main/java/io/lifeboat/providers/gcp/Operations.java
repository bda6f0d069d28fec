package io.lifeboat.providers.gcp;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.services.sqladmin.model.OperationError;

import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.Poll;
import io.lifeboat.provider.ProviderException;

/**
 * Waits for Google's long-running operations until they are {@code DONE}, up to the
 * resource's deadline, each API's kind as it documents it: Compute's (global or regional, status
 * {@code DONE} and {@code error.errors[]}), Container's (status {@code DONE}, {@code error}),
 * Cloud SQL Admin's (status {@code DONE}, {@code error.errors[]}) and google.longrunning's
 * ({@code done}, {@code error}) for Artifact Registry and Service Networking. An operation that
 * ends in an error throws it, typed as the call's own errors are.
 */
final class Operations {
    private final GcpClients gcp;
    private final Poll poll;

    Operations(GcpClients gcp, Poll poll) {
        this.gcp = gcp;
        this.poll = poll;
    }

    /** A Compute operation: regional when it names a region, else global. */
    void compute(OperationContext ctx, String what, com.google.cloud.compute.v1.Operation started) throws ProviderException {
        String name = started.getName();
        String region = started.hasRegion() && !started.getRegion().isEmpty() ? last(started.getRegion()) : null;
        com.google.cloud.compute.v1.Operation op = started.getStatus() == com.google.cloud.compute.v1.Operation.Status.DONE ? started
                : poll.until(ctx, what, () -> {
                    com.google.cloud.compute.v1.Operation now = region != null
                            ? GcpCall.run("regionOperations.get " + name, () -> gcp.regionOperations().get(gcp.project(), region, name))
                            : GcpCall.run("globalOperations.get " + name, () -> gcp.globalOperations().get(gcp.project(), name));
                    return now.getStatus() == com.google.cloud.compute.v1.Operation.Status.DONE ? Optional.of(now) : Optional.empty();
                });
        if (op.hasError() && op.getError().getErrorsCount() > 0) {
            var e = op.getError().getErrors(0);
            throw GcpErrors.ofOperation(what, op.hasHttpErrorStatusCode() ? op.getHttpErrorStatusCode() : 0, e.getCode(), e.getMessage());
        }
    }

    /** A Container (GKE) operation of a location. */
    void container(OperationContext ctx, String what, String location, com.google.container.v1.Operation started) throws ProviderException {
        if (started.getStatus() == com.google.container.v1.Operation.Status.DONE) {
            containerError(what, started);
            return;
        }
        String name = "projects/" + gcp.project() + "/locations/" + location + "/operations/" + last(started.getName());
        com.google.container.v1.Operation done = poll.until(ctx, what, () -> {
            com.google.container.v1.Operation now = GcpCall.run("operations.get " + name, () -> gcp.container().getOperation(name));
            return now.getStatus() == com.google.container.v1.Operation.Status.DONE ? Optional.of(now) : Optional.empty();
        });
        containerError(what, done);
    }

    private static void containerError(String what, com.google.container.v1.Operation op) throws ProviderException {
        if (op.hasError() && op.getError().getCode() != 0) {
            throw GcpErrors.ofOperation(what, 0, GcpErrors.canonical(op.getError().getCode()), op.getError().getMessage());
        }
        if (!op.getStatusMessage().isEmpty() && op.getStatusMessage().toLowerCase(java.util.Locale.ROOT).contains("error")) {
            throw GcpErrors.ofOperation(what, 0, "FAILED_PRECONDITION", op.getStatusMessage());
        }
    }

    /** A Cloud SQL Admin operation of the project. */
    void sql(OperationContext ctx, String what, com.google.api.services.sqladmin.model.Operation started) throws ProviderException {
        String name = started.getName();
        com.google.api.services.sqladmin.model.Operation done = "DONE".equals(started.getStatus()) ? started : poll.until(ctx, what, () -> {
            com.google.api.services.sqladmin.model.Operation now = GcpCall.run("operations.get " + name,
                    () -> gcp.sql().operations().get(gcp.project(), name).execute());
            return "DONE".equals(now.getStatus()) ? Optional.of(now) : Optional.empty();
        });
        if (done.getError() != null && done.getError().getErrors() != null && !done.getError().getErrors().isEmpty()) {
            OperationError e = done.getError().getErrors().get(0);
            throw GcpErrors.ofOperation(what, 0, e.getCode(), e.getMessage());
        }
    }

    /** A google.longrunning operation of Artifact Registry. */
    com.google.longrunning.Operation artifacts(OperationContext ctx, String what, com.google.longrunning.Operation started) throws ProviderException {
        String name = started.getName();
        com.google.longrunning.Operation done = started.getDone() ? started : poll.until(ctx, what, () -> {
            com.google.longrunning.Operation now = GcpCall.run("operations.get " + name, () -> gcp.artifacts().getHttpJsonOperationsClient().getOperation(name));
            return now.getDone() ? Optional.of(now) : Optional.empty();
        });
        if (done.hasError() && done.getError().getCode() != 0) {
            throw GcpErrors.ofOperation(what, 0, GcpErrors.canonical(done.getError().getCode()), done.getError().getMessage());
        }
        return done;
    }

    /** A google.longrunning operation as JSON, read at {@code root + v1/NAME} (Service Networking's). */
    JsonNode rest(OperationContext ctx, String what, String root, JsonNode started) throws ProviderException {
        String name = started.path("name").asText();
        JsonNode done = started.path("done").asBoolean(false) ? started : poll.until(ctx, what, () -> {
            JsonNode now = GcpCall.run("operations.get " + name, () -> gcp.rest().call(root, "GET", "v1/" + name, null));
            return now.path("done").asBoolean(false) ? Optional.of(now) : Optional.empty();
        });
        JsonNode error = done.path("error");
        if (error.isObject() && error.path("code").asInt(0) != 0) {
            throw GcpErrors.ofOperation(what, 0, GcpErrors.canonical(error.path("code").asInt()), error.path("message").asText());
        }
        return done;
    }

    static String last(String path) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return p.substring(p.lastIndexOf('/') + 1);
    }
}
