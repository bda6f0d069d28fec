package io.lifeboat.providers.aws;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Test servers made in a field initializer. */
final class AwsTestServers {
    private AwsTestServers() {
    }

    static FakeAws fake() {
        try {
            return new FakeAws();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
