package io.lifeboat.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lifeboat.resource.PropertyValue;

class LeafDiffTest {

    static PropertyValue v(Object java) {
        return PropertyValue.fromJava(java);
    }

    static Map<String, Object> container(String name, String image) {
        return Map.of("name", name, "image", image);
    }

    static List<String> lines(String key, PropertyValue before, PropertyValue after) {
        return PlanRenderer.changes(new PropertyChange(key, before, after, false));
    }

    @Test
    void aChangeDeepInsideNestedObjectsIsOneLeafWithItsFullPath() {
        PropertyValue before = v(Map.of("replicas", 2, "template", Map.of("spec", Map.of("containers", List.of(container("etl", "etl:1.4.2"))))));
        PropertyValue after = v(Map.of("replicas", 2, "template", Map.of("spec", Map.of("containers", List.of(container("etl", "etl:1.5.0"))))));

        List<LeafDiff.Leaf> leaves = LeafDiff.between("spec", before, after);

        assertThat(leaves).hasSize(1);
        LeafDiff.Leaf leaf = leaves.get(0);
        assertThat(leaf.path()).isEqualTo("spec.template.spec.containers[name=etl].image");
        assertThat(leaf.keys()).containsExactly("spec", "template", "spec", "containers", 0, "image");
        assertThat(leaf.kind()).isEqualTo(LeafDiff.Kind.MODIFIED);
        assertThat(lines("spec", before, after)).containsExactly("~ spec.template.spec.containers[name=etl].image: \"etl:1.4.2\" => \"etl:1.5.0\"");
    }

    @Test
    void anElementInsertedBeforeOthersInANamedListIsOneAddedElement() {
        PropertyValue before = v(List.of(Map.of("name", "A", "value", "1"), Map.of("name", "B", "value", "2")));
        PropertyValue after = v(List.of(Map.of("name", "NEW", "value", "0"), Map.of("name", "A", "value", "1"), Map.of("name", "B", "value", "3")));

        assertThat(lines("env", before, after)).containsExactly(
                "+ env[name=NEW]: {name: \"NEW\", value: \"0\"}",
                "~ env[name=B].value: \"2\" => \"3\"");
        assertThat(LeafDiff.between("env", before, after).get(0).keys()).containsExactly("env", 0);
    }

    @Test
    void aNamedElementRemovedIsOneDeletedElementAtItsOldIndex() {
        PropertyValue before = v(List.of(container("a", "x"), container("b", "y")));
        PropertyValue after = v(List.of(container("b", "y")));

        List<LeafDiff.Leaf> leaves = LeafDiff.between("containers", before, after);

        assertThat(leaves).extracting(LeafDiff.Leaf::path, LeafDiff.Leaf::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("containers[name=a]", LeafDiff.Kind.DELETED));
        assertThat(leaves.get(0).keys()).containsExactly("containers", 0);
    }

    @Test
    void listsWithoutNamesAreComparedByIndex() {
        PropertyValue before = v(List.of("a", "b", "c"));
        PropertyValue after = v(List.of("a", "x"));

        assertThat(lines("zones", before, after)).containsExactly("~ zones[1]: \"b\" => \"x\"", "- zones[2]: \"c\"");
        // names that repeat cannot match elements: by index as well
        PropertyValue twice = v(List.of(container("a", "1"), container("a", "2")));
        assertThat(lines("c", twice, v(List.of(container("a", "1"), container("a", "3"))))).containsExactly("~ c[1].image: \"2\" => \"3\"");
    }

    @Test
    void addedAndRemovedKeysAreLeavesOfTheirOwnAndOddKeysAreQuoted() {
        PropertyValue before = v(Map.of("labels", Map.of("app.kubernetes.io/name", "etl", "old", "x")));
        PropertyValue after = v(Map.of("labels", Map.of("app.kubernetes.io/name", "etl2", "tier", "web")));

        assertThat(lines("metadata", before, after)).containsExactly(
                "~ metadata.labels[\"app.kubernetes.io/name\"]: \"etl\" => \"etl2\"",
                "- metadata.labels.old: \"x\"",
                "+ metadata.labels.tier: \"web\"");
        assertThat(lines("note", null, v("hi"))).containsExactly("+ note: \"hi\"");
        assertThat(lines("note", v("hi"), null)).containsExactly("- note: \"hi\"");
    }

    @Test
    void nothingUnderASecretIsShownAndEitherSideOfAChangedSecretReadsSecret() {
        PropertyValue before = v(Map.of("env", Map.of("PASSWORD", new PropertyValue.Secret(v(Map.of("value", "old-Secret-1")))), "x", 1));
        PropertyValue after = v(Map.of("env", Map.of("PASSWORD", new PropertyValue.Secret(v(Map.of("value", "new-Secret-2")))), "x", 1));

        List<String> lines = lines("spec", before, after);
        assertThat(lines).containsExactly("~ spec.env.PASSWORD: [secret] => [secret]");
        // a value that becomes secret hides its old plain value too
        assertThat(lines("token", v("plain-old"), new PropertyValue.Secret(v("new")))).containsExactly("~ token: [secret] => [secret]");
        // a value that only becomes secret is no change
        assertThat(LeafDiff.between("token", v("same"), new PropertyValue.Secret(v("same")))).isEmpty();
    }

    @Test
    void anUnknownLeafIsKnownAfterApplyAndItsKnownSiblingsAreNotChanges() {
        PropertyValue before = v(Map.of("subnetIds", List.of("s-1", "s-2"), "name", "n"));
        PropertyValue after = v(Map.of("subnetIds", List.of(PropertyValue.UNKNOWN, v("s-2")), "name", "n"));

        assertThat(lines("vpcConfig", before, after)).containsExactly("~ vpcConfig.subnetIds[0]: \"s-1\" => (known after apply)");
    }

    @Test
    void aLongStringIsCutFromTheLeftSoItsChangedEndShows() {
        String base = "x".repeat(120);
        List<String> lines = lines("image", v(base + "/etl:1.4.2"), v(base + "/etl:1.5.0"));

        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("~ image: \"…").contains("/etl:1.4.2\" => \"…").endsWith("/etl:1.5.0\"");
        assertThat(lines("short", v("a".repeat(90)), v("b"))).containsExactly("~ short: \"" + "a".repeat(90) + "\" => \"b\"");
    }

    @Test
    void aPropertyThatForcesReplacementMarksEachOfItsLeaves() {
        List<String> lines = PlanRenderer.changes(new PropertyChange("cfg", v(Map.of("a", 1, "b", 2)), v(Map.of("a", 2, "b", 3)), true));

        assertThat(lines).containsExactly("~ cfg.a: 1 => 2   (forces replacement)", "~ cfg.b: 2 => 3   (forces replacement)");
    }
}
