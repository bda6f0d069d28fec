package io.lifeboat.deploy;

import io.lifeboat.resource.Urn;

/** A step that failed, with the provider's own message and code. */
public record StepError(Urn urn, String op, String code, String message) {
    @Override
    public String toString() {
        return op + " " + urn.type() + " " + urn.name() + ": " + message + (code == null ? "" : " (" + code + ")");
    }
}
