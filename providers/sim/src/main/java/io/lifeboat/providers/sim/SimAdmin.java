package io.lifeboat.providers.sim;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.program.gcp.GcpSchemas;
import io.lifeboat.provider.TypeSchema;
import io.lifeboat.providers.sim.aws.EcrImages;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

/**
 * The simulated cloud's console, for the {@code lifeboat sim} command and for tests: take a region
 * out and bring it back, inject faults, list what is there, and change or delete objects behind
 * Lifeboat's back (drift), accept a peering as the peer would. Its changes are persisted, so
 * every process working on the same directory sees them. Errors in what it is asked (an object
 * that is not there) are {@link IllegalArgumentException}s.
 */
public final class SimAdmin {

    /** One region at a glance. */
    public record RegionStatus(String region, boolean out, Instant outSince, Faults faults, Map<String, Integer> objectsByType,
                               int objects) {
    }

    /** One object as the console shows it; secret values stay wrapped as secrets. */
    public record ObjectView(String id, String type, String region, String urn, String status, Instant createdAt, Props inputs,
                             Props outputs) {
    }

    private final SimCloud cloud;
    private final SimTypes types = SimPackages.all();

    /** The console of the cloud of the project in {@code workDir} ({@code <workDir>/.lifeboat/sim}). */
    public SimAdmin(Path workDir) {
        this(SimCloud.inWorkDir(workDir));
    }

    public SimAdmin(SimCloud cloud) {
        this.cloud = cloud;
    }

    public SimCloud cloud() {
        return cloud;
    }

    /** Takes the region out: every call to it fails as unavailable until {@link #restore}. */
    public void outage(String region) {
        Instant now = Instant.now();
        cloud.updateState(region, s -> s.out() ? s : s.withOutage(now));
    }

    public void restore(String region) {
        cloud.updateState(region, RegionState::restored);
    }

    public boolean isOut(String region) {
        return cloud.state(region).out();
    }

    /** Sets the faults injected into the region's calls; null or {@link Faults#NONE} clears them. */
    public void setFaults(String region, Faults faults) {
        Faults f = faults == null || faults.none() ? null : faults;
        cloud.updateState(region, s -> s.withFaults(f));
    }

    /** The faults set through this console for the region (the environment and settings may add their own). */
    public Faults faults(String region) {
        Faults f = cloud.state(region).faults();
        return f == null ? Faults.NONE : f;
    }

    /** Every region that has been used, sorted. */
    public List<RegionStatus> status() {
        List<RegionStatus> out = new ArrayList<>();
        for (String region : cloud.regions()) out.add(status(region));
        return out;
    }

    public RegionStatus status(String region) {
        RegionState state = cloud.state(region);
        Map<String, Integer> byType = new TreeMap<>();
        List<SimObject> all = listed(region);
        for (SimObject o : all) byType.merge(o.type(), 1, Integer::sum);
        return new RegionStatus(region, state.out(), state.outSince(), state.faults() == null ? Faults.NONE : state.faults(), byType, all.size());
    }

    public List<ObjectView> objects(String region) {
        List<ObjectView> out = new ArrayList<>();
        for (SimObject o : listed(region)) out.add(view(o));
        return out;
    }

    /** The region's objects as the console lists them: a copy of an object of another region ({@link SimObject#COPY_OF}) is listed there. */
    private List<SimObject> listed(String region) {
        List<SimObject> out = new ArrayList<>();
        for (SimObject o : cloud.objects(region)) {
            if (!o.hidden().containsKey(SimObject.COPY_OF)) out.add(o);
        }
        return out;
    }

    public Optional<ObjectView> object(String region, String id) {
        SimObject o = find(region, null, id, false);
        return o == null ? Optional.empty() : Optional.of(view(o));
    }

    public int count(String region) {
        return listed(region).size();
    }

    public int count(String region, String type) {
        int n = 0;
        for (SimObject o : cloud.objects(region, type)) {
            if (!o.hidden().containsKey(SimObject.COPY_OF)) n++;
        }
        return n;
    }

