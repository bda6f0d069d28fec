package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import io.lifeboat.providers.sim.SimAdmin;
import io.lifeboat.state.PulumiSchemas;

/** The engine end to end on the sim cloud: spec in; plan, state and cloud out. */
class EngineEndToEndTest extends SimRepoTest {
    static final String PRIMARY = "stacks/primary.yaml";
    static final String EAST = "us-east-1";
    static final ObjectMapper JSON = new ObjectMapper();
    static final String FINAL_SNAPSHOT = "aws:rds/snapshot:Snapshot";

    JsonNode state() throws Exception {
        return JSON.readTree(ok("state", "export", "--stack", PRIMARY).out());
    }

    JsonNode plan(String... extra) throws Exception {
        String[] args = new String[3 + 2 + extra.length];
        args[0] = "preview";
        args[1] = "--stack";
        args[2] = PRIMARY;
        args[3] = "--format";
        args[4] = "json";
        System.arraycopy(extra, 0, args, 5, extra.length);
        return JSON.readTree(ok(args).out()).get("stacks").get(0);
    }

    static Map<String, String> ops(JsonNode plan) {
        Map<String, String> out = new HashMap<>();
        for (JsonNode s : plan.get("steps")) {
            if (!s.get("op").asText().equals("same")) out.put(s.get("name").asText(), s.get("op").asText());
        }
        return out;
    }

    /** Every cloud object belongs to exactly one resource of the state, and every resource has its object. */
    void cloudMatchesState() throws Exception {
        JsonNode resources = state().get("deployment").get("resources");
        Set<String> ids = new HashSet<>();
        Set<String> urns = new HashSet<>();
        for (JsonNode r : resources) {
            String type = r.get("type").asText();
            if (!r.get("custom").asBoolean() || type.startsWith("pulumi:providers:")) continue;
            assertThat(urns.add(r.get("urn").asText())).as("duplicate URN %s", r.get("urn")).isTrue();
            ids.add(type + " " + r.get("id").asText());
        }
        Set<String> cloud = new HashSet<>();
        for (SimAdmin.RegionStatus status : sim.status()) {
            String region = status.region();
            for (SimAdmin.ObjectView o : sim.objects(region)) {
                // made by the cloud, not by Lifeboat: a deleted database's final snapshot, a secret's replica
                if (o.urn() == null) continue;
                assertThat(cloud.add(o.type() + " " + o.id())).as("object %s twice", o.id()).isTrue();
                assertThat(urns).as("orphan %s %s (%s)", o.type(), o.id(), o.urn()).contains(o.urn());
            }
        }
        assertThat(cloud).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void upFromNothingCreatesEverythingAndASecondPreviewFindsNoChanges() throws Exception {
        Repo.Result up = ok("up", "--stack", PRIMARY, "--yes");
        assertThat(up.out()).contains("created").contains("vpcId").contains("clusterEndpoint").contains("databaseEndpoint");
        cloudMatchesState();
        assertThat(sim.count(EAST, "aws:ec2/vpc:Vpc")).isEqualTo(1);
        assertThat(sim.count(EAST, "aws:ec2/subnet:Subnet")).isEqualTo(6);
        assertThat(sim.count(EAST, "aws:eks/nodeGroup:NodeGroup")).isEqualTo(1);
        assertThat(sim.count(EAST, "aws:rds/instance:Instance")).isEqualTo(1);
        assertThat(PulumiSchemas.validate(state())).isEmpty();

        Repo.Result again = repo.run("preview", "--stack", PRIMARY, "--detailed-exitcode");
        assertThat(again.code()).as(again.all()).isZero();
        assertThat(again.out()).contains("No changes");
    }

    @Test
    void aNewNetworkCidrReplacesTheChainThatDependsOnIt() throws Exception {
        ok("up", "--stack", PRIMARY, "--yes");
        String oldVpc = sim.objects(EAST).stream().filter(o -> o.type().equals("aws:ec2/vpc:Vpc")).findFirst().orElseThrow().id();
        repo.edit(PRIMARY, "cidr: 10.10.0.0/16", "cidr: 10.30.0.0/16");

        // the chain takes the metadata database with it: refused until the user allows the data loss
        Repo.Result refused = repo.run("up", "--stack", PRIMARY, "--yes");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.all()).contains("metadata holds data and would be replaced").contains("--allow-data-loss");
        assertThat(sim.object(EAST, oldVpc)).isPresent();

        Map<String, String> ops = ops(plan("--allow-data-loss"));
        assertThat(ops).containsEntry("vpc", "replace").containsEntry("public-a", "replace").containsEntry("private-c", "replace")
                .containsEntry("public", "replace").containsEntry("igw", "update").containsEntry("nat", "replace")
                .containsEntry("eks", "replace").containsEntry("default", "replace").containsEntry("cluster", "replace");
        assertThat(ops).doesNotContainKey("cluster-role").doesNotContainKey("node-role");

        Repo.Result code = repo.run("preview", "--stack", PRIMARY, "--detailed-exitcode", "--allow-data-loss");
        assertThat(code.code()).isEqualTo(2);
        assertThat(code.out()).contains("cidrBlock: \"10.10.0.0/16\" => \"10.30.0.0/16\"   (forces replacement)");

        ok("up", "--stack", PRIMARY, "--yes", "--allow-data-loss");
        assertThat(sim.object(EAST, oldVpc)).isEmpty();
        assertThat(sim.objects(EAST)).filteredOn(o -> o.type().equals("aws:ec2/vpc:Vpc"))
                .singleElement().satisfies(o -> assertThat(o.inputs().string("cidrBlock")).isEqualTo("10.30.0.0/16"));
        cloudMatchesState();
        assertThat(repo.run("preview", "--stack", PRIMARY, "--detailed-exitcode").code()).isZero();
    }

