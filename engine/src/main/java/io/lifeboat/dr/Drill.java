package io.lifeboat.dr;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.lifeboat.deploy.DeployListener;
import io.lifeboat.plan.Drift;
import io.lifeboat.deploy.StackRunner;
import io.lifeboat.deploy.StepError;
import io.lifeboat.plan.PlanOptions;
import io.lifeboat.program.Posture;
import io.lifeboat.program.ProgramOptions;
import io.lifeboat.spec.Cidr;
import io.lifeboat.spec.Platform;
import io.lifeboat.spec.Stack;
import io.lifeboat.state.Snapshot;

/**
 * Rehearses a failover without touching the live stacks: the platform is re-created in a
 * throw-away stack beside the secondary (its own name, its own CIDR, no peering requests to real
 * peers), its database restored from the primary's copied backups; the result is measured and
 * checked, then destroyed, also when the drill fails. Leftovers of a drill that was killed are
 * destroyed by the next drill, or by {@link #cleanup}.
 */
public final class Drill {
    public static final String SUFFIX = "-drill";
    private final StackRunner runner;

    public Drill(StackRunner runner) {
        this.runner = runner;
    }

    /** The throw-away stack a drill into {@code survivor} uses. */
    public static Stack drillStack(Stack survivor, Stack primary) {
        Platform p = survivor.platform();
        // a program is told it runs a drill (lifeboat:posture drill) and keeps clear of the live stacks itself
        Platform copy = p == null ? null : new Platform(p.name(), new Platform.Network(freeCidr(p, survivor, primary), p.network().zones()),
                p.peerings(), p.cluster(), p.database(), p.registry(), p.deployments(), p.resources());
        return new Stack(survivor.name() + SUFFIX, survivor.file(), survivor.platformFile(), Stack.Role.SECONDARY, null, survivor.cloud(),
                survivor.endpoint(), survivor.region(), survivor.project(), survivor.standby(), survivor.state(), copy, survivor.sources(), survivor.stackSources(),
                // never the live stack's kubeconfig: it names the live cluster, which the drill must not touch
                survivor.requestsPerSecond(), survivor.simSettings(), java.util.Map.of(), survivor.program(), survivor.programCheckout());
    }

    /** A /16 (or the live network's size) in 10.0.0.0/8 that overlaps neither stack nor any peer. */
    static Cidr freeCidr(Platform p, Stack survivor, Stack primary) {
        List<Cidr> taken = new ArrayList<>();
        taken.add(survivor.platform().network().cidr());
        if (primary != null) taken.add(primary.platform().network().cidr());
        for (Platform.Peering peer : p.peerings()) taken.add(peer.peerCidr());
        int prefix = Math.max(16, survivor.platform().network().cidr().prefix());
        for (Cidr candidate : Cidr.parse("10.0.0.0/8").split(prefix - 8)) {
            boolean free = true;
            for (Cidr t : taken) free &= t == null || !t.overlaps(candidate);
            if (free && candidate.address() >= Cidr.parse("10.200.0.0/16").address()) return candidate;
        }
        throw new IllegalStateException("no free address block for the drill in 10.0.0.0/8");
    }

