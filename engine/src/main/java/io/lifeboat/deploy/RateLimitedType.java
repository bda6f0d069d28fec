package io.lifeboat.deploy;

import java.util.List;
import java.util.Optional;

import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.provider.TypeSchema;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/** A resource type whose calls wait for the limiter of their provider and region. */
final class RateLimitedType implements ResourceType {
    private final ResourceType type;
    private final RateLimiter limiter;

    RateLimitedType(ResourceType type, RateLimiter limiter) {
        this.type = type;
        this.limiter = limiter;
    }

    @Override
    public TypeSchema schema() {
        return type.schema();
    }

    @Override
    public List<String> check(Props inputs) {
        return type.check(inputs);
    }

    @Override
    public Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        await();
        return type.create(urn, inputs, ctx);
    }

    @Override
    public Optional<Observed> read(String id, Props inputs, Props outputs, OperationContext ctx) throws ProviderException {
        await();
        return type.read(id, inputs, outputs, ctx);
    }

    @Override
    public Props update(String id, Props oldOutputs, Props newInputs, OperationContext ctx) throws ProviderException {
        await();
        return type.update(id, oldOutputs, newInputs, ctx);
    }

    @Override
    public void delete(String id, Props outputs, OperationContext ctx) throws ProviderException {
        await();
        type.delete(id, outputs, ctx);
    }

    @Override
    public Optional<Created> findByUrn(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        await();
        return type.findByUrn(urn, inputs, ctx);
    }

    @Override
    public List<Listed> list(OperationContext ctx) throws ProviderException {
        await();
        return type.list(ctx);
    }

    private void await() throws ProviderException {
        try {
            limiter.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(ProviderException.Kind.TIMEOUT, "Interrupted", "interrupted while waiting for the API rate limit");
        }
    }
}
