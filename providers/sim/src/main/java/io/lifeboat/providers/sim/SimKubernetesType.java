package io.lifeboat.providers.sim;

import static io.lifeboat.providers.sim.SimResourceType.guarded;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import static io.lifeboat.providers.sim.SimResourceType.guarded;

import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.program.KubernetesSchemas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.provider.TypeSchema;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/**
 * One Kubernetes kind on a simulated EKS or GKE cluster ({@link Flavour}): the objects are kept in the cluster's region
 * with the cluster's name, so that they live and die with it. Reading from a cluster that is gone
 * finds nothing (its objects went with it); any other call to a cluster that is gone, or not yet
 * active, fails as the API server's address would (unavailable); an object in a namespace
 * that does not exist is refused as the API server refuses it. Deleting a namespace deletes what
 * is in it; deleting the cluster deletes everything ({@link #deleteAllOf}). Workloads are ready
 * at once: the sim runs no pods.
 *
 * <p>Ids are {@code namespace/name} (or {@code name}), as Pulumi's kubernetes provider writes
 * them; on disk they are prefixed with the cluster's name, since two clusters of a region (a
 * drill's beside a live one) hold objects of the same names.
 */
public final class SimKubernetesType implements ResourceType {
    static final String CLUSTER = "cluster";

    /** Whose cluster the API server is: the cluster's type, the service whose gate the calls pass, what messages call it. */
    public enum Flavour {
        EKS(AwsSchemas.EKS_CLUSTER, "eks", "EKS"),
        GKE(io.lifeboat.program.gcp.GcpSchemas.CLUSTER, "container", "GKE");

        final String clusterType;
        final String service;
        final String label;

        Flavour(String clusterType, String service, String label) {
            this.clusterType = clusterType;
            this.service = service;
            this.label = label;
        }
    }

    private final TypeSchema schema;
    private final SimRuntime rt;
    private final String cluster;
    private final boolean external;
    private final Flavour flavour;

    /** {@code external}: the cluster lives in an AWS emulator, not in the sim; it is taken to be there. */
    SimKubernetesType(String token, SimRuntime rt, String cluster, boolean external) {
        this(token, rt, cluster, external, Flavour.EKS);
    }

    SimKubernetesType(String token, SimRuntime rt, String cluster, boolean external, Flavour flavour) {
        this.flavour = flavour;
        this.schema = KubernetesSchemas.get(token);
        this.rt = rt;
        this.cluster = cluster;
        this.external = external;
    }

    @Override
    public TypeSchema schema() {
        return schema;
    }

