package io.lifeboat.plan;

import java.util.List;

import io.lifeboat.resource.Goal;
import io.lifeboat.resource.Urn;
import io.lifeboat.state.ResourceState;

/** What the engine will do to one resource. */
public sealed interface Step permits Step.Same, Step.Create, Step.Update, Step.Replace, Step.Delete {

    Urn urn();

    /** The goal this step meets; null for a delete. */
    Goal goal();

    /** The resource as the state records it; null for a create. */
    ResourceState old();

    /** What changes in the resource's inputs; empty but for an update or a replacement. */
    default List<PropertyChange> changes() {
        return List.of();
    }

    /** The symbol a plan shows: + ~ +- - or a space. */
    String symbol();

    String verb();

    /** The goal is met by the resource as it is. */
    record Same(Goal goal, ResourceState old) implements Step {
        public Urn urn() {
            return goal.urn();
        }

        public String symbol() {
            return " ";
        }

        public String verb() {
            return "same";
        }
    }

    record Create(Goal goal) implements Step {
        public Urn urn() {
            return goal.urn();
        }

        public ResourceState old() {
            return null;
        }

        public String symbol() {
            return "+";
        }

        public String verb() {
            return "create";
        }
    }

    record Update(Goal goal, ResourceState old, List<PropertyChange> changes) implements Step {
        public Urn urn() {
            return goal.urn();
        }

        public String symbol() {
            return "~";
        }

        public String verb() {
            return "update";
        }
    }

    /**
     * A new resource takes the old one's place: created first and the old one deleted at the end,
     * or, with {@code deleteBeforeReplace}, the old one deleted first.
     *
     * @param cause why: its own properties, --replace, its provider replaced, a dependency deleted first
     */
    record Replace(Goal goal, ResourceState old, List<PropertyChange> changes, boolean deleteBeforeReplace, ReplaceReason cause)
            implements Step {
        public Replace {
            java.util.Objects.requireNonNull(cause, "cause");
        }

        public Urn urn() {
            return goal.urn();
        }

        /** The cause in the words a plan shows; null when properties of its own force it. */
        public String reason() {
            return cause.text();
        }

        public String symbol() {
            return deleteBeforeReplace ? "-+" : "+-";
        }

        public String verb() {
            return "replace";
        }
    }

    /** @param replacedCopy the old copy of a replaced resource, left by an earlier run */
    /**
     * @param goesWith the resource whose delete in the same plan takes this one with it (its
     *                 {@code deletedWith}): this one's delete is then not called; null when it is deleted on its own
     */
    record Delete(ResourceState old, boolean replacedCopy, Urn goesWith) implements Step {
        public Delete(ResourceState old, boolean replacedCopy) {
            this(old, replacedCopy, null);
        }

        public Urn urn() {
            return old.urn();
        }

        public Goal goal() {
            return null;
        }

        public String symbol() {
            return "-";
        }

        public String verb() {
            return "delete";
        }
    }
}
