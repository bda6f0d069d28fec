package io.lifeboat.deploy;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.state.Journal;
import io.lifeboat.state.ResourceState;

/** Writes a journalled call's begin before it and its end after it succeeds: once, whatever happens further in. */
final class JournalInterceptor implements CallInterceptor {
    private final Journal journal;

    /** {@code journal} may be null: calls pass unrecorded. */
    JournalInterceptor(Journal journal) {
        this.journal = journal;
    }

    @Override
    public <T> T intercept(ProviderCall<T> call, Next next) throws ProviderException, InterruptedException {
        ProviderCall.Entry<T> entry = call.journal();
        if (journal == null || entry == null) return next.proceed(call);
        journal.begin(entry.op(), entry.begin());
        T answer = next.proceed(call);
        ResourceState end = entry.end() == null ? null : entry.end().apply(answer);
        if (end != null) journal.end(entry.op(), end);
        return answer;
    }
}
