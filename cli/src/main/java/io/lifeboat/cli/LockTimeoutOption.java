package io.lifeboat.cli;

import picocli.CommandLine.Option;

/** {@code --lock-timeout DURATION}: for every command that takes a stack's lock, the one a refusal for a held lock names. */
final class LockTimeoutOption {
    @Option(names = "--lock-timeout", paramLabel = "DURATION", defaultValue = "0s", converter = OptionValues.DurationValue.class,
            description = "Wait this long (30s, 5m) for a stack locked by another operation (default: fail at once).")
    java.time.Duration timeout;
}
