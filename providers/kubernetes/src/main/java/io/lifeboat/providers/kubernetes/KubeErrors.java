package io.lifeboat.providers.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.lifeboat.provider.ProviderException;

/** The API server's answers as the SPI's errors: by HTTP status, as the server means them. */
final class KubeErrors {
    private KubeErrors() {
    }

    static ProviderException of(KubernetesClientException e, String doing) {
        int code = e.getCode();
        String reason = e.getStatus() != null && e.getStatus().getReason() != null ? e.getStatus().getReason() : "Error" + code;
        String message = doing + ": " + (e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : cause(e));
        ProviderException.Kind kind;
        if (code == 404) kind = ProviderException.Kind.NOT_FOUND;
        else if (code == 409) kind = ProviderException.Kind.CONFLICT;
        else if (code == 429) kind = ProviderException.Kind.THROTTLED;
        else if (code == 401 || code == 403) kind = ProviderException.Kind.PERMISSION;
        else if (code == 400 || code == 422 || code == 415) kind = ProviderException.Kind.INVALID_INPUT;
        else if (code <= 0 || code >= 500) kind = ProviderException.Kind.UNAVAILABLE; // no answer, or the server's own trouble
        else kind = ProviderException.Kind.INVALID_INPUT;
        return new ProviderException(kind, reason, message, e);
    }

    /** What went wrong underneath the client's "Operation … failed": the connection refused, the certificate rejected. */
    private static String cause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String m = root.getMessage();
        return root == e ? String.valueOf(m) : root.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
