package io.lifeboat.spec;

import java.util.regex.Pattern;

/**
 * A named rule for a string: a pattern both Java and JSON Schema (ECMA-262) understand, the code
 * to report when it does not match, what a valid value looks like, and an optional deeper check
 * that a pattern cannot express (a CIDR's host bits, a duration's size).
 */
public record StringFormat(String name, Pattern pattern, DiagnosticCode code, String expected, Check check) {

    /** A deeper check; returns null when the value is fine. */
    @FunctionalInterface
    public interface Check {
        Problem apply(String value);
    }

    public record Problem(DiagnosticCode code, String message, String hint) {
    }

    public static StringFormat of(String name, String regex, DiagnosticCode code, String expected) {
        return new StringFormat(name, Pattern.compile(regex), code, expected, null);
    }

    public StringFormat withCheck(Check check) {
        return new StringFormat(name, pattern, code, expected, check);
    }
}
