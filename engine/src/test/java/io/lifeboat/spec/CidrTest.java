package io.lifeboat.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CidrTest {

    @Test
    void parsesABlock() {
        Cidr c = Cidr.parse("10.10.0.0/16");
        assertThat(c).isNotNull();
        assertThat(c.address()).isEqualTo((10L << 24) | (10L << 16));
        assertThat(c.prefix()).isEqualTo(16);
        assertThat(c.size()).isEqualTo(65536);
        assertThat(c).hasToString("10.10.0.0/16");
        assertThat(Cidr.parse("0.0.0.0/0")).hasToString("0.0.0.0/0");
        assertThat(Cidr.parse("255.255.255.255/32")).hasToString("255.255.255.255/32");
    }

    @Test
    void refusesWhatIsNoBlock() {
        for (String bad : new String[] {"10.10.0.0", "10.10.0/16", "256.0.0.0/8", "10.10.0.0/33", "10.10.0.0/",
                "010.10.0.0/16", "10.10.0.0/016", " 10.10.0.0/16", "10.10.0.0.0/16", "a.b.c.d/8", "", "fd00::/8"}) {
            assertThat(Cidr.parse(bad)).as(bad).isNull();
        }
        assertThat(Cidr.parse(null)).isNull();
    }

    @Test
    void knowsCanonicalBlocks() {
        assertThat(Cidr.parse("10.10.0.0/16").isCanonical()).isTrue();
        Cidr hostBits = Cidr.parse("10.10.0.1/16");
        assertThat(hostBits.isCanonical()).isFalse();
        assertThat(hostBits.canonical()).hasToString("10.10.0.0/16");
        assertThat(Cidr.parse("10.10.0.1/32").isCanonical()).isTrue();
        assertThat(Cidr.parse("10.10.0.0/15").isCanonical()).isTrue();
        assertThat(Cidr.parse("10.11.0.0/15").isCanonical()).isFalse();
        assertThat(Cidr.parse("10.11.0.0/15").canonical()).hasToString("10.10.0.0/15");
        assertThat(Cidr.parse("1.2.3.4/0").canonical()).hasToString("0.0.0.0/0");
    }

    @Test
    void overlapsWhenOneHoldsTheOther() {
        Cidr net = Cidr.parse("10.10.0.0/16");
        assertThat(net.overlaps(Cidr.parse("10.10.0.0/16"))).isTrue();
        assertThat(net.overlaps(Cidr.parse("10.10.128.0/17"))).isTrue();
        assertThat(Cidr.parse("10.10.128.0/17").overlaps(net)).isTrue();
        assertThat(net.overlaps(Cidr.parse("10.0.0.0/8"))).isTrue();
        assertThat(net.overlaps(Cidr.parse("0.0.0.0/0"))).isTrue();
        assertThat(net.overlaps(Cidr.parse("10.11.0.0/16"))).isFalse();
        assertThat(net.overlaps(Cidr.parse("10.9.255.0/24"))).isFalse();
        assertThat(net.overlaps(Cidr.parse("172.20.0.0/16"))).isFalse();
    }

    @Test
    void splitsIntoEqualBlocksInOrder() {
        assertThat(Cidr.parse("10.10.0.0/16").split(2)).extracting(Cidr::toString)
                .containsExactly("10.10.0.0/18", "10.10.64.0/18", "10.10.128.0/18", "10.10.192.0/18");
        assertThat(Cidr.parse("10.10.0.0/16").split(0)).extracting(Cidr::toString).containsExactly("10.10.0.0/16");
        assertThat(Cidr.parse("10.10.0.7/29").split(1)).extracting(Cidr::toString).containsExactly("10.10.0.0/30", "10.10.0.4/30");
        assertThatThrownBy(() -> Cidr.parse("10.10.0.0/30").split(3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void knowsPrivateRanges() {
        for (String p : new String[] {"10.0.0.0/8", "10.10.0.0/16", "172.16.0.0/12", "172.31.255.0/24", "192.168.0.0/16",
                "192.168.1.0/24", "100.64.0.0/10", "100.127.0.0/16"}) {
            assertThat(Cidr.parse(p).isPrivate()).as(p).isTrue();
        }
        for (String p : new String[] {"10.0.0.0/7", "172.32.0.0/16", "172.0.0.0/8", "192.169.0.0/16", "8.8.8.0/24",
                "100.128.0.0/16", "0.0.0.0/0"}) {
            assertThat(Cidr.parse(p).isPrivate()).as(p).isFalse();
        }
    }

    @Test
    void refusesAnImpossiblePrefix() {
        assertThatThrownBy(() -> new Cidr(0, 33)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Cidr(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
