package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.lifeboat.providers.sim.SimAdmin;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

/**
 * The Airflow deployments, as the platform's users see them, on the sim: Kubernetes objects in
 * the stack's own cluster, with the spec's variables (the secret one read from the environment),
 * the API keys' secrets and the alert topic wired in; back in the secondary's cluster after a
 * failover from a cold standby; gone with a lost cluster and back with the next up; removed when
 * a deployment is renamed or deleted from the spec.
 */
class DeploymentsEndToEndTest extends SimRepoTest {
    static final String EAST = "us-east-1";
    static final String WEST = "us-west-2";
    static final String CONFIG_MAP = "kubernetes:core/v1:ConfigMap";
    static final String SECRET = "kubernetes:core/v1:Secret";
    static final String DEPLOYMENT = "kubernetes:apps/v1:Deployment";
    static final String NAMESPACE = "kubernetes:core/v1:Namespace";

    @Test
    void everyDeploymentComesBackInTheSecondarysClusterAfterAFailoverFromColdStandby() throws Exception {
        repo.edit("stacks/secondary.yaml", "standby: warm", "standby: cold");
        repo.ok("up", "--all", "--yes");
        assertThat(objects(WEST, NAMESPACE)).as("a cold standby runs no cluster").isEmpty();
        String eastKey = secretString(EAST, "lifeboat/data-platform/etl/ci");

        sim.outage(EAST);
        repo.ok("failover", "--from", "prod-use1", "--to", "prod-usw2", "--yes");

        // every deployment, in the secondary's own cluster
        assertThat(objects(WEST, NAMESPACE)).extracting(SimAdmin.ObjectView::id).containsExactlyInAnyOrder("etl", "reporting");
        assertThat(objects(WEST, DEPLOYMENT)).extracting(SimAdmin.ObjectView::id).containsExactlyInAnyOrder(
                "etl/scheduler", "etl/webserver", "etl/worker-default", "reporting/scheduler", "reporting/webserver");
        for (SimAdmin.ObjectView d : objects(WEST, DEPLOYMENT)) {
            assertThat(spec(d).get("replicas")).as(d.id() + " at full capacity").isNotEqualTo(PropertyValue.of(0));
            String image = d.inputs().at("spec.template.spec.containers").toString();
            assertThat(image).as("the image comes from the west's registry").contains(".dkr.ecr." + WEST + ".amazonaws.com/");
        }
        // the env vars, the secret one read from the environment when the stack was applied
        assertThat(data(object(WEST, CONFIG_MAP, "etl/env"), "data")).containsEntry("AIRFLOW__CORE__PARALLELISM", "64");
        assertThat(data(object(WEST, CONFIG_MAP, "reporting/env"), "data")).containsEntry("AIRFLOW__CORE__DEFAULT_TIMEZONE", "utc");
        assertThat(data(object(WEST, SECRET, "etl/env"), "stringData"))
                .containsEntry("WAREHOUSE_PASSWORD", repo.env.get("WAREHOUSE_PASSWORD"));
        // the API keys: the cluster names the secret, whose replica in the west holds the primary's material
        Map<String, String> platform = data(object(WEST, CONFIG_MAP, "etl/platform"), "data");
        assertThat(platform).containsEntry("LIFEBOAT_API_KEYS", "ci:admin:lifeboat/data-platform/etl/ci");
        assertThat(secretString(WEST, "lifeboat/data-platform/etl/ci")).isEqualTo(eastKey).isNotBlank();
        // the alert route: the west's topic, with the spec's addresses subscribed
        String topic = platform.get("LIFEBOAT_ALERT_TOPIC_ARN");
        assertThat(topic).startsWith("arn:aws:sns:" + WEST + ":");
        assertThat(sim.objects(WEST)).filteredOn(o -> o.type().equals("aws:sns/topicSubscription:TopicSubscription")
                && topic.equals(o.inputs().string("topic"))).extracting(o -> o.inputs().string("endpoint")).containsExactly("oncall@example.com");
        // and the restored database
        String db = sim.objects(WEST).stream().filter(o -> o.type().equals("aws:rds/instance:Instance")).findFirst().orElseThrow()
                .inputs().string("identifier");
        assertThat(platform.get("LIFEBOAT_DATABASE_ENDPOINT")).startsWith(db + ".");

        assertThat(repo.run("preview", "--stack", "prod-usw2", "--refresh", "--detailed-exitcode").code()).isZero();
    }

