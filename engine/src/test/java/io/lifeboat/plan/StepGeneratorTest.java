package io.lifeboat.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.lifeboat.program.ProgramResult;
import io.lifeboat.provider.TypeSchema;
import io.lifeboat.resource.Goal;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.ResourceOptions;
import io.lifeboat.resource.Urn;
import io.lifeboat.state.ResourceState;
import io.lifeboat.state.Snapshot;
import io.lifeboat.state.StackMetadata;

class StepGeneratorTest {
    static final TypeSchema NET = TypeSchema.builder("t:net:Net").replaces("cidr").optional("dns").tagged().build();
    static final TypeSchema SUB = TypeSchema.builder("t:net:Sub").replaces("netId", "cidr").optional("note").build();
    static final TypeSchema ROLE = TypeSchema.builder("t:iam:Role").uniqueName("name").replaces("name").optional("policy").build();
    static final TypeSchema CFG = TypeSchema.builder("t:app:Config").optional("value", "owner").build();
    static final Map<String, TypeSchema> SCHEMAS = Map.of(NET.token(), NET, SUB.token(), SUB, ROLE.token(), ROLE, CFG.token(), CFG);
    final StepGenerator generator = new StepGenerator(SCHEMAS::get);

    static Urn urn(String type, String name) {
        return new Urn("dev", "p", type, name);
    }

    static Goal goal(String type, String name, Props inputs, ResourceOptions options) {
        return new Goal(urn(type, name), true, inputs, options, null);
    }

    static ResourceState state(Goal g, String id, Props inputs, Props outputs) {
        List<Urn> deps = new ArrayList<>(g.dependencies());
        return new ResourceState(g.urn(), true, id, inputs, outputs, null, g.options().protect(), false, deps, Map.of(), null, false, null, null);
    }

    static Snapshot snapshot(ResourceState... rs) {
        return new Snapshot(java.time.Instant.now(), List.of(rs), List.of(), StackMetadata.fresh("dev"));
    }

    Goal net(String cidr) {
        return goal(NET.token(), "net", Props.builder().put("cidr", cidr).put("dns", true).build(), ResourceOptions.NONE);
    }

    Goal sub(String cidr) {
        return goal(SUB.token(), "sub", Props.builder().put("netId", new PropertyValue.Ref(urn(NET.token(), "net"), "id"))
                .put("cidr", cidr).build(), ResourceOptions.NONE);
    }

    Snapshot applied(String netCidr, String subCidr) {
        Goal n = net(netCidr);
        Goal s = sub(subCidr);
        return snapshot(state(n, "net-1", n.inputs(), n.inputs().with("id", PropertyValue.of("net-1"))),
                state(s, "sub-1", s.inputs().with("netId", PropertyValue.of("net-1")),
                        s.inputs().with("netId", PropertyValue.of("net-1")).with("id", PropertyValue.of("sub-1"))));
    }

    Plan plan(Snapshot old, PlanOptions options, Goal... goals) {
        return generator.plan("dev", new ProgramResult(List.of(goals), Map.of()), old, options);
    }

    @Test
    void aDeleteFirstReplacementTakesDownWhatHoldsItsIdentityAndUpdatesWhatCopiesAValue() {
        Goal role = goal(ROLE.token(), "role", Props.builder().put("name", "r").build(), ResourceOptions.NONE);
        Urn r = role.urn();
        Goal copies = goal(CFG.token(), "copies", Props.builder().put("value", new PropertyValue.Ref(r, "endpoint")).build(), ResourceOptions.NONE);
        Goal holds = goal(CFG.token(), "holds", Props.builder().put("owner", new PropertyValue.Ref(r, "arn")).build(), ResourceOptions.NONE);
        Props roleOut = role.inputs().with("endpoint", PropertyValue.of("e-1")).with("arn", PropertyValue.of("arn:r-1"));
        Snapshot old = snapshot(state(role, "r-1", role.inputs(), roleOut),
                state(copies, "c-1", Props.builder().put("value", "e-1").build(), Props.EMPTY),
                state(holds, "h-1", Props.builder().put("owner", "arn:r-1").build(), Props.EMPTY));

        Plan p = plan(old, new PlanOptions(Set.of(), Set.of(), Set.of(r), false), role, copies, holds);

        Step.Replace replaced = (Step.Replace) p.steps().get(0);
        assertThat(replaced.deleteBeforeReplace()).as("the name must be free first").isTrue();
        assertThat(p.steps().get(1)).as("an endpoint copied from it is updated once it is back").isInstanceOf(Step.Update.class);
        assertThat(p.steps().get(2)).isInstanceOfSatisfying(Step.Replace.class, h -> {
            assertThat(h.deleteBeforeReplace()).isTrue();
            assertThat(h.reason()).contains("deleted before it is replaced");
        });
    }

