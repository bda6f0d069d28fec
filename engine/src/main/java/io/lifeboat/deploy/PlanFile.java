package io.lifeboat.deploy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lifeboat.plan.Plan;
import io.lifeboat.plan.PlanOptions;
import io.lifeboat.plan.Step;
import io.lifeboat.program.Posture;
import io.lifeboat.program.ProgramOptions;
import io.lifeboat.program.ProgramResult;
import io.lifeboat.resource.Goal;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.ResourceOptions;
import io.lifeboat.resource.Urn;
import io.lifeboat.spec.SourcePosition;
import io.lifeboat.state.CheckpointCodec;
import io.lifeboat.state.Snapshot;
import io.lifeboat.state.StateException;

/**
 * A saved plan, as Terraform's {@code plan -out} and Pulumi's {@code --save-plan} keep one: for
 * each stack, everything its apply needs, so that {@code up --plan} applies exactly what was
 * reviewed without running the program again. It holds the state the plan was made against (a
 * checkpoint, so its secrets are encrypted as the state's are, with the same key), the goals and
 * stack outputs the program made (secrets encrypted the same way), the options, the role the
 * stack was planned in, and the steps, for a check that planning again gives the same ones.
 *
 * <p>It also holds what the plan must still be true of: the state's lineage and serial, the
 * entries of an interrupted run's journal, and the hash of the specs. {@link #verify} refuses the
 * plan when any of them moved.
 */
public final class PlanFile {
    /** The format of the file; a file of another version is refused. */
    public static final int VERSION = 1;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SIG = CheckpointCodec.SIG;
    private static final String REF_SIG = "lifeboat:ref";
    private static final String SECRET_SIG = "lifeboat:secret";

    private PlanFile() {
    }

    /**
     * One stack's saved plan.
     *
     * @param existed        whether the stack had a state when the plan was made (a first plan has none: its lineage is new)
     * @param journalEntries the entries of an interrupted run's journal when the plan was made (0: none)
     */
    public record Entry(String stack, boolean existed, String lineage, long serial, int journalEntries, String specHash, ProgramOptions program,
                        PlanOptions options, Snapshot prior, ProgramResult goals, List<StepLine> steps, CheckpointCodec codec) {
    }

    /** A step as the plan file lists it: what will happen to which resource. */
    public record StepLine(Urn urn, Plan.Kind kind) {
        static List<StepLine> of(Plan plan) {
            List<StepLine> out = new ArrayList<>();
            for (Step s : plan.steps()) out.add(new StepLine(s.urn(), Plan.kind(s)));
            return out;
        }
    }

    /** The JSON of one stack's plan, made by {@link StackRunner#plan} from {@code p}, its secrets encrypted with the state's key. */
    public static ObjectNode entry(StackRunner.Prepared p, Plan plan) {
        if (plan.prior() == null) throw new IllegalArgumentException("a plan made outside an operation cannot be saved");
        CheckpointCodec codec = p.loaded().codec();
        ObjectNode n = F.objectNode();
        n.put("stack", p.stack().name());
        n.put("existed", p.loaded().exists());
        n.put("lineage", p.state().metadata().lineage());
        n.put("serial", p.state().metadata().serial());
        n.put("journalEntries", journalEntries(p));
        if (p.target().specHash() != null) n.put("specHash", p.target().specHash());
        ObjectNode program = n.putObject("program");
        ProgramOptions o = p.target().program();
        program.put("posture", o.posture().name());
        if (o.restoreFrom() != null) program.put("restoreFrom", o.restoreFrom());
        if (o.replicaOf() != null) program.put("replicaOf", o.replicaOf());
        program.put("pairAvailable", o.pairAvailable());
        program.put("drill", o.drill());
        n.set("options", options(plan.options()));
        try {
            n.set("prior", MAPPER.readTree(codec.write(plan.prior())));
        } catch (java.io.IOException e) {
            throw new StateException("cannot save the state the plan of " + p.stack().name() + " was made against", e);
        }
        // a Pulumi program's goals are known only from its run: the plan's steps hold them
        ProgramResult goals = p.stack().runsProgram() && !plan.options().destroy() ? goalsOf(plan) : p.goalsFor(plan.options());
        ArrayNode g = n.putArray("goals");
        for (Goal goal : goals.goals()) g.add(goal(goal, codec));
        n.set("outputs", values(goals.outputs(), codec));
        ObjectNode paths = n.putObject("paths");
        goals.paths().forEach((u, path) -> paths.put(u.toString(), path));
        ArrayNode steps = n.putArray("steps");
        for (StepLine s : StepLine.of(plan)) steps.addObject().put("urn", s.urn().toString()).put("action", s.kind().name().toLowerCase());
        return n;
    }

