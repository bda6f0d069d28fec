package io.lifeboat.spec;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks on a stack's own fields, and between the two stacks of a pair. */
final class StackChecks {
    /** The bucket's region as a state URL declares it: S3's {@code ?region=}, GCS's {@code ?location=}. */
    private static final Pattern BUCKET_REGION = Pattern.compile("(?:s3://[^?]+\\?region=|gs://[^?]+\\?location=)([a-z0-9-]+)");

    private StackChecks() {
    }

    static void fields(Stack s, SourceMap src, Diagnostics d) {
        if (s.cloud() != null && s.region() != null && !CloudRegions.exists(s.cloud(), s.region())) {
            String near = Suggestions.nearest(s.region(), CloudRegions.regions(s.cloud()));
            d.error(DiagnosticCode.UNKNOWN_REGION, src.at("spec.region"), "'" + s.region() + "' is not a region of " + s.cloud(),
                    near != null ? "did you mean '" + near + "'?" : "use a region such as " + CloudRegions.regions(s.cloud()).iterator().next());
        }
        if (!"gcp".equals(s.cloud()) && s.cloud() != null && src.has("spec.project")) {
            d.warning(DiagnosticCode.IGNORED_FIELD, src.at("spec.project"), "project applies to a gcp stack; this one runs on " + s.cloud(),
                    "remove project");
        }
        if (s.role() == Stack.Role.PRIMARY && src.has("spec.standby")) {
            d.warning(DiagnosticCode.IGNORED_FIELD, src.at("spec.standby"), "standby applies to a secondary; this stack is primary",
                    "remove standby, or make the stack secondary");
        }
        if (s.standby() == Stack.Standby.HOT && s.program() != null && src.has("spec.standby")) {
            d.error(DiagnosticCode.NOT_FOR_PROGRAM, src.at("spec.standby"), "standby: hot makes the platform's database a live replica, and this "
                    + "stack runs a Pulumi program, whose database is its own",
                    "use standby: warm, and make the replica in the program (replicateSourceDb when lifeboat:posture is standby)");
        }
        if (s.state() != null && s.region() != null) {
            Matcher m = BUCKET_REGION.matcher(s.state());
            if (m.matches() && m.group(1).equals(s.region())) {
                d.warning(DiagnosticCode.STATE_IN_SAME_REGION, src.at("spec.state"),
                        "the state bucket is in " + s.region() + ", the region this stack protects: losing the region loses the state too",
                        "keep the state in another region, such as the pair's");
            }
        }
    }

    /**
     * Checks every pair among {@code stacks}; {@code known} also holds stacks that were read only
     * to find pairs (the other files of the same folder).
     */
    static void pairs(List<Stack> stacks, Map<String, Stack> known, Diagnostics d) {
        for (Stack s : stacks) {
            if (s.pair() == null || s.name() == null) continue; // a stack without a name was reported; it cannot be paired
            SourcePosition at = s.stackSources().at("spec.pair");
            if (s.pair().equals(s.name())) {
                d.error(DiagnosticCode.PAIR_NOT_RECIPROCAL, at, "stack '" + s.name() + "' names itself as its pair",
                        "name the other region's stack");
                continue;
            }
            Stack other = known.get(s.pair());
            if (other == null) {
                Set<String> others = new LinkedHashSet<>(known.keySet());
                others.remove(s.name()); // a stack's own name is no suggestion for its pair
                String near = Suggestions.nearest(s.pair(), others);
                d.error(DiagnosticCode.PAIR_NOT_FOUND, at,
                        "no stack named '" + s.pair() + "' next to " + s.file(),
                        near != null ? "did you mean '" + near + "'?" : "add the pair's stack file to the same folder");
                continue;
            }
            if (!s.name().equals(other.pair())) {
                d.error(DiagnosticCode.PAIR_NOT_RECIPROCAL, at,
                        "'" + s.pair() + "' (" + other.file() + ") pairs with " + (other.pair() == null ? "no stack" : "'" + other.pair() + "'")
                                + ", not with '" + s.name() + "'",
                        "set pair: " + s.name() + " in " + other.file());
            }
            if (s.region() != null && s.region().equals(other.region()) && s.cloud() != null && s.cloud().equals(other.cloud())) {
                d.error(DiagnosticCode.PAIR_SAME_REGION, s.stackSources().at("spec.region"),
                        "'" + s.name() + "' and its pair '" + other.name() + "' are both in " + s.region() + ": one outage takes both",
                        "put the pair in another region");
            }
            if (s.role() != null && s.role() == other.role()) {
                boolean primaries = s.role() == Stack.Role.PRIMARY;
                d.error(primaries ? DiagnosticCode.TWO_PRIMARIES : DiagnosticCode.TWO_SECONDARIES, s.stackSources().at("spec.role"),
                        "'" + s.name() + "' and its pair '" + other.name() + "' are both " + s.role().id(),
                        "make one stack primary and the other secondary");
            }
            if (s.cloud() != null && other.cloud() != null && !s.cloud().equals(other.cloud())) {
                d.error(DiagnosticCode.PAIR_MISMATCH, s.stackSources().at("spec.cloud"),
                        "'" + s.name() + "' runs on " + s.cloud() + " but its pair '" + other.name() + "' on " + other.cloud(),
                        "a pair restores backups across regions of one cloud; use the same cloud");
            }
            if (s.platformFile() != null && other.platformFile() != null && !s.platformFile().equals(other.platformFile())) {
                d.error(DiagnosticCode.PAIR_MISMATCH, s.stackSources().at("spec.platform"),
                        "'" + s.name() + "' uses " + s.platformFile() + " but its pair '" + other.name() + "' uses " + other.platformFile(),
                        "both stacks of a pair apply the same platform; differences go into overrides");
            }
            if (!java.util.Objects.equals(s.program(), other.program()) && (s.program() != null || other.program() != null)) {
                d.error(DiagnosticCode.PAIR_MISMATCH, s.stackSources().at(s.program() != null ? "spec.program" : "spec.platform"),
                        "'" + s.name() + "' runs " + (s.program() != null ? "program " + s.program() : "a platform spec") + " but its pair '" + other.name()
                                + "' runs " + (other.program() != null ? "program " + other.program() : "a platform spec"),
                        "both stacks of a pair run the same program; what differs by region comes from lifeboat's config (lifeboat:role, lifeboat:posture)");
            }
            Cidr mine = s.platform() == null ? null : s.platform().network().cidr();
            Cidr theirs = other.platform() == null ? null : other.platform().network().cidr();
            if (mine != null && theirs != null && mine.overlaps(theirs)) {
                d.error(DiagnosticCode.CIDR_OVERLAP, s.sources().at("spec.network.cidr"),
                        "network " + mine + " of '" + s.name() + "' overlaps " + theirs + " of its pair '" + other.name() + "'",
                        "give each region its own block in the stacks' overrides, e.g. network: { cidr: 10.20.0.0/16 }");
            }
        }
    }
}
