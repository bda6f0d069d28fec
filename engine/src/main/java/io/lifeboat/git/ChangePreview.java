package io.lifeboat.git;

import java.util.List;

import io.lifeboat.plan.Plan;

/**
 * What a change to the specs would do, for a pull request: the plan of each stack at the head
 * revision against the stack's current state (what applying head would do), and what changed in
 * the spec files from the merge base of base and head to head (what the pull request changes).
 *
 * @param base      the base revision, or null when no comparison was asked for
 * @param mergeBase the commit the spec diff starts from (the merge base of base and head), or null
 * @param specDiff  files changed from the merge base to head (empty without a base)
 * @param removed   stacks the base has and head no longer has
 */
public record ChangePreview(Revision base, Revision head, String mergeBase, List<SpecDiff.FileChange> specDiff, List<StackPlan> stacks,
                            List<RemovedStack> removed) {

    public ChangePreview {
        specDiff = List.copyOf(specDiff);
        stacks = List.copyOf(stacks);
        removed = List.copyOf(removed);
    }

    /** A revision as given and the commit it named; sha null for the working tree. */
    public record Revision(String given, String sha, String subject) {
        public String describe() {
            if (sha == null) return "the working tree";
            String shortSha = sha.substring(0, Math.min(7, sha.length()));
            return given.equals(sha) || given.equals(shortSha) ? "`" + shortSha + "`" : "`" + given + "` (`" + shortSha + "`)";
        }
    }

    /** @param change what the change does to the stack's files: added, modified or unchanged (null without a base) */
    public record StackPlan(String name, String file, String region, String role, String change, Plan plan) {
    }

    /** @param resources how many cloud resources its state holds; -1 when its state could not be read */
    public record RemovedStack(String name, String file, int resources) {
    }

    public boolean hasChanges() {
        for (StackPlan s : stacks) if (s.plan().hasChanges()) return true;
        return false;
    }
}