    @Test
    void aProviderPointedElsewhereIsReplacedAndSoIsEverythingItMade() {
        Goal provider = goal("pulumi:providers:k", "cluster", Props.builder().put("server", "https://new").build(), ResourceOptions.NONE);
        Goal made = goal(CFG.token(), "made", Props.builder().put("value", "v").build(), ResourceOptions.NONE.withProvider(provider.urn()));
        Snapshot old = snapshot(state(provider, "p-1", Props.builder().put("server", "https://old").build(), Props.EMPTY),
                state(made, "m-1", made.inputs(), Props.EMPTY));

        Plan p = plan(old, PlanOptions.DEFAULT, provider, made);

        assertThat(p.steps().get(0)).isInstanceOfSatisfying(Step.Replace.class, r -> assertThat(r.deleteBeforeReplace()).isFalse());
        assertThat(p.steps().get(1)).isInstanceOfSatisfying(Step.Replace.class,
                r -> assertThat(r.reason()).isEqualTo("its provider cluster is replaced"));
        assertThat(plan(snapshot(state(provider, "p-1", provider.inputs(), Props.EMPTY), state(made, "m-1", made.inputs(), Props.EMPTY)),
                PlanOptions.DEFAULT, provider, made).hasChanges()).as("the same configuration changes nothing").isFalse();
    }

    @Test
    void nothingRecordedMeansEverythingIsCreated() {
        Plan p = plan(Snapshot.empty("dev"), PlanOptions.DEFAULT, net("10.0.0.0/16"), sub("10.0.1.0/24"));
        assertThat(p.steps()).allMatch(s -> s instanceof Step.Create);
    }

    @Test
    void theSameGoalsAgainMeanNoChanges() {
        Plan p = plan(applied("10.0.0.0/16", "10.0.1.0/24"), PlanOptions.DEFAULT, net("10.0.0.0/16"), sub("10.0.1.0/24"));
        assertThat(p.hasChanges()).isFalse();
    }

    @Test
    void aNewCidrReplacesTheNetworkAndEverythingThatTakesItsId() {
        Plan p = plan(applied("10.0.0.0/16", "10.0.1.0/24"), PlanOptions.DEFAULT, net("10.1.0.0/16"), sub("10.1.1.0/24"));
        assertThat(p.steps()).hasSize(2).allMatch(s -> s instanceof Step.Replace);
        Step.Replace sub = (Step.Replace) p.steps().get(1);
        assertThat(sub.changes()).extracting(PropertyChange::path).containsExactly("cidr", "netId");
        assertThat(sub.changes().get(1).after()).isEqualTo(PropertyValue.UNKNOWN);
        assertThat(sub.deleteBeforeReplace()).isFalse();
    }

    @Test
    void aReplacedDependencyWhoseIdIsUnknownReplacesEvenAnUnchangedDependent() {
        Plan p = plan(applied("10.0.0.0/16", "10.0.1.0/24"), new PlanOptions(Set.of(), Set.of(), Set.of(urn(NET.token(), "net")), false),
                net("10.0.0.0/16"), sub("10.0.1.0/24"));
        assertThat(p.steps().get(0)).isInstanceOf(Step.Replace.class);
        assertThat(((Step.Replace) p.steps().get(0)).reason()).isEqualTo("--replace");
        assertThat(p.steps().get(1)).isInstanceOf(Step.Replace.class);
    }

    @Test
    void anInPlaceChangeIsAnUpdate() {
        Goal n = goal(NET.token(), "net", Props.builder().put("cidr", "10.0.0.0/16").put("dns", false).build(), ResourceOptions.NONE);
        Plan p = plan(applied("10.0.0.0/16", "10.0.1.0/24"), PlanOptions.DEFAULT, n, sub("10.0.1.0/24"));
        assertThat(p.steps().get(0)).isInstanceOf(Step.Update.class);
        assertThat(p.steps().get(1)).isInstanceOf(Step.Same.class);
    }

