package io.lifeboat.providers.kubernetes;

import io.lifeboat.program.KubernetesSchemas;
import io.lifeboat.provider.TypeTable;

/** One cluster's API server as the kubernetes package's provider: every type of {@link KubernetesSchemas}. */
final class KubernetesProvider extends TypeTable {
    private final ClusterConnection cluster;

    KubernetesProvider(ClusterConnection cluster) {
        this.cluster = cluster;
        for (String token : KubernetesSchemas.all().keySet()) serve(token, new KubernetesObjectType(token, cluster));
    }

    @Override
    public void close() {
        cluster.close();
    }
}
