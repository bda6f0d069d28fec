package io.lifeboat.providers.sim.aws;

import io.lifeboat.providers.sim.SimObject;

/** EKS's words for where an object is in its life. */
final class EksStatus {
    private EksStatus() {
    }

    static String of(SimObject o) {
        switch (o.status()) {
            case SimObject.CREATING:
                return "CREATING";
            case SimObject.DELETING:
                return "DELETING";
            default:
                return "ACTIVE";
        }
    }
}