    /**
     * Changes an input of an object as someone in the cloud's console would: {@code property} may be
     * dotted ({@code tags.owner}, {@code scalingConfig.desiredSize}); a null value removes it. The
     * idempotency mark stays.
     */
    public void mutate(String region, String id, String property, Object value) {
        mutate(region, null, id, property, value);
    }

    /** {@link #mutate(String, String, String, Object)} for an id two types share (an RDS subnet group and instance). */
    public void mutate(String region, String type, String id, String property, Object value) {
        SimObject o = find(region, type, id, true);
        String top = property.contains(".") ? property.substring(0, property.indexOf('.')) : property;
        SimType t = types.get(o.type());
        if (t != null && !t.schema().inputs().containsKey(top)) {
            throw new IllegalArgumentException(top + " is not an input of " + o.type() + " (have: " + t.schema().inputs().keySet() + ")");
        }
        String mark = o.mark();
        Props inputs = set(o.inputs(), property.split("\\."), 0, value == null ? null : PropertyValue.fromJava(value));
        SimObject changed = o.withInputs(inputs);
        String markProperty = t == null ? null : t.markProperty();
        if (markProperty != null && mark != null && !TypeSchema.URN_TAG.equals(lastPart(property)) && !TypeSchema.URN_LABEL.equals(lastPart(property))) {
            changed = changed.withInputs(t.markedInputs(inputs, mark));
        }
        if (top.equals(markProperty == null ? "tags" : markProperty)) changed = changed.withHidden(SimObject.NO_TAGS, null);
        cloud.put(changed);
    }

    /**
     * Deletes an object as someone in the cloud's console would, whatever uses it; false when it
     * was not there. A cluster takes its Kubernetes objects with it.
     */
    public boolean deleteBehindBack(String region, String id) {
        return deleteBehindBack(region, null, id);
    }

    /** {@link #deleteBehindBack(String, String)} for an id two types share (an RDS subnet group and instance). */
    public boolean deleteBehindBack(String region, String type, String id) {
        SimObject o = find(region, type, id, false);
        if (o == null) return false;
        cloud.remove(region, o.type(), o.id());
        if (o.type().equals(AwsSchemas.EKS_CLUSTER) || o.type().equals(GcpSchemas.CLUSTER)) SimKubernetesType.deleteAllOf(o.id(), scope(region));
        if (o.type().equals(GcpSchemas.CLUSTER)) {
            for (SimObject pool : cloud.objects(region, GcpSchemas.NODE_POOL)) {
                if (pool.id().startsWith(o.id() + "/nodePools/")) cloud.remove(region, pool.type(), pool.id());
            }
        }
        return true;
    }

    /** Accepts a peering request as the peer's owner does: it becomes active. */
    public void acceptPeering(String region, String pcxId) {
        SimObject o = find(region, AwsSchemas.VPC_PEERING, pcxId, true);
        if (o.is(SimObject.DELETING)) throw new IllegalArgumentException(pcxId + " is being deleted");
        cloud.put(o.withStatus(SimObject.AVAILABLE, null, null));
    }

    /** Confirms a subscription as its owner's click on the emailed link does. */
    public void confirmSubscription(String region, String subscriptionArn) {
        SimObject o = find(region, AwsSchemas.SNS_SUBSCRIPTION, subscriptionArn, true);
        cloud.put(o.withHidden(SimObject.CONFIRMED, "true"));
    }

