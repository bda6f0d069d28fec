package io.lifeboat.program;

import java.util.List;
import java.util.Map;

import io.lifeboat.resource.Goal;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Urn;

/**
 * What a program asks for: the resource goals in registration order (parents before children),
 * the stack's outputs, which may refer to resources' outputs, and the name by which the spec's
 * references reach each resource ({@code network.private}).
 */
public record ProgramResult(List<Goal> goals, Map<String, PropertyValue> outputs, Map<Urn, String> paths) {
    public ProgramResult {
        goals = List.copyOf(goals);
        outputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
        paths = Map.copyOf(paths);
    }

    public ProgramResult(List<Goal> goals, Map<String, PropertyValue> outputs) {
        this(goals, outputs, Map.of());
    }
}
