package io.lifeboat.provider;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import java.util.function.Predicate;

import io.lifeboat.provider.ProviderException.Kind;

/**
 * Waiting on a cloud: until an object settles (a cluster ACTIVE, a database available, an
 * operation DONE), until a just-made object shows up in reads (eventual consistency), until a
 * delete that other objects still block goes through (AWS's DependencyViolation, GCP's
 * resourceInUseByAnotherResource: the cloud's codes, {@code inUse}). Every wait ends at the
 * operation's deadline and on interruption.
 */
public final class Poll {
    private final Duration interval;
    private final Duration consistencyWindow;
    private final Predicate<String> inUse;

    /** {@code inUse} says which error codes mean "still held by another object" (a delete to repeat). */
    public Poll(Duration interval, Duration consistencyWindow, Predicate<String> inUse) {
        this.interval = interval;
        this.consistencyWindow = consistencyWindow;
        this.inUse = inUse;
    }

    /** One call to the cloud. */
    public interface Call<T> {
        T run() throws ProviderException;
    }

    /** What a poll sees: a value once done, or empty while still waiting (with the status seen). */
    public interface Probe<T> {
        Optional<T> check() throws ProviderException;
    }

    /** Polls until the probe gives a value; {@code what} names the wait in progress and timeout messages. */
    public <T> T until(OperationContext ctx, String what, Probe<T> probe) throws ProviderException {
        Instant start = Instant.now();
        while (true) {
            Optional<T> done = probe.check();
            if (done.isPresent()) return done.get();
            if (ctx != null) ctx.progress().accept(what + ", " + Duration.between(start, Instant.now()).toSeconds() + "s elapsed");
            sleep(ctx, what);
        }
    }

    /** Runs a call, repeating it while the service says an object it names is not there yet. */
    public <T> T consistent(OperationContext ctx, String what, Call<T> call) throws ProviderException {
        Instant giveUp = Instant.now().plus(consistencyWindow);
        while (true) {
            try {
                return call.run();
            } catch (ProviderException e) {
                if (e.kind() != Kind.NOT_FOUND || Instant.now().isAfter(giveUp)) throw e;
            }
            sleep(ctx, what);
        }
    }

    /** Reads an object just made: absent for a while is expected, absent after the window is gone. */
    public <T> Optional<T> appear(OperationContext ctx, String what, Probe<T> read) throws ProviderException {
        Instant giveUp = Instant.now().plus(consistencyWindow);
        while (true) {
            Optional<T> seen = read.check();
            if (seen.isPresent() || Instant.now().isAfter(giveUp)) return seen;
            sleep(ctx, what);
        }
    }

    /** Runs a delete, repeating it while other objects still hold on to the object (until the deadline). */
    public void whileInUse(OperationContext ctx, String what, Call<?> delete) throws ProviderException {
        while (true) {
            try {
                delete.run();
                return;
            } catch (ProviderException e) {
                if (e.code() == null || !inUse.test(e.code())) throw e;
                if (ctx != null) ctx.progress().accept(what + ": still in use, retrying");
                sleep(ctx, what + " (" + e.getMessage() + ")");
            }
        }
    }


    private void sleep(OperationContext ctx, String what) throws ProviderException {
        long wait = interval.toMillis();
        if (ctx != null) {
            if (ctx.expired()) throw new ProviderException(Kind.TIMEOUT, "Timeout", "timed out " + what);
            wait = Math.min(wait, Math.max(1, ctx.remaining().toMillis()));
        }
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(Kind.TIMEOUT, "Interrupted", "interrupted " + what);
        }
    }
}
