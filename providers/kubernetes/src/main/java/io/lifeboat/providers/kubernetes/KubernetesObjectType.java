package io.lifeboat.providers.kubernetes;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.lifeboat.program.KubernetesSchemas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.provider.TypeSchema;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/**
 * One Kubernetes kind (Namespace, ConfigMap, Secret, Service, Deployment) on a real API server.
 *
 * <p>Objects are written with server-side apply, field manager {@code lifeboat}, forcing
 * conflicts: the spec owns the fields it sets, and nothing else is touched. Each carries the
 * annotation {@code lifeboat.io/urn}, so a create cut short by a crash finds its object again,
 * and an object of the same name made by someone else is refused rather than taken over. A
 * Deployment is done when its rollout is (every replica updated and available); a deletion when
 * the object is gone (a namespace takes its contents with it, which takes a while).
 *
 * <p>What {@link #read} reports is the live object cut down to the fields the spec sets, so that
 * drift in them shows, and the server's own defaults do not. A Secret's values come back from
 * {@code data}, decoded, as {@code stringData}; outputs never hold them.
 */
final class KubernetesObjectType implements ResourceType {
    static final String FIELD_MANAGER = "lifeboat";
    /** How many times a replace is tried when the object changed under it (409). */
    private static final int CONFLICT_TRIES = 5;

    private final TypeSchema schema;
    private final ClusterConnection cluster;
    private final ResourceDefinitionContext definition;

    KubernetesObjectType(String token, ClusterConnection cluster) {
        this.schema = KubernetesSchemas.get(token);
        this.cluster = cluster;
        String apiVersion = KubernetesSchemas.apiVersion(token);
        String kind = KubernetesSchemas.kind(token);
        this.definition = new ResourceDefinitionContext.Builder()
                .withGroup(apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "")
                .withVersion(apiVersion.substring(apiVersion.indexOf('/') + 1))
                .withKind(kind)
                .withPlural(kind.toLowerCase(Locale.ROOT) + "s")
                .withNamespaced(KubernetesSchemas.namespaced(token))
                .build();
    }

    @Override
    public TypeSchema schema() {
        return schema;
    }

