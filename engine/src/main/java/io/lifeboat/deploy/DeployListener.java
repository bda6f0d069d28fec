package io.lifeboat.deploy;

import java.time.Duration;

import io.lifeboat.plan.Step;
import io.lifeboat.resource.Urn;

/** Progress of an operation, as it happens. Implementations must be thread-safe: steps run in parallel. */
public interface DeployListener {
    DeployListener NONE = new DeployListener() {
    };

    /** {@code op} is creating, updating, deleting, replacing, reading or same. */
    default void stepStarted(Step step, String op) {
    }

    default void stepFinished(Step step, String op, Duration took) {
    }

    default void stepFailed(Step step, String op, String error) {
    }

    default void stepSkipped(Step step, String reason) {
    }

    default void retrying(Urn urn, String op, int attempt, String error, Duration delay) {
    }

    default void progress(Urn urn, String message) {
    }
}
