package io.lifeboat.providers.gcp;

import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.compute.v1.Operation;

import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/**
 * A Compute Engine object of one collection ({@code networks}, {@code firewalls}, regional
 * {@code subnetworks} …): made by {@code insert} with a request id (so a retried call is done
 * once), removed by {@code delete} (repeated while another object uses it), changed by
 * {@code patch} where the API has one, each call's operation waited for until {@code DONE}. Compute's objects keep no labels: one whose create was
 * lost is found again by its name, unique in the project (and its request id makes the retried
 * insert the same operation).
 */
abstract class ComputeType extends GcpType {
    private final String collection;

    protected ComputeType(String token, String collection, GcpClients gcp) {
        super(token, gcp);
        this.collection = collection;
    }

    /** The object as the API takes it, from the inputs. */
    protected abstract ObjectNode resource(Props in);

    /** What the API says of the inputs. */
    protected abstract Props seen(JsonNode o, Props given);

    /** What the API computed: outputs that are not inputs. */
    protected abstract Props computed(JsonNode o);

    protected abstract Operation insert(ObjectNode resource, String requestId) throws ProviderException;

    /** The object by name, as JSON (a not-found is thrown). */
    protected abstract JsonNode fetch(String name) throws ProviderException;

    protected abstract Operation delete(String name, String requestId) throws ProviderException;

    /** Changes the object in place; the types whose API has no patch replace on every change. */
    protected Operation patch(String name, ObjectNode resource, String requestId) throws ProviderException {
        throw refused("NotUpdatable", schema.token() + " cannot be changed in place");
    }

    /** {@code projects/P/global/COLLECTION/NAME}, or {@code projects/P/regions/R/COLLECTION/NAME} for a regional one. */
    protected String id(String name) {
        return "projects/" + project() + (regional() ? "/regions/" + region() : "/global") + "/" + collection + "/" + name;
    }

    protected boolean regional() {
        return false;
    }

    protected final String call(String method, String name) {
        return collection + "." + method + " " + name + (regional() ? " in " + region() : "");
    }

    @Override
    public Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        Props in = clean(inputs);
        String name = str(in, "name");
        String call = "insert " + name;
        try {
            Operation op = insert(resource(in), requestId(ctx, call));
            operations.compute(ctx, "waiting for " + call("insert", name), op);
        } catch (ProviderException e) {
            refusedOnce(ctx, call, e);
            throw e;
        }
        return created(id(name), inputs, ctx);
    }

    @Override
    protected Optional<View> view(String id, Props given, OperationContext ctx) throws ProviderException {
        String name = last(id);
        return GcpCall.find(call("get", name), () -> fetch(name)).map(o -> new View(seen(o, clean(given)), computed(o)));
    }

    @Override
    public Props update(String id, Props oldOutputs, Props newInputs, OperationContext ctx) throws ProviderException {
        String name = last(id);
        String call = "patch " + name;
        try {
            Operation op = patch(name, resource(clean(newInputs)), requestId(ctx, call));
            operations.compute(ctx, "waiting for " + call("patch", name), op);
        } catch (ProviderException e) {
            refusedOnce(ctx, call, e);
            throw e;
        }
        return current(id, newInputs, ctx);
    }

    @Override
    public void delete(String id, Props outputs, OperationContext ctx) throws ProviderException {
        String name = last(id);
        poll.whileInUse(ctx, "deleting " + id, () -> {
            Optional<Operation> op = GcpCall.find(call("delete", name), () -> delete(name, UUID.randomUUID().toString()));
            if (op.isPresent()) {
                try {
                    operations.compute(ctx, "waiting for " + call("delete", name), op.get());
                } catch (ProviderException e) {
                    if (e.kind() != ProviderException.Kind.NOT_FOUND) throw e;
                }
            }
            return null;
        });
    }

    @Override
    protected Optional<String> idForUrn(Urn urn, Props inputs) throws ProviderException {
        String name = str(inputs, "name");
        if (name == null) return Optional.empty();
        return GcpCall.find(call("get", name), () -> fetch(name)).map(o -> id(name));
    }
}
