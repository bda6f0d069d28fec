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

    @Test
    void aBuilderKeepsKeysSortedWhateverTheirOrderAndTheLastValueOfARepeatedOne() {
        Props.Builder b = Props.builder();
        String[] keys = {"m", "c", "x", "a", "q", "b", "z", "d", "c", "y", "e"};
        for (int i = 0; i < keys.length; i++) b.put(keys[i], PropertyValue.of(keys[i] + i));
        Props p = b.build();
        assertThat(p.keySet()).containsExactly("a", "b", "c", "d", "e", "m", "q", "x", "y", "z");
        assertThat(p.get("c")).isEqualTo(PropertyValue.of("c8"));
        assertThat(p.get("z")).isEqualTo(PropertyValue.of("z6"));
        b.put("0", PropertyValue.of("later"));
        assertThat(p.containsKey("0")).isFalse(); // built props do not change with the builder
        assertThat(b.build().keySet()).startsWith("0", "a");
        assertThat(Props.builder().build()).isSameAs(Props.EMPTY);
    }
}
