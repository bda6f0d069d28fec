package io.lifeboat.providers.gcp.fake;

/**
 * What the other fakes ask Compute's fake about the project's networks: a GKE cluster needs its
 * network and subnetwork, a Cloud SQL instance with a private address needs private services
 * access on its network, and a network is in use while a cluster or an instance stands on it.
 */
public interface FakeNetworks {
    /** True when the project has the network (by name). */
    boolean network(String project, String name);

    /** True when the project has the subnetwork (by name) in the region. */
    boolean subnetwork(String project, String region, String name);

    /** True when the network has a private services access connection (servicenetworking.googleapis.com). */
    boolean privateServicesConnected(String project, String network);

    /** Marks the network as used by another API's object ({@code user}, a path), or no longer when {@code used} is false. */
    void use(String project, String network, String user, boolean used);
}
