package io.lifeboat.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.lifeboat.provider.TypeSchema;
import io.lifeboat.resource.Props;

/** A replica's source: setting or changing it replaces the database, removing it promotes the replica in place. */
class DifferPromotionTest {
    private static final TypeSchema DB = TypeSchema.builder("test:index:Db").required("size").promotedByRemoval("source").build();

    @Test
    void removingTheSourceIsAnUpdate() {
        List<PropertyChange> changes = Differ.diff(Props.builder().put("size", "s").put("source", "arn:a").build(),
                Props.builder().put("size", "s").build(), DB, List.of());
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.path()).isEqualTo("source");
            assertThat(c.forcesReplacement()).isFalse();
        });
    }

    @Test
    void settingOrChangingTheSourceReplaces() {
        Props standalone = Props.builder().put("size", "s").build();
        Props replica = Props.builder().put("size", "s").put("source", "arn:a").build();
        Props other = Props.builder().put("size", "s").put("source", "arn:b").build();
        assertThat(Differ.diff(standalone, replica, DB, List.of())).singleElement().satisfies(c -> assertThat(c.forcesReplacement()).isTrue());
        assertThat(Differ.diff(replica, other, DB, List.of())).singleElement().satisfies(c -> assertThat(c.forcesReplacement()).isTrue());
    }
}
