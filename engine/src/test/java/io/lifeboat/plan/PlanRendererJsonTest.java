package io.lifeboat.plan;

import static io.lifeboat.plan.StepGeneratorTest.goal;
import static io.lifeboat.plan.StepGeneratorTest.state;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import io.lifeboat.program.ProgramResult;
import io.lifeboat.resource.Goal;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.ResourceOptions;
import io.lifeboat.resource.Urn;

/** Plan JSON in the manner of `terraform show -json`: real before/after values, unknowns apart, why each step. */
class PlanRendererJsonTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final StepGenerator generator = new StepGenerator(StepGeneratorTest.SCHEMAS::get);

    Map<String, JsonNode> steps(Plan plan) throws Exception {
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode s : JSON.readTree(new PlanRenderer().jsonText(plan)).get("steps")) out.put(s.get("name").asText(), s);
        return out;
    }

    @Test
    void anUpdateCarriesRealValuesSecretsAsSecretAndTheChangedLeaves() throws Exception {
        PropertyValue oldValue = PropertyValue.fromJava(Map.of("replicas", 2, "image", "etl:1.4.2", "password", new PropertyValue.Secret(PropertyValue.of("pw-Old-1"))));
        PropertyValue newValue = PropertyValue.fromJava(Map.of("replicas", 2, "image", "etl:1.5.0", "password", new PropertyValue.Secret(PropertyValue.of("pw-New-2"))));
        Goal cfg = goal(StepGeneratorTest.CFG.token(), "cfg", Props.builder().put("value", newValue).put("owner", "ann").build(), ResourceOptions.NONE);
        Props recorded = Props.builder().put("value", oldValue).put("owner", "ann").build();

        Plan plan = generator.plan("dev", new ProgramResult(List.of(cfg), Map.of()),
                StepGeneratorTest.snapshot(state(cfg, "c-1", recorded, Props.EMPTY)), PlanOptions.DEFAULT);
        String text = new PlanRenderer().jsonText(plan);
        JsonNode s = steps(plan).get("cfg");

        assertThat(text).doesNotContain("pw-Old-1").doesNotContain("pw-New-2");
        assertThat(s.get("op").asText()).isEqualTo("update");
        assertThat(s.get("actions")).extracting(JsonNode::asText).containsExactly("update");
        assertThat(s.get("reason").asText()).isEqualTo("properties changed");
        assertThat(s.get("before").get("value").get("image").asText()).isEqualTo("etl:1.4.2");
        assertThat(s.get("before").get("value").get("replicas").isIntegralNumber()).isTrue();
        assertThat(s.get("after").get("value").get("image").asText()).isEqualTo("etl:1.5.0");
        assertThat(s.get("after").get("owner").asText()).isEqualTo("ann");
        assertThat(s.get("after").get("value").get("password").asText()).isEqualTo("[secret]");
        assertThat(s.get("after_unknown").size()).isZero();
        assertThat(s.get("replace_paths").size()).isZero();
        assertThat(s.get("diff")).extracting(d -> d.get("change").asText() + " " + d.get("path").asText())
                .containsExactly("modified value.image", "modified value.password");
    }

    @Test
    void aReplacementNamesThePathsThatForceItAndWhatIsUnknownUntilApply() throws Exception {
        StepGeneratorTest gen = new StepGeneratorTest();
        Plan plan = generator.plan("dev", new ProgramResult(List.of(gen.net("10.1.0.0/16"), gen.sub("10.1.1.0/24")), Map.of()),
                gen.applied("10.0.0.0/16", "10.0.1.0/24"), PlanOptions.DEFAULT);
        Map<String, JsonNode> steps = steps(plan);

        JsonNode net = steps.get("net");
        assertThat(net.get("actions")).extracting(JsonNode::asText).containsExactly("create", "delete");
        assertThat(net.get("reason").asText()).isEqualTo("replacement forced by cidr");
        assertThat(net.get("replace_paths").toString()).isEqualTo("[[\"cidr\"]]");
        assertThat(net.get("before").get("cidr").asText()).isEqualTo("10.0.0.0/16");
        assertThat(net.get("after").get("cidr").asText()).isEqualTo("10.1.0.0/16");

        JsonNode sub = steps.get("sub");
        assertThat(sub.get("before").get("netId").asText()).isEqualTo("net-1");
        assertThat(sub.get("after").has("netId")).as("unknowns are left out of after").isFalse();
        assertThat(sub.get("after_unknown").toString()).isEqualTo("{\"netId\":true}");
        assertThat(sub.get("replace_paths").toString()).isEqualTo("[[\"cidr\"],[\"netId\"]]");
    }

    @Test
    void aCreateShowsAReferenceToAnExistingResourceAsItsKnownValue() throws Exception {
        StepGeneratorTest gen = new StepGeneratorTest();
        Goal net = gen.net("10.0.0.0/16");
        Goal cfg = goal(StepGeneratorTest.CFG.token(), "cfg", Props.builder().put("value", new PropertyValue.Ref(net.urn(), "id")).build(),
                ResourceOptions.NONE);
        Plan plan = generator.plan("dev", new ProgramResult(List.of(net, gen.sub("10.0.1.0/24"), cfg), Map.of()),
                gen.applied("10.0.0.0/16", "10.0.1.0/24"), PlanOptions.DEFAULT);
        JsonNode created = steps(plan).get("cfg");
        assertThat(created.get("after").get("value").asText()).isEqualTo("net-1");
        assertThat(created.get("after_unknown").size()).isZero();
    }

    @Test
    void aCreateHasNoBeforeAndADeleteNoAfter() throws Exception {
        StepGeneratorTest gen = new StepGeneratorTest();
        Goal net = gen.net("10.0.0.0/16");
        Goal extra = goal(StepGeneratorTest.CFG.token(), "extra", Props.builder().put("value", "v").build(), ResourceOptions.NONE);
        Plan plan = generator.plan("dev", new ProgramResult(List.of(net, gen.sub("10.0.1.0/24"), extra), Map.of()),
                gen.applied("10.0.0.0/16", "10.0.1.0/24"), PlanOptions.DEFAULT);
        Plan gone = generator.plan("dev", new ProgramResult(List.of(net), Map.of()), gen.applied("10.0.0.0/16", "10.0.1.0/24"), PlanOptions.DEFAULT);

        JsonNode created = steps(plan).get("extra");
        assertThat(created.get("actions")).extracting(JsonNode::asText).containsExactly("create");
        assertThat(created.get("reason").asText()).isEqualTo("not in state");
        assertThat(created.get("before").isNull()).isTrue();
        assertThat(created.get("after").get("value").asText()).isEqualTo("v");
        assertThat(steps(plan).get("net").get("actions")).extracting(JsonNode::asText).containsExactly("no-op");

        JsonNode deleted = steps(gone).get("sub");
        assertThat(deleted.get("actions")).extracting(JsonNode::asText).containsExactly("delete");
        assertThat(deleted.get("reason").asText()).isEqualTo("not in spec");
        assertThat(deleted.get("after").isNull()).isTrue();
        assertThat(deleted.get("before").get("cidr").asText()).isEqualTo("10.0.1.0/24");
    }

    @Test
    void unknownsInsideAListKeepTheirPlace() {
        Urn target = StepGeneratorTest.urn("t:net:Net", "net");
        Props after = Props.builder().put("ids", PropertyValue.list(PropertyValue.of("a"), new PropertyValue.Ref(target, "id"))).build();

        assertThat(ValueJson.values(after).toString()).isEqualTo("{\"ids\":[\"a\",null]}");
        assertThat(ValueJson.unknowns(after).toString()).isEqualTo("{\"ids\":[false,true]}");
    }
}
