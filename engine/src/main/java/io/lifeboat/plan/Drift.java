package io.lifeboat.plan;

import java.util.List;

import io.lifeboat.resource.Urn;

/**
 * A resource that is not as the state recorded it: properties changed behind Lifeboat's back
 * ({@code before} is the recorded value, {@code after} the cloud's), or gone altogether.
 */
public record Drift(Urn urn, List<PropertyChange> changes, boolean gone) {
    public Drift {
        changes = List.copyOf(changes);
    }
}
