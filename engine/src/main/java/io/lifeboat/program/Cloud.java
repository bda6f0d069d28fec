package io.lifeboat.program;

import io.lifeboat.provider.TypeSchema;
import io.lifeboat.spec.Stack;
import io.lifeboat.state.Snapshot;

/**
 * What one cloud brings to the engine: the program that maps a platform spec onto its resource
 * types, and the traits the DR commands ask of those types. Cloud-neutral code (deploy, dr, plan,
 * state) asks a {@code Cloud} and names no cloud's type token; only a cloud's package does.
 */
public interface Cloud {
    /** The {@code cloud:} of a stack spec that this cloud serves ({@code aws}). */
    String id();

    /** The stack's goals and outputs: a pure function of the specs, the options and the secrets and keys given. */
    ProgramResult run(Stack stack, Stack pair, ProgramOptions options, SecretReader secrets, KnownKeys keys);

    DrTraits dr();

    /**
     * The key material the stack's own state holds, then its pair's (read from {@code pair} when
     * first needed), which its program reuses rather than making new material: keys must survive
     * every failover.
     */
    KnownKeys knownKeys(Snapshot own, java.util.function.Supplier<KnownKeys.Pair> pair);

    /** The schemas of the types this cloud's program emits. */
    java.util.Collection<TypeSchema> schemas();
}
