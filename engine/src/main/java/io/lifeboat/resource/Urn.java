package io.lifeboat.resource;

/**
 * A Pulumi URN: {@code urn:pulumi:<stack>::<project>::<qualified type>::<name>}, where the
 * qualified type is the parent type chain and the type joined by {@code $}. A value: equal by
 * its four parts. Its text, type and hash are kept, as a plan of 14,000 resources asks for them
 * millions of times.
 */
public final class Urn implements Comparable<Urn> {
    private static final String PREFIX = "urn:pulumi:";
    private final String stack;
    private final String project;
    private final String qualifiedType;
    private final String name;
    private final String text;
    private final String type;
    private final int hash;

    public Urn(String stack, String project, String qualifiedType, String name) {
        this(stack, project, qualifiedType, name, PREFIX + stack + "::" + project + "::" + qualifiedType + "::" + name);
    }

    private Urn(String stack, String project, String qualifiedType, String name, String text) {
        this.stack = stack;
        this.project = project;
        this.qualifiedType = qualifiedType;
        this.name = name;
        this.text = text;
        int dollar = qualifiedType.lastIndexOf('$');
        this.type = dollar < 0 ? qualifiedType : qualifiedType.substring(dollar + 1);
        this.hash = text.hashCode();
    }

    public String stack() {
        return stack;
    }

    public String project() {
        return project;
    }

    public String qualifiedType() {
        return qualifiedType;
    }

    public String name() {
        return name;
    }

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
        return new Urn(text.substring(stack, project), text.substring(project + 2, type), text.substring(type + 2, name), text.substring(name + 2), text);
    }

    /** The resource's own type token: the last element of the qualified type. */
    public String type() {
        return type;
    }

    @Override
    public int compareTo(Urn o) {
        return text.compareTo(o.text);
    }

    /** Equal parts give equal text, and the text has one way of cutting it into parts. */
    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof Urn u && hash == u.hash && text.equals(u.text);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return text;
    }
}
