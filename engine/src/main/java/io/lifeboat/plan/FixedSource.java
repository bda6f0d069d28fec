package io.lifeboat.plan;

import java.util.Map;

import io.lifeboat.program.ProgramResult;
import io.lifeboat.resource.Goal;
import io.lifeboat.resource.PropertyValue;

/**
 * A program that is done before it is planned (the YAML program): it registers all its goals
 * without waiting for any outputs, since its references to them stay references.
 */
public record FixedSource(ProgramResult program) implements Source {

    @Override
    public Map<String, PropertyValue> run(Monitor monitor) {
        for (Goal goal : program.goals()) monitor.register(goal);
        return program.outputs();
    }
}
