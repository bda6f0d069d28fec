package io.lifeboat.deploy;

import java.time.Duration;
import java.util.List;

import io.lifeboat.state.ResourceState;

/**
 * What applying a plan did: the resources as they now stand (in dependency order), the errors,
 * and counts of what ran and what was skipped because something it needed failed.
 */
public record ExecutionResult(List<ResourceState> resources, List<StepError> errors, int done, int skipped, Duration elapsed) {
    public ExecutionResult {
        resources = List.copyOf(resources);
        errors = List.copyOf(errors);
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}
