package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lifeboat.providers.sim.SimAdmin;
import io.lifeboat.resource.PropertyValue;

/**
 * Operator mistakes on DR commands: each is refused before its first change, and a refused
 * command changes nothing, not an object of the sim cloud, not a byte of any state, not an API
 * key's material. The documented round trip keeps every API key's material.
 */
class DrSafetyEndToEndTest extends SimRepoTest {
    static final String EAST = "us-east-1";
    static final String WEST = "us-west-2";
    static final String SECRET = "aws:secretsmanager/secret:Secret";
    static final String VERSION = "aws:secretsmanager/secretVersion:SecretVersion";
    static final String DEPLOYMENT = "kubernetes:apps/v1:Deployment";
    static final ObjectMapper JSON = new ObjectMapper();

    Map<String, String> keys;

    @BeforeEach
    void setUp() throws Exception {
        repo.ok("up", "--all", "--yes");
        keys = material(EAST);
        assertThat(keys).as("the example's two API keys").hasSize(2);
        assertThat(material(WEST)).as("replicated into the secondary's region").isEqualTo(keys);
    }

    /** Everything a refused command must leave as it was. */
    record World(List<String> cloud, Map<String, String> states, Map<String, String> east, Map<String, String> west) {
    }

    World world() throws Exception {
        List<String> cloud = new ArrayList<>();
        for (String region : List.of(EAST, WEST, "global")) {
            for (SimAdmin.ObjectView o : sim.objects(region)) cloud.add(region + " " + o.type() + " " + o.id() + " " + o.status() + " " + o.inputs());
        }
        cloud.sort(null);
        Map<String, String> states = new TreeMap<>();
        Path stateDir = dir.resolve(".lifeboat/state");
        try (Stream<Path> files = Files.list(stateDir)) {
            for (Path p : files.toList()) if (Files.isRegularFile(p)) states.put(p.getFileName().toString(), Files.readString(p));
        }
        boolean eastUp = !sim.isOut(EAST);
        return new World(cloud, states, eastUp ? material(EAST) : Map.of(), material(WEST));
    }

    Repo.Result refused(World before, String... args) throws Exception {
        Repo.Result r = repo.run(args);
        assertThat(r.code()).as(String.join(" ", args) + "\n" + r.all()).isEqualTo(1);
        assertThat(r.err()).contains("refused").contains("nothing was changed");
        World after = world();
        assertThat(after.cloud()).as("the sim cloud's objects").isEqualTo(before.cloud());
        assertThat(after.states()).as("every state file, byte for byte, and no lock left").isEqualTo(before.states());
        assertThat(after.east()).isEqualTo(before.east());
        assertThat(after.west()).isEqualTo(before.west());
        return r;
    }

    /** Each API key's current material in a region, by secret name. */
    Map<String, String> material(String region) {
        Map<String, String> names = new TreeMap<>();
        for (SimAdmin.ObjectView o : sim.objects(region)) if (o.type().equals(SECRET)) names.put(o.id(), o.inputs().string("name"));
        Map<String, String> out = new TreeMap<>();
        for (SimAdmin.ObjectView v : sim.objects(region)) {
            if (!v.type().equals(VERSION)) continue;
            String name = names.get(v.inputs().string("secretId"));
            if (name == null) name = names.get(v.id().substring(0, v.id().lastIndexOf('|')));
            String value = v.inputs().reveal().string("secretString");
            if (name != null && out.putIfAbsent(name, value) != null && !out.get(name).equals(value)) {
                throw new AssertionError(name + " holds two different materials in " + region);
            }
        }
        return out;
    }

    int schedulers(String region) {
        int n = 0;
        for (SimAdmin.ObjectView o : sim.objects(region)) {
            if (!o.type().equals(DEPLOYMENT) || !o.id().endsWith("/scheduler")) continue;
            PropertyValue replicas = ((PropertyValue.Obj) o.inputs().get("spec")).props().get("replicas");
            n += (int) ((PropertyValue.Num) replicas).value();
        }
        return n;
    }

    JsonNode status() throws Exception {
        return JSON.readTree(repo.ok("status", "--format", "json").out());
    }

