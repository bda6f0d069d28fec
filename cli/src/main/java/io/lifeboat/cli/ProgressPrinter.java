package io.lifeboat.cli;

import java.io.PrintWriter;
import java.time.Duration;

import io.lifeboat.deploy.DeployListener;
import io.lifeboat.plan.Step;
import io.lifeboat.resource.Urn;

/** Prints each step as it starts and ends: plain lines, fit for a terminal and for CI logs alike. */
final class ProgressPrinter implements DeployListener {
    private final PrintWriter out;
    private final String stack;

    ProgressPrinter(PrintWriter out, String stack) {
        this.out = out;
        this.stack = stack;
    }

    /** Components and provider configurations change nothing in a cloud; the totals count them. */
    private static boolean quiet(Step step) {
        String type = step.urn().type();
        return type.startsWith("pulumi:") || type.startsWith("lifeboat:");
    }

    @Override
    public synchronized void stepStarted(Step step, String op) {
        if (quiet(step)) return;
        out.println(String.format("  %-3s %s %s: %s...", step.symbol().trim(), step.urn().type(), step.urn().name(), op));
        out.flush();
    }

    @Override
    public synchronized void stepFinished(Step step, String op, Duration took) {
        if (quiet(step)) return;
        out.println(String.format("  %-3s %s %s: %s (%s)", step.symbol().trim(), step.urn().type(), step.urn().name(), done(op),
                seconds(took)));
        out.flush();
    }

    @Override
    public synchronized void stepFailed(Step step, String op, String error) {
        out.println(String.format("  !   %s %s: %s failed: %s", step.urn().type(), step.urn().name(), op, error));
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
        out.println(String.format("      %s %s: %s", urn.type(), urn.name(), message));
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
