package io.lifeboat.cli;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ANSI colour for the terminal: green + create, yellow ~ update, red - delete, magenta +- replace,
 * red errors. On only when stdout is a terminal, {@code NO_COLOR} is unset or empty and {@code CI}
 * is unset; otherwise every method returns its text unchanged.
 */
final class Colour {
    static final Colour OFF = new Colour(false);
    static final Colour ON = new Colour(true);

    private static final String RESET = "\u001b[0m";
    private static final String RED = "\u001b[31m";
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String MAGENTA = "\u001b[35m";
    /** A line's leading symbol, after its indentation: {@code +-}, {@code +}, {@code ~}, {@code -} or {@code !}, then a space. */
    private static final Pattern LEADING_SYMBOL = Pattern.compile("(?m)^(\\s*)(\\+-|\\+|~|-|!)(?= )");

    private final boolean on;

    private Colour(boolean on) {
        this.on = on;
    }

    /** Colour for the running command: its environment, and whether the process's stdout is a terminal. */
    static Colour current() {
        return of(CliContext.current().env(), onTerminal());
    }

    static Colour of(Map<String, String> env, boolean terminal) {
        String noColor = env.get("NO_COLOR");
        return terminal && (noColor == null || noColor.isEmpty()) && env.get("CI") == null ? ON : OFF;
    }

    /**
     * Whether stdin and stdout are a terminal. Up to Java 21 {@link System#console} is null
     * otherwise; from Java 22 it may be there regardless, and {@code Console.isTerminal} tells.
     */
    static boolean onTerminal() {
        java.io.Console console = System.console();
        if (console == null) return false;
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    boolean on() {
        return on;
    }

    /** A step's symbol in its colour. */
    String symbol(String symbol) {
        return paint(code(symbol), symbol);
    }

    String error(String text) {
        return paint(RED, text);
    }

    /** Text whose lines start with a plan symbol (a plan, its details), each symbol in its colour. */
    String lines(String text) {
        if (!on) return text;
        Matcher m = LEADING_SYMBOL.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + symbol(m.group(2))));
        m.appendTail(sb);
        return sb.toString();
    }

    private static String code(String symbol) {
        return switch (symbol) {
            case "+" -> GREEN;
            case "~" -> YELLOW;
            case "+-" -> MAGENTA;
            case "-", "!" -> RED;
            default -> null;
        };
    }

    private String paint(String code, String text) {
        return on && code != null && !text.isEmpty() ? code + text + RESET : text;
    }
}