    @Test
    void swappedNamesWithBothRegionsUpAreRefused() throws Exception {
        Repo.Result r = refused(world(), "failover", "--from", "prod-usw2", "--to", "prod-use1", "--yes");
        assertThat(r.err()).contains("prod-usw2 is not the pair's primary").contains("lifeboat failover --from prod-use1 --to prod-usw2");
    }

    @Test
    void swappedNamesDuringAnOutageAreRefused() throws Exception {
        sim.outage(EAST);
        Repo.Result r = refused(world(), "failover", "--from", "prod-usw2", "--to", "prod-use1", "--yes");
        assertThat(r.err()).contains("lifeboat failover --from prod-use1 --to prod-usw2");
    }

    @Test
    void aFailoverIntoARegionThatIsDownTooIsRefusedBeforeTheLostStackIsMarked() throws Exception {
        sim.outage(EAST);
        sim.outage(WEST);
        Repo.Result r = refused(world(), "failover", "--from", "prod-use1", "--to", "prod-usw2", "--yes");
        assertThat(r.err()).contains("prod-usw2's region us-west-2 does not answer either")
                .contains("so prod-use1 is not marked lost").contains("run the same command once us-west-2 answers");
        assertThat(status().get(0).get("lost").asBoolean()).isFalse();

        sim.restore(WEST);
        assertThat(repo.ok("failover", "--from", "prod-use1", "--to", "prod-usw2", "--yes").out()).contains("failover complete.");
    }

    @Test
    void aFailbackWhileTheServingRegionIsDownIsRefusedBeforeTheOldCopyIsRemoved() throws Exception {
        sim.outage(EAST);
        repo.ok("failover", "--from", "prod-use1", "--to", "prod-usw2", "--yes");
        sim.restore(EAST);
        sim.outage(WEST);
        Repo.Result r = refused(world(), "failback", "--stack", "prod-use1", "--yes");
        assertThat(r.err()).contains("prod-usw2's region us-west-2 does not answer")
                .contains("its old copy in us-east-1 is not removed while nothing else answers").contains("fail back once us-west-2 answers");
    }

    @Test
    void aFailoverWhileThePrimaryStillAnswersIsRefusedAndPointsAtForce() throws Exception {
        Repo.Result r = refused(world(), "failover", "--from", "prod-use1", "--to", "prod-usw2", "--yes");
        assertThat(r.err()).contains("us-east-1 answers").contains("--force");
        assertThat(schedulers(WEST)).as("no second set of schedulers").isZero();
    }

    @Test
    void theSameStackTwiceIsRefusedPointingAtItsPair() throws Exception {
        Repo.Result r = refused(world(), "failover", "--from", "prod-use1", "--to", "prod-use1", "--yes");
        assertThat(r.err()).contains("--from and --to both name prod-use1")
                .contains("did you mean `lifeboat failover --from prod-use1 --to prod-usw2`?");
    }

    @Test
    void aPlannedSwitchoverStopsTheOldPrimarysSchedulersAndKeepsTheKeys() throws Exception {
        assertThat(schedulers(EAST)).isPositive();
        JsonNode report = JSON.readTree(repo.ok("failover", "--from", "prod-use1", "--to", "prod-usw2", "--force", "--yes", "--format", "json")
                .out().replaceFirst("(?s)^[^{]*", ""));
        assertThat(report.get("ok").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("notes").toString()).contains("schedulers were stopped first");
        assertThat(report.get("actions").toString()).as("its schedulers were stopped: nothing comes back to run beside the survivor")
                .doesNotContain("answers again");
        assertThat(schedulers(EAST)).as("the old primary schedules nothing").isZero();
        assertThat(schedulers(WEST)).isPositive();
        assertThat(material(WEST)).as("the same key material, served from the west").isEqualTo(keys);
        JsonNode rows = status();
        assertThat(rows.get(0).get("lost").asBoolean()).isTrue();
        assertThat(rows.get(1).get("role").asText()).isEqualTo("primary");

        repo.ok("failback", "--stack", "prod-use1", "--yes");
        assertThat(schedulers(EAST)).isZero();
        assertThat(material(WEST)).isEqualTo(keys);
        assertThat(material(EAST)).as("replicated back into the east").isEqualTo(keys);
    }

