package io.lifeboat.providers.sim;

import io.lifeboat.program.KubernetesSchemas;
import io.lifeboat.provider.TypeTable;

/** The API server of one simulated EKS cluster, as the kubernetes package's provider: every type of {@link KubernetesSchemas}. */
final class SimKubernetesProvider extends TypeTable {

    SimKubernetesProvider(SimRuntime rt, String cluster, boolean external) {
        for (String token : KubernetesSchemas.all().keySet()) serve(token, new SimKubernetesType(token, rt, cluster, external));
    }
}