    @Override
    public Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        enter(ctx);
        Props in = accept(inputs);
        String id = idOf(in);
        RegionStore store = rt.cloud().store(rt.region());
        SimObject made = guarded(() -> store.locked(() -> {
            Instant now = Instant.now();
            requireCluster(store, now);
            requireNamespace(store, in, now);
            SimObject existing = store.get(token(), key(id), now);
            if (existing != null) {
                if (urn != null && urn.toString().equals(existing.hidden().get(SimObject.MARK))) return existing;
                throw SimErrors.conflict("AlreadyExists", kind() + " \"" + id + "\" already exists");
            }
            Map<String, String> hidden = new TreeMap<>();
            hidden.put(CLUSTER, cluster);
            if (urn != null) hidden.put(SimObject.MARK, urn.toString());
            SimObject o = new SimObject(key(id), token(), rt.region(), SimObject.AVAILABLE, now, null, null, in,
                    computed(in, 1, UUID.randomUUID().toString()), hidden);
            store.put(o);
            return o;
        }));
        return new Created(id, outputs(made));
    }

    @Override
    public Optional<Observed> read(String id, Props inputs, Props outputs, OperationContext ctx) throws ProviderException {
        enter(ctx);
        RegionStore store = rt.cloud().store(rt.region());
        return guarded(() -> {
            Instant now = Instant.now();
            if (clusterGone(store, now)) return Optional.<Observed>empty(); // gone with its cluster
            requireCluster(store, now);
            SimObject o = store.get(token(), key(id), now);
            return o == null ? Optional.<Observed>empty() : Optional.of(new Observed(o.inputs(), outputs(o)));
        });
    }

    @Override
    public Props update(String id, Props oldOutputs, Props newInputs, OperationContext ctx) throws ProviderException {
        enter(ctx);
        Props in = accept(newInputs);
        RegionStore store = rt.cloud().store(rt.region());
        SimObject changed = guarded(() -> store.locked(() -> {
            Instant now = Instant.now();
            requireCluster(store, now);
            SimObject cur = store.get(token(), key(id), now);
            if (cur == null) throw SimErrors.notFound("NotFound", kind() + " \"" + id + "\" not found");
            if (!idOf(in).equals(id)) throw SimErrors.invalid("Invalid", "the name or namespace of " + kind() + " " + id + " cannot change");
            Props was = cur.computed();
            long version = Long.parseLong(metadataOf(was).string("resourceVersion")) + 1;
            SimObject next = cur.withInputs(in).withComputed(computed(in, version, metadataOf(was).string("uid")));
            String mark = ctx != null && ctx.urn() != null ? ctx.urn().toString() : null;
            if (mark != null) next = next.withHidden(SimObject.MARK, mark);
            store.put(next);
            return next;
        }));
        return outputs(changed);
    }

    @Override
    public void delete(String id, Props outputs, OperationContext ctx) throws ProviderException {
        enter(ctx);
        RegionStore store = rt.cloud().store(rt.region());
        guarded(() -> store.locked(() -> {
            Instant now = Instant.now();
            if (clusterGone(store, now)) return null; // gone with its cluster
            requireCluster(store, now);
            SimObject o = store.get(token(), key(id), now);
            if (o == null) return null;
            store.remove(token(), key(id));
            if (token().equals(KubernetesSchemas.NAMESPACE)) {
                for (String kind : KubernetesSchemas.all().keySet()) {
                    if (!KubernetesSchemas.namespaced(kind)) continue;
                    for (SimObject inside : store.ofType(kind, now)) {
                        if (cluster.equals(inside.hidden().get(CLUSTER)) && id.equals(namespaceOf(inside.inputs()))) {
                            store.remove(kind, inside.id());
                        }
                    }
                }
            }
            return null;
        }));
    }

    @Override
    public List<Listed> list(OperationContext ctx) throws ProviderException {
        enter(ctx);
        RegionStore store = rt.cloud().store(rt.region());
        return guarded(() -> {
            Instant now = Instant.now();
            requireCluster(store, now);
            List<Listed> out = new ArrayList<>();
            for (SimObject o : store.ofType(token(), now)) {
                if (cluster.equals(o.hidden().get(CLUSTER))) out.add(new Listed(idOf(o.inputs()), o.inputs(), o.hidden().get(SimObject.MARK)));
            }
            return out;
        });
    }

    @Override
    public Optional<Created> findByUrn(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        enter(ctx);
        RegionStore store = rt.cloud().store(rt.region());
        String mark = urn.toString();
        return guarded(() -> {
            Instant now = Instant.now();
            requireCluster(store, now);
            for (SimObject o : store.withKey(token(), "urn", o -> o.hidden().containsKey(SimObject.MARK) ? List.of(o.hidden().get(SimObject.MARK)) : List.of(), mark, now)) {
                if (cluster.equals(o.hidden().get(CLUSTER))) return Optional.of(new Created(idOf(o.inputs()), outputs(o)));
            }
            return Optional.<Created>empty();
        });
    }

    /** Removes every Kubernetes object of a cluster: what the cloud does when the cluster is deleted. */
    public static void deleteAllOf(String clusterName, SimScope scope) {
        for (String kind : KubernetesSchemas.all().keySet()) {
            for (SimObject o : scope.all(kind)) {
                if (clusterName.equals(o.hidden().get(CLUSTER))) scope.remove(o);
            }
        }
    }

    // ---- the API server's rules

    private void enter(OperationContext ctx) throws ProviderException {
        rt.gate().enter(flavour.service, rt.region(), ctx);
    }

    private boolean clusterGone(RegionStore store, Instant now) {
        return !external && store.get(flavour.clusterType, cluster, now) == null;
    }

    private boolean clusterActive(RegionStore store, Instant now) {
        if (external) return true;
        SimObject c = store.get(flavour.clusterType, cluster, now);
        return c != null && !c.is(SimObject.DELETING) && !c.is(SimObject.CREATING);
    }

    private void requireCluster(RegionStore store, Instant now) throws ProviderException {
        if (!clusterActive(store, now)) {
            throw SimErrors.unavailable("ClusterUnreachable", "the API server of " + flavour.label + " cluster " + cluster + " in " + rt.region()
                    + " does not answer: the cluster does not exist or is not active");
        }
    }

    private void requireNamespace(RegionStore store, Props in, Instant now) throws ProviderException {
        if (!KubernetesSchemas.namespaced(token())) return;
        String ns = namespaceOf(in);
        if (ns == null) throw SimErrors.invalid("Invalid", kind() + " " + nameOf(in) + " needs metadata.namespace");
        if (store.get(KubernetesSchemas.NAMESPACE, cluster + "/" + ns, now) == null) {
            throw SimErrors.notFound("NotFound", "namespaces \"" + ns + "\" not found");
        }
    }

    private Props accept(Props inputs) throws ProviderException {
        Map<String, PropertyValue> values = new TreeMap<>();
        for (Map.Entry<String, PropertyValue> e : inputs.entrySet()) {
            PropertyValue v = e.getValue();
            if (v == null || v instanceof PropertyValue.Null) continue;
            if (v.containsUnknowns()) throw SimErrors.invalid("Invalid", e.getKey() + " of " + kind() + " is not known yet");
            values.put(e.getKey(), v.reveal());
        }
        Props in = new Props(values);
        List<String> failures = check(in);
        if (!failures.isEmpty()) throw SimErrors.invalid("Invalid", String.join("; ", failures));
        if (nameOf(in) == null || !nameOf(in).matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
            throw SimErrors.invalid("Invalid", "metadata.name \"" + nameOf(in) + "\" of " + kind() + " must be a DNS-1123 label");
        }
        if (!KubernetesSchemas.apiVersion(token()).equals(in.string("apiVersion")) || !kind().equals(in.string("kind"))) {
            throw SimErrors.invalid("Invalid", "apiVersion and kind must be " + KubernetesSchemas.apiVersion(token()) + " " + kind());
        }
        return in;
    }

    private Props computed(Props in, long version, String uid) {
        Map<String, Object> status = new LinkedHashMap<>();
        if (token().equals(KubernetesSchemas.DEPLOYMENT)) {
            Props spec = in.get("spec") instanceof PropertyValue.Obj o ? o.props() : Props.EMPTY;
            int replicas = spec.get("replicas") instanceof PropertyValue.Num n ? (int) n.value() : 1;
            status.put("observedGeneration", version);
            status.put("replicas", replicas);
            status.put("readyReplicas", replicas);
            status.put("availableReplicas", replicas);
            status.put("updatedReplicas", replicas);
        } else if (token().equals(KubernetesSchemas.NAMESPACE)) {
            status.put("phase", "Active");
        } else if (token().equals(KubernetesSchemas.SERVICE)) {
            status.put("loadBalancer", Map.of());
        }
        Props.Builder out = Props.builder()
                .put("metadata", PropertyValue.fromJava(Map.of("uid", uid, "resourceVersion", String.valueOf(version),
                        "generation", version)));
        if (!status.isEmpty()) out.put("status", PropertyValue.fromJava(status));
        return out.build();
    }

    /** What the engine sees: the inputs, with metadata completed by the server's fields. */
    private Props outputs(SimObject o) {
        Map<String, PropertyValue> out = new TreeMap<>(o.inputs().asMap());
        Map<String, PropertyValue> metadata = new TreeMap<>(metadataOf(o.inputs()).asMap());
        metadata.putAll(metadataOf(o.computed()).asMap());
        out.put("metadata", new PropertyValue.Obj(new Props(metadata)));
        if (o.computed().get("status") != null) out.put("status", o.computed().get("status"));
        if (token().equals(KubernetesSchemas.SECRET)) out.remove("stringData"); // the API server never returns it
        return new Props(out);
    }

    private String kind() {
        return KubernetesSchemas.kind(token());
    }

    private String key(String id) {
        return cluster + "/" + id;
    }

    private static Props metadataOf(Props p) {
        return p.get("metadata") instanceof PropertyValue.Obj o ? o.props() : Props.EMPTY;
    }

    private static String nameOf(Props in) {
        return metadataOf(in).string("name");
    }

    private static String namespaceOf(Props in) {
        return metadataOf(in).string("namespace");
    }

    private String idOf(Props in) {
        return KubernetesSchemas.namespaced(token()) ? namespaceOf(in) + "/" + nameOf(in) : nameOf(in);
    }
}