    @Test
    void ignoreChangesKeepsTheRecordedValue() {
        Goal n = goal(NET.token(), "net", Props.builder().put("cidr", "10.0.0.0/16").put("dns", false).build(),
                ResourceOptions.NONE.withIgnoreChanges(List.of("dns")));
        Plan p = plan(applied("10.0.0.0/16", "10.0.1.0/24"), PlanOptions.DEFAULT, n, sub("10.0.1.0/24"));
        assertThat(p.hasChanges()).isFalse();
    }

    @Test
    void aRemovedGoalIsDeletedDependentsFirst() {
        Plan p = plan(applied("10.0.0.0/16", "10.0.1.0/24"), PlanOptions.DEFAULT);
        assertThat(p.steps()).extracting(s -> s.urn().name()).containsExactly("sub", "net");
        assertThat(p.steps()).allMatch(s -> s instanceof Step.Delete);
    }

    @Test
    void aReplacementThatKeepsAUniqueNameDeletesFirstAndTakesItsDependentsAlong() {
        Goal role = goal(ROLE.token(), "role", Props.builder().put("name", "r").put("policy", "a").build(), ResourceOptions.NONE);
        Goal user = goal(SUB.token(), "user", Props.builder().put("netId", new PropertyValue.Ref(role.urn(), "name")).put("cidr", "x").build(),
                ResourceOptions.NONE);
        Snapshot old = snapshot(state(role, "r", role.inputs(), role.inputs().with("id", PropertyValue.of("r"))),
                state(user, "u", user.inputs().with("netId", PropertyValue.of("r")), Props.EMPTY));
        Plan p = plan(old, new PlanOptions(Set.of(), Set.of(), Set.of(role.urn()), false), role, user);
        Step.Replace r = (Step.Replace) p.steps().get(0);
        assertThat(r.deleteBeforeReplace()).isTrue();
        Step.Replace u = (Step.Replace) p.steps().get(1);
        assertThat(u.deleteBeforeReplace()).isTrue();
        assertThat(u.reason()).contains("depends on role");
    }

    @Test
    void protectRefusesADeleteAndAReplacement() {
        Goal n = goal(NET.token(), "net", Props.builder().put("cidr", "10.0.0.0/16").put("dns", true).build(),
                ResourceOptions.NONE.withProtect(true));
        Snapshot old = snapshot(state(n, "net-1", n.inputs(), n.inputs()));
        assertThat(plan(old, PlanOptions.destroyAll()).errors()).singleElement().asString().contains("protected");
        Goal changed = goal(NET.token(), "net", Props.builder().put("cidr", "10.9.0.0/16").put("dns", true).build(),
                ResourceOptions.NONE.withProtect(true));
        assertThat(plan(old, PlanOptions.DEFAULT, changed).errors()).singleElement().asString().contains("replaced");
    }

    @Test
    void targetsNarrowThePlan() {
        Snapshot old = applied("10.0.0.0/16", "10.0.1.0/24");
        Goal n = goal(NET.token(), "net", Props.builder().put("cidr", "10.0.0.0/16").put("dns", false).build(), ResourceOptions.NONE);
        Plan p = plan(old, new PlanOptions(Set.of(urn(SUB.token(), "sub")), Set.of(), Set.of(), false), n, sub("10.0.1.0/24"));
        assertThat(p.hasChanges()).isFalse();
        Plan excluded = plan(old, new PlanOptions(Set.of(), Set.of(urn(NET.token(), "net")), Set.of(), false), n, sub("10.0.1.0/24"));
        assertThat(excluded.hasChanges()).isFalse();
    }

    static PlanOptions targeting(Urn target, boolean dependents, boolean destroy) {
        PlanOptions o = new PlanOptions(Set.of(target), Set.of(), Set.of(), destroy);
        return dependents ? o.withTargetDependents() : o;
    }

