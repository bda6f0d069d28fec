package io.lifeboat.spec;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as specs write them: {@code 90s}, {@code 30m}, {@code 6h}, {@code 1d}, {@code 1h30m}. */
public final class Durations {
    static final String REGEX = "([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?";
    private static final Pattern PATTERN = Pattern.compile("(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?");

    private Durations() {
    }

    /** Null when the text is not a duration, or is zero. */
    public static Duration parse(String text) {
        if (text == null || text.isEmpty()) return null;
        Matcher m = PATTERN.matcher(text);
        if (!m.matches()) return null;
        try {
            Duration d = Duration.ZERO;
            if (m.group(1) != null) d = d.plusDays(Long.parseLong(m.group(1)));
            if (m.group(2) != null) d = d.plusHours(Long.parseLong(m.group(2)));
            if (m.group(3) != null) d = d.plusMinutes(Long.parseLong(m.group(3)));
            if (m.group(4) != null) d = d.plusSeconds(Long.parseLong(m.group(4)));
            return d.isZero() ? null : d;
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    public static String format(Duration d) {
        StringBuilder sb = new StringBuilder();
        long s = d.getSeconds();
        if (s >= 86400) { sb.append(s / 86400).append('d'); s %= 86400; }
        if (s >= 3600) { sb.append(s / 3600).append('h'); s %= 3600; }
        if (s >= 60) { sb.append(s / 60).append('m'); s %= 60; }
        if (s > 0 || sb.length() == 0) sb.append(s).append('s');
        return sb.toString();
    }
}
