package io.lifeboat.program;

import static io.lifeboat.program.KubernetesSchemas.*;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.ResourceOptions;
import io.lifeboat.resource.Urn;
import io.lifeboat.spec.Platform;
import io.lifeboat.spec.SourceMap;

/**
 * The Kubernetes objects of one Airflow deployment, on the stack's own cluster: a namespace named
 * after it, a ConfigMap {@code env} with its plain environment variables, a Secret {@code env}
 * with its secret ones, a ConfigMap {@code platform} with what the platform wires in (executor,
 * database endpoint, alert topic, where the API keys live), and the scheduler, webserver and
 * worker workloads (one per celery queue) from the deployment's image, with a Service for the
 * webserver.
 *
 * <p>Workloads name the versions of the ConfigMaps and the Secret they read in their pod
 * template, so a changed variable rolls them. A warm standby runs the webserver only: a second
 * scheduler would run every DAG twice, once in each region.
 *
 * <p>API key material never enters the cluster: it stays in the cloud's secret store (replicated
 * into the pair's region, under the same name), and the platform ConfigMap says where.
 */
public final class AirflowObjects {
    public static final String COMPONENT = "lifeboat:platform:Deployment";
    private static final int WEBSERVER_PORT = 8080;

    /**
     * What the rest of the platform gives a deployment: all optional. {@code alerts} is where its
     * alerts go, told to it in the variable {@code alertsVariable}; {@code apiKeyName} names the
     * secret that holds an API key (deployment, key).
     */
    public record Wiring(PropertyValue databaseEndpoint, String alertsVariable, PropertyValue alerts, PropertyValue imageRepositoryUrl,
                  String region, java.util.function.BinaryOperator<String> apiKeyName) {
    }

    private final GoalBuilder b;
    private final SourceMap sources;
    private final Posture posture;
    private final SecretReader secrets;
    /** The secrets that could not be read, by reference and why: the first place that reads each, in full, and the others. */
    private final Map<String, Unread> unread = new LinkedHashMap<>();

    /** A secret that could not be read: the message for the first place that reads it, and the other places. */
    private record Unread(String first, List<String> others) {
    }

    /** How many of the other places that read a secret that could not be read a message names. */
    private static final int PLACES_SHOWN = 3;

    public AirflowObjects(GoalBuilder b, SourceMap sources, Posture posture, SecretReader secrets) {
        this.b = b;
        this.sources = sources;
        this.posture = posture;
        this.secrets = secrets;
    }

    /**
     * The secrets that could not be read, each once with the first place that reads it (spec
     * position, what reads it) and its fix, then how many other places read it, the first few
     * by name: 1,000 deployments that read one unset variable make one message, not 1,000.
     */
    public List<String> unreadSecrets() {
        List<String> out = new ArrayList<>();
        for (Unread u : unread.values()) {
            int n = u.others().size();
            if (n == 0) {
                out.add(u.first());
                continue;
            }
            String shown = String.join(", ", u.others().subList(0, Math.min(n, PLACES_SHOWN)));
            out.add(u.first() + "; " + n + " more read it too: " + shown + (n > PLACES_SHOWN ? " and " + (n - PLACES_SHOWN) + " more" : ""));
        }
        return out;
    }

    private void unread(String why, String message, String place) {
        Unread u = unread.get(why);
        if (u == null) unread.put(why, new Unread(message, new ArrayList<>()));
        else u.others().add(place);
    }

