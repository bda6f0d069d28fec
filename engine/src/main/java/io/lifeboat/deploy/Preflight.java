package io.lifeboat.deploy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.lifeboat.program.ProgramResult;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.Goal;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import io.lifeboat.state.ResourceState;
import io.lifeboat.state.Snapshot;

/**
 * What an operation needs, checked before its first change, so that it does not stop half-way:
 * the passphrase when the goals or the state hold a secret (it is first needed when the first
 * secret is written, after many resources were made), and that every provider whose settings
 * are known opens and serves the types asked of it. The secret environment of deployments is
 * read when the program runs, which comes before this.
 */
public final class Preflight {
    /** The variable the command line reads the passphrase from; named in the fix. */
    public static final String PASSPHRASE_ENV = "LIFEBOAT_PASSPHRASE";

    private final Supplier<char[]> passphrase;

    public Preflight(Supplier<char[]> passphrase) {
        this.passphrase = passphrase;
    }

    /** Every problem found, each with its fix; empty when the operation can go ahead. */
    public List<String> problems(String stack, ProgramResult program, Snapshot state, ProviderPool pool) {
        List<String> out = new ArrayList<>();
        if (holdsSecrets(program, state) && !hasPassphrase()) {
            out.add("stack " + stack + " holds secrets, which its state keeps encrypted, and " + PASSPHRASE_ENV + " is not set; "
                    + "export " + PASSPHRASE_ENV + "=<passphrase> (the same one on every run: it is the key to the stack's secrets) "
                    + "and run again; nothing was changed");
        }
        out.addAll(providers(stack, program, pool));
        return out;
    }

    private boolean hasPassphrase() {
        char[] p = passphrase == null ? null : passphrase.get();
        return p != null && p.length > 0;
    }

    private static boolean holdsSecrets(ProgramResult program, Snapshot state) {
        for (Goal g : program.goals()) if (secret(g.inputs())) return true;
        for (PropertyValue v : program.outputs().values()) if (v.containsSecrets()) return true;
        for (ResourceState r : state.resources()) if (secret(r.inputs()) || secret(r.outputs())) return true;
        return false;
    }

    private static boolean secret(Props p) {
        for (PropertyValue v : p.values()) if (v.containsSecrets()) return true;
        return false;
    }

    /** Opens each provider whose configuration is already known and asks it for the types its resources have. */
    private static List<String> providers(String stack, ProgramResult program, ProviderPool pool) {
        Map<Urn, Props> known = new java.util.HashMap<>();
        for (Goal g : program.goals()) {
            if (!Urn.isProviderType(g.type()) || unknown(g.inputs())) continue;
            known.put(g.urn(), g.inputs());
        }
        Set<String> out = new LinkedHashSet<>();
        for (Goal g : program.goals()) {
            Urn p = g.options().provider();
            if (!g.custom() || p == null || !known.containsKey(p)) continue;
            String ref = pool.register(p, "preflight", known.get(p));
            try {
                if (pool.find(ref, g.type()) == null) {
                    out.add("stack " + stack + ": provider " + p.name() + " does not implement " + g.type() + " (resource " + g.name() + ")");
                }
            } catch (ProviderException | RuntimeException e) {
                out.add("stack " + stack + ": provider " + p.name() + " cannot be opened: " + e.getMessage());
            }
        }
        return new ArrayList<>(out);
    }

    private static boolean unknown(Props p) {
        for (PropertyValue v : p.values()) if (v.containsUnknowns()) return true;
        return false;
    }
}
