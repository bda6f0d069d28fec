package io.lifeboat.providers.kubernetes;

import java.util.Map;

/** Where a Deployment's rollout stands, from its spec, metadata and status, as {@code kubectl rollout status} reads them. */
record Rollout(long wanted, long updated, long available, long generation, long observedGeneration) {

    static Rollout of(Map<String, Object> deployment) {
        Map<?, ?> spec = map(deployment.get("spec"));
        Map<?, ?> status = map(deployment.get("status"));
        Map<?, ?> metadata = map(deployment.get("metadata"));
        return new Rollout(number(spec.get("replicas"), 1), number(status.get("updatedReplicas"), 0),
                number(status.get("availableReplicas"), 0), number(metadata.get("generation"), 0),
                number(status.get("observedGeneration"), -1));
    }

    /** The controller has seen the newest template, and every wanted replica runs it and is available. */
    boolean done() {
        return observedGeneration >= generation && updated >= wanted && available >= wanted;
    }

    @Override
    public String toString() {
        if (observedGeneration < generation) return "waiting for the controller to see generation " + generation;
        return updated + " of " + wanted + " updated, " + available + " available";
    }

    private static Map<?, ?> map(Object o) {
        return o instanceof Map<?, ?> m ? m : Map.of();
    }

    private static long number(Object o, long fallback) {
        return o instanceof Number n ? n.longValue() : fallback;
    }
}
