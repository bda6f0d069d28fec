package io.lifeboat.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Raw resources refer to each other through {@code ${name.output}} in their properties and
 * through {@code options.dependsOn}. Every name must exist, and the references must not form a
 * cycle (the engine could not order the resources).
 */
final class ReferenceChecks {
    /** Names of the platform's own components, which raw resources may also refer to. */
    static final Set<String> COMPONENTS = Set.of("network", "cluster", "database", "registry");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9_-]*)(?:\\.[^}]*)?}");

    private final Diagnostics d;
    private final SourceMap src;

    ReferenceChecks(Diagnostics diagnostics, SourceMap sources) {
        this.d = diagnostics;
        this.src = sources;
    }

    void check(Map<String, Platform.RawResource> resources) {
        Map<String, Set<String>> edges = new LinkedHashMap<>();
        for (Platform.RawResource r : resources.values()) {
            Set<String> targets = new LinkedHashSet<>();
            String base = "spec.resources." + r.name();
            List<Ref> refs = new ArrayList<>();
            collect(r.properties(), base + ".properties", refs);
            for (Ref ref : refs) {
                target(resources, r, ref.name(), ref.path(), "refers to", targets);
            }
            List<String> dependsOn = r.options().dependsOn();
            for (int i = 0; i < dependsOn.size(); i++) {
                target(resources, r, dependsOn.get(i), base + ".options.dependsOn[" + i + "]", "depends on", targets);
            }
            edges.put(r.name(), targets);
        }
        cycles(edges);
    }

    private void target(Map<String, Platform.RawResource> resources, Platform.RawResource from, String name, String path,
                        String verb, Set<String> targets) {
        if (resources.containsKey(name)) {
            targets.add(name);
            return;
        }
        if (COMPONENTS.contains(name) || Platform.STACK_NAME.equals("${" + name + "}")) return;
        Set<String> known = new LinkedHashSet<>(resources.keySet());
        known.addAll(COMPONENTS);
        String near = Suggestions.nearest(name, known);
        d.error(DiagnosticCode.UNKNOWN_REFERENCE, src.at(path),
                "resource '" + from.name() + "' " + verb + " '" + name + "', which is neither a resource nor a platform component",
                near != null ? "did you mean '" + near + "'?" : "known names: " + String.join(", ", known));
    }

    /** A {@code ${name.output}} reference, and the path of the string that holds it. */
    private record Ref(String name, String path) {
    }

    private static void collect(Object value, String path, List<Ref> out) {
        if (value instanceof String s) {
            Matcher m = REFERENCE.matcher(s);
            while (m.find()) out.add(new Ref(m.group(1), path));
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) collect(e.getValue(), ShapeValidator.child(path, String.valueOf(e.getKey())), out);
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) collect(list.get(i), path + "[" + i + "]", out);
        }
    }

    /** Depth-first search; each cycle is reported once, at the first resource on it. */
    private void cycles(Map<String, Set<String>> edges) {
        Set<String> done = new LinkedHashSet<>();
        for (String start : edges.keySet()) {
            visit(start, edges, new ArrayList<>(), done);
        }
    }

    private void visit(String node, Map<String, Set<String>> edges, List<String> path, Set<String> done) {
        int onPath = path.indexOf(node);
        if (onPath >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(onPath, path.size()));
            cycle.add(node);
            d.error(DiagnosticCode.REFERENCE_CYCLE, src.at("spec.resources." + cycle.get(0)),
                    "resources refer to each other in a cycle: " + String.join(" -> ", cycle),
                    "break the cycle: one of them must not need the other");
            return;
        }
        if (!done.add(node)) return;
        path.add(node);
        for (String next : edges.getOrDefault(node, Set.of())) {
            visit(next, edges, path, done);
        }
        path.remove(path.size() - 1);
    }
}
