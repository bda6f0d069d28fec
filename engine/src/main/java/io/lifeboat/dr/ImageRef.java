package io.lifeboat.dr;

import java.util.Locale;

/**
 * A deployment's image as the spec names it ({@code etl:1.4.2}, {@code team/etl@sha256:…}): the
 * stack's own repository it is pulled from, as the aws program names that repository (its path
 * without registry host, tag or digest, lowercase, {@code /} as {@code -}), and the tag or digest
 * pulled ({@code latest} when it names neither).
 */
public record ImageRef(String image, String repository, String reference) {

    public static ImageRef parse(String image) {
        String s = image;
        String reference = "latest";
        int at = s.indexOf('@');
        if (at >= 0) {
            reference = s.substring(at + 1);
            s = s.substring(0, at);
        }
        int slash = s.indexOf('/');
        if (slash >= 0 && (s.substring(0, slash).contains(".") || s.substring(0, slash).contains(":"))) s = s.substring(slash + 1);
        int colon = s.lastIndexOf(':');
        if (colon >= 0) {
            if (at < 0) reference = s.substring(colon + 1);
            s = s.substring(0, colon);
        }
        return new ImageRef(image, s.toLowerCase(Locale.ROOT).replace('/', '-'), reference);
    }
}
