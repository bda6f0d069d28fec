package io.lifeboat.program;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lifeboat.resource.Goal;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.ResourceOptions;
import io.lifeboat.resource.Urn;
import io.lifeboat.spec.SourcePosition;

/** Collects goals for one stack, naming them with URNs and keeping registration order. */
public final class GoalBuilder {
    private final String stack;
    private final String project;
    private final List<Goal> goals = new ArrayList<>();
    private final Map<String, Urn> byPath = new LinkedHashMap<>();
    private final Map<Urn, Goal> byUrn = new LinkedHashMap<>();

    public GoalBuilder(String stack, String project) {
        this.stack = stack;
        this.project = project;
    }

    /**
     * Registers a goal. {@code path} is how spec references name it: {@code network.vpc} for a
     * component's child, a raw resource's own name.
     */
    public Urn add(String path, boolean custom, Urn parent, String type, String name, Props inputs, ResourceOptions options,
            SourcePosition source) {
        Urn urn = Urn.of(stack, project, parent, type, name);
        if (byUrn.containsKey(urn)) throw new IllegalStateException("two resources with URN " + urn);
        Goal goal = new Goal(urn, custom, inputs, options.withParent(parent), source);
        goals.add(goal);
        byUrn.put(urn, goal);
        if (path != null) byPath.put(path, urn);
        return urn;
    }

    public Urn urnOf(String path) {
        return byPath.get(path);
    }

    public PropertyValue ref(Urn target, String property) {
        return new PropertyValue.Ref(target, property);
    }

    /** Each named resource's path, by URN. */
    public Map<Urn, String> paths() {
        Map<Urn, String> out = new LinkedHashMap<>();
        byPath.forEach((path, urn) -> out.put(urn, path));
        return out;
    }

    public List<Goal> goals() {
        return goals;
    }
}
