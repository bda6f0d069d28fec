package io.lifeboat.spec;

/**
 * A stack: one region's instance of a platform, primary or secondary in its pair.
 *
 * @param file         the stack file, relative to the repository root
 * @param platformFile the platform file, relative to the repository root
 * @param platform     the platform with this stack's overrides merged in
 * @param sources      where each value of the merged platform ({@code spec.network.cidr}, …) was written
 * @param stackSources where each value of the stack document ({@code spec.region}, …) was written
 * @param project      the GCP project the stack's resources live in (gcp only; null on aws)
 * @param requestsPerSecond the most API calls a second per provider and region; 0 for no limit
 * @param simSettings  settings for the sim provider ({@code latency}, {@code faults}); the
 *                     environment's LIFEBOAT_SIM_* variables win over them
 * @param program      the Pulumi Java project the stack runs instead of a platform spec (its
 *                     directory, relative to the repository root); null for a platform stack
 * @param programCheckout where the program's files are on disk when they are not the working
 *                     tree's (a commit's checkout: see {@link SpecSource#checkout}); null to run it from the working tree
 */
public record Stack(
        String name,
        String file,
        String platformFile,
        Role role,
        String pair,
        String cloud,
        String endpoint,
        String region,
        String project,
        Standby standby,
        String state,
        Platform platform,
        SourceMap sources,
        SourceMap stackSources,
        int requestsPerSecond,
        java.util.Map<String, String> simSettings,
        java.util.Map<String, String> kubernetes,
        String program,
        java.nio.file.Path programCheckout) {

    public Stack {
        simSettings = simSettings == null ? java.util.Map.of() : java.util.Map.copyOf(simSettings);
        kubernetes = kubernetes == null ? java.util.Map.of() : java.util.Map.copyOf(kubernetes);
    }

    /** The directory a program stack's program runs from: its checkout, else {@code program} in the working tree {@code workDir}. */
    public java.nio.file.Path programDir(java.nio.file.Path workDir) {
        return programCheckout != null ? programCheckout : workDir.resolve(program);
    }

    /** True when the stack runs a Pulumi program rather than a platform spec. */
    public boolean runsProgram() {
        return program != null;
    }

    public enum Role {
        PRIMARY, SECONDARY;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum Standby {
        HOT, WARM, PILOT_LIGHT, COLD;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        static Standby ofId(String id) {
            for (Standby s : values()) {
                if (s.id().equals(id)) return s;
            }
            return null;
        }
    }

    public boolean isSim() {
        return "sim".equals(endpoint);
    }
}
