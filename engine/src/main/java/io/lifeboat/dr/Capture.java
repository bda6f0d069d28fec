package io.lifeboat.dr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.lifeboat.deploy.HandMade;
import io.lifeboat.deploy.StackRunner;
import io.lifeboat.plan.Plan;
import io.lifeboat.plan.PlanOptions;
import io.lifeboat.plan.Step;
import io.lifeboat.program.ProgramResult;
import io.lifeboat.resource.Goal;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.spec.LoadResult;
import io.lifeboat.spec.SpecLoader;
import io.lifeboat.spec.Platform;
import io.lifeboat.spec.Stack;
import io.lifeboat.spec.WorkingTreeSource;
import io.lifeboat.state.ResourceState;
import io.lifeboat.state.Snapshot;
import io.lifeboat.state.StateStore;

/**
 * Writes routes and security-group rules made by hand into the platform spec's {@code resources}
 * section, referring to the stack's own resources by name ({@code ${network.private.id}}), and
 * adopts the objects into the stack's state, so that the next {@code up} keeps them and a
 * failover re-creates them in the other region.
 */
public final class Capture {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RESOURCES = Pattern.compile("(?m)^  resources:[ \\t]*(\\{[ \\t]*\\})?[ \\t]*(#.*)?$");

    private final StackRunner runner;
    private final Path workDir;

    public Capture(StackRunner runner, Path workDir) {
        this.runner = runner;
        this.workDir = workDir;
    }

    public record Result(List<String> added, List<String> notes) {
    }

    public Result run(Stack stack, Stack pair) throws IOException, InterruptedException {
        if (stack.runsProgram()) {
            // capture writes what it finds into the stack's platform spec; a program's resources are its code's
            throw new DrRefusedException(stack.name() + " runs a Pulumi program (" + stack.program() + "), whose resources are written in"
                    + " its code, not in a spec that lifeboat capture could add to; nothing was changed",
                    "add what was made by hand to the program, or delete it; `lifeboat refresh --stack " + stack.name() + "` shows the drift");
        }
        StackRunner.Prepared prepared = runner.prepare(stack, pair, null, null, null);
        List<HandMade> found = runner.plan(prepared, PlanOptions.DEFAULT, true).handMade();
        List<String> notes = new ArrayList<>();
        if (found.isEmpty()) return new Result(List.of(), List.of("nothing made by hand was found in " + stack.name()));
        Snapshot state = prepared.state();
        ProgramResult program = prepared.program();
        // an id (or self link) of one of the stack's own resources becomes a reference to it
        Map<String, String> pathById = new HashMap<>();
        for (ResourceState r : state.resources()) {
            String path = program.paths().get(r.urn());
            if (r.id() != null && path != null) pathById.put(r.id(), path + ".id");
            String link = r.outputs().string("selfLink");
            if (link != null && path != null) pathById.putIfAbsent(link, path + ".selfLink");
        }
        Map<String, HandMade> byName = new LinkedHashMap<>();
        StringBuilder yaml = new StringBuilder();
        for (HandMade h : found) {
            String name = name(h);
            if (stack.platform().resources().containsKey(name) || byName.containsKey(name)) {
                notes.add(name + " is already in the spec; left as it is");
                continue;
            }
            byName.put(name, h);
            yaml.append("    ").append(name).append(":\n");
            yaml.append("      type: ").append(h.type()).append('\n');
            yaml.append("      properties:\n");
            for (Map.Entry<String, PropertyValue> e : h.inputs().entrySet()) {
                // a name unique in the project (GCP's) is made per stack, so the pair's copy has its own
                String written = value(e.getValue(), pathById, notes);
                if (e.getKey().equals("name") && e.getValue() instanceof PropertyValue.Str n) {
                    String own = n.value().startsWith(stack.name()) ? n.value() : stack.name() + "-" + n.value();
                    written = JSON.writeValueAsString(Platform.STACK_NAME + own.substring(stack.name().length()));
                    if (!own.equals(n.value())) {
                        notes.add(n.value() + ": names are unique in the project, so the spec names it " + Platform.STACK_NAME
                                + own.substring(stack.name().length()) + " (" + own + " here); the next up replaces " + n.value() + " by " + own);
                    }
                }
                yaml.append("        ").append(e.getKey()).append(": ").append(written).append('\n');
            }
        }
        if (byName.isEmpty()) return new Result(List.of(), notes);

        Path platformFile = workDir.resolve(stack.platformFile());
        String before = Files.readString(platformFile, StandardCharsets.UTF_8);
        String after = insert(before, yaml.toString(), stack.platformFile());
        write(platformFile, after);
        LoadResult check = new SpecLoader(new WorkingTreeSource(workDir)).load(List.of());
        if (!check.ok()) {
            write(platformFile, before);
            throw new IllegalStateException("the captured resources would make the specs invalid; " + stack.platformFile()
                    + " is unchanged: " + check.diagnostics().sorted());
        }
        adopt(check.stack(stack.name()), check.stack(stack.pair() == null ? "" : stack.pair()), byName);
        notes.add("added " + io.lifeboat.plan.Plural.of(byName.size(), "resource") + " to " + stack.platformFile() + "; review and commit it");
        return new Result(new ArrayList<>(byName.keySet()), notes);
    }

