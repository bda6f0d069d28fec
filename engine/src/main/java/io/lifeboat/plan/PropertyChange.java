package io.lifeboat.plan;

import io.lifeboat.resource.PropertyValue;

/**
 * One input property that differs between the state and the goal. {@code before} is null for an
 * added property, {@code after} null for a removed one.
 */
public record PropertyChange(String path, PropertyValue before, PropertyValue after, boolean forcesReplacement) {

    public boolean unknown() {
        return after != null && after.containsUnknowns();
    }
}
