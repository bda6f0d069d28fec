package io.lifeboat.state;

import java.util.List;
import java.util.Map;

import io.lifeboat.resource.Props;
import io.lifeboat.resource.ResourceOptions;
import io.lifeboat.resource.Urn;

/**
 * A resource as the checkpoint records it (Pulumi's ResourceV3), plus the options Lifeboat needs
 * to act on it after it has left the spec (kept in the checkpoint's metadata).
 *
 * @param provider       Pulumi's provider reference, {@code <provider urn>::<provider id>}, or null
 * @param delete         an old copy awaiting deletion after its replacement was created
 * @param source         where the spec asked for it ({@code file:line:column}), or null
 * @param deletedWith    the resource whose deletion takes this one with it (Pulumi's {@code deletedWith}), or null
 * @param external       read by the program ({@code Resource.get}), not managed: never updated nor deleted, only forgotten
 */
public record ResourceState(
        Urn urn,
        boolean custom,
        String id,
        Props inputs,
        Props outputs,
        Urn parent,
        boolean protect,
        boolean retainOnDelete,
        List<Urn> dependencies,
        Map<String, List<Urn>> propertyDependencies,
        String provider,
        boolean delete,
        ResourceOptions.CustomTimeouts customTimeouts,
        String source,
        Urn deletedWith,
        boolean external) {

    public ResourceState {
        dependencies = List.copyOf(dependencies);
        propertyDependencies = java.util.Collections.unmodifiableMap(withDependencies(propertyDependencies));
        customTimeouts = customTimeouts == null ? ResourceOptions.CustomTimeouts.NONE : customTimeouts;
    }

    /** A resource deleted on its own (no {@code deletedWith}). */
    public ResourceState(Urn urn, boolean custom, String id, Props inputs, Props outputs, Urn parent, boolean protect, boolean retainOnDelete,
                         List<Urn> dependencies, Map<String, List<Urn>> propertyDependencies, String provider, boolean delete,
                         ResourceOptions.CustomTimeouts customTimeouts, String source) {
        this(urn, custom, id, inputs, outputs, parent, protect, retainOnDelete, dependencies, propertyDependencies, provider, delete,
                customTimeouts, source, null, false);
    }

    /** A managed resource (not {@code external}). */
    public ResourceState(Urn urn, boolean custom, String id, Props inputs, Props outputs, Urn parent, boolean protect, boolean retainOnDelete,
                         List<Urn> dependencies, Map<String, List<Urn>> propertyDependencies, String provider, boolean delete,
                         ResourceOptions.CustomTimeouts customTimeouts, String source, Urn deletedWith) {
        this(urn, custom, id, inputs, outputs, parent, protect, retainOnDelete, dependencies, propertyDependencies, provider, delete,
                customTimeouts, source, deletedWith, false);
    }

    public String type() {
        return urn.type();
    }

    public ResourceState withObserved(Props newInputs, Props newOutputs) {
        return new ResourceState(urn, custom, id, newInputs, newOutputs, parent, protect, retainOnDelete, dependencies,
                propertyDependencies, provider, delete, customTimeouts, source, deletedWith, external);
    }

    /** The same resource as made by its provider: its id and outputs. */
    public ResourceState made(String newId, Props newOutputs) {
        return new ResourceState(urn, custom, newId, inputs, newOutputs, parent, protect, retainOnDelete, dependencies,
                propertyDependencies, provider, delete, customTimeouts, source, deletedWith, external);
    }

    public ResourceState markedForDeletion() {
        return new ResourceState(urn, custom, id, inputs, outputs, parent, protect, retainOnDelete, dependencies,
                propertyDependencies, provider, true, customTimeouts, source, deletedWith, external);
    }

    /** The same resource under the URN a program now gives it (an alias of its recorded one). */
    public ResourceState renamed(Urn to, Urn newParent) {
        return new ResourceState(to, custom, id, inputs, outputs, newParent, protect, retainOnDelete, dependencies,
                propertyDependencies, provider, delete, customTimeouts, source, deletedWith, external);
    }

    /** The URN part of the provider reference. */
    public Urn providerUrn() {
        if (provider == null) return null;
        int cut = provider.lastIndexOf("::");
        return Urn.parse(provider.substring(0, cut));
    }

    public static String providerRef(Urn providerUrn, String providerId) {
        return providerUrn + "::" + providerId;
    }

    /**
     * The properties that depend on something, in name order. A property that depends on nothing
     * is left out, as Pulumi leaves out what is empty: the checkpoint then holds only edges, and a
     * state read back equals the state written.
     */
    private static java.util.TreeMap<String, List<Urn>> withDependencies(Map<String, List<Urn>> propertyDependencies) {
        java.util.TreeMap<String, List<Urn>> out = new java.util.TreeMap<>();
        propertyDependencies.forEach((k, v) -> {
            if (!v.isEmpty()) out.put(k, v);
        });
        return out;
    }
}
