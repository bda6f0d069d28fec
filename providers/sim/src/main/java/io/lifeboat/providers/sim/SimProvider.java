package io.lifeboat.providers.sim;

import io.lifeboat.provider.TypeTable;

/** The simulated cloud as one package's provider for one region: every type its catalog serves. */
public final class SimProvider extends TypeTable {
    private final String region;

    SimProvider(SimRuntime rt) {
        this.region = rt.region();
        for (SimType t : rt.types().served()) {
            SimResourceType served = new SimResourceType(t, rt);
            if (t.holdsImages()) serve(t.token(), new SimImageRepositoryType(served, rt));
            else if (t instanceof SimBackups && t instanceof SimReplicas) serve(t.token(), new SimReplicaType.WithBackups(served, rt));
            else if (t instanceof SimBackups) serve(t.token(), new SimBackupsType(served, rt));
            else if (t instanceof SimReplicas) serve(t.token(), new SimReplicaType(served, rt));
            else serve(t.token(), served);
        }
    }

    public String region() {
        return region;
    }
}
