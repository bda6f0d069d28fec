package io.lifeboat.program;

import java.util.List;
import java.util.Map;

import io.lifeboat.resource.Goal;
import io.lifeboat.resource.PropertyValue;

/**
 * What a program asks for: the resource goals in registration order (parents before children),
 * and the stack's outputs, which may refer to resources' outputs.
 */
public record ProgramResult(List<Goal> goals, Map<String, PropertyValue> outputs) {
    public ProgramResult {
        goals = List.copyOf(goals);
        outputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
    }
}