    @Test
    void aLostClusterTakesItsDeploymentsAndTheNextUpBringsBothBack() throws Exception {
        repo.ok("up", "--all", "--yes");
        assertThat(objects(WEST, DEPLOYMENT)).hasSize(5);
        assertThat(spec(object(WEST, DEPLOYMENT, "etl/scheduler")).get("replicas"))
                .as("a warm standby runs no scheduler: it would run every DAG a second time").isEqualTo(PropertyValue.of(0));

        assertThat(sim.deleteBehindBack(WEST, "prod-usw2")).isTrue();
        assertThat(objects(WEST, NAMESPACE)).isEmpty();
        assertThat(objects(WEST, DEPLOYMENT)).isEmpty();

        Repo.Result preview = repo.run("preview", "--stack", "prod-usw2", "--refresh", "--detailed-exitcode");
        assertThat(preview.code()).as(preview.all()).isEqualTo(2);
        repo.ok("up", "--stack", "prod-usw2", "--refresh", "--yes");
        assertThat(objects(WEST, DEPLOYMENT)).hasSize(5);
        assertThat(data(object(WEST, SECRET, "etl/env"), "stringData")).containsKey("WAREHOUSE_PASSWORD");
        assertThat(repo.run("preview", "--stack", "prod-usw2", "--refresh", "--detailed-exitcode").code()).isZero();
    }

    @Test
    void renamingOrRemovingADeploymentLeavesNothingBehind() throws Exception {
        repo.ok("up", "--stack", "prod-use1", "--yes");
        repo.edit("specs/platform.yaml", "- name: reporting", "- name: reports");
        repo.ok("up", "--stack", "prod-use1", "--yes");
        assertThat(objects(EAST, NAMESPACE)).extracting(SimAdmin.ObjectView::id).containsExactlyInAnyOrder("etl", "reports");
        assertThat(sim.objects(EAST)).filteredOn(o -> o.type().startsWith("kubernetes:")).extracting(SimAdmin.ObjectView::id)
                .noneMatch(id -> id.startsWith("reporting"));

        // a changed variable rolls the workloads that read it
        String before = annotations(object(EAST, DEPLOYMENT, "etl/webserver"));
        repo.edit("specs/platform.yaml", "AIRFLOW__CORE__PARALLELISM: \"64\"", "AIRFLOW__CORE__PARALLELISM: \"96\"");
        repo.ok("up", "--stack", "prod-use1", "--yes");
        assertThat(data(object(EAST, CONFIG_MAP, "etl/env"), "data")).containsEntry("AIRFLOW__CORE__PARALLELISM", "96");
        assertThat(annotations(object(EAST, DEPLOYMENT, "etl/webserver"))).isNotEqualTo(before);

        String spec = repo.read("specs/platform.yaml");
        repo.edit("specs/platform.yaml", spec.substring(spec.indexOf("    - name: reports"), spec.indexOf("  resources:")), "");
        repo.ok("up", "--stack", "prod-use1", "--yes");
        assertThat(sim.objects(EAST)).filteredOn(o -> o.type().startsWith("kubernetes:")).extracting(SimAdmin.ObjectView::id)
                .allMatch(id -> id.startsWith("etl"));
    }

