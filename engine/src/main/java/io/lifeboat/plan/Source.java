package io.lifeboat.plan;

import java.util.Map;
import java.util.concurrent.CompletionStage;

import io.lifeboat.resource.Goal;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

/**
 * A program run as the engine sees it, after Pulumi's {@code Source}: it registers its goals one
 * at a time, in registration order (dependencies first), and may wait for a resource's outputs
 * before it registers the next; its result is the stack outputs.
 */
public interface Source {

    /** Runs the program, registering its goals with the monitor; returns the stack outputs. */
    Map<String, PropertyValue> run(Monitor monitor);

    /**
     * The program itself failed (it threw, or exited non-zero), naming its error: what it had
     * registered is applied and recorded, and nothing is deleted, as in Pulumi.
     */
    final class ProgramFailed extends RuntimeException {
        public ProgramFailed(String message) {
            super(message);
        }
    }

    /** What a source registers with, after Pulumi's resource monitor. */
    interface Monitor {
        /**
         * Takes one goal; completes with the resource's outputs once it is applied (in a preview,
         * as far as they are known before applying: what is not known yet is absent or unknown),
         * and its id under {@code id} when the outputs carry none; exceptionally when its step fails.
         */
        CompletionStage<Props> register(Goal goal);

        /**
         * Reads an existing resource the stack does not manage (Pulumi's {@code ReadResource}):
         * the goal names it, its inputs what the program knows of it, its provider; completes with
         * its outputs and {@code id} (in a preview, those recorded, if any); exceptionally when it
         * cannot be read or does not exist.
         */
        default CompletionStage<Props> read(Goal goal, String id) {
            return java.util.concurrent.CompletableFuture.failedFuture(new UnsupportedOperationException(
                    "reading an existing resource (" + goal.type() + " " + id + ") is not supported here"));
        }

        /**
         * The inputs the stack's state records for a resource, as Pulumi's engine hands them to
         * a provider's Check (which keeps an auto-name from them); null when it records none.
         */
        default Props recorded(io.lifeboat.resource.Urn urn) {
            return null;
        }
    }
}
