package io.lifeboat.providers.sim;

import java.util.List;
import java.util.Optional;

import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.provider.TypeSchema;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/**
 * A sim type that serves more than the lifecycle (images, backups): the lifecycle is the
 * {@link SimResourceType}'s, which this passes each call to; a subclass adds what it serves.
 */
abstract class SimLifecycleType implements ResourceType {
    protected final SimResourceType lifecycle;
    protected final SimRuntime rt;

    SimLifecycleType(SimResourceType lifecycle, SimRuntime rt) {
        this.lifecycle = lifecycle;
        this.rt = rt;
    }

    @Override
    public final TypeSchema schema() {
        return lifecycle.schema();
    }

    @Override
    public final List<String> check(Props inputs) {
        return lifecycle.check(inputs);
    }

    @Override
    public final Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        return lifecycle.create(urn, inputs, ctx);
    }

    @Override
    public final Optional<Observed> read(String id, Props inputs, Props outputs, OperationContext ctx) throws ProviderException {
        return lifecycle.read(id, inputs, outputs, ctx);
    }

    @Override
    public final Props update(String id, Props oldOutputs, Props newInputs, OperationContext ctx) throws ProviderException {
        return lifecycle.update(id, oldOutputs, newInputs, ctx);
    }

    @Override
    public final void delete(String id, Props outputs, OperationContext ctx) throws ProviderException {
        lifecycle.delete(id, outputs, ctx);
    }

    @Override
    public final Optional<Created> findByUrn(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        return lifecycle.findByUrn(urn, inputs, ctx);
    }

    @Override
    public final List<Listed> list(OperationContext ctx) throws ProviderException {
        return lifecycle.list(ctx);
    }
}
