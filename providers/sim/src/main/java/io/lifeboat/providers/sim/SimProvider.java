package io.lifeboat.providers.sim;

import io.lifeboat.provider.TypeTable;

/** The simulated cloud as one package's provider for one region: every type its catalog serves. */
public final class SimProvider extends TypeTable {
    private final String region;

    SimProvider(SimRuntime rt) {
        this.region = rt.region();
        for (SimType t : rt.types().served()) {
            SimResourceType served = new SimResourceType(t, rt);
            serve(t.token(), t.holdsImages() ? new SimImageRepositoryType(served, rt) : served);
        }
    }

    public String region() {
        return region;
    }
}
