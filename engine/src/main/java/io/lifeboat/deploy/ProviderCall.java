package io.lifeboat.deploy;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.provider.TakesBackups;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import io.lifeboat.state.ResourceState;

/**
 * One call to a provider (create, read, update, delete, find by mark, list, take a backup), as
 * the {@link CallChain} carries it through its interceptors: what it is for ({@code verb} and
 * {@code urn}, for retry messages), which provider serves it (for its rate limit), its context,
 * and, when asked for, how it is journalled and how a conflict is settled by adoption. Immutable:
 * {@link #journalled} and {@link #adoptingByMark} return a new call.
 *
 * @param <T> what the call answers
 */
public final class ProviderCall<T> {

    /** The call itself, made by the last link of the chain. */
    @FunctionalInterface
    public interface Body<T> {
        T run() throws ProviderException;
    }

    /**
     * How a call is journalled: {@code begin} is written before it, {@code end} (of the answer)
     * after it; an {@code end} that gives null writes nothing (a delete's end is written by its step).
     */
    public record Entry<T>(String op, ResourceState begin, Function<T, ResourceState> end) {
    }

    private final String verb;
    private final Urn urn;
    private final String providerRef;
    private final OperationContext ctx;
    private final Body<T> body;
    private final Entry<T> journal;
    private final ProviderCall<Optional<T>> adoptBy;

    private ProviderCall(String verb, Urn urn, String providerRef, OperationContext ctx, Body<T> body, Entry<T> journal,
                         ProviderCall<Optional<T>> adoptBy) {
        this.verb = verb;
        this.urn = urn;
        this.providerRef = providerRef;
        this.ctx = ctx;
        this.body = body;
        this.journal = journal;
        this.adoptBy = adoptBy;
    }

    /** Any call: {@code verb} is what the messages call it ("creating", "reading"). */
    public static <T> ProviderCall<T> of(String verb, Urn urn, String providerRef, OperationContext ctx, Body<T> body) {
        return new ProviderCall<>(verb, urn, providerRef, ctx, body, null, null);
    }

    public static ProviderCall<ResourceType.Created> create(ResourceType type, String providerRef, Urn urn, Props inputs,
                                                            OperationContext ctx) {
        return of("creating", urn, providerRef, ctx, () -> type.create(urn, inputs, ctx));
    }

    public static ProviderCall<Optional<ResourceType.Observed>> read(ResourceType type, String providerRef, Urn urn, String id,
                                                                     Props inputs, Props outputs, OperationContext ctx) {
        return of("reading", urn, providerRef, ctx, () -> type.read(id, inputs, outputs, ctx));
    }

    public static ProviderCall<Props> update(ResourceType type, String providerRef, Urn urn, String id, Props oldOutputs,
                                             Props newInputs, OperationContext ctx) {
        return of("updating", urn, providerRef, ctx, () -> type.update(id, oldOutputs, newInputs, ctx));
    }

    public static ProviderCall<Void> delete(ResourceType type, String providerRef, Urn urn, String id, Props outputs,
                                            OperationContext ctx) {
        return of("deleting", urn, providerRef, ctx, () -> {
            type.delete(id, outputs, ctx);
            return null;
        });
    }

    /** The object a create of {@code urn} made, found by its lifeboat mark. */
    public static ProviderCall<Optional<ResourceType.Created>> findByMark(ResourceType type, String providerRef, Urn urn, Props inputs,
                                                                          OperationContext ctx) {
        return of("looking for", urn, providerRef, ctx, () -> type.findByUrn(urn, inputs, ctx));
    }

    public static ProviderCall<List<ResourceType.Listed>> list(ResourceType type, String providerRef, Urn urn, OperationContext ctx) {
        return of("listing", urn, providerRef, ctx, () -> type.list(ctx));
    }

    public static ProviderCall<Props> backupNow(TakesBackups type, String providerRef, Urn urn, String id, Props inputs,
                                                OperationContext ctx) {
        return of("backing up", urn, providerRef, ctx, () -> type.backupNow(id, inputs, ctx));
    }

    /** This call, journalled as {@code entry} says. */
    public ProviderCall<T> journalled(Entry<T> entry) {
        return new ProviderCall<>(verb, urn, providerRef, ctx, body, entry, adoptBy);
    }

    /** This call, answered by what {@code find} finds when the provider refuses it as a conflict. */
    public ProviderCall<T> adoptingByMark(ProviderCall<Optional<T>> find) {
        return new ProviderCall<>(verb, urn, providerRef, ctx, body, journal, find);
    }

    public String verb() {
        return verb;
    }

    public Urn urn() {
        return urn;
    }

    /** The provider reference that serves the call; null when it is not known. */
    public String providerRef() {
        return providerRef;
    }

    public OperationContext context() {
        return ctx;
    }

    /** How the call is journalled; null when it is not. */
    public Entry<T> journal() {
        return journal;
    }

    /** The call that finds the object to adopt on a conflict; null when a conflict stays an error. */
    public ProviderCall<Optional<T>> adoptBy() {
        return adoptBy;
    }

    /** Makes the call itself; only the end of the chain does. */
    T run() throws ProviderException {
        return body.run();
    }
}
