package io.lifeboat.providers.gcp;

import io.lifeboat.provider.Provider;
import io.lifeboat.provider.ProviderConfig;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ProviderFactory;

/**
 * The {@code gcp} provider plugin: the gcp package's types on GCP, or on the fakes or emulator a
 * stack's {@code endpoint: http://HOST:PORT} names. Opening it calls nobody.
 */
public final class GcpProviderFactory implements ProviderFactory {
    @Override
    public String name() {
        return "gcp";
    }

    @Override
    public Provider open(ProviderConfig config) throws ProviderException {
        if (config.pkg() != null && !config.pkg().equals("gcp")) {
            throw new ProviderException(ProviderException.Kind.INVALID_INPUT, "UnsupportedPackage",
                    "the gcp provider serves the gcp package; it cannot serve '" + config.pkg() + "'");
        }
        return new GcpProvider(new GcpClients(GcpSettings.of(config)));
    }
}
