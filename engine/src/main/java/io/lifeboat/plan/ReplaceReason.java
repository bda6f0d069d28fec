package io.lifeboat.plan;

import java.util.Objects;

import io.lifeboat.resource.Urn;

/**
 * Why a resource is replaced: by properties of its own that force it, because {@code --replace}
 * names it, because its provider is replaced, or because something it holds on to is deleted
 * before it is replaced; with the provider or the dependency where there is one.
 *
 * @param dependency the provider replaced or the dependency deleted first; null for the others
 */
public record ReplaceReason(Kind kind, Urn dependency) {
    public enum Kind { CHANGES, REQUESTED, PROVIDER_REPLACED, DEPENDENCY_DELETED_FIRST }

    /** Properties of its own force the replacement (the step's changes name them). */
    public static final ReplaceReason CHANGES = new ReplaceReason(Kind.CHANGES, null);
    /** {@code --replace} names it. */
    public static final ReplaceReason REQUESTED = new ReplaceReason(Kind.REQUESTED, null);

    public ReplaceReason {
        Objects.requireNonNull(kind, "kind");
        boolean needs = kind == Kind.PROVIDER_REPLACED || kind == Kind.DEPENDENCY_DELETED_FIRST;
        if (needs != (dependency != null)) {
            throw new IllegalArgumentException(kind + (needs ? " names the resource it comes from" : " names no other resource"));
        }
    }

    public static ReplaceReason providerReplaced(Urn provider) {
        return new ReplaceReason(Kind.PROVIDER_REPLACED, provider);
    }

    public static ReplaceReason dependencyDeletedFirst(Urn dependency) {
        return new ReplaceReason(Kind.DEPENDENCY_DELETED_FIRST, dependency);
    }

    /** The words a plan shows for it; null for {@link Kind#CHANGES}, where the plan names the properties instead. */
    public String text() {
        return switch (kind) {
            case CHANGES -> null;
            case REQUESTED -> "--replace";
            case PROVIDER_REPLACED -> "its provider " + dependency.name() + " is replaced";
            case DEPENDENCY_DELETED_FIRST -> "depends on " + dependency.name() + ", which is deleted before it is replaced";
        };
    }
}
