package io.lifeboat.provider;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

import io.lifeboat.resource.Urn;

/**
 * What a provider call knows about the operation it serves: the resource, when it must be done
 * by, and where to report progress ("still creating, 2m elapsed").
 */
public record OperationContext(Urn urn, Instant deadline, Consumer<String> progress) {

    public static OperationContext of(Urn urn, Duration timeout) {
        return new OperationContext(urn, Instant.now().plus(timeout), m -> { });
    }

    public OperationContext withProgress(Consumer<String> sink) {
        return new OperationContext(urn, deadline, sink);
    }

    public Duration remaining() {
        Duration d = Duration.between(Instant.now(), deadline);
        return d.isNegative() ? Duration.ZERO : d;
    }

    public boolean expired() {
        return !Instant.now().isBefore(deadline);
    }
}