    @Override
    public Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        String id = idOf(inputs);
        GenericKubernetesResource existing = get(id);
        if (existing != null && !markedFor(existing, urn)) {
            throw new ProviderException(ProviderException.Kind.CONFLICT, "AlreadyExists", kind() + " " + id + " already exists in "
                    + cluster.describe() + " and was not made by Lifeboat for " + (urn == null ? "this resource" : urn.name())
                    + " (annotation " + KubernetesSchemas.URN_ANNOTATION + "); delete it, or remove it from the spec");
        }
        GenericKubernetesResource applied = apply(inputs, urn, ctx);
        return new Created(id, outputs(applied));
    }

    @Override
    public Optional<Observed> read(String id, Props inputs, Props outputs, OperationContext ctx) throws ProviderException {
        GenericKubernetesResource live = get(id);
        if (live == null) return Optional.empty();
        return Optional.of(new Observed(projected(live, inputs), outputs(live)));
    }

    @Override
    public Props update(String id, Props oldOutputs, Props newInputs, OperationContext ctx) throws ProviderException {
        if (!idOf(newInputs).equals(id)) {
            throw new ProviderException(ProviderException.Kind.INVALID_INPUT, "Invalid", kind() + " " + id + " cannot be renamed in place");
        }
        return outputs(apply(newInputs, ctx == null ? null : ctx.urn(), ctx));
    }

    @Override
    public void delete(String id, Props outputs, OperationContext ctx) throws ProviderException {
        try {
            resource(id).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) return;
            throw KubeErrors.of(e, "deleting " + kind() + " " + id);
        }
        while (get(id) != null) {
            ctx.progress().accept("waiting for " + kind() + " " + id + " to be gone");
            pause(ctx, "the deletion of " + kind() + " " + id);
        }
    }

    @Override
    public Optional<Created> findByUrn(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        GenericKubernetesResource live = get(idOf(inputs));
        if (live == null || !markedFor(live, urn)) return Optional.empty();
        return Optional.of(new Created(idOf(live), outputs(live)));
    }

    @Override
    public List<Listed> list(OperationContext ctx) throws ProviderException {
        List<Listed> out = new ArrayList<>();
        try {
            GenericKubernetesResourceList all = definition.isNamespaceScoped()
                    ? client().genericKubernetesResources(definition).inAnyNamespace().list()
                    : client().genericKubernetesResources(definition).list();
            for (GenericKubernetesResource r : all.getItems()) {
                String mark = r.getMetadata().getAnnotations() == null ? null : r.getMetadata().getAnnotations().get(KubernetesSchemas.URN_ANNOTATION);
                out.add(new Listed(idOf(r), withoutSecrets(JavaValues.fromJava(asMap(r))), mark));
            }
        } catch (KubernetesClientException e) {
            throw KubeErrors.of(e, "listing " + kind() + "s");
        }
        return out;
    }

    // ---- applying

    private GenericKubernetesResource apply(Props inputs, Urn urn, OperationContext ctx) throws ProviderException {
        GenericKubernetesResource desired = desired(inputs, urn);
        String id = idOf(inputs);
        GenericKubernetesResource applied;
        try {
            applied = scope(id).resource(desired).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404 && e.getCode() != 415) throw KubeErrors.of(e, "applying " + kind() + " " + id);
            // an API server without server-side apply (fabric8's mock in CRUD mode): create, or replace
            applied = createOrReplace(desired, id);
        }
        return kind().equals("Deployment") ? rolledOut(id, ctx) : applied;
    }

    /**
     * Creates the object or replaces it as it now is. A replace names the resourceVersion it read,
     * so a controller writing the object in between (a Deployment's status) makes it fail with 409:
     * then it reads and writes again, as client-go's RetryOnConflict does (five tries, 10 ms apart).
     */
    private GenericKubernetesResource createOrReplace(GenericKubernetesResource desired, String id) throws ProviderException {
        for (int attempt = 1; ; attempt++) {
            try {
                return scope(id).resource(desired).createOr(existing -> existing.update());
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == CONFLICT_TRIES) throw KubeErrors.of(e, "writing " + kind() + " " + id);
            }
            try {
                Thread.sleep(10L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderException(ProviderException.Kind.TIMEOUT, "Interrupted", "interrupted while writing " + kind() + " " + id, e);
            }
        }
    }

    /** Waits until every replica of the Deployment runs the newest template and is available. */
    private GenericKubernetesResource rolledOut(String id, OperationContext ctx) throws ProviderException {
        while (true) {
            GenericKubernetesResource live = get(id);
            if (live == null) throw new ProviderException(ProviderException.Kind.NOT_FOUND, "NotFound", kind() + " " + id + " vanished during its rollout");
            Rollout r = Rollout.of(asMap(live));
            if (r.done()) return live;
            ctx.progress().accept("rollout of " + id + ": " + r);
            pause(ctx, "the rollout of " + id + " (" + r + ")");
        }
    }

    private void pause(OperationContext ctx, String what) throws ProviderException {
        Duration wait = cluster.pollInterval();
        if (ctx.remaining().compareTo(wait) < 0) {
            throw new ProviderException(ProviderException.Kind.TIMEOUT, "Timeout", "timed out waiting for " + what);
        }
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(ProviderException.Kind.TIMEOUT, "Interrupted", "interrupted while waiting for " + what, e);
        }
    }

    private GenericKubernetesResource desired(Props inputs, Urn urn) {
        Map<String, Object> object = JavaValues.toJava(inputs.reveal());
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) object.getOrDefault("metadata", Map.of()));
        @SuppressWarnings("unchecked")
        Map<String, Object> annotations = new LinkedHashMap<>((Map<String, Object>) metadata.getOrDefault("annotations", Map.of()));
        if (urn != null) annotations.put(KubernetesSchemas.URN_ANNOTATION, urn.toString());
        metadata.put("annotations", annotations);
        object.put("metadata", metadata);
        return ClusterConnection.SERIALIZATION.convertValue(object, GenericKubernetesResource.class);
    }

    // ---- reading

    private GenericKubernetesResource get(String id) throws ProviderException {
        try {
            return resource(id).get();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) return null;
            throw KubeErrors.of(e, "reading " + kind() + " " + id);
        }
    }

    private Resource<GenericKubernetesResource> resource(String id) throws ProviderException {
        return scope(id).withName(id.substring(id.indexOf('/') + 1));
    }

    /** The kind's objects in the namespace of {@code id} ({@code namespace/name}), or all of them for a cluster-wide kind. */
    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> scope(String id)
            throws ProviderException {
        if (!definition.isNamespaceScoped()) return client().genericKubernetesResources(definition);
        return client().genericKubernetesResources(definition).inNamespace(id.substring(0, id.indexOf('/')));
    }

    private KubernetesClient client() throws ProviderException {
        return cluster.client();
    }

    /** The live object reduced to the fields the inputs set; a Secret's data decoded into stringData. */
    private Props projected(GenericKubernetesResource live, Props inputs) {
        Map<String, Object> map = asMap(live);
        if (kind().equals("Secret")) {
            Map<String, Object> decoded = new LinkedHashMap<>();
            // a real API server folds stringData into data; fabric8's mock keeps it as written
            if (map.get("stringData") instanceof Map<?, ?> written) written.forEach((k, v) -> decoded.put(String.valueOf(k), v));
            if (map.get("data") instanceof Map<?, ?> data) {
                data.forEach((k, v) -> decoded.put(String.valueOf(k), new String(Base64.getDecoder().decode(String.valueOf(v)), StandardCharsets.UTF_8)));
            }
            map.put("stringData", decoded);
        }
        PropertyValue shaped = LiveProjection.project(PropertyValue.fromJava(map), new PropertyValue.Obj(inputs.reveal()));
        return shaped instanceof PropertyValue.Obj o ? o.props() : Props.EMPTY;
    }

    private Props outputs(GenericKubernetesResource live) {
        return withoutSecrets(JavaValues.fromJava(asMap(live)));
    }

    private Props withoutSecrets(Props p) {
        return kind().equals("Secret") ? p.without("data").without("stringData") : p;
    }

    private Map<String, Object> asMap(GenericKubernetesResource r) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = ClusterConnection.SERIALIZATION.convertValue(r, Map.class);
        Object metadata = map.get("metadata");
        if (metadata instanceof Map<?, ?> m) {
            Map<String, Object> trimmed = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                if (!k.equals("managedFields")) trimmed.put(String.valueOf(k), v);
            });
            map.put("metadata", trimmed);
        }
        return map;
    }

    private static boolean markedFor(GenericKubernetesResource r, Urn urn) {
        Map<String, String> a = r.getMetadata() == null ? null : r.getMetadata().getAnnotations();
        return urn != null && a != null && urn.toString().equals(a.get(KubernetesSchemas.URN_ANNOTATION));
    }

    private String idOf(Props inputs) {
        Props metadata = inputs.get("metadata") instanceof PropertyValue.Obj o ? o.props() : Props.EMPTY;
        String name = metadata.string("name");
        return definition.isNamespaceScoped() ? metadata.string("namespace") + "/" + name : name;
    }

    private String idOf(GenericKubernetesResource r) {
        return definition.isNamespaceScoped() ? r.getMetadata().getNamespace() + "/" + r.getMetadata().getName() : r.getMetadata().getName();
    }

    private String kind() {
        return definition.getKind();
    }
}
