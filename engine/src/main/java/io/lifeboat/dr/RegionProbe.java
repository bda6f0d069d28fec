package io.lifeboat.dr;

import java.time.Duration;

import io.lifeboat.deploy.ProviderPool;
import io.lifeboat.deploy.StackRunner;
import io.lifeboat.program.AwsSchemas;
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
final class RegionProbe {
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** @param silence why the region did not answer, or null when it answered */
    record Answer(boolean answers, String silence) {
    }

    private final StackRunner runner;

    RegionProbe(StackRunner runner) {
        this.runner = runner;
    }

    Answer ask(Stack stack) throws InterruptedException {
        try (ProviderPool pool = runner.pool()) {
            Urn provider = new Urn(stack.name(), "lifeboat", "pulumi:providers:aws", "aws-" + stack.region());
            Props.Builder config = Props.builder().put("region", stack.region());
            if (stack.endpoint() != null) config.put("endpoint", stack.endpoint());
            String ref = pool.register(provider, "probe", config.build());
            pool.type(ref, AwsSchemas.VPC).findByUrn(new Urn(stack.name(), "lifeboat", AwsSchemas.VPC, "probe"), Props.EMPTY,
                    OperationContext.of(provider, TIMEOUT));
            return new Answer(true, null);
        } catch (ProviderException e) {
            boolean silent = e.kind() == ProviderException.Kind.UNAVAILABLE || e.kind() == ProviderException.Kind.TRANSIENT
                    || e.kind() == ProviderException.Kind.TIMEOUT;
            return new Answer(!silent, silent ? e.getMessage() : null);
        }
    }
}
