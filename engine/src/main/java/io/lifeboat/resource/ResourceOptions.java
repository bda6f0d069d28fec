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
 * @param replacementDefaults inputs the resource takes instead when it is replaced: the names
 *                    Pulumi's auto-naming gives anew (a replacement keeps no recorded auto-name,
 *                    so it can be made before its old copy goes)
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
        Urn deletedWith,
        Props replacementDefaults) {

    public static final ResourceOptions NONE = new ResourceOptions(null, null, List.of(), false, false, List.of(), List.of(), false,
            CustomTimeouts.NONE, List.of(), null, Props.EMPTY);

    public ResourceOptions {
        dependsOn = List.copyOf(dependsOn);
        replaceOnChanges = List.copyOf(replaceOnChanges);
        ignoreChanges = List.copyOf(ignoreChanges);
        customTimeouts = customTimeouts == null ? CustomTimeouts.NONE : customTimeouts;
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        replacementDefaults = replacementDefaults == null ? Props.EMPTY : replacementDefaults;
    }

    /** Options as a spec gives them: no aliases, nothing deleted with another. */
    public ResourceOptions(Urn parent, Urn provider, List<Urn> dependsOn, boolean protect, boolean deleteBeforeReplace,
                           List<String> replaceOnChanges, List<String> ignoreChanges, boolean retainOnDelete, CustomTimeouts customTimeouts) {
        this(parent, provider, dependsOn, protect, deleteBeforeReplace, replaceOnChanges, ignoreChanges, retainOnDelete, customTimeouts,
                List.of(), null, Props.EMPTY);
    }

    public ResourceOptions withParent(Urn p) {
        return new ResourceOptions(p, provider, dependsOn, protect, deleteBeforeReplace, replaceOnChanges, ignoreChanges, retainOnDelete, customTimeouts, aliases, deletedWith, replacementDefaults);
    }

    public ResourceOptions withProvider(Urn p) {
        return new ResourceOptions(parent, p, dependsOn, protect, deleteBeforeReplace, replaceOnChanges, ignoreChanges, retainOnDelete, customTimeouts, aliases, deletedWith, replacementDefaults);
    }

    public ResourceOptions withDependsOn(List<Urn> d) {
        return new ResourceOptions(parent, provider, d, protect, deleteBeforeReplace, replaceOnChanges, ignoreChanges, retainOnDelete, customTimeouts, aliases, deletedWith, replacementDefaults);
    }

    public ResourceOptions withProtect(boolean p) {
        return new ResourceOptions(parent, provider, dependsOn, p, deleteBeforeReplace, replaceOnChanges, ignoreChanges, retainOnDelete, customTimeouts, aliases, deletedWith, replacementDefaults);
    }

    public ResourceOptions withDeleteBeforeReplace(boolean d) {
        return new ResourceOptions(parent, provider, dependsOn, protect, d, replaceOnChanges, ignoreChanges, retainOnDelete, customTimeouts, aliases, deletedWith, replacementDefaults);
    }

    public ResourceOptions withReplaceOnChanges(List<String> r) {
        return new ResourceOptions(parent, provider, dependsOn, protect, deleteBeforeReplace, r, ignoreChanges, retainOnDelete, customTimeouts, aliases, deletedWith, replacementDefaults);
    }

    public ResourceOptions withIgnoreChanges(List<String> i) {
        return new ResourceOptions(parent, provider, dependsOn, protect, deleteBeforeReplace, replaceOnChanges, i, retainOnDelete, customTimeouts, aliases, deletedWith, replacementDefaults);
    }

    public ResourceOptions withRetainOnDelete(boolean r) {
        return new ResourceOptions(parent, provider, dependsOn, protect, deleteBeforeReplace, replaceOnChanges, ignoreChanges, r, customTimeouts, aliases, deletedWith, replacementDefaults);
    }

    public ResourceOptions withCustomTimeouts(CustomTimeouts t) {
        return new ResourceOptions(parent, provider, dependsOn, protect, deleteBeforeReplace, replaceOnChanges, ignoreChanges, retainOnDelete, t, aliases, deletedWith, replacementDefaults);
    }

    public ResourceOptions withAliases(List<Urn> a) {
        return new ResourceOptions(parent, provider, dependsOn, protect, deleteBeforeReplace, replaceOnChanges, ignoreChanges, retainOnDelete,
                customTimeouts, a, deletedWith, replacementDefaults);
    }

    public ResourceOptions withDeletedWith(Urn d) {
        return new ResourceOptions(parent, provider, dependsOn, protect, deleteBeforeReplace, replaceOnChanges, ignoreChanges, retainOnDelete,
                customTimeouts, aliases, d, replacementDefaults);
    }

    public ResourceOptions withReplacementDefaults(Props d) {
        return new ResourceOptions(parent, provider, dependsOn, protect, deleteBeforeReplace, replaceOnChanges, ignoreChanges, retainOnDelete,
                customTimeouts, aliases, deletedWith, d);
    }

    /** Per-operation timeouts; null means the provider's default. */
    public record CustomTimeouts(Duration create, Duration update, Duration delete) {
        public static final CustomTimeouts NONE = new CustomTimeouts(null, null, null);

        public boolean isEmpty() {
            return create == null && update == null && delete == null;
        }
    }
}
