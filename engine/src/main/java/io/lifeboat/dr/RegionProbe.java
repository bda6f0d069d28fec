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
 * Asks a stack's region whether it answers, with one short read-only call through the stack's own
 * provider (a look-up that changes nothing). A refusal (throttling, permission) is an answer; only
 * no answer at all, or the cloud saying it is unavailable, counts as silence.
 */
public final class RegionProbe {
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** @param silence why the region did not answer, or null when it answered */
    public record Answer(boolean answers, String silence) {
    }

    private final StackRunner runner;

    public RegionProbe(StackRunner runner) {
        this.runner = runner;
    }

    public Answer ask(Stack stack) throws InterruptedException {
        try (ProviderPool pool = runner.pool()) {
            DrTraits dr = Clouds.of(stack).dr();
            Urn provider = dr.regionProvider(stack);
            String ref = pool.register(provider, "probe", dr.regionProviderConfig(stack));
            pool.type(ref, dr.regionProbe()).findByUrn(new Urn(stack.name(), "lifeboat", dr.regionProbe(), "probe"), Props.EMPTY,
                    OperationContext.of(provider, TIMEOUT));
            return new Answer(true, null);
        } catch (ProviderException e) {
            boolean silent = e.kind() == ProviderException.Kind.UNAVAILABLE || e.kind() == ProviderException.Kind.TRANSIENT
                    || e.kind() == ProviderException.Kind.TIMEOUT;
            return new Answer(!silent, silent ? e.getMessage() : null);
        }
    }
}
