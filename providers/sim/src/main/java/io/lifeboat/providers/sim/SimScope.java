package io.lifeboat.providers.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a type's rules see while the cloud serves one call: the region called, the region where
 * the type keeps its objects (the same, or {@link SimCloud#GLOBAL}), the account, the clock, id
 * generation, and the objects — those of the storage region under its lock, those of other
 * regions read straight from their files.
 */
public final class SimScope {
    private final SimCloud cloud;
    private final RegionStore store;
    private final String region;
    private final String account;
    private final SimIds ids;
    private final Instant now;
    private final String project;
    private final java.time.Duration replicaLag;

    SimScope(SimCloud cloud, RegionStore store, String region, String account, SimIds ids, Instant now) {
        this(cloud, store, region, account, ids, now, null, java.time.Duration.ZERO);
    }

    SimScope(SimCloud cloud, RegionStore store, String region, String account, SimIds ids, Instant now, String project,
             java.time.Duration replicaLag) {
        this.project = project;
        this.replicaLag = replicaLag;
        this.cloud = cloud;
        this.store = store;
        this.region = region;
        this.account = account;
        this.ids = ids;
        this.now = now;
    }

    /** How far a new read replica trails its source (the latency profile's): stamped on the replica when it is made. */
    public java.time.Duration replicaLag() {
        return replicaLag;
    }

    /** The region the call was made to. */
    public String region() {
        return region;
    }

    /** The region whose objects this scope holds. */
    public String storageRegion() {
        return store.region();
    }

    public String account() {
        return account;
    }

    /** The GCP project the provider is configured with ({@code project}); null for AWS. */
    public String project() {
        return project;
    }

    /** The cloud, for what a type reads or writes in other regions (a secret's replicas, backup runs). */
    public SimCloud cloud() {
        return cloud;
    }

    public SimIds ids() {
        return ids;
    }

    public Instant now() {
        return now;
    }

    /** {@code arn:aws:<service>:<region>:<account>:<resource>}. */
    public String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + region + ":" + account + ":" + resource;
    }

    /** The object of that type and id, unless it is gone or being deleted. */
    public SimObject find(String type, String id) {
        if (id == null) return null;
        SimObject o = store.get(type, id, now);
        return o == null || o.is(SimObject.DELETING) ? null : o;
    }

    /** Like {@link #find(String, String)} in any region: another region's file is read directly. */
    public SimObject find(String inRegion, String type, String id) {
        if (id == null) return null;
        if (inRegion.equals(store.region())) return find(type, id);
        SimObject o = cloud.peek(inRegion, type, id, now);
        return o == null || o.is(SimObject.DELETING) ? null : o;
    }

    /**
     * Every object of the type in any region, also those being deleted: the storage region's under
     * its lock, another region's read straight from its files (no lock is taken there).
     */
    public List<SimObject> all(String inRegion, String type) {
        if (inRegion.equals(store.region())) return all(type);
        return cloud.store(inRegion).peekAll(type, now);
    }

    /** Every object of the type, also those being deleted, in no particular order. */
    public List<SimObject> all(String type) {
        return store.ofType(type, now);
    }

    /**
     * The objects of the type, also those being deleted, that have {@code value} among the
     * values of the key {@code keyName} (as {@code keysOf} computes them, always the same way for
     * that name); found through an index, not by looking at every object.
     */
    public List<SimObject> withKey(String type, String keyName, java.util.function.Function<SimObject, List<String>> keysOf, String value) {
        return store.withKey(type, keyName, keysOf, value, now);
    }

    /** The objects of the type that are not being deleted, in no particular order. */
    public List<SimObject> live(String type) {
        List<SimObject> out = new ArrayList<>();
        for (SimObject o : store.ofType(type, now)) {
            if (!o.is(SimObject.DELETING)) out.add(o);
        }
        return out;
    }

    public RegionState regionState(String r) {
        return cloud.state(r);
    }

    /** Writes an object of the storage region (a snapshot a delete leaves, a confirmation, …). */
    public void put(SimObject o) {
        store.put(o);
    }

    /** Removes an object of the storage region at once (what the cloud deletes along with another). */
    public void remove(SimObject o) {
        store.remove(o.type(), o.id());
    }
}