    public void add(Urn root, Urn provider, Platform.Deployment d, int index, Wiring wiring) {
        String at = "spec.deployments[" + index + "]";
        Urn group = b.add(null, false, root, COMPONENT, d.name(), Props.EMPTY, ResourceOptions.NONE, sources.at(at));
        ResourceOptions via = ResourceOptions.NONE.withProvider(provider);
        Map<String, String> labels = labels(d, null);

        Urn ns = b.add(null, true, group, NAMESPACE, d.name(), object(NAMESPACE, metadata(d.name(), null, labels)).build(), via,
                sources.at(at + ".name"));
        PropertyValue namespace = b.ref(ns, "metadata.name");

        Map<String, PropertyValue> plain = new TreeMap<>();
        Map<String, PropertyValue> secret = new TreeMap<>();
        d.env().forEach((name, value) -> {
            if (value instanceof Platform.Plain p) plain.put(name, PropertyValue.of(p.value()));
            else if (value instanceof Platform.Secret s) secret.put(name, read(s.ref(), name, d, at + ".env." + name));
        });
        Urn env = b.add(null, true, group, CONFIG_MAP, d.name() + "-env", object(CONFIG_MAP, metadata("env", namespace, labels))
                .put("data", new PropertyValue.Obj(new Props(plain))).build(), via, sources.at(d.env().isEmpty() ? at : at + ".env"));
        Urn platform = b.add(null, true, group, CONFIG_MAP, d.name() + "-platform", object(CONFIG_MAP, metadata("platform", namespace, labels))
                .put("data", new PropertyValue.Obj(platformData(d, wiring))).build(), via, sources.at(at));
        Urn secretEnv = null;
        if (!secret.isEmpty()) {
            secretEnv = b.add(null, true, group, SECRET, d.name() + "-env", object(SECRET, metadata("env", namespace, labels))
                    .put("type", "Opaque")
                    .put("stringData", new PropertyValue.Secret(new PropertyValue.Obj(new Props(secret)))).build(), via, sources.at(at + ".env"));
        }

        PropertyValue image = image(d.image(), wiring.imageRepositoryUrl());
        Map<String, PropertyValue> versions = new TreeMap<>();
        versions.put("lifeboat.io/env-version", b.ref(env, "metadata.resourceVersion"));
        versions.put("lifeboat.io/platform-version", b.ref(platform, "metadata.resourceVersion"));
        if (secretEnv != null) versions.put("lifeboat.io/secret-version", b.ref(secretEnv, "metadata.resourceVersion"));
        List<PropertyValue> envFrom = new ArrayList<>();
        envFrom.add(PropertyValue.fromJava(Map.of("configMapRef", Map.of("name", "env"))));
        envFrom.add(PropertyValue.fromJava(Map.of("configMapRef", Map.of("name", "platform"))));
        if (secretEnv != null) envFrom.add(PropertyValue.fromJava(Map.of("secretRef", Map.of("name", "env"))));
        Workload common = new Workload(d, namespace, image, new PropertyValue.Arr(envFrom), new Props(versions));

        boolean full = posture.fullCapacity();
        workload(group, via, common, "scheduler", List.of("scheduler"), posture.runsSchedulers() ? 2 : 0, false, at);
        workload(group, via, common, "webserver", List.of("webserver"), full ? 2 : 1, true, at);
        for (int q = 0; q < d.workerQueues().size(); q++) {
            Platform.WorkerQueue queue = d.workerQueues().get(q);
            String where = sources.has(at + ".workerQueues[" + q + "]") ? at + ".workerQueues[" + q + "]" : at + ".executor";
            workload(group, via, common, "worker-" + queue.name(), List.of("celery", "worker", "--queues", queue.name()),
                    full ? queue.workers() : 0, false, where);
        }
        b.add(null, true, group, SERVICE, d.name() + "-webserver", object(SERVICE, metadata("webserver", namespace, labels(d, "webserver")))
                .put("spec", PropertyValue.fromJava(Map.of(
                        "type", "ClusterIP",
                        "selector", selector(d, "webserver"),
                        "ports", List.of(Map.of("name", "http", "port", WEBSERVER_PORT, "targetPort", WEBSERVER_PORT, "protocol", "TCP")))))
                .build(), via, sources.at(at));
    }

    private record Workload(Platform.Deployment d, PropertyValue namespace, PropertyValue image, PropertyValue envFrom, Props versions) {
    }

    private void workload(Urn group, ResourceOptions via, Workload w, String component, List<String> args, int replicas,
                          boolean serves, String at) {
        Props.Builder container = Props.builder()
                .put("name", component)
                .put("image", w.image())
                .put("args", PropertyValue.strings(args))
                .put("envFrom", w.envFrom());
        if (serves) {
            container.put("ports", PropertyValue.fromJava(List.of(Map.of("name", "http", "containerPort", WEBSERVER_PORT, "protocol", "TCP"))));
        }
        Props template = Props.builder()
                .put("metadata", new PropertyValue.Obj(Props.builder()
                        .put("labels", PropertyValue.fromJava(labels(w.d(), component)))
                        .put("annotations", new PropertyValue.Obj(w.versions())).build()))
                .put("spec", new PropertyValue.Obj(Props.builder()
                        .put("containers", PropertyValue.list(new PropertyValue.Obj(container.build()))).build()))
                .build();
        Props spec = Props.builder()
                .put("replicas", replicas)
                .put("selector", PropertyValue.fromJava(Map.of("matchLabels", selector(w.d(), component))))
                .put("template", new PropertyValue.Obj(template))
                .build();
        b.add(null, true, group, DEPLOYMENT, w.d().name() + "-" + component,
                object(DEPLOYMENT, metadata(component, w.namespace(), labels(w.d(), component))).put("spec", new PropertyValue.Obj(spec)).build(),
                via, sources.at(at));
    }

