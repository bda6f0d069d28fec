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

    /** A region of the sim cloud, which offers the regions of every cloud it serves (AWS's and GCP's). */
    static final class SimRegion implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            java.util.Set<String> all = new java.util.LinkedHashSet<>();
            for (String cloud : CloudRegions.clouds()) {
                if (CloudRegions.exists(cloud, value)) return value;
                all.addAll(CloudRegions.regions(cloud));
            }
            String near = Suggestions.nearest(value, all);
            StringBuilder offers = new StringBuilder();
            for (String cloud : CloudRegions.clouds()) {
                offers.append(offers.length() == 0 ? "" : "; ").append(cloud).append(": ").append(String.join(", ", CloudRegions.regions(cloud)));
            }
            throw new TypeConversionException("unknown region '" + value + "'" + (near == null ? "" : " (did you mean " + near + "?)")
                    + "; the sim cloud offers the regions of " + offers);
        }
    }
}
