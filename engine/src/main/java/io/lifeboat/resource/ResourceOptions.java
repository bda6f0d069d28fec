package io.lifeboat.resource;

import java.time.Duration;
import java.util.List;

/**
 * Resource options, with Pulumi's meaning.
 *
 * @param provider    the provider resource that manages this one (custom resources only)
 * @param aliases     the URNs this resource had before (renamed, moved under another parent): the
 *                    recorded resource of one of them is this one, not a resource to delete
 * @param deletedWith a resource whose deletion takes this one with it: when both go, this one's
 *                    delete is not called
 */
public record ResourceOptions(
        Urn parent,
        Urn provider,
        List<Urn> dependsOn,
        boolean protect,
        boolean deleteBeforeReplace,
        List<String> replaceOnChanges,
        List<String> ignoreChanges,
        boolean retainOnDelete,
        CustomTimeouts customTimeouts,
        List<Urn> aliases,
        Urn deletedWith) {

    public static final ResourceOptions NONE = new ResourceOptions(null, null, List.of(), false, false, List.of(), List.of(), false,
            CustomTimeouts.NONE, List.of(), null);

    public ResourceOptions {
        dependsOn = List.copyOf(dependsOn);
        replaceOnChanges = List.copyOf(replaceOnChanges);
        ignoreChanges = List.copyOf(ignoreChanges);
        customTimeouts = customTimeouts == null ? CustomTimeouts.NONE : customTimeouts;
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    /** Options as a spec gives them: no aliases, nothing deleted with another. */
    public ResourceOptions(Urn parent, Urn provider, List<Urn> dependsOn, boolean protect, boolean deleteBeforeReplace,
                           List<String> replaceOnChanges, List<String> ignoreChanges, boolean retainOnDelete, CustomTimeouts customTimeouts) {
        this(parent, provider, dependsOn, protect, deleteBeforeReplace, replaceOnChanges, ignoreChanges, retainOnDelete, customTimeouts,
                List.of(), null);
    }

    public ResourceOptions withParent(Urn p) {
        return new ResourceOptions(p, provider, dependsOn, protect, deleteBeforeReplace, replaceOnChanges, ignoreChanges, retainOnDelete, customTimeouts, aliases, deletedWith);
    }

    public ResourceOptions withProvider(Urn p) {
        return new ResourceOptions(parent, p, dependsOn, protect, deleteBeforeReplace, replaceOnChanges, ignoreChanges, retainOnDelete, customTimeouts, aliases, deletedWith);
    }

    public ResourceOptions withDependsOn(List<Urn> d) {
        return new ResourceOptions(parent, provider, d, protect, deleteBeforeReplace, replaceOnChanges, ignoreChanges, retainOnDelete, customTimeouts, aliases, deletedWith);
    }

    public ResourceOptions withProtect(boolean p) {
        return new ResourceOptions(parent, provider, dependsOn, p, deleteBeforeReplace, replaceOnChanges, ignoreChanges, retainOnDelete, customTimeouts, aliases, deletedWith);
    }

    public ResourceOptions withDeleteBeforeReplace(boolean d) {
        return new ResourceOptions(parent, provider, dependsOn, protect, d, replaceOnChanges, ignoreChanges, retainOnDelete, customTimeouts, aliases, deletedWith);
    }

    public ResourceOptions withReplaceOnChanges(List<String> r) {
        return new ResourceOptions(parent, provider, dependsOn, protect, deleteBeforeReplace, r, ignoreChanges, retainOnDelete, customTimeouts, aliases, deletedWith);
    }

    public ResourceOptions withIgnoreChanges(List<String> i) {
        return new ResourceOptions(parent, provider, dependsOn, protect, deleteBeforeReplace, replaceOnChanges, i, retainOnDelete, customTimeouts, aliases, deletedWith);
    }

    public ResourceOptions withRetainOnDelete(boolean r) {
        return new ResourceOptions(parent, provider, dependsOn, protect, deleteBeforeReplace, replaceOnChanges, ignoreChanges, r, customTimeouts, aliases, deletedWith);
    }

    public ResourceOptions withCustomTimeouts(CustomTimeouts t) {
        return new ResourceOptions(parent, provider, dependsOn, protect, deleteBeforeReplace, replaceOnChanges, ignoreChanges, retainOnDelete, t, aliases, deletedWith);
    }

    public ResourceOptions withAliases(List<Urn> a) {
        return new ResourceOptions(parent, provider, dependsOn, protect, deleteBeforeReplace, replaceOnChanges, ignoreChanges, retainOnDelete,
                customTimeouts, a, deletedWith);
    }

    public ResourceOptions withDeletedWith(Urn d) {
        return new ResourceOptions(parent, provider, dependsOn, protect, deleteBeforeReplace, replaceOnChanges, ignoreChanges, retainOnDelete,
                customTimeouts, aliases, d);
    }

    /** Per-operation timeouts; null means the provider's default. */
    public record CustomTimeouts(Duration create, Duration update, Duration delete) {
        public static final CustomTimeouts NONE = new CustomTimeouts(null, null, null);

        public boolean isEmpty() {
            return create == null && update == null && delete == null;
        }
    }
}
