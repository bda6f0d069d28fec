package io.lifeboat.plan;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

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
        List<PropertyChange> changes = List.of();
        // both are sorted by key: walk their keys side by side
        Iterator<String> a = olds.keySet().iterator();
        Iterator<String> b = news.keySet().iterator();
        String x = a.hasNext() ? a.next() : null;
        String y = b.hasNext() ? b.next() : null;
        while (x != null || y != null) {
            int order = x == null ? 1 : y == null ? -1 : x.compareTo(y);
            String k = order <= 0 ? x : y;
            PropertyValue before = order <= 0 ? olds.get(x) : null;
            PropertyValue after = order >= 0 ? news.get(y) : null;
            if (order <= 0) x = a.hasNext() ? a.next() : null;
            if (order >= 0) y = b.hasNext() ? b.next() : null;
            if (before != null && after != null && !after.containsUnknowns() && same(before, after)) continue;
            boolean replaces = (schema != null && schema.forcesReplacement(k, before, after)) || replaceOnChanges.contains(k) || replaceOnChanges.contains("*");
            if (changes.isEmpty()) changes = new ArrayList<>();
            changes.add(new PropertyChange(k, before, after, replaces));
        }
        return changes;
    }

    /** Equal once secrets are unwrapped: making a value secret or not is not a change to the cloud. */
    public static boolean same(PropertyValue a, PropertyValue b) {
        while (a instanceof PropertyValue.Secret s) a = s.value();
        while (b instanceof PropertyValue.Secret s) b = s.value();
        if (a instanceof PropertyValue.Arr x && b instanceof PropertyValue.Arr y) {
            if (x.items().size() != y.items().size()) return false;
            for (int i = 0; i < x.items().size(); i++) if (!same(x.items().get(i), y.items().get(i))) return false;
            return true;
        }
        if (a instanceof PropertyValue.Obj x && b instanceof PropertyValue.Obj y) {
            if (x.props().size() != y.props().size()) return false;
            // by key, not by entry: an entry of an unmodifiable map is a new wrapper each
            for (String k : x.props().keySet()) {
                PropertyValue w = y.props().get(k);
                if (w == null || !same(x.props().get(k), w)) return false;
            }
            return true;
        }
        return a.equals(b);
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
