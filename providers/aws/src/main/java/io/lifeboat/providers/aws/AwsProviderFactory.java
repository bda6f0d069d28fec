package io.lifeboat.providers.aws;

import io.lifeboat.provider.Provider;
import io.lifeboat.provider.ProviderConfig;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ProviderFactory;

/**
 * The {@code aws} provider plugin: the aws package's types on AWS, or on the AWS-compatible
 * emulator a stack's {@code endpoint: http://HOST:PORT} names. Opening it calls nobody.
 */
public final class AwsProviderFactory implements ProviderFactory {
    @Override
    public String name() {
        return "aws";
    }

    @Override
    public Provider open(ProviderConfig config) throws ProviderException {
        if (config.pkg() != null && !config.pkg().equals("aws")) {
            throw new ProviderException(ProviderException.Kind.INVALID_INPUT, "UnsupportedPackage",
                    "the aws provider serves the aws package; it cannot serve '" + config.pkg() + "'");
        }
        return new AwsProvider(new AwsClients(AwsSettings.of(config)));
    }
}
