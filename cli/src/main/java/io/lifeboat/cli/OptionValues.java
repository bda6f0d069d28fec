package io.lifeboat.cli;

import java.time.Duration;

import io.lifeboat.spec.CloudRegions;
import io.lifeboat.spec.Durations;
import io.lifeboat.spec.Suggestions;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converters that check option values as the command line is parsed, so that a bad value stops
 * the command, naming the option and a good value, before anything runs.
 */
final class OptionValues {
    private OptionValues() {
    }

    /** A count of things done at once: 1 or more. */
    static final class AtLeastOne implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int n;
            try {
                n = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a number; give 1 or more, e.g. --parallel 4");
            }
            if (n < 1) throw new TypeConversionException("must be 1 or more, not " + n + "; e.g. --parallel 4");
            return n;
        }
    }

    /** A duration as specs write it (30s, 5m, 1h30m); 0 for none. */
    static final class DurationValue implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            if (value.matches("0+[smhd]?")) return Duration.ZERO;
            Duration d = Durations.parse(value);
            if (d == null) throw new TypeConversionException("'" + value + "' is not a duration; give one such as 30s, 5m or 1h30m");
            return d;
        }
    }

    /** A region of the sim cloud, which offers AWS's regions. */
    static final class SimRegion implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (CloudRegions.exists("aws", value)) return value;
            String near = Suggestions.nearest(value, CloudRegions.regions("aws"));
            throw new TypeConversionException("unknown region '" + value + "'" + (near == null ? "" : " (did you mean " + near + "?)")
                    + "; the sim cloud offers AWS's regions: " + String.join(", ", CloudRegions.regions("aws")));
        }
    }
}
