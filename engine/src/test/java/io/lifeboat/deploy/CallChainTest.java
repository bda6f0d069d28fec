package io.lifeboat.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.ResourceOptions;
import io.lifeboat.resource.Urn;
import io.lifeboat.state.CheckpointCodec;
import io.lifeboat.state.FileBackend;
import io.lifeboat.state.Journal;
import io.lifeboat.state.ResourceState;
import io.lifeboat.state.SecretsCrypter;

/** The provider-call chain: its order, and that journal, adoption, retry and rate limit each act once where they should. */
class CallChainTest {
    private static final Urn URN = new Urn("dev", "proj", "test:index:Network", "vpc");
    private static final RetryPolicy FAST = new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(2), 3);
    private static final ResourceType.Created MINE = new ResourceType.Created("vpc-mine", Props.EMPTY);

    @TempDir
    Path dir;

    private final List<String> progress = new ArrayList<>();
    private final OperationContext ctx = OperationContext.of(URN, Duration.ofSeconds(30)).withProgress(progress::add);

    @Test
    void interceptorsActInTheirOrderAroundTheCall() throws Exception {
        List<String> seen = new ArrayList<>();
        CallChain chain = new CallChain(List.of(recording("outer", seen), recording("inner", seen)));

        String answer = chain.call(ProviderCall.of("reading", URN, null, ctx, () -> {
            seen.add("call");
            return "answer";
        }));

        assertThat(answer).isEqualTo("answer");
        assertThat(seen).containsExactly("outer before", "inner before", "call", "inner after", "outer after");
    }

    @Test
    void aRetriedCallIsJournalledOnce() throws Exception {
        Journal journal = journal();
        AtomicInteger attempts = new AtomicInteger();
        ProviderCall<ResourceType.Created> create = ProviderCall.<ResourceType.Created>of("creating", URN, null, ctx, () -> {
            if (attempts.incrementAndGet() < 3) throw new ProviderException(ProviderException.Kind.THROTTLED, "Throttling", "slow down");
            return new ResourceType.Created("vpc-1", Props.EMPTY);
        }).journalled(new ProviderCall.Entry<>("creating", state(null), c -> state(c.id())));
        List<String> retries = new ArrayList<>();
        DeployListener listener = new DeployListener() {
            @Override
            public void retrying(Urn urn, String op, int attempt, String error, Duration delay) {
                retries.add(op + " " + attempt);
            }
        };

        ResourceType.Created made = CallChain.standard(journal, FAST, listener, ref -> null).call(create);

        assertThat(made.id()).isEqualTo("vpc-1");
        assertThat(attempts).hasValue(3);
        assertThat(retries).containsExactly("creating 1", "creating 2");
        List<String> lines = new FileBackend(dir).readJournal("dev");
        assertThat(lines).as("the session line, one begin, one end").hasSize(3);
        assertThat(lines.get(1)).startsWith("{\"begin\":0,").contains("\"op\":\"creating\"");
        assertThat(lines.get(2)).startsWith("{\"end\":0,").contains("vpc-1");
    }

    @Test
    void aFailedCallLeavesItsBeginOnly() throws Exception {
        Journal journal = journal();
        ProviderCall<Props> update = ProviderCall.<Props>of("updating", URN, null, ctx, () -> {
            throw new ProviderException(ProviderException.Kind.PERMISSION, "AccessDenied", "no");
        }).journalled(new ProviderCall.Entry<>("updating", state("vpc-1"), p -> state("vpc-1")));

        assertThatThrownBy(() -> CallChain.standard(journal, FAST, DeployListener.NONE, ref -> null).call(update))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo("AccessDenied"));
        List<String> lines = new FileBackend(dir).readJournal("dev");
        assertThat(lines).as("the session line and the begin").hasSize(2);
        assertThat(lines.get(1)).startsWith("{\"begin\":0,");
    }

    @Test
    void aConflictAdoptsTheObjectWithTheMarkOnce() throws Exception {
        AtomicInteger creates = new AtomicInteger();
        AtomicInteger finds = new AtomicInteger();
        ProviderCall<ResourceType.Created> create = ProviderCall.<ResourceType.Created>of("creating", URN, null, ctx, () -> {
            creates.incrementAndGet();
            throw new ProviderException(ProviderException.Kind.CONFLICT, "AlreadyExists", "vpc exists");
        }).adoptingByMark(ProviderCall.of("looking for", URN, null, ctx, () -> {
            finds.incrementAndGet();
            return Optional.of(MINE);
        }));

        ResourceType.Created adopted = CallChain.standard(null, FAST, DeployListener.NONE, ref -> null).call(create);

        assertThat(adopted).isEqualTo(MINE);
        assertThat(creates).hasValue(1);
        assertThat(finds).hasValue(1);
        assertThat(progress).containsExactly("adopted vpc-mine, made for this resource by an earlier run (its lifeboat:urn mark)");
    }

    @Test
    void aConflictWithAnObjectNotMarkedForTheResourceStaysTheProvidersError() {
        ProviderCall<ResourceType.Created> create = ProviderCall.<ResourceType.Created>of("creating", URN, null, ctx, () -> {
            throw new ProviderException(ProviderException.Kind.CONFLICT, "AlreadyExists", "vpc exists");
        }).adoptingByMark(ProviderCall.of("looking for", URN, null, ctx, Optional::empty));

        assertThatThrownBy(() -> CallChain.standard(null, FAST, DeployListener.NONE, ref -> null).call(create))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo("AlreadyExists"));
        assertThat(progress).isEmpty();
    }

    @Test
    void aConflictIsNotAdoptedWhenTheCallDoesNotAskForIt() {
        AtomicInteger creates = new AtomicInteger();
        ProviderCall<ResourceType.Created> create = ProviderCall.of("creating", URN, null, ctx, () -> {
            creates.incrementAndGet();
            throw new ProviderException(ProviderException.Kind.CONFLICT, "AlreadyExists", "vpc exists");
        });

        assertThatThrownBy(() -> CallChain.standard(null, FAST, DeployListener.NONE, ref -> null).call(create))
                .isInstanceOf(ProviderException.class);
        assertThat(creates).hasValue(1);
    }

    @Test
    void everyAttemptWaitsForItsProvidersLimiter() throws Exception {
        List<String> asked = new ArrayList<>();
        AtomicInteger attempts = new AtomicInteger();
        CallChain chain = CallChain.standard(null, FAST, DeployListener.NONE, ref -> {
            asked.add(ref);
            return null;
        });

        chain.call(ProviderCall.of("reading", URN, "urn:provider::east", ctx, () -> {
            if (attempts.incrementAndGet() == 1) throw new ProviderException(ProviderException.Kind.TRANSIENT, "InternalError", "try again");
            return "ok";
        }));
        chain.call(ProviderCall.of("reading", URN, null, ctx, () -> "no provider, no limiter"));

        assertThat(asked).containsExactly("urn:provider::east", "urn:provider::east");
    }

    @Test
    void callsOverTheRateWait() throws Exception {
        RateLimiter two = new RateLimiter(2);
        CallChain chain = CallChain.standard(null, FAST, DeployListener.NONE, ref -> two);
        long start = System.nanoTime();

        for (int i = 0; i < 3; i++) chain.call(ProviderCall.of("reading", URN, "p::1", ctx, () -> "ok"));

        // two calls are a burst; the third waits for a token, half a second at two a second
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    private static CallInterceptor recording(String name, List<String> seen) {
        return new CallInterceptor() {
            @Override
            public <T> T intercept(ProviderCall<T> call, Next next) throws ProviderException, InterruptedException {
                seen.add(name + " before");
                T answer = next.proceed(call);
                seen.add(name + " after");
                return answer;
            }
        };
    }

    private Journal journal() {
        CheckpointCodec codec = new CheckpointCodec(SecretsCrypter.fresh(() -> "correct horse".toCharArray()));
        return new Journal(new FileBackend(dir), "dev", codec, "lineage-1", 1);
    }

    private static ResourceState state(String id) {
        return new ResourceState(URN, true, id, Props.EMPTY, Props.EMPTY, null, false, false, List.of(), Map.of(), null, false,
                ResourceOptions.CustomTimeouts.NONE, null);
    }
}
