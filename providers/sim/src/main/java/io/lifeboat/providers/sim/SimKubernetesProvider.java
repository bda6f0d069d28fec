package io.lifeboat.providers.sim;

import io.lifeboat.program.KubernetesSchemas;
import io.lifeboat.provider.TypeTable;

/** The API server of one simulated EKS or GKE cluster, as the kubernetes package's provider: every type of {@link KubernetesSchemas}. */
final class SimKubernetesProvider extends TypeTable {

    SimKubernetesProvider(SimRuntime rt, String cluster, boolean external) {
        this(rt, cluster, external, SimKubernetesType.Flavour.EKS);
    }

    SimKubernetesProvider(SimRuntime rt, String cluster, boolean external, SimKubernetesType.Flavour flavour) {
        for (String token : KubernetesSchemas.all().keySet()) serve(token, new SimKubernetesType(token, rt, cluster, external, flavour));
    }
}
