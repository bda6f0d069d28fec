package io.lifeboat.program;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.ResourceOptions;
import io.lifeboat.resource.Urn;
import io.lifeboat.spec.Platform;
import io.lifeboat.spec.SourcePosition;
import io.lifeboat.spec.Stack;

/**
 * The platform program, whatever the cloud: which parts a stack runs in its posture, the raw
 * {@code resources:} of its spec, its Airflow deployments and its stack outputs. Each part is made
 * by the cloud's {@link CloudMapping} and comes back as a typed handle; the goals are registered
 * in dependency order under the stack's root. A run reads only its inputs: the specs, the
 * options (with their clock and randomness), the secrets and the keys given.
 */
public final class PlatformProgram {
    public static final String NETWORK = "lifeboat:platform:Network";
    public static final String CLUSTER = "lifeboat:platform:Cluster";
    public static final String DATABASE = "lifeboat:platform:Database";
    public static final String REGISTRY = "lifeboat:platform:Registry";
    public static final String RESOURCES = "lifeboat:platform:Resources";
    public static final String ALERTS = "lifeboat:platform:Alerts";
    public static final String API_KEYS = "lifeboat:platform:ApiKeys";
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]+)}");

    private final Stack stack;
    private final Stack pair;
    private final ProgramOptions options;
    private final SecretReader secrets;
    private final KnownKeys keys;
    private final Function<PlatformContext, CloudMapping> cloud;
    private final GoalBuilder b;
    private final Map<String, PropertyValue> outputs = new LinkedHashMap<>();

    /**
     * @param pair    the pair's stack, or null (a stack without a pair); unused while the pair's region is lost
     * @param secrets reads the deployments' secret env
     * @param keys    the API key material the pair's states already hold, reused instead of made anew
     * @param cloud   makes the cloud's mapping for this run
     */
    public PlatformProgram(Stack stack, Stack pair, ProgramOptions options, SecretReader secrets, KnownKeys keys,
                           Function<PlatformContext, CloudMapping> cloud) {
        this.stack = stack;
        this.pair = options.pairAvailable() ? pair : null;
        this.options = options;
        this.secrets = secrets;
        this.keys = keys;
        this.cloud = cloud;
        this.b = new GoalBuilder(stack.name(), project(stack));
    }

    /** The Pulumi project of a stack's URNs: its platform's name. */
    public static String project(Stack stack) {
        return stack.platform().name();
    }

    public ProgramResult run() {
        Posture posture = options.posture();
        Urn root = b.add(null, false, null, Urn.STACK_TYPE, project(stack) + "-" + stack.name(), Props.EMPTY, ResourceOptions.NONE,
                SourcePosition.startOf(stack.file()));
        PlatformContext ctx = new PlatformContext(stack, pair, options, b, root, keys);
        CloudMapping mapping = cloud.apply(ctx);
        Urn provider = mapping.provider();
        Handles.Network network = posture.runsNetwork() ? output(mapping.network()) : null;
        Handles.Cluster cluster = null;
        Handles.Database database = null;
        if (network != null && posture.runsCluster()) {
            cluster = output(mapping.cluster(network));
            database = output(mapping.database(network));
        }
        Handles.Registry registry = network != null && !options.drill() ? output(mapping.registry()) : Handles.Registry.NONE;
        if (cluster != null) {
            Handles.Alerts alerts = mapping.alerts();
            if (mapping.ownsApiKeys()) mapping.apiKeys();
            deployments(ctx, mapping, cluster, database, registry, alerts);
        }
        if (posture.primary() && database != null) mapping.backupCopy(database);
        rawResources(ctx, provider);
        return new ProgramResult(b.goals(), outputs, b.paths());
    }

    private <T extends Handles.Part> T output(T part) {
        outputs.putAll(part.outputs());
        return part;
    }

    /** The Airflow deployments as Kubernetes objects on the stack's cluster, through the cloud's kubernetes provider. */
    private void deployments(PlatformContext ctx, CloudMapping mapping, Handles.Cluster cluster, Handles.Database database,
                             Handles.Registry registry, Handles.Alerts alerts) {
        Platform platform = stack.platform();
        if (platform.deployments().isEmpty()) return;
        Urn k8s = mapping.kubernetesProvider(cluster);
        AirflowObjects objects = new AirflowObjects(b, stack.sources(), ctx.posture(), secrets);
        for (int i = 0; i < platform.deployments().size(); i++) {
            Platform.Deployment d = platform.deployments().get(i);
            objects.add(ctx.root(), k8s, d, i, new AirflowObjects.Wiring(database.endpoint(), alerts.variable(),
                    alerts.destinationOf(d.name()), registry.urlFor(d.image()), stack.region(), mapping::apiKeySecretName));
        }
        List<String> missing = objects.unreadSecrets();
        if (!missing.isEmpty()) throw new SecretUnavailableException(missing);
    }

    private void rawResources(PlatformContext ctx, Urn provider) {
        Platform platform = stack.platform();
        if (platform.resources().isEmpty()) return;
        Urn group = ctx.component(RESOURCES, "resources", "spec.resources");
        // Register in dependency order so that every reference names a URN already known.
        List<Platform.RawResource> pending = new ArrayList<>(platform.resources().values());
        while (!pending.isEmpty()) {
            boolean progressed = false;
            for (var it = pending.iterator(); it.hasNext(); ) {
                Platform.RawResource r = it.next();
                if (!ready(r)) continue;
                raw(ctx, group, provider, r);
                it.remove();
                progressed = true;
            }
            if (!progressed) throw new IllegalStateException("raw resources refer to each other in a cycle: " + pending);
        }
    }

    private boolean ready(Platform.RawResource r) {
        List<String> names = new ArrayList<>(r.options().dependsOn());
        collectReferencedNames(r.properties(), names);
        for (String n : names) {
            if (stack.platform().resources().containsKey(n) && b.urnOf(n) == null) return false;
        }
        return true;
    }

    private void raw(PlatformContext ctx, Urn group, Urn provider, Platform.RawResource r) {
        String spec = "spec.resources." + r.name();
        Props inputs = ((PropertyValue.Obj) resolveRefs(PropertyValue.fromJava(r.properties()))).props();
        List<Urn> dependsOn = new ArrayList<>();
        for (String n : r.options().dependsOn()) {
            Urn u = b.urnOf(n);
            if (u != null) dependsOn.add(u);
        }
        Platform.RawOptions o = r.options();
        ResourceOptions options = ResourceOptions.NONE.withProvider(provider).withDependsOn(dependsOn)
                .withProtect(o.protect()).withDeleteBeforeReplace(o.deleteBeforeReplace())
                .withReplaceOnChanges(o.replaceOnChanges()).withIgnoreChanges(o.ignoreChanges())
                .withRetainOnDelete(o.retainOnDelete())
                .withCustomTimeouts(new ResourceOptions.CustomTimeouts(o.customTimeouts().get("create"),
                        o.customTimeouts().get("update"), o.customTimeouts().get("delete")));
        b.add(r.name(), true, group, r.type(), r.name(), inputs, options, ctx.at(spec));
    }

    /**
     * Replaces {@code ${name.output}} strings by references (text around a reference is not
     * supported), and {@code ${stack}} anywhere in a string by the stack's name (for names that
     * must differ between the stacks of a project, as GCP's do).
     */
    private PropertyValue resolveRefs(PropertyValue v) {
        if (v instanceof PropertyValue.Str s) {
            if (s.value().contains(Platform.STACK_NAME)) return new PropertyValue.Str(s.value().replace(Platform.STACK_NAME, stack.name()));
            Matcher m = REFERENCE.matcher(s.value());
            if (m.matches()) {
                PropertyValue ref = reference(m.group(1));
                if (ref != null) return ref;
            }
            return v;
        }
        if (v instanceof PropertyValue.Arr a) {
            List<PropertyValue> items = new ArrayList<>();
            for (PropertyValue i : a.items()) items.add(resolveRefs(i));
            return new PropertyValue.Arr(items);
        }
        if (v instanceof PropertyValue.Obj o) {
            Map<String, PropertyValue> out = new LinkedHashMap<>();
            o.props().forEach((k, x) -> out.put(k, resolveRefs(x)));
            return new PropertyValue.Obj(new Props(out));
        }
        return v;
    }

    /** {@code raw.output}, {@code component.child.output}; the longest known resource path wins. */
    private PropertyValue reference(String expr) {
        String[] parts = expr.split("\\.");
        for (int cut = parts.length - 1; cut >= 1; cut--) {
            String path = String.join(".", java.util.Arrays.copyOfRange(parts, 0, cut));
            Urn target = b.urnOf(path);
            if (target != null) {
                return b.ref(target, String.join(".", java.util.Arrays.copyOfRange(parts, cut, parts.length)));
            }
        }
        return null;
    }

    private static void collectReferencedNames(Object value, List<String> out) {
        if (value instanceof String s) {
            Matcher m = REFERENCE.matcher(s);
            while (m.find()) out.add(m.group(1).split("\\.")[0]);
        } else if (value instanceof Map<?, ?> map) {
            for (Object v : map.values()) collectReferencedNames(v, out);
        } else if (value instanceof List<?> list) {
            for (Object v : list) collectReferencedNames(v, out);
        }
    }
}