    @Test
    void removingANodePoolDeletesIt() throws Exception {
        repo.edit("specs/platform.yaml", "        max: 10\n", "        max: 10\n      - name: spot\n        instanceType: m5.large\n        min: 0\n        max: 5\n");
        ok("up", "--stack", PRIMARY, "--yes");
        assertThat(sim.count(EAST, "aws:eks/nodeGroup:NodeGroup")).isEqualTo(2);
        repo.edit("specs/platform.yaml", "      - name: spot\n        instanceType: m5.large\n        min: 0\n        max: 5\n", "");
        assertThat(ops(plan())).isEqualTo(Map.of("spot", "delete"));
        ok("up", "--stack", PRIMARY, "--yes");
        assertThat(sim.objects(EAST)).filteredOn(o -> o.type().equals("aws:eks/nodeGroup:NodeGroup"))
                .singleElement().satisfies(o -> assertThat(o.id()).endsWith(":default"));
        cloudMatchesState();
    }

    @Test
    void aChangeBehindLifeboatsBackShowsAsDriftAndUpRevertsIt() throws Exception {
        ok("up", "--stack", PRIMARY, "--yes");
        SimAdmin.ObjectView vpc = sim.objects(EAST).stream().filter(o -> o.type().equals("aws:ec2/vpc:Vpc")).findFirst().orElseThrow();
        sim.mutate(EAST, vpc.id(), "enableDnsHostnames", false);

        Repo.Result plain = repo.run("preview", "--stack", PRIMARY, "--detailed-exitcode");
        assertThat(plain.code()).as("without --refresh the state is trusted").isZero();

        Repo.Result refreshed = repo.run("preview", "--stack", PRIMARY, "--refresh", "--detailed-exitcode");
        assertThat(refreshed.code()).as(refreshed.all()).isEqualTo(2);
        assertThat(refreshed.out()).contains("Drift").contains("enableDnsHostnames: true (recorded) => false (in the cloud)")
                .contains("~ enableDnsHostnames: false => true");

        ok("up", "--stack", PRIMARY, "--refresh", "--yes");
        assertThat(sim.object(EAST, vpc.id()).orElseThrow().inputs().get("enableDnsHostnames").toString()).isEqualTo("true");
        assertThat(repo.run("preview", "--stack", PRIMARY, "--refresh", "--detailed-exitcode").code()).isZero();
    }

    @Test
    void destroyLeavesTheRegionEmpty() throws Exception {
        ok("up", "--stack", PRIMARY, "--yes");
        assertThat(sim.count(EAST)).isGreaterThan(30);
        ok("destroy", "--stack", PRIMARY, "--yes");
        assertThat(sim.objects(EAST)).as("only the database's final snapshot stays")
                .singleElement().satisfies(o -> assertThat(o.type()).isEqualTo(FINAL_SNAPSHOT));
        assertThat(sim.count("global")).isZero();
        assertThat(state().get("deployment").get("resources")).isEmpty();
    }

