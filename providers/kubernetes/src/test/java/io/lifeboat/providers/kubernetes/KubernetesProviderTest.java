package io.lifeboat.providers.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.lifeboat.program.KnownKeys;
import io.lifeboat.program.KubernetesSchemas;
import io.lifeboat.program.ProgramOptions;
import io.lifeboat.program.Posture;
import io.lifeboat.program.SecretReader;
import io.lifeboat.program.aws.AwsCloud;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.Provider;
import io.lifeboat.provider.ProviderConfig;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.resource.Goal;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import io.lifeboat.spec.LoadResult;
import io.lifeboat.spec.SpecLoader;
import io.lifeboat.spec.Stack;
import io.lifeboat.spec.WorkingTreeSource;

/**
 * The objects of the example platform's deployments, made through fabric8 against its mock API
 * server in CRUD mode: created by server-side apply with the URN annotation, updated, read back
 * with drift and corrected, found again after a crash, refused when someone else's object holds
 * the name, deleted. A small controller stands in for the Deployment controller, which the mock
 * server does not run, so rollouts complete (or, stopped, time out).
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesProviderTest {
    static final String PASSWORD = "warehouse-Secret-42";
    /** The mock server logs every request; held here so the setting is not collected away. */
    static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path dir;

    Provider provider;
    ScheduledExecutorService controller;
    final List<Goal> goals = new ArrayList<>();
    final Map<Urn, Props> applied = new LinkedHashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        Props config = Props.builder()
                .put("server", client.getMasterUrl().toString())
                .put("token", "test-token")
                .put("insecure", "true").build();
        provider = new KubernetesProviderFactory().open(new ProviderConfig("kubernetes", "us-east-1", null, dir,
                Map.of("kubernetes.pollMillis", "50"), config));
        goals.addAll(exampleGoals());
        startController();
    }

    @AfterEach
    void tearDown() {
        controller.shutdownNow();
        provider.close();
    }

    @Test
    void createsUpdatesCorrectsDriftAndDeletesTheExampleDeployments() throws Exception {
        Map<Urn, String> ids = new LinkedHashMap<>();
        for (Goal g : goals) {
            Props in = resolve(g.inputs());
            ResourceType.Created c = type(g).create(g.urn(), in, ctx(g.urn()));
            ids.put(g.urn(), c.id());
            applied.put(g.urn(), in);
            if (g.type().equals(KubernetesSchemas.SECRET)) assertThat(c.outputs().keySet()).doesNotContain("data", "stringData");
        }
        assertThat(ids.values()).contains("etl", "reporting", "etl/env", "etl/platform", "etl/scheduler", "etl/webserver",
                "etl/worker-default", "reporting/scheduler", "reporting/webserver");

        // what the cluster holds: the spec's variables, the secret's value, the workloads and the mark
        ConfigMap env = client.configMaps().inNamespace("etl").withName("env").get();
        assertThat(env.getData()).containsEntry("AIRFLOW__CORE__PARALLELISM", "64");
        assertThat(env.getMetadata().getAnnotations()).containsEntry(KubernetesSchemas.URN_ANNOTATION, urnOf("etl-env", KubernetesSchemas.CONFIG_MAP).toString());
        Secret secret = client.secrets().inNamespace("etl").withName("env").get();
        String stored = secret.getData() != null && secret.getData().containsKey("WAREHOUSE_PASSWORD")
                ? new String(Base64.getDecoder().decode(secret.getData().get("WAREHOUSE_PASSWORD")), StandardCharsets.UTF_8)
                : secret.getStringData().get("WAREHOUSE_PASSWORD");
        assertThat(stored).isEqualTo(PASSWORD);
        assertThat(client.configMaps().inNamespace("etl").withName("platform").get().getData())
                .containsEntry("AIRFLOW__CORE__EXECUTOR", "CeleryExecutor")
                .containsEntry("LIFEBOAT_API_KEYS", "ci:admin:lifeboat/data-platform/etl/ci")
                .containsKey("LIFEBOAT_ALERT_TOPIC_ARN");
        Deployment worker = client.apps().deployments().inNamespace("etl").withName("worker-default").get();
        assertThat(worker.getSpec().getReplicas()).isEqualTo(1);
        assertThat(worker.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("resolved:registry.etl.repositoryUrl:1.4.2");
        assertThat(worker.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).containsExactly("celery", "worker", "--queues", "default");
        assertThat(client.apps().deployments().inNamespace("reporting").list().getItems()).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrder("scheduler", "webserver"); // the kubernetes executor runs no celery workers
        assertThat(client.services().inNamespace("etl").withName("webserver").get().getSpec().getPorts().get(0).getPort()).isEqualTo(8080);

        // reading back what was applied shows no drift
        for (Goal g : goals) {
            ResourceType.Observed seen = type(g).read(ids.get(g.urn()), applied.get(g.urn()), Props.EMPTY, ctx(g.urn())).orElseThrow();
            assertThat(seen.inputs().reveal()).as(g.urn().name()).isEqualTo(applied.get(g.urn()).reveal());
        }

        // an update: a changed variable
        Goal envGoal = goal("etl-env", KubernetesSchemas.CONFIG_MAP);
        Props changed = applied.get(envGoal.urn()).with("data", PropertyValue.fromJava(Map.of("AIRFLOW__CORE__PARALLELISM", "32")));
        type(envGoal).update("etl/env", Props.EMPTY, changed, ctx(envGoal.urn()));
        assertThat(client.configMaps().inNamespace("etl").withName("env").get().getData()).containsEntry("AIRFLOW__CORE__PARALLELISM", "32");

        // drift made by hand: a variable edited, a workload scaled; read shows it, an update undoes it
        client.configMaps().inNamespace("etl").withName("env").edit(c -> new ConfigMapBuilder(c).addToData("AIRFLOW__CORE__PARALLELISM", "999")
                .addToData("ADDED_BY_HAND", "x").build());
        client.apps().deployments().inNamespace("etl").withName("scheduler").edit(d -> {
            d.getSpec().setReplicas(7);
            return d;
        });
        ResourceType.Observed drifted = type(envGoal).read("etl/env", changed, Props.EMPTY, ctx(envGoal.urn())).orElseThrow();
        assertThat(drifted.inputs().reveal()).isNotEqualTo(changed.reveal());
        Goal scheduler = goal("etl-scheduler", KubernetesSchemas.DEPLOYMENT);
        ResourceType.Observed scaled = type(scheduler).read("etl/scheduler", applied.get(scheduler.urn()), Props.EMPTY, ctx(scheduler.urn())).orElseThrow();
        assertThat(((PropertyValue.Obj) scaled.inputs().get("spec")).props().get("replicas")).isEqualTo(PropertyValue.of(7));
        type(envGoal).update("etl/env", Props.EMPTY, changed, ctx(envGoal.urn()));
        type(scheduler).update("etl/scheduler", Props.EMPTY, applied.get(scheduler.urn()), ctx(scheduler.urn()));
        assertThat(client.configMaps().inNamespace("etl").withName("env").get().getData()).containsEntry("AIRFLOW__CORE__PARALLELISM", "32");
        assertThat(client.apps().deployments().inNamespace("etl").withName("scheduler").get().getSpec().getReplicas()).isEqualTo(2);

        // after a crash between the call and the state: found by its mark; someone else's object is not taken over
        assertThat(type(envGoal).findByUrn(envGoal.urn(), changed, ctx(envGoal.urn()))).map(ResourceType.Created::id).contains("etl/env");
        client.configMaps().inNamespace("etl").resource(new ConfigMapBuilder().withNewMetadata().withName("hand-made").withNamespace("etl")
                .endMetadata().addToData("a", "b").build()).create();
        Props clash = changed.with("metadata", PropertyValue.fromJava(Map.of("name", "hand-made", "namespace", "etl")));
        assertThatThrownBy(() -> type(envGoal).create(envGoal.urn(), clash, ctx(envGoal.urn())))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.CONFLICT))
                .hasMessageContaining("was not made by Lifeboat");

        // deleting, dependents first; deleting what is gone is fine
        List<Goal> reversed = new ArrayList<>(goals);
        java.util.Collections.reverse(reversed);
        for (Goal g : reversed) type(g).delete(ids.get(g.urn()), Props.EMPTY, ctx(g.urn()));
        for (Goal g : reversed) type(g).delete(ids.get(g.urn()), Props.EMPTY, ctx(g.urn()));
        assertThat(client.apps().deployments().inAnyNamespace().list().getItems()).isEmpty();
        assertThat(client.namespaces().withName("etl").get()).isNull();
    }

    @Test
    void aWriteThatMeetsAConflictReadsAndWritesAgain() throws Exception {
        Goal namespace = goal("etl", KubernetesSchemas.NAMESPACE);
        type(namespace).create(namespace.urn(), resolve(namespace.inputs()), ctx(namespace.urn()));
        Goal envGoal = goal("etl-env", KubernetesSchemas.CONFIG_MAP);
        Props in = resolve(envGoal.inputs());
        type(envGoal).create(envGoal.urn(), in, ctx(envGoal.urn()));
        // someone else wrote the object between the provider's read and its replace, twice
        server.expect().put().withPath("/api/v1/namespaces/etl/configmaps/env")
                .andReturn(409, new io.fabric8.kubernetes.api.model.StatusBuilder().withCode(409).withReason("Conflict")
                        .withMessage("Operation cannot be fulfilled on configmaps \"env\": the object has been modified").build())
                .times(2);
        Props changed = in.with("data", PropertyValue.fromJava(Map.of("AIRFLOW__CORE__PARALLELISM", "32")));
        type(envGoal).update("etl/env", Props.EMPTY, changed, ctx(envGoal.urn()));
        assertThat(client.configMaps().inNamespace("etl").withName("env").get().getData()).containsEntry("AIRFLOW__CORE__PARALLELISM", "32");
    }

    @Test
    void aRolloutThatNeverCompletesTimesOut() throws Exception {
        controller.shutdownNow();
        for (Goal g : goals) {
            if (!g.type().equals(KubernetesSchemas.DEPLOYMENT)) {
                type(g).create(g.urn(), resolve(g.inputs()), ctx(g.urn()));
                continue;
            }
            OperationContext shortly = OperationContext.of(g.urn(), Duration.ofMillis(300));
            assertThatThrownBy(() -> type(g).create(g.urn(), resolve(g.inputs()), shortly))
                    .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.TIMEOUT))
                    .hasMessageContaining("rollout of etl/" + ((PropertyValue.Obj) g.inputs().get("metadata")).props().string("name"));
            return;
        }
    }

    @Test
    void aKubeconfigIsHonouredWhenTheStackGivesOne() throws Exception {
        Files.writeString(dir.resolve("kubeconfig.yaml"), """
                apiVersion: v1
                kind: Config
                current-context: other
                clusters:
                  - name: mock
                    cluster: { server: "%s", insecure-skip-tls-verify: true }
                users:
                  - name: ci
                    user: { token: test-token }
                contexts:
                  - name: other
                    context: { cluster: nowhere, user: ci }
                  - name: platform
                    context: { cluster: mock, user: ci }
                """.formatted(client.getMasterUrl()));
        Props config = Props.builder().put("kubeconfig", "kubeconfig.yaml").put("context", "platform")
                .put("server", "https://127.0.0.1:1").build(); // the kubeconfig wins over the cluster's outputs
        try (Provider viaFile = new KubernetesProviderFactory().open(new ProviderConfig("kubernetes", "us-east-1", null, dir,
                Map.of("kubernetes.pollMillis", "50"), config))) {
            Goal ns = goals.get(0);
            viaFile.type(ns.type()).create(ns.urn(), resolve(ns.inputs()), ctx(ns.urn()));
        }
        assertThat(client.namespaces().withName("etl").get()).isNotNull();
    }

    @Test
    void anUnreachableServerIsUnavailableNotGone() throws Exception {
        Props config = Props.builder().put("server", "https://127.0.0.1:1").put("token", "t").put("insecure", "true").build();
        try (Provider nowhere = new KubernetesProviderFactory().open(new ProviderConfig("kubernetes", "us-east-1", null, dir, Map.of(), config))) {
            Goal ns = goals.get(0);
            assertThatThrownBy(() -> nowhere.type(ns.type()).read("etl", resolve(ns.inputs()), Props.EMPTY, ctx(ns.urn())))
                    .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind().retryable()).isTrue());
        }
    }

    // ---- the example platform's Kubernetes goals, references resolved as the engine would

    private List<Goal> exampleGoals() throws Exception {
        Path root = repositoryRoot();
        LoadResult loaded = new SpecLoader(new WorkingTreeSource(root)).load(List.of("stacks"));
        assertThat(loaded.ok()).as(loaded.diagnostics().toString()).isTrue();
        Stack primary = loaded.stack("prod-use1");
        SecretReader secrets = SecretReader.of(Map.of("WAREHOUSE_PASSWORD", PASSWORD), root);
        List<Goal> out = new ArrayList<>();
        for (Goal g : new AwsCloud().run(primary, loaded.stack("prod-usw2"), ProgramOptions.of(Posture.ACTIVE), secrets, KnownKeys.NONE).goals()) {
            if (g.type().startsWith("kubernetes:")) out.add(g);
        }
        return out;
    }

    /** A reference to another Kubernetes goal resolves to its input; anything else to a recognisable stand-in. */
    private PropertyValue resolve(PropertyValue v) {
        if (v instanceof PropertyValue.Ref r) {
            for (Goal g : goals) {
                if (g.urn().equals(r.target())) {
                    PropertyValue echoed = g.inputs().at(r.property());
                    return r.complete(echoed != null ? echoed : PropertyValue.of("1"));
                }
            }
            String standIn = "resolved:" + (r.property().equals("repositoryUrl") ? "registry." : "") + r.target().name() + "." + r.property();
            return r.complete(PropertyValue.of(standIn));
        }
        if (v instanceof PropertyValue.Secret s) return new PropertyValue.Secret(resolve(s.value()));
        if (v instanceof PropertyValue.Arr a) return new PropertyValue.Arr(a.items().stream().map(this::resolve).toList());
        if (v instanceof PropertyValue.Obj o) return new PropertyValue.Obj(resolve(o.props()));
        return v;
    }

    private Props resolve(Props p) {
        Map<String, PropertyValue> out = new LinkedHashMap<>();
        p.forEach((k, v) -> out.put(k, resolve(v)));
        return new Props(out);
    }

    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("specs/platform.yaml")) && Files.exists(p.resolve("stacks"))) return p;
        }
        throw new IllegalStateException("no specs/platform.yaml above " + Path.of("").toAbsolutePath());
    }

    private Goal goal(String name, String type) {
        return goals.stream().filter(g -> g.urn().name().equals(name) && g.type().equals(type)).findFirst().orElseThrow();
    }

    private Urn urnOf(String name, String type) {
        return goal(name, type).urn();
    }

    private ResourceType type(Goal g) {
        return provider.type(g.type());
    }

    private static OperationContext ctx(Urn urn) {
        return OperationContext.of(urn, Duration.ofSeconds(20));
    }

    /** Stands in for the Deployment controller: every Deployment's status catches up with its spec. */
    private void startController() {
        controller = Executors.newSingleThreadScheduledExecutor();
        controller.scheduleWithFixedDelay(() -> {
            try {
                for (Deployment d : client.apps().deployments().inAnyNamespace().list().getItems()) {
                    int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
                    long generation = d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
                    if (d.getStatus() != null && d.getStatus().getObservedGeneration() != null && d.getStatus().getObservedGeneration() == generation
                            && d.getStatus().getAvailableReplicas() != null && d.getStatus().getAvailableReplicas() == replicas) continue;
                    d.setStatus(new DeploymentStatusBuilder().withObservedGeneration(generation).withReplicas(replicas)
                            .withUpdatedReplicas(replicas).withAvailableReplicas(replicas).withReadyReplicas(replicas).build());
                    client.apps().deployments().inNamespace(d.getMetadata().getNamespace()).resource(d).updateStatus();
                }
            } catch (RuntimeException e) {
                // a Deployment deleted under the controller's feet: next round
            }
        }, 0, 30, TimeUnit.MILLISECONDS);
    }
}
