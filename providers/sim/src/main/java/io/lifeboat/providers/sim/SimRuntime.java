package io.lifeboat.providers.sim;

import java.time.Instant;

/**
 * What every type of one provider works with: the cloud, the region called, the settings, the
 * gate, ids, and the GCP project the provider is configured with (null for AWS).
 */
record SimRuntime(SimCloud cloud, String region, SimSettings settings, CallGate gate, SimIds ids, SimTypes types, String project) {

    SimRuntime(SimCloud cloud, String region, SimSettings settings, CallGate gate, SimIds ids, SimTypes types) {
        this(cloud, region, settings, gate, ids, types, null);
    }

    String storageRegion(SimType type) {
        return type.global() ? SimCloud.GLOBAL : region;
    }

    RegionStore store(SimType type) {
        return cloud.store(storageRegion(type));
    }

    SimScope scope(SimType type, Instant now) {
        return new SimScope(cloud, store(type), region, settings.account(), ids, now, project, settings.latency().replicaLag());
    }
}
