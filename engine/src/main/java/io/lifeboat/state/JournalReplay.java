package io.lifeboat.state;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/**
 * Rebuilds a stack's state after an operation that did not finish: the checkpoint it started
 * from, plus every step the journal saw end; steps that began and did not end become pending
 * operations, to be resolved by asking the cloud.
 */
public final class JournalReplay {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JournalReplay() {
    }

    public record Result(Snapshot snapshot, int applied, int pending, int ignored) {
    }

    public static Result apply(Snapshot base, List<String> lines, CheckpointCodec codec) {
        Resources resources = new Resources(base.resources());
        Map<String, PendingOperation> open = new LinkedHashMap<>();
        for (PendingOperation p : base.pending()) open.put(Journal.key(p.type(), p.resource().urn()), p);
        int applied = 0;
        int ignored = 0;
        // the session the lines are in (Journal's session line): whether it builds on base, and its begins by number
        boolean sessionOnBase = false;
        Map<Long, PendingOperation> numbered = new java.util.HashMap<>();
        for (String line : lines) {
            if (line.isBlank()) continue;
            JsonNode e;
            try {
                e = MAPPER.readTree(line);
            } catch (IOException ex) {
                // A line cut short by a crash: the step it describes did not end.
                ignored++;
                continue;
            }
            if (e.has("journal")) {
                sessionOnBase = buildsOn(e, base);
                numbered.clear();
                continue;
            }
            // a line of an older Lifeboat names what it builds on itself
            if (!(e.has("lineage") ? buildsOn(e, base) : sessionOnBase)) {
                ignored++;
                continue;
            }
            String kind;
            String op;
            Urn urn;
            if (e.has("begin")) {
                PendingOperation p = new PendingOperation(codec.resource(e.get("resource"), e.get("extra")), e.path("op").asText());
                numbered.put(e.get("begin").asLong(), p);
                open.put(Journal.key(p.type(), p.resource().urn()), p);
                continue;
            } else if (e.has("end") || e.has("fail")) {
                kind = e.has("end") ? "end" : "fail";
                PendingOperation begun = numbered.get(e.get(kind).asLong());
                if (begun == null) {
                    // the number of a begin this session does not hold: not an entry this Lifeboat wrote
                    ignored++;
                    continue;
                }
                op = begun.type();
                urn = begun.resource().urn();
            } else {
                kind = e.path("kind").asText();
                op = e.path("op").asText();
                urn = Urn.parse(e.path("urn").asText());
            }
            switch (kind) {
                case "begin" -> open.put(Journal.key(op, urn), new PendingOperation(codec.resource(e.get("resource"), e.get("extra")), op));
                case "fail" -> open.remove(Journal.key(op, urn));
                case "end" -> {
                    PendingOperation begun = open.remove(Journal.key(op, urn));
                    if (op.equals("deleting")) {
                        applied++;
                        resources.remove(urn, e.hasNonNull("id") ? e.get("id").asText() : null, e.path("replaced").asBoolean(false));
                        continue;
                    }
                    ResourceState ended;
                    if (e.path("asBegun").asBoolean(false)) {
                        boolean over = e.has("outputsBeyondInputs");
                        PropertyValue outputs = codec.value(over ? e.path("outputsBeyondInputs") : e.path("outputs"));
                        String id = e.hasNonNull("id") ? e.get("id").asText() : null;
                        Props out = outputs instanceof PropertyValue.Obj o ? o.props() : Props.EMPTY;
                        if (over && begun != null) out = outputsOver(begun.resource().inputs(), out, e.path("inputsNotOutput"));
                        if (begun == null) {
                            // the rest of it is in a begin that is not there: kept, as a call that did not end, for the cloud to settle
                            open.put(Journal.key(op, urn), new PendingOperation(new ResourceState(urn, true, id, Props.EMPTY, out, null, false, false,
                                    List.of(), Map.of(), null, false, null, null), op));
                            continue;
                        }
                        ended = begun.resource().made(id, out);
                    } else {
                        ended = codec.resource(e.get("resource"), e.get("extra"));
                    }
                    applied++;
                    resources.upsert(ended, op.equals("creating"));
                }
                default -> ignored++;
            }
        }
        Snapshot s = new Snapshot(base.time(), resources.list(), new ArrayList<>(open.values()), base.metadata());
        return new Result(s, applied, open.size(), ignored);
    }

    private static boolean buildsOn(JsonNode e, Snapshot base) {
        return base.metadata().lineage().equals(e.path("lineage").asText()) && e.path("serial").asLong(-1) == base.metadata().serial();
    }

    /** The outputs an end wrote as what they add to the inputs its begin gave ({@code Journal}'s {@code outputsBeyondInputs}). */
    static Props outputsOver(Props inputs, Props beyond, com.fasterxml.jackson.databind.JsonNode notOutput) {
        java.util.Set<String> absent = new java.util.HashSet<>();
        for (com.fasterxml.jackson.databind.JsonNode k : notOutput) absent.add(k.asText());
        Props.Builder b = Props.builder();
        for (String k : inputs.keySet()) {
            if (!absent.contains(k) && !beyond.containsKey(k)) b.put(k, inputs.get(k));
        }
        for (String k : beyond.keySet()) b.put(k, beyond.get(k));
        return b.build();
    }

    /**
     * The resources as the entries change them, in their order: each URN's copies (the live one, an
     * old one awaiting deletion) found through an index, not a scan of all of them, so a journal of
     * thousands of creates replays in time linear in its length.
     */
    private static final class Resources {
        private final List<ResourceState> slots = new ArrayList<>();
        private final Map<Urn, List<Integer>> byUrn = new java.util.HashMap<>();

        Resources(List<ResourceState> initial) {
            for (ResourceState r : initial) add(r);
        }

        private void add(ResourceState r) {
            byUrn.computeIfAbsent(r.urn(), u -> new ArrayList<>(1)).add(slots.size());
            slots.add(r);
        }

        /** A create of a URN that exists is a replacement: the old copy awaits deletion. */
        void upsert(ResourceState state, boolean create) {
            for (int i : byUrn.getOrDefault(state.urn(), List.of())) {
                ResourceState r = slots.get(i);
                if (r.delete()) continue;
                if (create && r.id() != null && !r.id().equals(state.id())) {
                    slots.set(i, r.markedForDeletion());
                    add(state);
                } else {
                    slots.set(i, state);
                }
                return;
            }
            add(state);
        }

        /**
         * Removes the copy of {@code urn} whose object is {@code id}; without an id, the copy that is
         * (or is not) awaiting deletion. A delete-first replacement deletes the live copy as the
         * "replaced" one, so the id decides.
         */
        void remove(Urn urn, String id, boolean replacedCopy) {
            List<Integer> at = byUrn.get(urn);
            if (at == null) return;
            for (int k = 0; k < at.size(); k++) {
                ResourceState r = slots.get(at.get(k));
                boolean match = id != null ? id.equals(r.id()) : r.delete() == replacedCopy;
                if (match) {
                    slots.set(at.remove(k), null);
                    return;
                }
            }
        }

        List<ResourceState> list() {
            List<ResourceState> out = new ArrayList<>(slots.size());
            for (ResourceState r : slots) if (r != null) out.add(r);
            return out;
        }
    }
}
