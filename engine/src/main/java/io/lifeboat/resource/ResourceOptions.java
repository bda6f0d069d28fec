package io.lifeboat.resource;

import java.time.Duration;
import java.util.List;

/**
 * Resource options, with Pulumi's meaning.
 *
 * @param provider the provider resource that manages this one (custom resources only)
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
        CustomTimeouts customTimeouts) {

    public static final ResourceOptions NONE = new ResourceOptions(null, null, List.of(), false, false, List.of(), List.of(), false,
            CustomTimeouts.NONE);

    public ResourceOptions {
        dependsOn = List.copyOf(dependsOn);
        replaceOnChanges = List.copyOf(replaceOnChanges);
        ignoreChanges = List.copyOf(ignoreChanges);
        customTimeouts = customTimeouts == null ? CustomTimeouts.NONE : customTimeouts;
    }

    public ResourceOptions withParent(Urn p) {
        return new ResourceOptions(p, provider, dependsOn, protect, deleteBeforeReplace, replaceOnChanges, ignoreChanges, retainOnDelete, customTimeouts);
    }

    public ResourceOptions withProvider(Urn p) {
        return new ResourceOptions(parent, p, dependsOn, protect, deleteBeforeReplace, replaceOnChanges, ignoreChanges, retainOnDelete, customTimeouts);
    }

    public ResourceOptions withDependsOn(List<Urn> d) {
        return new ResourceOptions(parent, provider, d, protect, deleteBeforeReplace, replaceOnChanges, ignoreChanges, retainOnDelete, customTimeouts);
    }

    public ResourceOptions withProtect(boolean p) {
        return new ResourceOptions(parent, provider, dependsOn, p, deleteBeforeReplace, replaceOnChanges, ignoreChanges, retainOnDelete, customTimeouts);
    }

    public ResourceOptions withDeleteBeforeReplace(boolean d) {
        return new ResourceOptions(parent, provider, dependsOn, protect, d, replaceOnChanges, ignoreChanges, retainOnDelete, customTimeouts);
    }

    public ResourceOptions withReplaceOnChanges(List<String> r) {
        return new ResourceOptions(parent, provider, dependsOn, protect, deleteBeforeReplace, r, ignoreChanges, retainOnDelete, customTimeouts);
    }

    public ResourceOptions withIgnoreChanges(List<String> i) {
        return new ResourceOptions(parent, provider, dependsOn, protect, deleteBeforeReplace, replaceOnChanges, i, retainOnDelete, customTimeouts);
    }

    public ResourceOptions withRetainOnDelete(boolean r) {
        return new ResourceOptions(parent, provider, dependsOn, protect, deleteBeforeReplace, replaceOnChanges, ignoreChanges, r, customTimeouts);
    }

    public ResourceOptions withCustomTimeouts(CustomTimeouts t) {
        return new ResourceOptions(parent, provider, dependsOn, protect, deleteBeforeReplace, replaceOnChanges, ignoreChanges, retainOnDelete, t);
    }

    /** Per-operation timeouts; null means the provider's default. */
    public record CustomTimeouts(Duration create, Duration update, Duration delete) {
        public static final CustomTimeouts NONE = new CustomTimeouts(null, null, null);

        public boolean isEmpty() {
            return create == null && update == null && delete == null;
        }
    }
}
