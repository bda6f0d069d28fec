package io.lifeboat.program;

import java.util.Map;

import io.lifeboat.provider.SchemaSet;
import io.lifeboat.provider.TypeSchema;
import io.lifeboat.resource.Urn;

/**
 * The kubernetes package's types that Airflow deployments are made of, with the Pulumi kubernetes
 * provider's tokens and shapes ({@code apiVersion}, {@code kind}, {@code metadata}, then
 * {@code data}/{@code stringData} or {@code spec}). Shared by the sim and the real provider.
 *
 * <p>{@code metadata} (name, namespace, labels) forces replacement: an object is renamed by making
 * a new one. A Secret's {@code stringData} is secret: encrypted in the state, {@code [secret]} in
 * every rendering.
 */
public final class KubernetesSchemas {
    public static final String PROVIDER = Urn.providerType("kubernetes");
    public static final String NAMESPACE = "kubernetes:core/v1:Namespace";
    public static final String CONFIG_MAP = "kubernetes:core/v1:ConfigMap";
    public static final String SECRET = "kubernetes:core/v1:Secret";
    public static final String SERVICE = "kubernetes:core/v1:Service";
    public static final String DEPLOYMENT = "kubernetes:apps/v1:Deployment";

    /** The annotation that marks an object with the URN of the resource that made it. */
    public static final String URN_ANNOTATION = "lifeboat.io/urn";

    private static final SchemaSet ALL = new SchemaSet();

    static {
        add(base(NAMESPACE).outputs("status"));
        add(base(CONFIG_MAP).optional("data"));
        add(base(SECRET).optionalReplaces("type").secret("stringData", false));
        add(base(SERVICE).required("spec").outputs("status"));
        add(base(DEPLOYMENT).required("spec").outputs("status"));
    }

    private KubernetesSchemas() {
    }

    private static TypeSchema.Builder base(String token) {
        return TypeSchema.builder(token).replaces("apiVersion", "kind", "metadata");
    }

    private static void add(TypeSchema.Builder b) {
        ALL.add(b);
    }

    public static TypeSchema get(String token) {
        return ALL.get(token);
    }

    public static Map<String, TypeSchema> all() {
        return ALL.all();
    }

    /** {@code v1}, {@code apps/v1}: the apiVersion of a token. */
    public static String apiVersion(String token) {
        String module = token.split(":")[1];
        String group = module.substring(0, module.indexOf('/'));
        String version = module.substring(module.indexOf('/') + 1);
        return group.equals("core") ? version : group + "/" + version;
    }

    public static String kind(String token) {
        return token.substring(token.lastIndexOf(':') + 1);
    }

    /** Whether objects of the type live in a namespace. */
    public static boolean namespaced(String token) {
        return !token.equals(NAMESPACE);
    }
}
