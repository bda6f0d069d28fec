package io.lifeboat.program;

import io.lifeboat.spec.Stack;

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
}
