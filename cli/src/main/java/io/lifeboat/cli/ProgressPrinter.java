package io.lifeboat.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.lifeboat.deploy.DeployListener;
import io.lifeboat.plan.Step;
import io.lifeboat.resource.Urn;

/**
 * Prints each step as it starts and ends: plain lines, fit for a terminal and for CI logs alike,
 * with coloured symbols on a terminal. Off a terminal a resource's "still creating" lines come at
 * most once every {@link #WAITING_EVERY}, so that long waits do not flood CI logs.
 */
final class ProgressPrinter implements DeployListener {
    static final Duration WAITING_EVERY = Duration.ofSeconds(10);

    private final PrintWriter out;
    private final String stack;
    private final Colour colour;
    /** Null on a terminal: every waiting line is shown. */
    private final Duration waitingEvery;
    private final Supplier<Instant> clock;
    private final Map<Urn, Instant> lastWaiting = new HashMap<>();

    ProgressPrinter(PrintWriter out, String stack) {
        this(out, stack, Colour.current(), Colour.onTerminal() ? null : WAITING_EVERY, Instant::now);
    }

    /** @param waitingEvery the least time between two waiting lines of a resource; null for no limit */
    ProgressPrinter(PrintWriter out, String stack, Colour colour, Duration waitingEvery, Supplier<Instant> clock) {
        this.out = out;
        this.stack = stack;
        this.colour = colour;
        this.waitingEvery = waitingEvery;
        this.clock = clock;
    }

    /** Components and provider configurations change nothing in a cloud; the totals count them. */
    private static boolean quiet(Step step) {
        String type = step.urn().type();
        return type.startsWith("pulumi:") || type.startsWith("lifeboat:");
    }

    @Override
    public synchronized void stepStarted(Step step, String op) {
        if (quiet(step)) return;
        out.println(String.format("  %s %s %s: %s...", symbol(step.symbol().trim()), step.urn().type(), step.urn().name(), op));
        out.flush();
    }

    @Override
    public synchronized void stepFinished(Step step, String op, Duration took) {
        if (quiet(step)) return;
        out.println(String.format("  %s %s %s: %s (%s)", symbol(step.symbol().trim()), step.urn().type(), step.urn().name(), done(op),
                seconds(took)));
        out.flush();
    }

    @Override
    public synchronized void stepFailed(Step step, String op, String error) {
        out.println(String.format("  %s %s %s: %s", symbol("!"), step.urn().type(), step.urn().name(), colour.error(op + " failed: " + error)));
        out.flush();
    }

    @Override
    public synchronized void stepSkipped(Step step, String reason) {
        out.println(String.format("  .   %s %s: %s", step.urn().type(), step.urn().name(), reason));
    }

    @Override
    public synchronized void retrying(Urn urn, String op, int attempt, String error, Duration delay) {
        out.println(String.format("      %s %s: %s, retry %d in %s", urn.type(), urn.name(), error, attempt, seconds(delay)));
    }

    @Override
    public synchronized void progress(Urn urn, String message) {
        if (waiting(message) && waitingEvery != null) {
            Instant now = clock.get();
            Instant last = lastWaiting.get(urn);
            if (last != null && Duration.between(last, now).compareTo(waitingEvery) < 0) return;
            lastWaiting.put(urn, now);
        }
        out.println(String.format("      %s %s: %s", urn.type(), urn.name(), message));
    }

    /** A line that only says the resource is still being worked on ("nat: still creating, 12.0s elapsed"). */
    static boolean waiting(String message) {
        return message.contains(": still ") || message.endsWith(" elapsed");
    }

    /** The symbol in its colour, padded to the symbol column. */
    private String symbol(String s) {
        return colour.symbol(s) + " ".repeat(Math.max(0, 3 - s.length()));
    }

    static String done(String op) {
        return switch (op) {
            case "creating" -> "created";
            case "updating" -> "updated";
            case "deleting" -> "deleted";
            case "replacing" -> "replaced";
            case "reading" -> "read";
            default -> op;
        };
    }

    static String seconds(Duration d) {
        return String.format("%.1fs", d.toMillis() / 1000.0);
    }

    String stack() {
        return stack;
    }
}
