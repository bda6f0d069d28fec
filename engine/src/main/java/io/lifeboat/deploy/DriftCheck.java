package io.lifeboat.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lifeboat.plan.Drift;
import io.lifeboat.plan.Plural;

/**
 * The outcome of reading a stack's resources for drift: what drifted, and what could not be
 * read. Drift is known only when every resource was read: a region that does not answer makes it
 * unknown, never "none".
 */
public record DriftCheck(List<Drift> drift, List<StepError> unread) {
    /** The error code of a call that could not reach the cloud's endpoint (a region out, a network down). */
    public static final String UNREACHABLE = "EndpointConnectionError";

    public DriftCheck {
        drift = List.copyOf(drift);
        unread = List.copyOf(unread);
    }

    public boolean known() {
        return unread.isEmpty();
    }

    public boolean unreachable() {
        for (StepError e : unread) if (UNREACHABLE.equals(e.code())) return true;
        return false;
    }

    /** {@code none}, {@code 2 resources}, or {@code unknown (region unreachable)}. */
    public String summary() {
        if (!known()) {
            return "unknown (" + (unreachable() ? "region unreachable" : Plural.of(unread.size(), "resource") + " not read") + ")";
        }
        return drift.isEmpty() ? "none" : Plural.of(drift.size(), "resource");
    }

    /**
     * What could not be read, once per cause: {@code 59 resources could not be read: <message>
     * (<code>)}. Errors with the same code are one cause (the same region out answers every
     * service with its own host name); errors without a code are grouped by message.
     */
    public List<String> causes() {
        Map<String, List<StepError>> groups = new LinkedHashMap<>();
        for (StepError e : unread) groups.computeIfAbsent(e.code() != null ? e.code() : e.message(), k -> new ArrayList<>()).add(e);
        List<String> out = new ArrayList<>();
        for (List<StepError> g : groups.values()) {
            StepError first = g.get(0);
            String who = g.size() == 1 ? first.urn().name() + " could not be read" : Plural.of(g.size(), "resource") + " could not be read";
            out.add(who + ": " + first.message() + (first.code() == null ? "" : " (" + first.code() + ")")
                    + (g.size() > 1 ? ", e.g. " + first.urn().name() : ""));
        }
        return out;
    }
}
