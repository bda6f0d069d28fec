package io.lifeboat.plan;

/** Counted nouns and the words that agree with them, for every renderer: "1 error", "2 errors", "it was", "they were". */
public final class Plural {
    private Plural() {
    }

    /** {@code 1 resource}, {@code 2 resources}. */
    public static String of(long n, String noun) {
        return n + " " + noun(n, noun);
    }

    /** {@code 1 repository}, {@code 2 repositories}: for nouns that do not just take an s. */
    public static String of(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }

    /** The noun alone, agreeing with {@code n}. */
    public static String noun(long n, String noun) {
        return n == 1 ? noun : noun + "s";
    }

    /** {@code was} or {@code were}. */
    public static String was(long n) {
        return n == 1 ? "was" : "were";
    }

    /** {@code it} or {@code them}. */
    public static String them(long n) {
        return n == 1 ? "it" : "them";
    }
}
