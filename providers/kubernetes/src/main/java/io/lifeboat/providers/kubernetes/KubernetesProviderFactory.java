package io.lifeboat.providers.kubernetes;

import io.lifeboat.provider.Provider;
import io.lifeboat.provider.ProviderConfig;
import io.lifeboat.provider.ProviderFactory;

/** The {@code kubernetes} provider plugin: Airflow deployments on a real cluster, through fabric8. */
public final class KubernetesProviderFactory implements ProviderFactory {

    @Override
    public String name() {
        return "kubernetes";
    }

    @Override
    public Provider open(ProviderConfig config) {
        return new KubernetesProvider(new ClusterConnection(config));
    }
}
