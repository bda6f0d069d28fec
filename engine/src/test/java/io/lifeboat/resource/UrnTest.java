package io.lifeboat.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UrnTest {
    @Test
    void aUrnIsCutAtItsFirstThreeSeparatorsAndPrintsBackAsItWas() {
        String text = "urn:pulumi:prod-use1::data-platform::pulumi:pulumi:Stack$aws:ec2/vpc:Vpc::main";
        Urn u = Urn.parse(text);
        assertThat(u.stack()).isEqualTo("prod-use1");
        assertThat(u.project()).isEqualTo("data-platform");
        assertThat(u.qualifiedType()).isEqualTo("pulumi:pulumi:Stack$aws:ec2/vpc:Vpc");
        assertThat(u.type()).isEqualTo("aws:ec2/vpc:Vpc");
        assertThat(u.name()).isEqualTo("main");
        assertThat(u.toString()).isEqualTo(text);
        assertThat(Urn.parse("urn:pulumi:s::p::t::a::b").name()).as("a name may hold the separator").isEqualTo("a::b");
    }

    @Test
    void whatIsNoUrnIsRefused() {
        assertThatThrownBy(() -> Urn.parse("urn:pulumi:s::p::t")).hasMessageContaining("not a URN");
        assertThatThrownBy(() -> Urn.parse("arn:aws:s3:::bucket")).hasMessageContaining("not a URN");
    }
}