    static String name(HandMade h) {
        Props in = h.inputs();
        String given = in.string("name");
        if (given != null) {
            String noun = h.type().substring(h.type().lastIndexOf(':') + 1).toLowerCase(java.util.Locale.ROOT);
            return ("captured-" + noun + "-" + given).replaceAll("[^A-Za-z0-9-]+", "-").replaceAll("-+$", "");
        }
        String raw = in.string("destinationCidrBlock") != null
                ? "captured-route-" + h.owner().name() + "-" + in.string("destinationCidrBlock")
                : "captured-rule-" + h.owner().name() + "-" + in.string("type") + "-" + in.string("protocol") + "-"
                        + in.get("fromPort") + "-" + in.get("toPort");
        return raw.replaceAll("[^A-Za-z0-9-]+", "-").replaceAll("-+$", "");
    }

    /** A value as YAML (JSON is YAML); an id of one of the stack's own resources becomes a reference to it. */
    private static String value(PropertyValue v, Map<String, String> pathById, List<String> notes) throws IOException {
        if (v instanceof PropertyValue.Str s) {
            String path = pathById.get(s.value());
            if (path != null) return "\"${" + path + "}\"";
            if (s.value().matches("(pcx|igw|nat|sg|vpc|rtb|eni|tgw|vgw)-[0-9a-f]+")) {
                notes.add(s.value() + " is not managed by the spec and is copied as it is: it exists in one region only");
            }
            return JSON.writeValueAsString(s.value());
        }
        if (v instanceof PropertyValue.Arr a) {
            List<String> items = new ArrayList<>();
            for (PropertyValue i : a.items()) items.add(value(i, pathById, notes));
            return "[" + String.join(", ", items) + "]";
        }
        if (v instanceof PropertyValue.Num || v instanceof PropertyValue.Bool || v instanceof PropertyValue.Null) return v.toString();
        return JSON.writeValueAsString(new io.lifeboat.state.CheckpointCodec(null).value(v));
    }

    /** Adds the entries under {@code spec.resources}, keeping the rest of the file as it is. */
    static String insert(String text, String entries, String file) {
        Matcher m = RESOURCES.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException(file + " has no `resources:` under spec; add `  resources: {}` there and run capture again");
        }
        if (m.group(1) != null) {
            return text.substring(0, m.start()) + "  resources:\n" + entries.stripTrailing() + text.substring(m.end());
        }
        int lineEnd = text.indexOf('\n', m.end());
        int pos = lineEnd < 0 ? text.length() : lineEnd + 1;
        // the block ends at the first non-blank line indented two spaces or less
        while (pos < text.length()) {
            int next = text.indexOf('\n', pos);
            String line = text.substring(pos, next < 0 ? text.length() : next);
            if (!line.isBlank() && !line.startsWith("   ")) break;
            pos = next < 0 ? text.length() : next + 1;
        }
        String prefix = text.substring(0, pos);
        if (!prefix.endsWith("\n")) prefix += "\n";
        return prefix + entries + text.substring(pos);
    }

    /** Records the objects in the stack's state under the URNs their new goals have, so `up` finds them in place. */
    private void adopt(Stack stack, Stack pair, Map<String, HandMade> byName) throws IOException {
        StackRunner.Target target = runner.target(stack, pair, null, null);
        StateStore store = runner.store(stack);
        runner.lock(stack, "capture");
        try {
            StateStore.Loaded loaded = store.load(stack.name());
            Snapshot s = loaded.snapshot();
            Plan plan = runner.plan(target, s, PlanOptions.DEFAULT);
            List<ResourceState> resources = new ArrayList<>(s.resources());
            for (Step step : plan.steps()) {
                if (!(step instanceof Step.Create c) || !byName.containsKey(c.goal().name())) continue;
                Goal g = c.goal();
                HandMade h = byName.get(g.name());
                ResourceState providerState = s.get(h.provider());
                Props inputs = resolve(g.inputs(), s);
                // the object keeps its own name until the next up gives it the stack's (a replacement the plan shows)
                if (h.inputs().get("name") != null && inputs.containsKey("name")) inputs = inputs.with("name", h.inputs().get("name"));
                resources.add(new ResourceState(g.urn(), true, h.id(), inputs, h.inputs().with("id", PropertyValue.of(h.id())),
                        g.options().parent(), false, false, new ArrayList<>(g.dependencies()), Map.of(),
                        providerState == null ? null : ResourceState.providerRef(h.provider(), providerState.id()), false, null,
                        g.source() == null ? null : g.source().toString()));
            }
            store.commit(stack.name(), s.with(resources, s.pending(), s.metadata().next(null, null, null)), loaded.codec());
        } finally {
            runner.unlock(stack);
        }
    }

    private static Props resolve(Props inputs, Snapshot s) {
        Map<String, PropertyValue> out = new LinkedHashMap<>();
        inputs.forEach((k, v) -> {
            if (v instanceof PropertyValue.Ref r) {
                ResourceState target = s.get(r.target());
                PropertyValue known = target == null ? null : target.outputs().at(r.property());
                if (known == null && target != null && r.property().equals("id")) known = PropertyValue.of(target.id());
                out.put(k, known == null ? v : known);
            } else {
                out.put(k, v);
            }
        });
        return new Props(out);
    }

    private static void write(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".capture-tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

}
