package io.lifeboat.resource;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PropsTest {
    @Test
    void mapValuesGivesTheVerySamePropsWhenNothingChangesAndKeepsTheKeysWhenSomethingDoes() {
        Props p = Props.builder().put("b", "two").put("a", "one").put("c", "three").build();
        assertThat(p.mapValues(v -> v)).isSameAs(p);
        Props upper = p.mapValues(v -> v.equals(PropertyValue.of("two")) ? PropertyValue.of("TWO") : v);
        assertThat(upper.keySet()).containsExactly("a", "b", "c");
        assertThat(upper.get("b")).isEqualTo(PropertyValue.of("TWO"));
        assertThat(upper.get("a")).isSameAs(p.get("a"));
        assertThat(p.get("b")).isEqualTo(PropertyValue.of("two")); // the original is unchanged
        assertThat(Props.EMPTY.mapValues(v -> PropertyValue.of("x"))).isSameAs(Props.EMPTY);
    }
}