    @Test
    void failbackOfAStackThatWasNeverLostIsRefused() throws Exception {
        World before = world();
        assertThat(refused(before, "failback", "--stack", "prod-use1", "--yes").err()).contains("prod-use1 was never lost")
                .contains("--force");
        refused(before, "failback", "--stack", "prod-use1", "--promote", "--yes");
        refused(before, "failback", "--stack", "prod-usw2", "--yes");
        refused(before, "failback", "--stack", "prod-usw2", "--promote", "--yes");
    }

    @Test
    void failbackNamingTheSurvivorIsRefused() throws Exception {
        sim.outage(EAST);
        repo.ok("failover", "--from", "prod-use1", "--to", "prod-usw2", "--yes");
        sim.restore(EAST);
        World before = world();
        Repo.Result r = refused(before, "failback", "--stack", "prod-usw2", "--yes");
        assertThat(r.err()).contains("lifeboat failback --stack prod-use1");
        refused(before, "failback", "--stack", "prod-usw2", "--promote", "--yes");
        assertThat(refused(before, "failover", "--from", "prod-use1", "--to", "prod-usw2", "--yes").err())
                .as("the region is back: failing over again is not the way").contains("lifeboat failback --stack prod-use1");
    }

    @Test
    void theDocumentedRoundTripKeepsEveryApiKeysMaterial() throws Exception {
        sim.outage(EAST);
        repo.ok("failover", "--from", "prod-use1", "--to", "prod-usw2", "--yes");
        assertThat(material(WEST)).as("after failover").isEqualTo(keys);
        assertThat(sim.objects(WEST)).filteredOn(o -> o.type().equals(SECRET)).as("the west's secrets are its own, not replicas")
                .allSatisfy(o -> assertThat(o.urn()).contains("prod-usw2"));
        sim.restore(EAST);

        repo.ok("failback", "--stack", "prod-use1", "--yes");
        assertThat(material(WEST)).as("after failback").isEqualTo(keys);
        assertThat(material(EAST)).isEqualTo(keys);
        assertThat(schedulers(EAST)).isZero();

        repo.ok("failback", "--stack", "prod-use1", "--promote", "--yes");
        assertThat(material(EAST)).as("after --promote").isEqualTo(keys);
        assertThat(material(WEST)).isEqualTo(keys);
        assertThat(schedulers(WEST)).isZero();
        assertThat(schedulers(EAST)).isPositive();
        JsonNode rows = status();
        assertThat(rows.get(0).get("role").asText()).isEqualTo("primary");
        assertThat(rows.get(1).get("role").asText()).isEqualTo("secondary");
        assertThat(repo.run("preview", "--all", "--refresh", "--detailed-exitcode").code()).isZero();
    }

    @Test
    void aPlanThatWouldReplaceTheDatabaseStopsBeforeItsFirstChange() throws Exception {
        World before = world();
        repo.edit("stacks/primary.yaml", "cidr: 10.10.0.0/16", "cidr: 10.30.0.0/16");
        Repo.Result r = repo.run("up", "--stack", "prod-use1", "--yes");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.all()).contains("metadata holds data and would be replaced").contains("starts empty")
                .contains("--replace metadata").contains("--allow-data-loss");
        assertThat(world().cloud()).isEqualTo(before.cloud());
        repo.edit("stacks/primary.yaml", "cidr: 10.30.0.0/16", "cidr: 10.10.0.0/16");

        Repo.Result replaceVpc = repo.run("up", "--stack", "prod-use1", "--replace", "vpc", "--yes");
        assertThat(replaceVpc.code()).isEqualTo(1);
        assertThat(replaceVpc.all()).contains("metadata holds data and would be replaced");
        assertThat(world().cloud()).isEqualTo(before.cloud());
        assertThat(repo.run("preview", "--stack", "prod-use1", "--replace", "vpc").code()).as("the preview shows the refusal too").isEqualTo(1);
    }
}
