package io.lifeboat.providers.sim;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import io.lifeboat.provider.TypeSchema;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

/**
 * One object of the simulated cloud as it is stored: its inputs as the cloud holds them (for a
 * taggable type the tags carry the {@code lifeboat:urn} mark), the outputs computed when it was
 * made, and where it is in its life. A status change the cloud works on asynchronously is kept
 * as {@code nextStatus} due at {@code transitionAt}, so that it completes even when the process
 * that asked for it is gone; a null {@code nextStatus} means the object is gone at that time.
 *
 * @param hidden facts the cloud keeps but does not show as properties (the mark of an untaggable
 *               type, the primary of a replica, …)
 */
public record SimObject(String id, String type, String region, String status, Instant createdAt,
                        Instant transitionAt, String nextStatus, Props inputs, Props computed,
                        Map<String, String> hidden) {

    public static final String CREATING = "creating";
    public static final String AVAILABLE = "available";
    public static final String PENDING_ACCEPTANCE = "pending-acceptance";
    public static final String DELETING = "deleting";

    /** The hidden field that holds the idempotency mark of an untaggable type. */
    public static final String MARK = "urn";
    /** Set when the inputs as given carried no tags: only the mark was put there. */
    public static final String NO_TAGS = "noTags";
    /**
     * Set on a copy of an object whose home is another region (the region named), kept so that
     * calls to this region read it (a GCP secret's data in its replica locations): the same
     * object, which the console lists in its home region only.
     */
    public static final String COPY_OF = "copyOf";
    /** Set on a subscription its owner has confirmed. */
    public static final String CONFIRMED = "confirmed";

    public SimObject {
        hidden = java.util.Collections.unmodifiableMap(new TreeMap<>(hidden));
    }

    /** The URN this object was created for, or null when it carries no mark (any more). */
    public String mark() {
        if (inputs.get("tags") instanceof PropertyValue.Obj tags) {
            String tagged = tags.props().string(TypeSchema.URN_TAG);
            if (tagged != null) return tagged;
        }
        return hidden.get(MARK);
    }

    /** This object as it is at {@code now}: a due transition applied; null when it is gone by then. */
    public SimObject at(Instant now) {
        if (transitionAt == null || now.isBefore(transitionAt)) return this;
        if (nextStatus == null) return null;
        return new SimObject(id, type, region, nextStatus, createdAt, null, null, inputs, computed, hidden);
    }

    public boolean is(String s) {
        return status.equals(s);
    }

    public SimObject withStatus(String newStatus, Instant due, String next) {
        return new SimObject(id, type, region, newStatus, createdAt, due, next, inputs, computed, hidden);
    }

    public SimObject withInputs(Props newInputs) {
        return new SimObject(id, type, region, status, createdAt, transitionAt, nextStatus, newInputs, computed, hidden);
    }

    public SimObject withComputed(Props newComputed) {
        return new SimObject(id, type, region, status, createdAt, transitionAt, nextStatus, inputs, newComputed, hidden);
    }

    public SimObject withHidden(String key, String value) {
        Map<String, String> h = new TreeMap<>(hidden);
        if (value == null) h.remove(key);
        else h.put(key, value);
        return new SimObject(id, type, region, status, createdAt, transitionAt, nextStatus, inputs, computed, h);
    }
}
