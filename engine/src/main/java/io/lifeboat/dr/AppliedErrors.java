package io.lifeboat.dr;

import java.util.ArrayList;
import java.util.List;

import io.lifeboat.deploy.ExecutionResult;
import io.lifeboat.deploy.StackRunner;
import io.lifeboat.deploy.StepError;
import io.lifeboat.plan.Step;

/**
 * What went wrong in one apply of a DR command: each step that failed, and an interruption
 * (Ctrl-C) that cut it short, with the steps it left undone. An interrupted apply has no failed
 * step, yet the platform is not as the command means it to be: its report must not say it is.
 */
final class AppliedErrors {
    /** How many undone steps an interruption names; the rest are counted. */
    private static final int NAMED = 3;

    private AppliedErrors() {
    }

    static List<String> of(StackRunner.Applied applied) {
        List<String> out = new ArrayList<>();
        for (StepError e : applied.result().errors()) out.add(e.toString());
        if (applied.result().interrupted()) out.add(interruption(applied.result()));
        return out;
    }

    private static String interruption(ExecutionResult result) {
        List<String> undone = new ArrayList<>();
        for (ExecutionResult.StepOutcome s : result.steps()) {
            if (s.step() instanceof Step.Same || s.outcome() == ExecutionResult.Outcome.DONE || s.outcome() == ExecutionResult.Outcome.FAILED) continue;
            undone.add(s.step().verb() + " " + s.step().urn().type() + " " + s.step().urn().name());
        }
        String named = String.join(", ", undone.subList(0, Math.min(NAMED, undone.size())))
                + (undone.size() > NAMED ? " and " + (undone.size() - NAMED) + " more" : "");
        return "interrupted before " + result.interruption().stack() + " was complete: "
                + io.lifeboat.plan.Plural.of(undone.size(), "step") + " not done" + (undone.isEmpty() ? "" : " (" + named + ")")
                + "; run the same command again to finish";
    }
}
