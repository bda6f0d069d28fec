package io.lifeboat.resource;

/**
 * A Pulumi URN: {@code urn:pulumi:<stack>::<project>::<qualified type>::<name>}, where the
 * qualified type is the parent type chain and the type joined by {@code $}.
 */
public record Urn(String stack, String project, String qualifiedType, String name) implements Comparable<Urn> {
    private static final String PREFIX = "urn:pulumi:";

    public static Urn of(String stack, String project, Urn parent, String type, String name) {
        return new Urn(stack, project, parent == null ? type : parent.qualifiedType() + "$" + type, name);
    }

    public static final String STACK_TYPE = "pulumi:pulumi:Stack";
    private static final String PROVIDER_PREFIX = "pulumi:providers:";

    /** Whether {@code type} is a provider resource's ({@code pulumi:providers:aws}). */
    public static boolean isProviderType(String type) {
        return type.startsWith(PROVIDER_PREFIX);
    }

    /** The type of the provider resources of a package: {@code pulumi:providers:<pkg>}. */
    public static String providerType(String pkg) {
        return PROVIDER_PREFIX + pkg;
    }

    /** The package a provider type serves: {@code aws} of {@code pulumi:providers:aws}. */
    public static String providerPackage(String providerType) {
        if (!isProviderType(providerType)) throw new IllegalArgumentException(providerType + " is not a provider type");
        return providerType.substring(PROVIDER_PREFIX.length());
    }

    public static Urn parse(String text) {
        if (!text.startsWith(PREFIX)) throw new IllegalArgumentException("not a URN: " + text);
        // cut at the first three "::" by hand: String.split compiles a pattern for a two-character separator on every call
        int stack = PREFIX.length();
        int project = text.indexOf("::", stack);
        int type = project < 0 ? -1 : text.indexOf("::", project + 2);
        int name = type < 0 ? -1 : text.indexOf("::", type + 2);
        if (name < 0) throw new IllegalArgumentException("not a URN: " + text);
        return new Urn(text.substring(stack, project), text.substring(project + 2, type), text.substring(type + 2, name), text.substring(name + 2));
    }

    /** The resource's own type token: the last element of the qualified type. */
    public String type() {
        int dollar = qualifiedType.lastIndexOf('$');
        return dollar < 0 ? qualifiedType : qualifiedType.substring(dollar + 1);
    }

    @Override
    public int compareTo(Urn o) {
        return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
        return PREFIX + stack + "::" + project + "::" + qualifiedType + "::" + name;
    }
}
