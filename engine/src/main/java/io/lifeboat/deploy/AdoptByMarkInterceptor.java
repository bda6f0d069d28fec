package io.lifeboat.deploy;

import java.util.Optional;

import io.lifeboat.provider.ProviderException;

/**
 * The one place of idempotency: a create the provider refuses as a conflict is answered by the
 * object that carries the resource's own lifeboat mark, when there is one. It was made for the
 * resource by an earlier try whose answer was lost, or by a run the state no longer remembers (a
 * checkpoint restored from history), and is taken back rather than duplicated or refused. A clash
 * with someone else's object stays the provider's error.
 */
final class AdoptByMarkInterceptor implements CallInterceptor {

    @Override
    public <T> T intercept(ProviderCall<T> call, Next next) throws ProviderException, InterruptedException {
        if (call.adoptBy() == null) return next.proceed(call);
        try {
            return next.proceed(call);
        } catch (ProviderException e) {
            if (e.kind() != ProviderException.Kind.CONFLICT) throw e;
            Optional<T> mine = next.proceed(call.adoptBy());
            if (mine.isEmpty()) throw e;
            call.context().progress().accept("adopted " + idOf(mine.get()) + ", made for this resource by an earlier run (its lifeboat:urn mark)");
            return mine.get();
        }
    }

    private static String idOf(Object adopted) {
        return adopted instanceof io.lifeboat.provider.ResourceType.Created c ? c.id() : String.valueOf(adopted);
    }
}