    @Test
    void aSecretTheEnvironmentDoesNotHoldStopsThePlanAndNamesTheSpecLine() throws Exception {
        repo.env.remove("WAREHOUSE_PASSWORD");
        Repo.Result r = repo.run("preview", "--stack", "prod-use1");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("specs/platform.yaml:").contains("WAREHOUSE_PASSWORD of deployment etl reads env:WAREHOUSE_PASSWORD")
                .contains("export WAREHOUSE_PASSWORD");
        assertThat(sim.objects(EAST)).isEmpty();
    }

    @Test
    void manyDeploymentsThatReadOneUnsetVariableMakeOneMessageNotOneEach() throws Exception {
        repo.env.remove("WAREHOUSE_PASSWORD");
        // the reporting deployment and three more read the same variable as etl
        repo.edit("specs/platform.yaml", "        AIRFLOW__CORE__DEFAULT_TIMEZONE: \"utc\"\n",
                "        AIRFLOW__CORE__DEFAULT_TIMEZONE: \"utc\"\n        WAREHOUSE_PASSWORD: { secret: env:WAREHOUSE_PASSWORD }\n");
        String spec = repo.read("specs/platform.yaml");
        String reporting = spec.substring(spec.indexOf("    - name: reporting"), spec.indexOf("  resources:"));
        StringBuilder more = new StringBuilder();
        for (String name : List.of("ml", "finance", "marketing")) more.append(reporting.replace("name: reporting", "name: " + name));
        repo.edit("specs/platform.yaml", "  resources:", more + "  resources:");

        Repo.Result r = repo.run("preview", "--stack", "prod-use1");
        assertThat(r.code()).isEqualTo(1);
        // once, with the first place that reads it and the fix; then how many more, the first three by place
        assertThat(r.err().split("reads env:WAREHOUSE_PASSWORD", -1)).hasSize(2);
        assertThat(r.err()).contains("WAREHOUSE_PASSWORD of deployment etl reads env:WAREHOUSE_PASSWORD, which is not set; export WAREHOUSE_PASSWORD")
                .contains("; 4 more read it too: specs/platform.yaml:").contains("(WAREHOUSE_PASSWORD of reporting)")
                .contains("(WAREHOUSE_PASSWORD of ml)").contains("(WAREHOUSE_PASSWORD of finance)").contains(" and 1 more")
                .doesNotContain("of marketing");
        assertThat(sim.objects(EAST)).isEmpty();
    }

    private List<SimAdmin.ObjectView> objects(String region, String type) {
        return sim.objects(region).stream().filter(o -> o.type().equals(type)).toList();
    }

    private SimAdmin.ObjectView object(String region, String type, String id) {
        Optional<SimAdmin.ObjectView> o = objects(region, type).stream().filter(v -> v.id().equals(id)).findFirst();
        assertThat(o).as(type + " " + id + " in " + region).isPresent();
        return o.get();
    }

    private static Props spec(SimAdmin.ObjectView o) {
        return ((PropertyValue.Obj) o.inputs().get("spec")).props();
    }

    private static String annotations(SimAdmin.ObjectView o) {
        return String.valueOf(o.inputs().at("spec.template.metadata.annotations"));
    }

    private static Map<String, String> data(SimAdmin.ObjectView o, String key) {
        Map<String, String> out = new java.util.TreeMap<>();
        if (o.inputs().reveal().get(key) instanceof PropertyValue.Obj obj) obj.props().forEach((k, v) -> out.put(k, ((PropertyValue.Str) v.reveal()).value()));
        return out;
    }

    private String secretString(String region, String name) {
        String arn = sim.objects(region).stream().filter(o -> o.type().equals("aws:secretsmanager/secret:Secret") && name.equals(o.inputs().string("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no secret " + name + " in " + region)).id();
        return sim.objects(region).stream().filter(o -> o.type().equals("aws:secretsmanager/secretVersion:SecretVersion")
                        && arn.equals(o.inputs().string("secretId"))).findFirst().map(o -> o.inputs().reveal().string("secretString"))
                .orElseThrow(() -> new AssertionError("no version of " + name + " in " + region));
    }
}
