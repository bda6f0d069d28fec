package io.lifeboat.provider;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a resource type takes and gives: its inputs (which are required, which force
 * replacement when they change, which are secret, their defaults) and its output names. One
 * schema per type token is shared by every provider that implements the token (the sim and the
 * real cloud), so they cannot drift apart.
 *
 * @param idempotencyTag the tag that marks each object with its URN so that a create cut short
 *                       by a crash can be found again; null for types that carry no tags
 * @param uniqueNames    inputs whose value must be unique where the object lives (a role name, a
 *                       database identifier): a replacement that keeps the value must delete the
 *                       old object before creating the new one
 * @param holdsData      the object holds data that only it has (a database): a plan that would
 *                       delete or replace it is refused unless the user names it or allows data loss
 * @param labels         the input holding the object's GCP-style labels ({@code labels},
 *                       {@code resourceLabels}, {@code userLabels}), which carry the mark as
 *                       {@link #URN_LABEL}; null for types without labels
 */
public record TypeSchema(String token, Map<String, Input> inputs, Set<String> outputs, String idempotencyTag,
                         Set<String> uniqueNames, boolean holdsData, String labels) {

    public static final String URN_TAG = "lifeboat:urn";

    /**
     * The label that marks an object with its URN where the cloud keeps labels, not tags (GCP):
     * label values are limited to 63 characters of {@code [a-z0-9_-]}, so it holds
     * {@link Marks#labelValue}, a digest of the URN.
     */
    public static final String URN_LABEL = "lifeboat-urn";

    public TypeSchema {
        inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        outputs = Set.copyOf(outputs);
        uniqueNames = Set.copyOf(uniqueNames);
    }

    /**
     * @param promotion setting or changing the input replaces the object, but removing it is an
     *                  update: a read replica's source ({@code replicateSourceDb}), whose removal
     *                  promotes the replica to a database of its own
     */
    public record Input(boolean required, boolean forceNew, boolean secret, boolean promotion) {
        public Input(boolean required, boolean forceNew, boolean secret) {
            this(required, forceNew, secret, false);
        }
    }

    public boolean forcesReplacement(String property) {
        Input in = inputs.get(top(property));
        return in != null && in.forceNew();
    }

    /** Whether a change of {@code property} from {@code before} to {@code after} (null: absent) replaces the object. */
    public boolean forcesReplacement(String property, io.lifeboat.resource.PropertyValue before, io.lifeboat.resource.PropertyValue after) {
        Input in = inputs.get(top(property));
        if (in == null) return false;
        if (in.promotion()) return after != null;
        return in.forceNew();
    }

    private static String top(String property) {
        return property.contains(".") ? property.substring(0, property.indexOf('.')) : property;
    }

    /** The required inputs not among {@code given}, in the schema's order. */
    public java.util.List<String> missingInputs(Set<String> given) {
        java.util.List<String> out = new java.util.ArrayList<>();
        inputs.forEach((name, in) -> {
            if (in.required() && !given.contains(name)) out.add(name);
        });
        return out;
    }

    /** The names among {@code given} that are no input of the type, in their order. */
    public java.util.List<String> unknownInputs(java.util.Collection<String> given) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String name : given) if (!inputs.containsKey(name)) out.add(name);
        return out;
    }

    public boolean taggable() {
        return idempotencyTag != null;
    }

    /** True when the type carries labels, and the mark among them. */
    public boolean labelled() {
        return labels != null;
    }

    public static Builder builder(String token) {
        return new Builder(token);
    }

    public static final class Builder {
        private final String token;
        private final Map<String, Input> inputs = new LinkedHashMap<>();
        private final java.util.Set<String> outputs = new java.util.LinkedHashSet<>();
        private boolean tagged;
        private String labels;
        private final java.util.Set<String> uniqueNames = new java.util.LinkedHashSet<>();
        private boolean holdsData;

        private Builder(String token) {
            this.token = token;
        }

        /** A required input that forces replacement. */
        public Builder replaces(String... names) {
            for (String n : names) inputs.put(n, new Input(true, true, false));
            return this;
        }

        /** An optional input that forces replacement. */
        public Builder optionalReplaces(String... names) {
            for (String n : names) inputs.put(n, new Input(false, true, false));
            return this;
        }

        /**
         * An optional input naming the source a read replica follows: setting or changing it
         * replaces the object, removing it promotes the replica in place.
         */
        public Builder promotedByRemoval(String... names) {
            for (String n : names) inputs.put(n, new Input(false, true, false, true));
            return this;
        }

        public Builder required(String... names) {
            for (String n : names) inputs.put(n, new Input(true, false, false));
            return this;
        }

        public Builder optional(String... names) {
            for (String n : names) inputs.put(n, new Input(false, false, false));
            return this;
        }

        /** Optional inputs whose values are secret (a database's password), updated in place. */
        public Builder optionalSecret(String... names) {
            for (String n : names) inputs.put(n, new Input(false, false, true));
            return this;
        }

        public Builder secret(String name, boolean forceNew) {
            inputs.put(name, new Input(true, forceNew, true));
            return this;
        }

        /** Inputs whose value must be unique where the object lives. */
        public Builder uniqueName(String... names) {
            uniqueNames.addAll(java.util.List.of(names));
            return this;
        }

        /** The object holds data that only it has: deleting or replacing it loses that data. */
        public Builder holdsData() {
            holdsData = true;
            return this;
        }

        public Builder outputs(String... names) {
            outputs.addAll(java.util.List.of(names));
            return this;
        }

        /** The type carries tags: a {@code tags} input, and the idempotency mark among them. */
        public Builder tagged() {
            tagged = true;
            inputs.put("tags", new Input(false, false, false));
            outputs.add("tags");
            return this;
        }

        /** The type carries labels in the input {@code property}: a map of strings, and the idempotency mark among them. */
        public Builder labelled(String property) {
            labels = property;
            inputs.put(property, new Input(false, false, false));
            outputs.add(property);
            return this;
        }

        public TypeSchema build() {
            outputs.add("id");
            for (String in : inputs.keySet()) outputs.add(in);
            return new TypeSchema(token, inputs, outputs, tagged ? URN_TAG : null, uniqueNames, holdsData, labels);
        }
    }
}
