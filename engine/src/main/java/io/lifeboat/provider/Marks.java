package io.lifeboat.provider;

import java.util.LinkedHashMap;
import java.util.Map;

import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/**
 * The idempotency mark: the {@code lifeboat:urn} tag ({@link TypeSchema#URN_TAG}) a provider puts
 * on every object it makes for a resource, so the object is found again by its URN after a crash
 * or a lost answer. The mark is the provider's, never the user's: it is added on create and left
 * out of every tag the engine sees.
 */
public final class Marks {
    private Marks() {
    }

    /** The mark for a URN; null for none. */
    public static String mark(Urn urn) {
        return urn == null ? null : urn.toString();
    }

    /**
     * The value of the {@link TypeSchema#URN_LABEL} label that marks an object made for {@code urn}
     * where the cloud keeps labels: {@code u} and the first 62 hex digits of the URN's SHA-256 (a
     * label value is at most 63 characters of {@code [a-z0-9_-]}, and a URN is longer and has
     * other characters). It is found again by listing with the filter
     * {@code labels.lifeboat-urn=<value>}: the digest of the URN the engine asks for.
     */
    public static String labelValue(Urn urn) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(urn.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "u" + java.util.HexFormat.of().formatHex(d).substring(0, 62);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The labels among the inputs ({@code property}), the mark never among them. */
    public static Props userLabels(Props in, String property) {
        return in.get(property) instanceof PropertyValue.Obj o ? o.props().without(TypeSchema.URN_LABEL) : Props.EMPTY;
    }

    /** True when the tags carry this URN's mark. */
    public static boolean marked(Map<String, String> tags, Urn urn) {
        return urn.toString().equals(tags.get(TypeSchema.URN_TAG));
    }

    /** The user's tags among the inputs (string values only), the mark never among them. */
    public static Map<String, String> userTags(Props in) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (in.get("tags") instanceof PropertyValue.Obj o) {
            o.props().forEach((k, v) -> {
                if (v instanceof PropertyValue.Str s && !k.equals(TypeSchema.URN_TAG)) tags.put(k, s.value());
            });
        }
        return tags;
    }

    /** The tags to put on a new object: the user's and the mark of {@code urn} (none for a null urn). */
    public static Map<String, String> markedTags(Props in, Urn urn) {
        Map<String, String> tags = userTags(in);
        if (urn != null) tags.put(TypeSchema.URN_TAG, urn.toString());
        return tags;
    }

    /** The inputs with the mark {@code urn} among their tags, as a cloud that keeps tags with the object holds them. */
    public static Props markedInputs(Props in, String urn) {
        Props tags = in.get("tags") instanceof PropertyValue.Obj o ? o.props() : Props.EMPTY;
        return in.with("tags", new PropertyValue.Obj(tags.with(TypeSchema.URN_TAG, new PropertyValue.Str(urn))));
    }

    /** A tags value as the engine sees it: the mark left out; empty when it is not a map. */
    public static Props withoutMark(PropertyValue tags) {
        return tags instanceof PropertyValue.Obj o ? o.props().without(TypeSchema.URN_TAG) : Props.EMPTY;
    }

    /** Observed tags as an input value, the mark left out. */
    public static PropertyValue withoutMark(Map<String, String> observed) {
        Map<String, String> out = new java.util.TreeMap<>(observed);
        out.remove(TypeSchema.URN_TAG);
        return PropertyValue.fromJava(out);
    }
}