    private Props platformData(Platform.Deployment d, Wiring wiring) {
        Map<String, PropertyValue> data = new TreeMap<>();
        data.put("AIRFLOW__CORE__EXECUTOR", PropertyValue.of(executorClass(d.executor())));
        data.put("LIFEBOAT_RUNTIME_VERSION", PropertyValue.of(d.runtime()));
        data.put("LIFEBOAT_REGION", PropertyValue.of(wiring.region()));
        if (wiring.databaseEndpoint() != null) data.put("LIFEBOAT_DATABASE_ENDPOINT", wiring.databaseEndpoint());
        if (wiring.alerts() != null) data.put(wiring.alertsVariable(), wiring.alerts());
        if (!d.apiKeys().isEmpty()) {
            StringBuilder keys = new StringBuilder();
            for (Platform.ApiKey k : d.apiKeys()) {
                if (keys.length() > 0) keys.append(',');
                keys.append(k.name()).append(':').append(k.role()).append(':').append(wiring.apiKeyName().apply(d.name(), k.name()));
            }
            data.put("LIFEBOAT_API_KEYS", PropertyValue.of(keys.toString()));
        }
        return new Props(data);
    }

    /** The secret store's name for an API key's material: the same in both regions (a replica keeps its name). */
    /** The repository an image lives in, in the stack's own registry: its path without registry host, tag or digest. */
    public static String repository(String image) {
        String s = image;
        int at = s.indexOf('@');
        if (at >= 0) s = s.substring(0, at);
        int slash = s.indexOf('/');
        if (slash >= 0 && (s.substring(0, slash).contains(".") || s.substring(0, slash).contains(":"))) s = s.substring(slash + 1);
        int colon = s.lastIndexOf(':');
        if (colon >= 0) s = s.substring(0, colon);
        return s.toLowerCase(Locale.ROOT).replace('/', '-');
    }

    public static String apiKeySecretName(String platform, String deployment, String key) {
        return "lifeboat/" + platform + "/" + deployment + "/" + key;
    }

    private PropertyValue read(Platform.SecretRef ref, String name, Platform.Deployment d, String at) {
        String value;
        try {
            value = secrets.read(ref);
        } catch (IOException e) {
            unread(ref + " " + e.getClass().getSimpleName(), sources.at(at) + ": " + name + " of deployment " + d.name() + ": " + ref
                    + " could not be read (" + e.getClass().getSimpleName() + "); check the file's permissions", place(at, name, d));
            return PropertyValue.UNKNOWN;
        }
        if (value == null) {
            unread(ref + " unset", sources.at(at) + ": " + name + " of deployment " + d.name() + " reads " + ref + ", which "
                    + (ref.scheme().equals("env") ? "is not set; export " + ref.location() + " before running lifeboat"
                    : "does not exist or is empty; write the secret into it"), place(at, name, d));
            return PropertyValue.UNKNOWN;
        }
        return PropertyValue.of(value);
    }

    /** Another place that reads a secret, as a message lists it: {@code specs/platform.yaml:51:29 (WAREHOUSE_PASSWORD of d0001)}. */
    private String place(String at, String name, Platform.Deployment d) {
        return sources.at(at) + " (" + name + " of " + d.name() + ")";
    }

    /** The image from the stack's own registry when it has one (repository URL and the spec's tag), else as written. */
    public static PropertyValue image(String image, PropertyValue repositoryUrl) {
        if (!(repositoryUrl instanceof PropertyValue.Ref ref)) return PropertyValue.of(image);
        return new PropertyValue.Ref(ref.target(), ref.property(), imageSuffix(image));
    }

    /** {@code :1.4.2} of {@code etl:1.4.2}, {@code @sha256:…} of a digest, empty for no tag. */
    public static String imageSuffix(String image) {
        int at = image.indexOf('@');
        if (at >= 0) return image.substring(at);
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        return colon > slash ? image.substring(colon) : "";
    }

    private static String executorClass(String executor) {
        return switch (executor) {
            case "kubernetes" -> "KubernetesExecutor";
            case "local" -> "LocalExecutor";
            default -> "CeleryExecutor";
        };
    }

    private static Props.Builder object(String token, PropertyValue metadata) {
        return Props.builder().put("apiVersion", apiVersion(token)).put("kind", kind(token)).put("metadata", metadata);
    }

    private static PropertyValue metadata(String name, PropertyValue namespace, Map<String, String> labels) {
        Props.Builder m = Props.builder().put("name", name);
        if (namespace != null) m.put("namespace", namespace);
        m.put("labels", PropertyValue.fromJava(labels));
        return new PropertyValue.Obj(m.build());
    }

    private static Map<String, String> labels(Platform.Deployment d, String component) {
        Map<String, String> l = new LinkedHashMap<>();
        l.put("app.kubernetes.io/part-of", "airflow");
        l.put("app.kubernetes.io/instance", d.name());
        l.put("app.kubernetes.io/managed-by", "lifeboat");
        if (component != null) l.put("app.kubernetes.io/component", component);
        return l;
    }

    private static Map<String, String> selector(Platform.Deployment d, String component) {
        return Map.of("app.kubernetes.io/instance", d.name(), "app.kubernetes.io/component", component);
    }
}