    @Test
    void protectBlocksADestroyAndChangesNothing() throws Exception {
        repo.edit("specs/platform.yaml", "  resources: {}", String.join("\n",
                "  resources:",
                "    corp-https:",
                "      type: aws:ec2/securityGroupRule:SecurityGroupRule",
                "      properties:",
                "        securityGroupId: ${network.cluster-sg.id}",
                "        type: ingress",
                "        protocol: tcp",
                "        fromPort: 443",
                "        toPort: 443",
                "        cidrBlocks: [172.20.0.0/16]",
                "      options:",
                "        protect: true"));
        ok("up", "--stack", PRIMARY, "--yes");
        int before = sim.count(EAST);
        Repo.Result destroy = repo.run("destroy", "--stack", PRIMARY, "--yes");
        assertThat(destroy.code()).isEqualTo(1);
        assertThat(destroy.all()).contains("corp-https").contains("protected");
        assertThat(sim.count(EAST)).isEqualTo(before);
    }

    @Test
    void faultsSetInTheStackAreRetriedThrough() throws Exception {
        repo.edit(PRIMARY, "  state: file://.lifeboat/state", "  state: file://.lifeboat/state\n  sim: { faults: \"*:throttle=0.3,error=0.05\" }");
        Repo.Result up = ok("up", "--stack", PRIMARY, "--yes");
        assertThat(up.out()).contains("retry").contains("RequestLimitExceeded");
        cloudMatchesState();
        repo.edit(PRIMARY, "  sim: { faults: \"*:throttle=0.3,error=0.05\" }", "");
        assertThat(repo.run("preview", "--stack", PRIMARY, "--refresh", "--detailed-exitcode").code()).isZero();
    }

    @Test
    void aTargetNamesWhatItActsOnAndATypoIsRefused() throws Exception {
        ok("up", "--all", "--yes");
        Repo.Result typo = repo.run("up", "--stack", PRIMARY, "--yes", "--replace", "vpx", "--target", "vpx");
        assertThat(typo.code()).isEqualTo(1);
        assertThat(typo.err()).contains("no resource named 'vpx'").contains("did you mean 'vpc'");

        String eipUrn = JSON.readTree(ok("state", "export", "--stack", PRIMARY).out()).findValues("urn").stream()
                .map(JsonNode::asText).filter(u -> u.endsWith("::nat-ip")).findFirst().orElseThrow();
        // the NAT gateway holds the address: replacing it alone would strand the gateway
        Repo.Result alone = repo.run("preview", "--all", "--replace", eipUrn, "--target", eipUrn);
        assertThat(alone.code()).isEqualTo(1);
        assertThat(alone.out()).contains("nat-ip would be replaced, and nat depends on it but is not targeted")
                .contains("--target-dependents");
        JsonNode plan = JSON.readTree(ok("preview", "--all", "--replace", eipUrn, "--target", eipUrn, "--target-dependents",
                "--format", "json").out());
        Map<String, String> ops = ops(plan.get("stacks").get(0));
        assertThat(ops).as("the address, the gateway holding it, the route through the gateway; nothing else")
                .containsEntry("nat-ip", "replace").containsOnlyKeys("nat-ip", "nat", "private-default");
        assertThat(ops(plan.get("stacks").get(1))).as("a URN of another stack selects nothing here").isEmpty();
    }

    @Test
    void targetDependentsNeedsATargetAndATargetWithoutItsDependencyIsRefusedBeforeAnyChange() throws Exception {
        Repo.Result lone = repo.run("preview", "--stack", PRIMARY, "--target-dependents");
        assertThat(lone.code()).isEqualTo(1);
        assertThat(lone.err()).contains("--target-dependents").contains("--target");
        Repo.Result up = repo.run("up", "--stack", PRIMARY, "--yes", "--target", "nat");
        assertThat(up.code()).isEqualTo(1);
        assertThat(up.all()).contains("nat depends on").contains("which does not exist yet").contains("Add `--target ");
        assertThat(sim.count(EAST)).isZero();
    }

    @Test
    void upWithoutYesOffATerminalRefusesAndChangesNothing() {
        Repo.Result r = repo.run("up", "--stack", PRIMARY);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("--yes");
        assertThat(sim.count(EAST)).isZero();
    }
}
