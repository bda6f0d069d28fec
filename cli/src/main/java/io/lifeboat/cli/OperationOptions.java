package io.lifeboat.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.lifeboat.plan.PlanOptions;
import io.lifeboat.program.ProgramResult;
import io.lifeboat.resource.Goal;
import io.lifeboat.resource.Urn;
import picocli.CommandLine.Option;

/** Options shared by preview, up and destroy, with Terraform's and Pulumi's names. */
final class OperationOptions {
    @Option(names = {"-t", "--target"}, paramLabel = "URN", description = "Act only on this resource (URN or name); repeatable.")
    List<String> targets = new ArrayList<>();

    @Option(names = "--target-dependents", description = "With --target, act on everything that depends on a target too, as Pulumi does.")
    boolean targetDependents;

    @Option(names = "--exclude", paramLabel = "URN", description = "Leave this resource alone (URN or name); repeatable.")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--replace", paramLabel = "URN", description = "Replace this resource even if it has not changed; repeatable.")
    List<String> replaces = new ArrayList<>();

    @Option(names = "--allow-data-loss", description = "Let the plan delete or replace resources that hold data (the metadata database): "
            + "without it such a plan is refused, unless --replace names the resource.")
    boolean allowDataLoss;

    @Option(names = {"-p", "--parallel"}, paramLabel = "N", converter = OptionValues.AtLeastOne.class, description = "Steps run at once (default: ${DEFAULT-VALUE}).", defaultValue = "10")
    int parallel;

    @Option(names = {"-r", "--refresh"}, description = "Read the cloud first, so changes made outside Lifeboat show as drift.")
    boolean refresh;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text, markdown or json (default: ${DEFAULT-VALUE}).", defaultValue = "text")
    OutputFormat format;

    @Option(names = "--detailed-exitcode", description = "Exit 2 when there are changes, 0 when none, 1 on error.")
    boolean detailedExitCode;

    @picocli.CommandLine.Mixin
    LockTimeoutOption lock;

    java.time.Duration lockTimeout() {
        return lock.timeout;
    }

    PlanOptions planOptions(ProgramResult program, String stack, boolean destroy) {
        if (targetDependents && targets.isEmpty()) {
            throw new IllegalArgumentException("--target-dependents widens what --target names; give --target too, or leave both out to act on everything");
        }
        return new PlanOptions(resolve(targets, program, stack), resolve(excludes, program, stack), resolve(replaces, program, stack), destroy,
                !targets.isEmpty(), allowDataLoss, targetDependents);
    }

    /** URNs as given, or resource names looked up among the stack's goals. */
    static Set<Urn> resolve(List<String> given, ProgramResult program, String stack) {
        Set<Urn> out = new LinkedHashSet<>();
        for (String g : given) {
            if (g.startsWith("urn:pulumi:")) {
                Urn u = Urn.parse(g);
                if (u.stack().equals(stack)) out.add(u);
                continue;
            }
            List<Urn> matches = new ArrayList<>();
            for (Goal goal : program.goals()) if (goal.name().equals(g)) matches.add(goal.urn());
            if (matches.size() > 1) {
                throw new IllegalArgumentException("'" + g + "' names " + matches.size() + " resources of " + stack + "; give the URN: " + matches);
            }
            if (matches.isEmpty()) {
                List<String> names = new ArrayList<>();
                for (Goal goal : program.goals()) names.add(goal.name());
                String near = io.lifeboat.spec.Suggestions.nearest(g, names);
                throw new IllegalArgumentException("no resource named '" + g + "' in stack " + stack
                        + (near != null ? "; did you mean '" + near + "'?" : "; give a resource name or URN from `lifeboat preview`"));
            }
            out.addAll(matches);
        }
        return out;
    }
}