    /**
     * Pushes an image into the region's ECR repository {@code repository} as {@code docker push}
     * would, under a tag or (a {@code sha256:} reference) by digest alone, and returns its digest;
     * the region's replication rules copy it on. The same tag always gets the same digest.
     */
    public String pushImage(String region, String repository, String reference) {
        if (isOut(region)) throw new IllegalArgumentException("cannot push to " + region + ": the region is out");
        String digest = EcrImages.isDigest(reference) ? reference : EcrImages.digestFor(repository, reference);
        RegionStore store = cloud.store(region);
        SimObject pushed;
        try {
            pushed = store.locked(() -> {
                SimObject repo = imageRepository(region, repository);
                if (repo == null) throw new IllegalArgumentException("no ECR repository '" + repository + "' in " + region + " (have: " + repositories(region) + ")");
                SimObject with = EcrImages.with(repo, reference, digest);
                cloud.put(with);
                return with;
            });
        } catch (io.lifeboat.provider.ProviderException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        EcrImages.replicate(cloud, pushed, reference, digest);
        return digest;
    }

    /**
     * Writes {@code count} rows into a database as its clients would, at {@code at} (now, or a
     * moment in the past: a test's history); its replicas replay them their lag later. Refused
     * for a replica (read-only), a database that is not running, or a region that is out.
     */
    public void writeRows(String region, String database, long count, Instant at) {
        if (isOut(region)) throw new IllegalArgumentException("cannot write to " + database + ": " + region + " is out");
        if (at.isAfter(Instant.now())) throw new IllegalArgumentException("rows are written now or in the past, not at " + at);
        RegionStore store = cloud.store(region);
        try {
            store.locked(() -> {
                SimObject db = database(region, database);
                SimReplicas rules = (SimReplicas) types.get(db.type());
                if (rules.sourceName(db) != null) throw new IllegalArgumentException(database + " is a read replica of " + rules.sourceName(db) + ": it takes no writes");
                if (!db.at(Instant.now()).is(SimObject.AVAILABLE)) throw new IllegalArgumentException(database + " is " + db.status() + ", not available");
                cloud.put(db.withHidden(SimReplicas.WRITES, SimReplicas.written(db, count, at)));
                return null;
            });
        } catch (io.lifeboat.provider.ProviderException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The rows a database holds now: a replica's, what it has replayed of its source's. */
    public long rows(String region, String database) {
        SimObject db = database(region, database);
        return SimReplicas.rows((SimReplicas) types.get(db.type()), db, cloud, java.time.Duration.ZERO, Instant.now());
    }

    /** Breaks a read replica's replication, as a failed replication does: it stops replaying, and says why. */
    public void breakReplica(String region, String replica, String reason) {
        SimObject db = database(region, replica);
        if (((SimReplicas) types.get(db.type())).sourceName(db) == null) throw new IllegalArgumentException(replica + " is no read replica");
        cloud.put(db.withHidden(SimReplicas.BROKEN, reason).withHidden(SimReplicas.BROKEN_AT, Instant.now().toString()));
    }

    /** Sets how far a read replica trails its source, as a busy primary or a slow link would make it. */
    public void setReplicaLag(String region, String replica, java.time.Duration lag) {
        SimObject db = database(region, replica);
        if (((SimReplicas) types.get(db.type())).sourceName(db) == null) throw new IllegalArgumentException(replica + " is no read replica");
        cloud.put(db.withHidden(SimReplicas.LAG, String.valueOf(lag.toMillis())));
    }

    /** A database of the region (an RDS instance or a Cloud SQL instance) by its id. */
    private SimObject database(String region, String id) {
        for (SimObject o : cloud.objects(region)) {
            if (o.id().equals(id) && types.get(o.type()) instanceof SimReplicas && !o.hidden().containsKey(SimObject.COPY_OF)) return o;
        }
        throw new IllegalArgumentException("no database '" + id + "' in " + region);
    }

    /** The tags and digests of the images the region's ECR repository holds; empty when there is no such repository. */
    public java.util.Set<String> images(String region, String repository) {
        SimObject repo = imageRepository(region, repository);
        return repo == null ? java.util.Set.of() : EcrImages.of(repo);
    }

    /**
     * The region's repository that holds images named {@code repository}: an ECR repository by its
     * name, or an Artifact Registry repository by its id ({@code projects/p/locations/r/repositories/x})
     * or its repositoryId; null when there is none.
     */
    private SimObject imageRepository(String region, String repository) {
        SimObject ecr = find(region, AwsSchemas.ECR_REPOSITORY, repository, false);
        if (ecr != null) return ecr;
        for (SimObject o : cloud.objects(region, GcpSchemas.REPOSITORY)) {
            if (o.id().equals(repository) || repository.equals(o.inputs().string("repositoryId"))) return o;
        }
        return null;
    }

    private List<String> repositories(String region) {
        List<String> names = new ArrayList<>();
        for (SimObject o : cloud.objects(region, AwsSchemas.ECR_REPOSITORY)) names.add(o.id());
        for (SimObject o : cloud.objects(region, GcpSchemas.REPOSITORY)) names.add(o.id());
        return names;
    }

    private SimObject find(String region, String type, String id, boolean required) {
        List<SimObject> matches = new ArrayList<>();
        if (type != null) {
            SimObject o = cloud.object(region, type, id);
            if (o != null) matches.add(o);
        } else {
            for (SimObject o : cloud.objects(region)) {
                if (o.id().equals(id)) matches.add(o);
            }
        }
        if (matches.size() > 1) {
            List<String> typesOf = new ArrayList<>();
            for (SimObject m : matches) typesOf.add(m.type());
            throw new IllegalArgumentException("'" + id + "' in " + region + " names objects of several types " + typesOf + "; say which");
        }
        if (matches.isEmpty()) {
            if (required) throw new IllegalArgumentException("no " + (type == null ? "object" : type) + " '" + id + "' in " + region);
            return null;
        }
        return matches.get(0);
    }

    /** The region as the console sees it, now. */
    private SimScope scope(String region) {
        return new SimScope(cloud, cloud.store(region), region, SimSettings.DEFAULT_ACCOUNT, null, Instant.now());
    }

    private ObjectView view(SimObject o) {
        String cluster = o.hidden().get(SimKubernetesType.CLUSTER);
        if (cluster != null) {
            // a Kubernetes object, by its id in its cluster (namespace/name), as the engine knows it
            Props inputs = secretsWrapped(o.inputs(), io.lifeboat.program.KubernetesSchemas.get(o.type()));
            return new ObjectView(o.id().substring(cluster.length() + 1), o.type(), o.region(), o.mark(), o.status(), o.createdAt(),
                    inputs, Props.builder().putAll(inputs).putAll(o.computed()).build());
        }
        SimType t = types.get(o.type());
        Props inputs;
        Props outputs;
        if (t == null) {
            inputs = o.inputs();
            outputs = Props.builder().putAll(o.inputs()).putAll(o.computed()).put("id", o.id()).build();
        } else {
            SimScope scope = scope(o.region());
            inputs = secretsWrapped(t.inputsOf(o), t.schema());
            outputs = secretsWrapped(t.outputsOf(o, scope), t.schema());
        }
        return new ObjectView(o.id(), o.type(), o.region(), o.mark(), o.status(), o.createdAt(), inputs, outputs);
    }

    private static Props secretsWrapped(Props p, TypeSchema schema) {
        Props out = p;
        for (Map.Entry<String, TypeSchema.Input> e : schema.inputs().entrySet()) {
            PropertyValue v = p.get(e.getKey());
            if (e.getValue().secret() && v != null && !(v instanceof PropertyValue.Secret)) out = out.with(e.getKey(), new PropertyValue.Secret(v));
        }
        return out;
    }

    private static Props set(Props p, String[] path, int i, PropertyValue value) {
        String key = path[i];
        if (i == path.length - 1) return value == null ? p.without(key) : p.with(key, value);
        Props inner = p.get(key) instanceof PropertyValue.Obj o ? o.props() : Props.EMPTY;
        return p.with(key, new PropertyValue.Obj(set(inner, path, i + 1, value)));
    }

    private static String lastPart(String property) {
        int dot = property.lastIndexOf('.');
        return dot < 0 ? property : property.substring(dot + 1);
    }
}
