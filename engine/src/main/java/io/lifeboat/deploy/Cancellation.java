package io.lifeboat.deploy;

import java.util.ArrayList;
import java.util.List;

/**
 * A request to stop an operation early, as a first Ctrl-C makes it: once cancelled, no new step
 * starts, the steps in flight finish, and the state is written as usual. Each apply it cut short
 * records what it left undone, for the command line to tell. Thread-safe.
 */
public final class Cancellation {
    /** Never cancelled. */
    public static final Cancellation NONE = new Cancellation();

    /** What one interrupted apply did: steps done before the request, in flight then and finished, never started. */
    public record Interruption(String stack, int done, int inFlight, int notStarted) {
    }

    private volatile long cancelledAt;
    private volatile boolean cancelled;
    private final List<Interruption> interruptions = new ArrayList<>();

    public void cancel() {
        if (this == NONE) throw new IllegalStateException("Cancellation.NONE cannot be cancelled; make a new Cancellation");
        synchronized (this) {
            if (cancelled) return;
            cancelledAt = System.nanoTime();
            cancelled = true;
        }
    }

    public boolean cancelled() {
        return cancelled;
    }

    /** Whether a step that ended at {@code nanoTime} ({@link System#nanoTime}) ended after the request. */
    boolean after(long nanoTime) {
        return cancelled && nanoTime - cancelledAt > 0;
    }

    synchronized void record(Interruption i) {
        interruptions.add(i);
    }

    /** The applies this request cut short, in the order they stopped. */
    public synchronized List<Interruption> interruptions() {
        return List.copyOf(interruptions);
    }
}