    public DrReport run(Stack primary, Stack survivor, DeployListener listener) throws InterruptedException {
        Stack drill = drillStack(survivor, primary);
        // a drill in a real outage should say so: the primary's region is asked meanwhile, as a failover asks it
        java.util.concurrent.FutureTask<RegionProbe.Answer> probe = io.lifeboat.deploy.Background.start("lifeboat-probe-" + primary.region(),
                () -> new RegionProbe(runner).ask(primary));
        List<String> notes = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int leftovers = destroy(drill, listener, errors);
        if (leftovers > 0) notes.add("destroyed " + io.lifeboat.plan.Plural.of(leftovers, "resource") + " an earlier drill left behind");

        Instant start = Instant.now();
        Snapshot primaryState = runner.store(primary).load(primary.name()).snapshot();
        Backups.RecoveryPoint point = Backups.newest(runner, primary, primaryState, survivor, notes);
        String backups = point == null ? null : point.restoreFrom();
        Instant backupTime = point == null ? null : point.time();
        if (backups == null) notes.add("no backup of " + primary.name() + "'s database was copied into " + survivor.region() + "; the drill's database starts empty");
        java.time.Duration replicaLag = hotStandbyLag(primary, survivor, notes);
        StackRunner.Target target = new StackRunner.Target(drill, null, new ProgramOptions(Posture.PROMOTED, backups, false, true), null, null);
        List<DrReport.Restored> restored = new ArrayList<>();
        List<String> actions = new ArrayList<>();
        Instant end;
        try {
            StackRunner.Applied applied = runner.up(target, PlanOptions.DR, false, listener);
            end = Instant.now();
            for (StepError e : applied.result().errors()) errors.add(e.toString());
            if (applied.result().interrupted()) errors.add("drill interrupted before the drill stack was complete; nothing was measured");
            for (var r : applied.snapshot().cloudResources()) {
                restored.add(new DrReport.Restored(r.type(), r.urn().name(), r.id(), "created"));
            }
            if (applied.ok()) {
                StackRunner.Preview check = runner.preview(target, PlanOptions.DEFAULT, true);
                List<Drift> drift = check.drift();
                if (!drift.isEmpty() || check.plan().hasChanges()) {
                    errors.add("health check: " + io.lifeboat.plan.Plural.of(drift.size(), "resource is", "resources are") + " not as created, " + check.plan().counts() + " changes pending");
                } else {
                    notes.add("health check passed: every resource of the drill stack exists and is as its " + (drill.runsProgram() ? "program" : "spec")
                            + " says");
                }
            }
            notes.add("RTO measured from the start of the re-creation to a healthy platform in " + survivor.region());
            notes.add(drill.runsProgram()
                    ? "not rehearsed: what the program makes only when promoted, not in a drill (lifeboat:posture drill), such as taking over replicas"
                    : "not rehearsed: peering requests to real peers and the registry (the live replica serves a failover)");
        } catch (RuntimeException e) {
            end = Instant.now();
            errors.add("drill failed: " + e.getMessage());
        } finally {
            int destroyed = destroy(drill, listener, errors);
            notes.add("destroyed the throw-away stack " + drill.name() + " (" + io.lifeboat.plan.Plural.of(destroyed, "resource") + ")");
        }
        RegionProbe.Answer answer = io.lifeboat.deploy.Background.answer(probe);
        if (!answer.answers()) {
            actions.add(0, primary.region() + " does not answer (" + answer.silence() + "): if it is down, this is no drill; fail over with `lifeboat failover --from "
                    + primary.name() + " --to " + survivor.name() + "`");
        }
        return new DrReport("drill", primary.name(), primary.region(), drill.name(), survivor.region(), start, end, backupTime, replicaLag, false, restored,
                actions, List.of(), notes, errors);
    }

    /**
     * A hot standby's other figure: the live replica is not promoted by a drill (that would end
     * its replication), only asked how far behind it is, which is what a failover's promotion
     * would lose; the drill itself restores the newest copy, as a fallback would.
     */
    private java.time.Duration hotStandbyLag(Stack primary, Stack survivor, List<String> notes) throws InterruptedException {
        if (survivor.runsProgram() || !runner.target(survivor, primary, null, null).posture().replicates()) return null;
        ReplicaCheck.Verdict v = ReplicaCheck.check(runner, survivor, runner.store(survivor).load(survivor.name()).snapshot(), false);
        if (v.promote()) {
            notes.add("hot standby: a failover now would promote the replica " + v.id() + (v.lag() == null ? " (its lag is unknown)"
                    : ", losing the last " + io.lifeboat.spec.Durations.format(v.lag()) + " of writes (its lag)")
                    + "; the drill restored the newest copy instead, which is what a failover falls back to");
        } else {
            notes.add("hot standby: a failover now would NOT promote the replica: " + v.why() + "; it would restore the newest copy, as this drill did");
        }
        return v.lag();
    }

    /** Destroys what earlier drills into {@code survivor} left; returns how many resources went. */
    public int cleanup(Stack primary, Stack survivor, DeployListener listener, List<String> errors) throws InterruptedException {
        return destroy(drillStack(survivor, primary), listener, errors);
    }

    /** Not cut short by a cancellation (Ctrl-C): the throw-away stack must not outlive the drill. */
    private int destroy(Stack drill, DeployListener listener, List<String> errors) throws InterruptedException {
        Snapshot s = runner.store(drill).load(drill.name()).snapshot();
        if (s.resources().isEmpty()) return 0;
        int before = s.cloudResources().size();
        StackRunner.Target target = new StackRunner.Target(drill, null, new ProgramOptions(Posture.PROMOTED, null, false, true), null, null);
        StackRunner.Applied gone = runner.uncancelled().destroy(target, listener);
        for (StepError e : gone.result().errors()) errors.add("cleanup: " + e);
        return before - gone.snapshot().cloudResources().size();
    }
}
