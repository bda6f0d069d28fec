package io.lifeboat.dr;

import java.time.Duration;

import io.lifeboat.deploy.ProviderPool;
import io.lifeboat.deploy.StackRunner;
import io.lifeboat.program.Clouds;
import io.lifeboat.program.DrTraits;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import io.lifeboat.spec.Stack;

/**
 * Asks a stack's region whether it answers, with a short read-only call through the stack's own
 * provider (a look-up that changes nothing), asked again after an error of the moment. A refusal
 * (throttling, permission) is an answer; only no answer at all, or the cloud saying it is
 * unavailable, counts as silence.
 */
public final class RegionProbe {
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    /**
     * @param silence why the region did not answer, or null when it answered
     * @param kind    the error its silence came with, or null
     */
    public record Answer(boolean answers, String silence, ProviderException.Kind kind) {
    }

    private final StackRunner runner;

    public RegionProbe(StackRunner runner) {
        this.runner = runner;
    }

    /**
     * Whether the stack's region answers. An error of the moment (a 500) is asked again, up to
     * three times in all: a region that sends one may well be there, and one 500 must neither
     * let a failover through while the primary serves nor refuse one into a healthy survivor.
     * Silence that lasts (unavailable, a timeout) is not asked again.
     */
    public Answer ask(Stack stack) throws InterruptedException {
        try (ProviderPool pool = runner.pool()) {
            DrTraits dr = Clouds.of(stack).dr();
            Urn provider = dr.regionProvider(stack);
            Answer a = null;
            // one provider for every try: a fresh one would meet the same first call again
            String ref = pool.register(provider, "probe", dr.regionProviderConfig(stack));
            for (int tries = 0; tries < 3; tries++) {
                if (tries > 0) Thread.sleep(200L * tries);
                try {
                    pool.type(ref, dr.regionProbe()).findByUrn(new Urn(stack.name(), "lifeboat", dr.regionProbe(), "probe"), Props.EMPTY,
                            OperationContext.of(provider, TIMEOUT));
                    return new Answer(true, null, null);
                } catch (ProviderException e) {
                    a = answer(e);
                    if (a.answers() || a.kind() != ProviderException.Kind.TRANSIENT) return a;
                }
            }
            return a;
        }
    }

    private static Answer answer(ProviderException e) {
        boolean silent = e.kind() == ProviderException.Kind.UNAVAILABLE || e.kind() == ProviderException.Kind.TRANSIENT
                || e.kind() == ProviderException.Kind.TIMEOUT;
        return new Answer(!silent, silent ? e.getMessage() : null, silent ? e.kind() : null);
    }
}
