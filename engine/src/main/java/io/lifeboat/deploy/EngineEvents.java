package io.lifeboat.deploy;

import io.lifeboat.plan.Plan;

/**
 * What the engine does that someone debugging it wants to see (the command line prints these
 * with {@code LIFEBOAT_LOG=debug}): each time a stack's state is loaded, its program is run, and
 * a plan is made. One operation does each once per stack.
 */
public interface EngineEvents {
    EngineEvents NONE = new EngineEvents() {
    };

    /** The stack's checkpoint was read, its journal replayed and its secrets opened. */
    default void stateLoaded(String stack, long serial) {
    }

    /** The stack's program ran: its goals were made from the specs. */
    default void programRun(String stack) {
    }

    /**
     * A stack's Pulumi program said something: an {@code Engine.Log} at its severity
     * ({@code DEBUG}, {@code INFO}, {@code WARNING}, {@code ERROR}), or a line it printed
     * ({@code OUTPUT}).
     */
    default void programSaid(String stack, String severity, String message) {
    }

    /** A stack's Pulumi program's JVM exited: how long it was alive, and how much of that was its own start and end. */
    default void programExited(String stack, io.lifeboat.program.pulumi.PulumiProgram.Lifetime lifetime) {
    }

    /** A plan was made for the stack. */
    default void planned(String stack, Plan plan) {
    }
}
