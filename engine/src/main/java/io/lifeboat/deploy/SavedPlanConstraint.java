package io.lifeboat.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.lifeboat.plan.Differ;
import io.lifeboat.plan.Plan;
import io.lifeboat.plan.Step;
import io.lifeboat.resource.Goal;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/**
 * What a saved plan allows a program that runs again to do, as Pulumi's {@code up --plan}
 * constrains it: each resource the program registers must take the step the plan saved for it,
 * with the inputs it saved (an input unknown when the plan was made may come out as anything),
 * and only the deletes it saved may run. A step outside it is a violation, which stops the apply.
 */
final class SavedPlanConstraint {
    private final String file;
    private final Map<Urn, Plan.Kind> steps = new HashMap<>();
    private final Map<Urn, Goal> goals = new HashMap<>();

    SavedPlanConstraint(PlanFile.Entry saved, String file) {
        this.file = file;
        for (PlanFile.StepLine s : saved.steps()) steps.put(s.urn(), s.kind());
        for (Goal g : saved.goals().goals()) goals.put(g.urn(), g);
    }

    /** Why this step of the live run is not the plan's; null when it is. */
    String violation(Step step) {
        Plan.Kind want = steps.get(step.urn());
        Plan.Kind now = Plan.kind(step);
        String again = "; preview again with --save-plan " + file + ", review it, and apply that";
        if (want == null) {
            return step.urn() + " is not in the saved plan " + file + ", and the program now asks to " + name(now) + " it" + again;
        }
        if (want != now) {
            return "the saved plan " + file + " would " + name(want) + " " + step.urn() + ", and the program now asks to " + name(now) + " it" + again;
        }
        Goal saved = goals.get(step.urn());
        if (step.goal() == null || saved == null || now == Plan.Kind.SAME) return null;
        List<String> changed = changed(saved.inputs(), step.goal().inputs());
        return changed.isEmpty() ? null : "the program now gives " + step.urn() + " other inputs than the saved plan " + file + " holds ("
                + String.join(", ", changed) + ")" + again;
    }

    /** The deletes the plan of the finished run has that the saved plan does not. */
    List<String> unplannedDeletes(Plan finished) {
        List<String> out = new ArrayList<>();
        for (Step s : finished.steps()) {
            if (s instanceof Step.Delete d && !d.replacedCopy() && steps.get(s.urn()) != Plan.Kind.DELETE) {
                out.add(s.urn() + " would be deleted, which the saved plan " + file + " does not hold; nothing was deleted. Preview again with --save-plan "
                        + file + ", review it, and apply that");
            }
        }
        return out;
    }

    /** The inputs whose live value is not the saved one; a saved unknown allows any. */
    private static List<String> changed(Props saved, Props live) {
        List<String> out = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(saved.keySet());
        keys.addAll(live.keySet());
        for (String k : keys) {
            PropertyValue a = saved.get(k);
            PropertyValue b = live.get(k);
            if (a != null && a.containsUnknowns()) continue;
            if (a == null || b == null || !Differ.same(a, b)) out.add(k);
        }
        return out;
    }

    private static String name(Plan.Kind k) {
        return k.name().toLowerCase(java.util.Locale.ROOT);
    }
}
