package io.lifeboat.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import io.lifeboat.provider.TypeSchema;
import io.lifeboat.resource.Goal;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.state.ResourceState;

/** Compares a resource's recorded inputs with its goal's, property by property. */
public final class Differ {
    private Differ() {
    }

    /**
     * The properties that differ. {@code schema} (may be null) says which force replacement;
     * {@code replaceOnChanges} adds to them ("*" for all).
     */
    public static List<PropertyChange> diff(Props olds, Props news, TypeSchema schema, List<String> replaceOnChanges) {
        List<PropertyChange> changes = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(olds.keySet());
        keys.addAll(news.keySet());
        for (String k : keys) {
            PropertyValue before = olds.get(k);
            PropertyValue after = news.get(k);
            if (before != null && after != null && !after.containsUnknowns() && same(before, after)) continue;
            boolean replaces = (schema != null && schema.forcesReplacement(k)) || replaceOnChanges.contains(k) || replaceOnChanges.contains("*");
            changes.add(new PropertyChange(k, before, after, replaces));
        }
        return changes;
    }

    /** Equal once secrets are unwrapped: making a value secret or not is not a change to the cloud. */
    public static boolean same(PropertyValue a, PropertyValue b) {
        return a.reveal().equals(b.reveal());
    }

    /**
     * The inputs a goal has against its recorded state ({@code prior}, may be null): each of its
     * {@code ignoreChanges} paths keeps the recorded value. The one rule for both uses: the plan
     * diffs what this gives of the inputs it resolved, and an update sends what this gives of the
     * same inputs resolved again against the outputs known by then. A replacement is made from the
     * goal's own inputs.
     */
    public static Props inputsAgainst(Goal goal, ResourceState prior, Props resolved) {
        return prior == null ? resolved : applyIgnoreChanges(prior.inputs(), resolved, goal.options().ignoreChanges());
    }

    /** New inputs where each {@code ignoreChanges} path keeps the recorded value. */
    private static Props applyIgnoreChanges(Props olds, Props news, List<String> ignoreChanges) {
        Props out = news;
        for (String path : ignoreChanges) {
            out = copyPath(olds, out, path.split("\\."), 0);
        }
        return out;
    }

    private static Props copyPath(Props olds, Props news, String[] path, int i) {
        String key = path[i];
        PropertyValue old = olds == null ? null : olds.get(key);
        if (i == path.length - 1) {
            return old == null ? news.without(key) : news.with(key, old);
        }
        PropertyValue oldChild = old instanceof PropertyValue.Obj o ? o : null;
        PropertyValue newChild = news.get(key);
        if (!(newChild instanceof PropertyValue.Obj n)) return news;
        Props merged = copyPath(oldChild == null ? null : ((PropertyValue.Obj) oldChild).props(), n.props(), path, i + 1);
        return news.with(key, new PropertyValue.Obj(merged));
    }
}
