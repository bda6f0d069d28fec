package io.lifeboat.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SuggestionsTest {

    @Test
    void suggestsTheNearestCandidate() {
        assertThat(Suggestions.nearest("cidrr", List.of("cidr", "zones"))).isEqualTo("cidr");
        assertThat(Suggestions.nearest("zone", List.of("cidr", "zones"))).isEqualTo("zones");
        assertThat(Suggestions.nearest("us-west-9", CloudRegions.regions("aws"))).isEqualTo("us-west-1");
        assertThat(Suggestions.nearest("kubernetesVersoin", List.of("kubernetesVersion", "nodePools"))).isEqualTo("kubernetesVersion");
    }

    @Test
    void ignoresCaseAndCountsATranspositionAsOneEdit() {
        assertThat(Suggestions.nearest("AWS", List.of("aws", "gcp"))).isEqualTo("aws");
        assertThat(Suggestions.nearest("Platfrom", List.of("Platform", "Stack"))).isEqualTo("Platform");
        assertThat(Suggestions.distance("nmae", "name")).isEqualTo(1);
        assertThat(Suggestions.distance("platfrom", "platform")).isEqualTo(1);
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
    }

    @Test
    void suggestsNothingWhenNothingIsClose() {
        assertThat(Suggestions.nearest("retentionDays", List.of("every", "retainDays", "copyToPair"))).isNull();
        assertThat(Suggestions.nearest("labels", List.of("apiVersion", "kind", "metadata", "spec"))).isNull();
        assertThat(Suggestions.nearest("anything", List.of())).isNull();
    }

    @Test
    void allowsMoreEditsForLongerWords() {
        // two edits are always allowed; a third only when both words have nine letters or more
        List<String> keys = List.of("instanceType", "nodePools", "kubernetesVersion");
        assertThat(Suggestions.nearest("nodPols", keys)).isEqualTo("nodePools");
        assertThat(Suggestions.nearest("nodPol", keys)).isNull();
        assertThat(Suggestions.nearest("instnceTp", keys)).isEqualTo("instanceType");
        assertThat(Suggestions.nearest("xyz", List.of("abc"))).isNull();
    }
}