    @Test
    void aReplacedTargetTakesItsDependentsAlongOnlyWithTargetDependentsAndIsRefusedWithout() {
        Snapshot old = applied("10.0.0.0/16", "10.0.1.0/24");
        Urn net = urn(NET.token(), "net");
        Plan refused = plan(old, targeting(net, false, false), net("10.9.0.0/16"), sub("10.0.1.0/24"));
        assertThat(refused.errors()).singleElement().asString()
                .startsWith("net would be replaced, and sub depends on it but is not targeted")
                .contains("--target-dependents");

        Plan along = plan(old, targeting(net, true, false), net("10.9.0.0/16"), sub("10.0.1.0/24"));
        assertThat(along.errors()).isEmpty();
        assertThat(along.steps()).filteredOn(st -> st instanceof Step.Replace).extracting(st -> st.urn().name())
                .containsExactlyInAnyOrder("net", "sub");
    }

    @Test
    void targetDependentsReachesDependentsOfDependentsAndLeavesTheRestAlone() {
        Goal n = net("10.0.0.0/16");
        Goal s = sub("10.0.1.0/24");
        Goal cfg = goal(CFG.token(), "cfg", Props.builder().put("value", new PropertyValue.Ref(s.urn(), "id")).build(), ResourceOptions.NONE);
        Goal other = goal(CFG.token(), "other", Props.builder().put("value", "x").build(), ResourceOptions.NONE);
        Plan p = plan(snapshot(), targeting(n.urn(), true, false), n, s, cfg, other);
        assertThat(p.errors()).isEmpty();
        assertThat(p.steps()).extracting(st -> st.urn().name()).containsExactly("net", "sub", "cfg");
    }

    @Test
    void aTargetWhoseDependencyDoesNotExistYetIsRefusedWithTheFix() {
        Plan p = plan(snapshot(), targeting(urn(SUB.token(), "sub"), false, false), net("10.0.0.0/16"), sub("10.0.1.0/24"));
        assertThat(p.errors()).singleElement().asString()
                .isEqualTo("sub depends on net, which does not exist yet and is not targeted; nothing was changed. "
                        + "Add `--target net`, or apply without --target first");
        Plan both = plan(snapshot(), new PlanOptions(Set.of(urn(SUB.token(), "sub"), urn(NET.token(), "net")), Set.of(), Set.of(), false),
                net("10.0.0.0/16"), sub("10.0.1.0/24"));
        assertThat(both.errors()).isEmpty();
        assertThat(both.steps()).hasSize(2);
    }

    @Test
    void aTargetsProviderThatDoesNotExistYetIsMadeWithIt() {
        Goal provider = new Goal(urn("pulumi:providers:t", "default"), true, Props.EMPTY, ResourceOptions.NONE, null);
        Goal n = goal(NET.token(), "net", Props.builder().put("cidr", "10.0.0.0/16").build(), ResourceOptions.NONE.withProvider(provider.urn()));
        Plan p = plan(snapshot(), targeting(n.urn(), false, false), provider, n);
        assertThat(p.errors()).isEmpty();
        assertThat(p.steps()).extracting(st -> st.urn().name()).containsExactly("default", "net");
    }

    @Test
    void destroyingATargetOthersDependOnIsRefusedUnlessTheyGoToo() {
        Snapshot old = applied("10.0.0.0/16", "10.0.1.0/24");
        Urn net = urn(NET.token(), "net");
        assertThat(plan(old, targeting(net, false, true)).errors()).singleElement().asString()
                .startsWith("net would be deleted, and sub depends on it but is not targeted");
        Plan both = plan(old, targeting(net, true, true));
        assertThat(both.errors()).isEmpty();
        assertThat(both.steps()).extracting(st -> st.urn().name()).containsExactly("sub", "net");
        // a dependent's own destroy needs nothing else
        assertThat(plan(old, targeting(urn(SUB.token(), "sub"), false, true)).errors()).isEmpty();
    }

    @Test
    void secretsCompareByValueAndReferencesToUnchangedResourcesResolve() {
        Snapshot old = applied("10.0.0.0/16", "10.0.1.0/24");
        Goal n = goal(NET.token(), "net", Props.builder().put("cidr", new PropertyValue.Secret(PropertyValue.of("10.0.0.0/16")))
                .put("dns", true).build(), ResourceOptions.NONE);
        Plan p = plan(old, PlanOptions.DEFAULT, n, sub("10.0.1.0/24"));
        assertThat(p.hasChanges()).isFalse();
    }
}