    private static ProgramResult goalsOf(Plan plan) {
        List<Goal> goals = new ArrayList<>();
        for (Step s : plan.steps()) if (s.goal() != null) goals.add(s.goal());
        return new ProgramResult(goals, plan.outputs());
    }

    /** The whole file: one entry a stack, in the order they are applied. */
    public static byte[] write(List<ObjectNode> entries, String head) {
        ObjectNode root = F.objectNode();
        root.put("lifeboatPlan", VERSION);
        if (head != null) root.put("head", head);
        ArrayNode stacks = root.putArray("stacks");
        entries.forEach(stacks::add);
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new StateException("cannot write the plan", e);
        }
    }

    /** The stacks a plan file names, in order. {@code where} names the file in errors. */
    public static List<String> stacks(byte[] bytes, String where) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : root(bytes, where).path("stacks")) out.add(required(s, "stack", where).asText());
        return out;
    }

    /** One stack's entry of a plan file, its secrets opened with {@code passphrase}. */
    public static Entry read(byte[] bytes, String where, String stack, Supplier<char[]> passphrase) {
        for (JsonNode s : root(bytes, where).path("stacks")) {
            if (!stack.equals(s.path("stack").asText())) continue;
            byte[] prior = s.path("prior").toString().getBytes(StandardCharsets.UTF_8);
            if (!s.path("prior").isObject()) throw new StateException(where + ": the plan of " + stack + " lacks the state it was made against");
            CheckpointCodec codec = CheckpointCodec.forCheckpoint(prior, passphrase);
            Snapshot snapshot = codec.read(prior, where + " (the state " + stack + " was planned against)");
            JsonNode p = required(s, "program", where);
            ProgramOptions program = new ProgramOptions(Posture.valueOf(required(p, "posture", where).asText()),
                    p.hasNonNull("restoreFrom") ? p.get("restoreFrom").asText() : null, p.path("pairAvailable").asBoolean(true),
                    p.path("drill").asBoolean(false)).replicaOf(p.hasNonNull("replicaOf") ? p.get("replicaOf").asText() : null);
            List<Goal> goals = new ArrayList<>();
            for (JsonNode g : s.path("goals")) goals.add(goal(g, codec));
            Map<Urn, String> paths = new LinkedHashMap<>();
            s.path("paths").fields().forEachRemaining(e -> paths.put(Urn.parse(e.getKey()), e.getValue().asText()));
            ProgramResult result = new ProgramResult(goals, values(s.path("outputs"), codec).asMap(), paths);
            List<StepLine> steps = new ArrayList<>();
            for (JsonNode st : s.path("steps")) {
                steps.add(new StepLine(Urn.parse(st.path("urn").asText()), Plan.Kind.valueOf(st.path("action").asText().toUpperCase())));
            }
            return new Entry(stack, required(s, "existed", where).asBoolean(), required(s, "lineage", where).asText(), required(s, "serial", where).asLong(),
                    s.path("journalEntries").asInt(0), s.hasNonNull("specHash") ? s.get("specHash").asText() : null, program,
                    options(required(s, "options", where)), snapshot, result, steps, codec);
        }
        throw new StateException(where + " holds no plan for stack " + stack + "; it plans " + String.join(", ", stacks(bytes, where)));
    }

    /**
     * Why {@code e} may no longer be applied to the stack as it now is (its state loaded as
     * {@code now}, its specs hashing to {@code specHash}), each reason with the fix; empty when
     * it may. {@code file} names the plan file in the fix.
     */
    public static List<String> verify(Entry e, StackRunner.Prepared now, String specHash, String file) {
        List<String> out = new ArrayList<>();
        String again = "; nothing was changed. Make a new plan with `lifeboat preview --stack " + e.stack() + " --save-plan " + file
                + "`, review it, and apply that";
        var m = now.state().metadata();
        if (!e.existed()) {
            if (now.loaded().exists()) {
                out.add("the plan of " + e.stack() + " in " + file + " was made before the stack had a state, and it has one now (serial " + m.serial()
                        + ": something was applied since)" + again);
            }
        } else if (!now.loaded().exists()) {
            out.add("the plan of " + e.stack() + " in " + file + " was made against serial " + e.serial() + " of its state, which is not there now"
                    + " (check state: in the stack's file)" + again);
        } else if (!e.lineage().equals(m.lineage())) {
            out.add("the plan of " + e.stack() + " in " + file + " was made against another state (lineage " + e.lineage()
                    + ", now " + m.lineage() + ": the state was replaced or made anew)" + again);
        } else if (e.serial() != m.serial()) {
            out.add("the plan of " + e.stack() + " in " + file + " was made against serial " + e.serial() + " of its state, which is now at serial "
                    + m.serial() + " (something was applied since)" + again);
        } else if (e.journalEntries() != journalEntries(now)) {
            out.add("an operation on " + e.stack() + " was interrupted after the plan in " + file + " was made, so its state moved" + again);
        }
        if (e.specHash() != null && specHash != null && !e.specHash().equals(specHash)) {
            out.add("the specs of " + e.stack() + " changed since the plan in " + file + " was made (spec hash " + shortHash(e.specHash()) + ", now "
                    + shortHash(specHash) + ")" + again);
        }
        return out;
    }

    private static String shortHash(String h) {
        return h.length() > 12 ? h.substring(0, 12) : h;
    }

    private static int journalEntries(StackRunner.Prepared p) {
        var replay = p.loaded().replay();
        return replay == null ? 0 : replay.applied() + replay.pending() + replay.ignored();
    }

    private static JsonNode root(byte[] bytes, String where) {
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new StateException(where + " is not a plan file (not JSON: " + e.getMessage().lines().findFirst().orElse("") + "); make one with `lifeboat preview --save-plan FILE`");
        }
        if (root == null || !root.has("lifeboatPlan")) {
            throw new StateException(where + " is not a plan file; make one with `lifeboat preview --save-plan FILE`");
        }
        if (root.path("lifeboatPlan").asInt() != VERSION) {
            throw new StateException(where + " is a plan of format " + root.path("lifeboatPlan").asText() + ", which this Lifeboat (format " + VERSION
                    + ") does not read; make the plan again with this version");
        }
        return root;
    }

    private static JsonNode required(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) throw new StateException(where + " is damaged: a plan lacks its \"" + field + "\"; make the plan again");
        return v;
    }

    // ---------------------------------------------------------------- options

    private static ObjectNode options(PlanOptions o) {
        ObjectNode n = F.objectNode();
        urns(n.putArray("targets"), o.targets());
        urns(n.putArray("excludes"), o.excludes());
        urns(n.putArray("replaces"), o.replaces());
        n.put("destroy", o.destroy());
        n.put("targeted", o.targeted());
        n.put("allowDataLoss", o.allowDataLoss());
        n.put("targetDependents", o.targetDependents());
        return n;
    }

    private static PlanOptions options(JsonNode n) {
        return new PlanOptions(urns(n.path("targets")), urns(n.path("excludes")), urns(n.path("replaces")), n.path("destroy").asBoolean(),
                n.path("targeted").asBoolean(), n.path("allowDataLoss").asBoolean(), n.path("targetDependents").asBoolean());
    }

    private static void urns(ArrayNode into, Iterable<Urn> urns) {
        for (Urn u : urns) into.add(u.toString());
    }

    private static Set<Urn> urns(JsonNode n) {
        Set<Urn> out = new LinkedHashSet<>();
        for (JsonNode u : n) out.add(Urn.parse(u.asText()));
        return out;
    }

    // ---------------------------------------------------------------- goals

    private static ObjectNode goal(Goal g, CheckpointCodec codec) {
        ObjectNode n = F.objectNode();
        n.put("urn", g.urn().toString());
        n.put("custom", g.custom());
        n.set("inputs", values(g.inputs().asMap(), codec));
        ResourceOptions o = g.options();
        ObjectNode opts = n.putObject("options");
        if (o.parent() != null) opts.put("parent", o.parent().toString());
        if (o.provider() != null) opts.put("provider", o.provider().toString());
        urns(opts.putArray("dependsOn"), o.dependsOn());
        opts.put("protect", o.protect());
        opts.put("deleteBeforeReplace", o.deleteBeforeReplace());
        o.replaceOnChanges().forEach(opts.putArray("replaceOnChanges")::add);
        o.ignoreChanges().forEach(opts.putArray("ignoreChanges")::add);
        opts.put("retainOnDelete", o.retainOnDelete());
        if (!o.aliases().isEmpty()) urns(opts.putArray("aliases"), o.aliases());
        if (o.deletedWith() != null) opts.put("deletedWith", o.deletedWith().toString());
        if (!o.replacementDefaults().isEmpty()) opts.set("replacementDefaults", values(o.replacementDefaults().asMap(), codec));
        ObjectNode t = opts.putObject("customTimeouts");
        if (o.customTimeouts().create() != null) t.put("create", o.customTimeouts().create().toSeconds());
        if (o.customTimeouts().update() != null) t.put("update", o.customTimeouts().update().toSeconds());
        if (o.customTimeouts().delete() != null) t.put("delete", o.customTimeouts().delete().toSeconds());
        if (g.source() != null) {
            n.putObject("source").put("file", g.source().file()).put("line", g.source().line()).put("column", g.source().column());
        }
        return n;
    }

    private static Goal goal(JsonNode n, CheckpointCodec codec) {
        JsonNode o = n.path("options");
        List<Urn> dependsOn = new ArrayList<>(urns(o.path("dependsOn")));
        List<String> replaceOn = new ArrayList<>();
        o.path("replaceOnChanges").forEach(x -> replaceOn.add(x.asText()));
        List<String> ignore = new ArrayList<>();
        o.path("ignoreChanges").forEach(x -> ignore.add(x.asText()));
        JsonNode t = o.path("customTimeouts");
        var timeouts = new ResourceOptions.CustomTimeouts(seconds(t, "create"), seconds(t, "update"), seconds(t, "delete"));
        ResourceOptions options = new ResourceOptions(o.hasNonNull("parent") ? Urn.parse(o.get("parent").asText()) : null,
                o.hasNonNull("provider") ? Urn.parse(o.get("provider").asText()) : null, dependsOn, o.path("protect").asBoolean(),
                o.path("deleteBeforeReplace").asBoolean(), replaceOn, ignore, o.path("retainOnDelete").asBoolean(), timeouts,
                List.copyOf(urns(o.path("aliases"))), o.hasNonNull("deletedWith") ? Urn.parse(o.get("deletedWith").asText()) : null,
                values(o.path("replacementDefaults"), codec));
        JsonNode s = n.get("source");
        SourcePosition source = s == null ? null : new SourcePosition(s.path("file").asText(), s.path("line").asInt(), s.path("column").asInt());
        return new Goal(Urn.parse(n.path("urn").asText()), n.path("custom").asBoolean(), values(n.path("inputs"), codec), options, source);
    }

    private static Duration seconds(JsonNode n, String field) {
        return n.hasNonNull(field) ? Duration.ofSeconds(n.get(field).asLong()) : null;
    }

    // ---------------------------------------------------------------- values

    private static ObjectNode values(Map<String, PropertyValue> values, CheckpointCodec codec) {
        ObjectNode n = F.objectNode();
        values.forEach((k, v) -> n.set(k, value(v, codec)));
        return n;
    }

    private static Props values(JsonNode n, CheckpointCodec codec) {
        Map<String, PropertyValue> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), value(e.getValue(), codec));
        }
        return new Props(out);
    }

    /**
     * A goal's value: as the checkpoint writes values, and a reference to another resource's
     * output as a marked object. A secret is encrypted whole, references inside it included.
     */
    private static JsonNode value(PropertyValue v, CheckpointCodec codec) {
        if (v instanceof PropertyValue.Ref r) {
            ObjectNode n = F.objectNode();
            n.put(SIG, REF_SIG);
            n.put("target", r.target().toString());
            n.put("property", r.property());
            if (!r.suffix().isEmpty()) n.put("suffix", r.suffix());
            return n;
        }
        if (v instanceof PropertyValue.Secret s) {
            ObjectNode n = F.objectNode();
            n.put(SIG, SECRET_SIG);
            n.set("value", codec.value(new PropertyValue.Secret(new PropertyValue.Str(value(s.value(), codec).toString()))));
            return n;
        }
        if (v instanceof PropertyValue.Arr a) {
            ArrayNode arr = F.arrayNode();
            for (PropertyValue i : a.items()) arr.add(value(i, codec));
            return arr;
        }
        if (v instanceof PropertyValue.Obj o) return values(o.props().asMap(), codec);
        return codec.value(v);
    }

    private static PropertyValue value(JsonNode n, CheckpointCodec codec) {
        if (n.isArray()) {
            List<PropertyValue> items = new ArrayList<>();
            for (JsonNode i : n) items.add(value(i, codec));
            return new PropertyValue.Arr(items);
        }
        if (n.isObject() && REF_SIG.equals(n.path(SIG).asText())) {
            return new PropertyValue.Ref(Urn.parse(n.path("target").asText()), n.path("property").asText(),
                    n.hasNonNull("suffix") ? n.get("suffix").asText() : null);
        }
        if (n.isObject() && SECRET_SIG.equals(n.path(SIG).asText())) {
            PropertyValue sealed = codec.value(n.path("value"));
            if (!(sealed instanceof PropertyValue.Secret s && s.value() instanceof PropertyValue.Str text)) {
                throw new StateException("a secret in the plan file is damaged; make the plan again");
            }
            try {
                return new PropertyValue.Secret(value(MAPPER.readTree(text.value()), codec));
            } catch (JsonProcessingException e) {
                throw new StateException("a secret in the plan file is damaged; make the plan again", e);
            }
        }
        if (n.isObject()) return new PropertyValue.Obj(values(n, codec));
        return codec.value(n);
    }
}
