package io.lifeboat.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void parsesEachUnitAndCombinations() {
        assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(Durations.parse("6h")).isEqualTo(Duration.ofHours(6));
        assertThat(Durations.parse("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("1d2h3m4s")).isEqualTo(Duration.ofSeconds(86400 + 7200 + 180 + 4));
        assertThat(Durations.parse("0h15m")).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void refusesZeroAndWhatIsNoDuration() {
        for (String bad : new String[] {"0h", "0s", "0d0h", "", "6", "h", "6 hours", "6H", "1m1h", "-1h", "1.5h", "6hours"}) {
            assertThat(Durations.parse(bad)).as(bad).isNull();
        }
        assertThat(Durations.parse(null)).isNull();
        assertThat(Durations.parse("99999999999999999999d")).isNull();
    }

    @Test
    void formatsInTheLargestUnits() {
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(Durations.format(Duration.ofHours(48))).isEqualTo("2d");
        assertThat(Durations.format(Duration.ofSeconds(86400 + 61))).isEqualTo("1d1m1s");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
        for (String s : new String[] {"90s", "6h", "1d", "1h30m", "2d3h"}) {
            String canonical = Durations.format(Durations.parse(s));
            assertThat(Durations.parse(canonical)).as(s).isEqualTo(Durations.parse(s));
        }
    }

    @Test
    void theFormatRefusesWhatParseRefuses() {
        for (String s : new String[] {"6h", "1h30m", "0h15m", "90s"}) {
            assertThat(Formats.DURATION.pattern().matcher(s).matches()).as(s).isTrue();
        }
        for (String s : new String[] {"0h", "0d0h0m0s", "", "6 hours", "h"}) {
            assertThat(Formats.DURATION.pattern().matcher(s).matches()).as(s).isFalse();
        }
    }
}
