package io.lifeboat.cli;

/** Exit codes, as Terraform's {@code -detailed-exitcode} has them. */
final class ExitCodes {
    static final int OK = 0;
    static final int ERROR = 1;
    static final int CHANGES = 2;

    private ExitCodes() {
    }
}
