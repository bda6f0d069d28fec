package io.lifeboat.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The machine shapes a platform may ask for, by cloud: GCP's Compute Engine machine types and
 * Cloud SQL tiers exactly (the predefined shapes of the families Lifeboat supports, and custom
 * shapes under GCP's rules), and, for AWS, the loose forms of EC2 instance types and RDS classes
 * plus a table of the common ones with their vCPUs and memory, so that a value of one cloud on a
 * stack of the other can be answered with the nearest equivalent.
 *
 * <p>Memory is in GiB (GCP's "GB" in its machine tables are GiB) and, in custom names, in MiB.
 */
final class MachineTypes {
    /** What a value names; {@link #cloud} is the cloud it belongs to. */
    enum Kind {
        GCE("gcp", "a Compute Engine machine type", "Compute Engine machine type", "a node pool"),
        CLOUD_SQL("gcp", "a Cloud SQL tier", "Cloud SQL tier", "the database"),
        EC2("aws", "an EC2 instance type", "EC2 instance type", "a node pool"),
        RDS("aws", "an RDS instance class", "RDS instance class", "the database");

        final String cloud;
        final String a;
        final String noun;
        final String user;

        Kind(String cloud, String a, String noun, String user) {
            this.cloud = cloud;
            this.a = a;
            this.noun = noun;
            this.user = user;
        }

        /** The machine kind a node pool ({@code database} false) or a database asks for on {@code cloud}. */
        static Kind of(String cloud, boolean database) {
            if ("gcp".equals(cloud)) return database ? CLOUD_SQL : GCE;
            return database ? RDS : EC2;
        }
    }

    /** A valid value with its vCPUs and memory; {@code shared} for shared-core and burstable shapes. */
    record Size(String name, Kind kind, double vcpus, double gib, boolean shared) {
        String describe() {
            String cpus = (vcpus == 1 ? "1 " : format(vcpus) + " ") + (shared ? "shared " : "") + (vcpus == 1 ? "vCPU" : "vCPUs");
            return cpus + ", " + format(gib) + " GiB";
        }
    }

    /** Why a value is refused ({@code message}, naming the value) and how to fix it. */
    record Refusal(String message, String fix) {
    }

    private static final Pattern AWS_INSTANCE = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z0-9]+");
    private static final Pattern AWS_DB_CLASS = Pattern.compile("db\\.[a-z][a-z0-9-]*\\.[a-z0-9]+");

    private static final Pattern PREDEFINED = Pattern.compile("([a-z][a-z0-9]*)-(standard|highmem|highcpu)-([0-9]{1,4})");
    private static final Pattern CUSTOM = Pattern.compile("(?:(n1|n2|n2d|e2)-)?custom-([0-9]{1,4})-([0-9]{1,8})(-ext)?");
    private static final Pattern E2_SHARED_CUSTOM = Pattern.compile("e2-custom-(micro|small|medium)-([0-9]{1,8})");
    private static final Pattern SQL_CUSTOM = Pattern.compile("db-custom-([0-9]{1,4})-([0-9]{1,8})");
    private static final Pattern SQL_PERF = Pattern.compile("db-perf-optimized-N-([0-9]{1,4})");
    /** Something shaped like a custom type whose prefix may be misspelt: PREFIX-VCPU-MIB[-ext]. */
    private static final Pattern CUSTOM_LIKE = Pattern.compile("(.+?)-([0-9]{1,4})-([0-9]{1,8})(-ext)?");

    private static final List<String> FAMILIES = List.of("n2", "e2", "n2d", "n4", "c3", "c3d", "c2d", "c2", "t2d", "t2a", "n1");
    /** family → class → vCPU counts offered, in the order of {@link #FAMILIES}. */
    private static final Map<String, Map<String, int[]>> SHAPES = new LinkedHashMap<>();
    /** GiB per vCPU of a family's class. */
    private static final Map<String, Double> RATIO = new LinkedHashMap<>();
    /** Shapes whose memory is not the family's ratio times the vCPUs. */
    private static final Map<String, Double> MEMORY_EXCEPTIONS = Map.of("n2-highmem-128", 864.0);

    /** The predefined Compute Engine machine types, preferred first. */
    private static final Map<String, Size> GCE = new LinkedHashMap<>();
    private static final Map<String, Size> CLOUD_SQL_NAMED = new LinkedHashMap<>();
    private static final int[] SQL_PERF_VCPUS = {2, 4, 8, 16, 32, 48, 64, 80, 96, 128};
    private static final Map<String, Size> EC2 = new LinkedHashMap<>();
    private static final Map<String, Size> RDS = new LinkedHashMap<>();

    /** The rules of a family of custom shapes. */
    private record CustomRules(String prefix, int[] vcpus, String vcpuRule, double minGibPerVcpu, double maxGibPerVcpu,
                               int minMib, int maxMib, int extendedMaxMib) {
        boolean extended() {
            return extendedMaxMib > 0;
        }

        String name(int vcpus, int mib, boolean ext) {
            return prefix + vcpus + "-" + mib + (ext ? "-ext" : "");
        }

        int lowest(int vcpus) {
            return roundUp256(Math.max(minMib, Math.ceil(vcpus * minGibPerVcpu * 1024)));
        }

        int highest(int vcpus, boolean ext) {
            if (ext) return extendedMaxMib;
            return roundDown256(Math.min(maxMib, vcpus * maxGibPerVcpu * 1024));
        }
    }

    private static final Map<String, CustomRules> CUSTOM_RULES = new LinkedHashMap<>();
    private static final CustomRules SQL_RULES = new CustomRules("db-custom-", oneOrEven(96), "1 or an even number from 2 to 96",
            0.9, 6.5, 3840, Integer.MAX_VALUE, 0);

    static {
        shapes("e2", "standard", 4, 2, 4, 8, 16, 32);
        shapes("e2", "highmem", 8, 2, 4, 8, 16);
        shapes("e2", "highcpu", 1, 2, 4, 8, 16, 32);
        shapes("n1", "standard", 3.75, 1, 2, 4, 8, 16, 32, 64, 96);
        shapes("n1", "highmem", 6.5, 2, 4, 8, 16, 32, 64, 96);
        shapes("n1", "highcpu", 0.9, 2, 4, 8, 16, 32, 64, 96);
        shapes("n2", "standard", 4, 2, 4, 8, 16, 32, 48, 64, 80, 96, 128);
        shapes("n2", "highmem", 8, 2, 4, 8, 16, 32, 48, 64, 80, 96, 128);
        shapes("n2", "highcpu", 1, 2, 4, 8, 16, 32, 48, 64, 80, 96);
        shapes("n2d", "standard", 4, 2, 4, 8, 16, 32, 48, 64, 80, 96, 128, 224);
        shapes("n2d", "highmem", 8, 2, 4, 8, 16, 32, 48, 64, 80, 96);
        shapes("n2d", "highcpu", 1, 2, 4, 8, 16, 32, 48, 64, 80, 96, 128, 224);
        shapes("c2", "standard", 4, 4, 8, 16, 30, 60);
        for (String c : new String[] {"standard", "highcpu", "highmem"}) {
            double r = c.equals("standard") ? 4 : c.equals("highcpu") ? 2 : 8;
            shapes("c2d", c, r, 2, 4, 8, 16, 32, 56, 112);
            shapes("c3", c, r, 4, 8, 22, 44, 88, 176, 192);
            shapes("c3d", c, r, 4, 8, 16, 30, 60, 90, 180, 360);
            shapes("n4", c, r, 2, 4, 8, 16, 32, 48, 64, 80);
        }
        shapes("t2d", "standard", 4, 1, 2, 4, 8, 16, 32, 48, 60);
        shapes("t2a", "standard", 4, 1, 2, 4, 8, 16, 32, 48);
        for (String family : FAMILIES) {
            for (Map.Entry<String, int[]> e : SHAPES.get(family).entrySet()) {
                for (int n : e.getValue()) {
                    String name = family + "-" + e.getKey() + "-" + n;
                    double gib = MEMORY_EXCEPTIONS.getOrDefault(name, RATIO.get(family + "-" + e.getKey()) * n);
                    GCE.put(name, new Size(name, Kind.GCE, n, gib, false));
                }
            }
        }
        shared(GCE, Kind.GCE, "e2-micro", 2, 1);
        shared(GCE, Kind.GCE, "e2-small", 2, 2);
        shared(GCE, Kind.GCE, "e2-medium", 2, 4);
        shared(GCE, Kind.GCE, "f1-micro", 1, 0.6);
        shared(GCE, Kind.GCE, "g1-small", 1, 1.7);

        CUSTOM_RULES.put("n1", new CustomRules("custom-", oneOrEven(96), "1 or an even number up to 96", 0.9, 6.5, 0,
                Integer.MAX_VALUE, 624 * 1024));
        CUSTOM_RULES.put("n2", new CustomRules("n2-custom-", concat(range(2, 32, 2), range(36, 128, 4)),
                "an even number up to 32, or a multiple of 4 from 36 to 128", 0.5, 8, 0, Integer.MAX_VALUE, 864 * 1024));
        CUSTOM_RULES.put("n2d", new CustomRules("n2d-custom-", new int[] {2, 4, 8, 16, 32, 48, 64, 80, 96},
                "2, 4, 8, 16, 32, 48, 64, 80 or 96", 0.5, 8, 0, Integer.MAX_VALUE, 768 * 1024));
        CUSTOM_RULES.put("e2", new CustomRules("e2-custom-", range(2, 32, 2), "an even number from 2 to 32", 0.5, 8, 0,
                128 * 1024, 0));

        shared(CLOUD_SQL_NAMED, Kind.CLOUD_SQL, "db-f1-micro", 1, 0.6);
        shared(CLOUD_SQL_NAMED, Kind.CLOUD_SQL, "db-g1-small", 1, 1.7);
        for (int n : SQL_PERF_VCPUS) {
            String name = "db-perf-optimized-N-" + n;
            CLOUD_SQL_NAMED.put(name, new Size(name, Kind.CLOUD_SQL, n, n == 128 ? 864 : 8.0 * n, false));
        }

        String[] large = {"large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"};
        for (String f : new String[] {"m6i", "m5", "r6i", "r5", "c6i", "c5", "m6g", "m7g", "r6g"}) {
            double ratio = f.startsWith("m") ? 4 : f.startsWith("r") ? 8 : 2;
            String[] sizes = f.equals("c5") ? new String[] {"large", "xlarge", "2xlarge", "4xlarge", "9xlarge", "12xlarge"} : large;
            for (String s : sizes) aws(EC2, Kind.EC2, f + "." + s, vcpusOf(s), ratio * vcpusOf(s), false);
        }
        for (String f : new String[] {"t3", "t4g"}) burstable(EC2, Kind.EC2, f + ".");
        for (String f : new String[] {"m6g", "m6i", "m5", "m7g", "r6g", "r6i", "r5", "r7g"}) {
            double ratio = f.startsWith("m") ? 4 : 8;
            for (String s : large) aws(RDS, Kind.RDS, "db." + f + "." + s, vcpusOf(s), ratio * vcpusOf(s), false);
        }
        for (String f : new String[] {"t3", "t4g"}) burstable(RDS, Kind.RDS, "db." + f + ".");
    }

    private MachineTypes() {
    }

    /**
     * Null when {@code value} is what {@code want} asks for; otherwise why not and the nearest
     * value of {@code want}'s cloud. AWS values are accepted in their loose form, as before.
     */
    static Refusal check(String value, Kind want) {
        if (valid(value, want)) return null;
        Size other = identify(value);
        if (other != null) {
            Size near = nearest(other, want);
            String where = other.kind.cloud.equals(want.cloud) ? "" : " (" + other.kind.cloud + ")";
            return new Refusal("'" + value + "' is " + other.kind.a + where + "; " + want.user + " of " + stack(want)
                    + " needs " + want.a, near == null ? "use " + example(want) : use(near));
        }
        switch (want) {
            case GCE -> {
                Refusal r = gceRules(value);
                if (r != null) return r;
            }
            case CLOUD_SQL -> {
                Refusal r = sqlRules(value);
                if (r != null) return r;
            }
            default -> {
            }
        }
        Kind looksLike = AWS_DB_CLASS.matcher(value).matches() ? Kind.RDS : AWS_INSTANCE.matcher(value).matches() ? Kind.EC2 : null;
        if (looksLike != null && !looksLike.cloud.equals(want.cloud)) {
            return new Refusal("'" + value + "' has the form of " + looksLike.a + " (" + looksLike.cloud + "), not " + want.a
                    + "; " + want.user + " of " + stack(want) + " needs " + want.a, "use " + example(want));
        }
        String typo = typo(value, want);
        String message = "'" + value + "' is not " + want.a
                + (want == Kind.GCE ? " of the families Lifeboat knows (" + String.join(", ", FAMILIES) + ")" : "");
        return new Refusal(message, typo != null ? "did you mean '" + typo + "'?" : "use " + example(want));
    }

    /** The valid value of {@code want} nearest to {@code from} by vCPUs and memory. */
    static Size nearest(Size from, Kind want) {
        Size best = null;
        double bestDistance = Double.MAX_VALUE;
        for (Size c : candidates(want, from)) {
            double d = Math.abs(Math.log(c.vcpus / from.vcpus)) + Math.abs(Math.log(c.gib / from.gib))
                    + (c.shared != from.shared ? 0.05 : 0);
            if (bare(c.name).equals(bare(from.name))) d -= 0.001; // m5.large for db.m5.large
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    /** The size of a valid value of any kind (AWS only for the shapes of the table), or null. */
    static Size identify(String value) {
        Size s = gce(value);
        if (s != null) return s;
        s = cloudSql(value);
        if (s != null) return s;
        s = EC2.get(value);
        return s != null ? s : RDS.get(value);
    }

    static boolean valid(String value, Kind want) {
        return switch (want) {
            case GCE -> gce(value) != null;
            case CLOUD_SQL -> cloudSql(value) != null;
            case EC2 -> AWS_INSTANCE.matcher(value).matches();
            case RDS -> AWS_DB_CLASS.matcher(value).matches();
        };
    }

    /** A valid Compute Engine machine type's size, or null. */
    static Size gce(String value) {
        Size s = GCE.get(value);
        if (s != null) return s;
        Matcher m = CUSTOM.matcher(value);
        if (m.matches()) {
            CustomRules rules = CUSTOM_RULES.get(m.group(1) == null ? "n1" : m.group(1));
            int vcpus = Integer.parseInt(m.group(2));
            int mib = Integer.parseInt(m.group(3));
            boolean ext = m.group(4) != null;
            if ((ext && !rules.extended()) || !broken(rules, vcpus, mib, ext).isEmpty()) return null;
            return new Size(value, Kind.GCE, vcpus, mib / 1024.0, false);
        }
        m = E2_SHARED_CUSTOM.matcher(value);
        if (m.matches()) {
            int[] range = e2SharedRange(m.group(1));
            int mib = Integer.parseInt(m.group(2));
            if (mib % 256 != 0 || mib < range[0] || mib > range[1]) return null;
            return new Size(value, Kind.GCE, 2, mib / 1024.0, true);
        }
        return null;
    }

    /** A valid Cloud SQL tier's size, or null. */
    static Size cloudSql(String value) {
        Size s = CLOUD_SQL_NAMED.get(value);
        if (s != null) return s;
        Matcher m = SQL_CUSTOM.matcher(value);
        if (!m.matches()) return null;
        int vcpus = Integer.parseInt(m.group(1));
        int mib = Integer.parseInt(m.group(2));
        return broken(SQL_RULES, vcpus, mib, false).isEmpty() ? new Size(value, Kind.CLOUD_SQL, vcpus, mib / 1024.0, false) : null;
    }

    // --- the rules a malformed GCP value breaks -------------------------------------------

    private static Refusal gceRules(String value) {
        Matcher m = PREDEFINED.matcher(value);
        if (m.matches() && SHAPES.containsKey(m.group(1))) {
            String family = m.group(1);
            String cls = m.group(2);
            int n = Integer.parseInt(m.group(3));
            int[] offered = SHAPES.get(family).get(cls);
            if (offered == null) {
                double ratio = cls.equals("highmem") ? 8 : cls.equals("highcpu") ? 2 : 4;
                Size near = nearestIn(family + "-", new Size(value, Kind.GCE, Math.max(n, 1), ratio * Math.max(n, 1), false));
                return new Refusal("'" + value + "' is not a Compute Engine machine type: " + family + " has no " + cls
                        + " shapes, only " + String.join(", ", SHAPES.get(family).keySet()), use(near));
            }
            Size near = GCE.get(family + "-" + cls + "-" + atLeast(offered, n));
            return new Refusal("'" + value + "' is not a Compute Engine machine type: " + family + "-" + cls + " comes with "
                    + list(offered) + " vCPUs", use(near));
        }
        m = CUSTOM.matcher(value);
        if (m.matches()) {
            String family = m.group(1) == null ? "n1" : m.group(1);
            return customRefusal(value, "a Compute Engine custom machine type", CUSTOM_RULES.get(family), family + " custom",
                    Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), m.group(4) != null);
        }
        m = E2_SHARED_CUSTOM.matcher(value);
        if (m.matches()) {
            int[] range = e2SharedRange(m.group(1));
            int mib = Math.min(Math.max(round256(Integer.parseInt(m.group(2))), range[0]), range[1]);
            String fixed = "e2-custom-" + m.group(1) + "-" + mib;
            return new Refusal("'" + value + "' is not a Compute Engine machine type: e2-custom-" + m.group(1)
                    + " takes a multiple of 256 MiB from " + range[0] + " to " + range[1] + " MiB", use(gce(fixed)));
        }
        return misspeltCustom(value, Kind.GCE);
    }

    private static Refusal sqlRules(String value) {
        Matcher m = SQL_CUSTOM.matcher(value);
        if (m.matches()) {
            return customRefusal(value, "a Cloud SQL tier", SQL_RULES, "a custom tier", Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(2)), false);
        }
        m = SQL_PERF.matcher(value);
        if (m.matches()) {
            int n = Integer.parseInt(m.group(1));
            return new Refusal("'" + value + "' is not a Cloud SQL tier: db-perf-optimized-N comes with " + list(SQL_PERF_VCPUS)
                    + " vCPUs", use(CLOUD_SQL_NAMED.get("db-perf-optimized-N-" + atLeast(SQL_PERF_VCPUS, n))));
        }
        return misspeltCustom(value, Kind.CLOUD_SQL);
    }

    /** PREFIX-VCPU-MIB whose prefix is a typo of a custom prefix: judged as that custom type. */
    private static Refusal misspeltCustom(String value, Kind want) {
        Matcher m = CUSTOM_LIKE.matcher(value);
        if (!m.matches()) return null;
        List<String> prefixes = new ArrayList<>();
        if (want == Kind.CLOUD_SQL) prefixes.add("db-custom");
        else for (CustomRules r : CUSTOM_RULES.values()) prefixes.add(r.prefix.substring(0, r.prefix.length() - 1));
        if (want == Kind.GCE) prefixes.add("n1-custom");
        String prefix = Suggestions.nearest(m.group(1), prefixes);
        if (prefix == null || prefix.equals(m.group(1))) return null;
        String corrected = prefix + "-" + m.group(2) + "-" + m.group(3) + (m.group(4) == null ? "" : m.group(4));
        Refusal r = check(corrected, want);
        String fix = r == null ? "did you mean '" + corrected + "'?" : r.fix();
        return new Refusal("'" + value + "' is not " + want.a + "; custom shapes are named " + prefix + "-VCPUS-MIB", fix);
    }

    private static Refusal customRefusal(String value, String what, CustomRules rules, String family, int vcpus, int mib, boolean ext) {
        if (ext && !rules.extended()) {
            String fixed = normalize(rules, vcpus, mib, false);
            return new Refusal("'" + value + "' is not " + what + ": " + family + " shapes have no extended memory (-ext)",
                    use(rules == SQL_RULES ? cloudSql(fixed) : gce(fixed)));
        }
        List<String> rules0 = broken(rules, vcpus, mib, ext);
        String fixed = normalize(rules, vcpus, mib, ext);
        Size size = rules == SQL_RULES ? cloudSql(fixed) : gce(fixed);
        String fix = use(size);
        String alternative = keepMemory(rules, vcpus, mib, ext);
        if (alternative != null && !alternative.equals(fixed)) fix += ", or " + alternative + " to keep the memory";
        return new Refusal("'" + value + "' is not " + what + ": " + String.join("; ", rules0), fix);
    }

    /** The rules of {@code rules} that VCPUS-MIB breaks, in words; empty when it is valid. */
    private static List<String> broken(CustomRules rules, int vcpus, int mib, boolean ext) {
        List<String> out = new ArrayList<>();
        boolean vcpusOk = contains(rules.vcpus, vcpus);
        if (!vcpusOk) out.add("the vCPUs must be " + rules.vcpuRule);
        if (mib % 256 != 0) out.add("the memory must be a multiple of 256 MiB");
        int n = vcpusOk ? vcpus : atLeast(rules.vcpus, vcpus);
        int low = rules.lowest(n);
        int high = rules.highest(n, ext);
        if (mib < low) {
            out.add("the memory must be at least " + format(rules.minGibPerVcpu) + " GiB per vCPU"
                    + (rules.minMib > 0 ? " and at least " + rules.minMib + " MiB" : "") + " (" + low + " MiB for " + vcpus(n) + ")");
        } else if (mib > high) {
            out.add(ext ? "extended memory goes up to " + rules.extendedMaxMib + " MiB"
                    : "the memory must be at most " + format(rules.maxGibPerVcpu) + " GiB per vCPU"
                            + (rules.maxMib < Integer.MAX_VALUE ? " and at most " + rules.maxMib + " MiB" : "")
                            + " (" + high + " MiB for " + vcpus(n) + ")"
                            + (rules.extended() ? " without -ext" : ""));
        }
        return out;
    }

    /** The nearest valid value: the vCPUs rounded up to an allowed count, the memory into its range. */
    private static String normalize(CustomRules rules, int vcpus, int mib, boolean ext) {
        int n = atLeast(rules.vcpus, vcpus);
        int m = Math.min(Math.max(round256(mib), rules.lowest(n)), rules.highest(n, ext));
        return rules.name(n, m, ext);
    }

    /** When the memory does not fit the vCPUs: a valid value with that memory (extended, or other vCPUs). */
    private static String keepMemory(CustomRules rules, int vcpus, int mib, boolean ext) {
        int m = round256(mib);
        int n = atLeast(rules.vcpus, vcpus);
        if (m >= rules.lowest(n) && m <= rules.highest(n, ext)) return null;
        if (!ext && rules.extended() && m > rules.highest(n, false) && m <= rules.highest(n, true)) return rules.name(n, m, true);
        String best = null;
        int bestGap = Integer.MAX_VALUE;
        for (int c : rules.vcpus) {
            if (m >= rules.lowest(c) && m <= rules.highest(c, false) && Math.abs(c - vcpus) < bestGap) {
                bestGap = Math.abs(c - vcpus);
                best = rules.name(c, m, false);
            }
        }
        return best;
    }

    // --- nearest and typos ---------------------------------------------------------------

    private static List<Size> candidates(Kind want, Size from) {
        return switch (want) {
            case GCE -> List.copyOf(GCE.values());
            case EC2 -> List.copyOf(EC2.values());
            case RDS -> List.copyOf(RDS.values());
            case CLOUD_SQL -> {
                List<Size> out = new ArrayList<>();
                for (int n : SQL_RULES.vcpus) {
                    int m = Math.min(Math.max(round256(from.gib * 1024), SQL_RULES.lowest(n)), SQL_RULES.highest(n, false));
                    out.add(new Size(SQL_RULES.name(n, m, false), Kind.CLOUD_SQL, n, m / 1024.0, false));
                }
                out.addAll(CLOUD_SQL_NAMED.values());
                yield out;
            }
        };
    }

    private static Size nearestIn(String prefix, Size from) {
        Size best = null;
        double bestDistance = Double.MAX_VALUE;
        for (Size c : GCE.values()) {
            if (!c.name.startsWith(prefix)) continue;
            double d = Math.abs(Math.log(c.vcpus / from.vcpus)) + Math.abs(Math.log(c.gib / from.gib));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    private static String typo(String value, Kind want) {
        java.util.Set<String> names = switch (want) {
            case GCE -> GCE.keySet();
            case CLOUD_SQL -> CLOUD_SQL_NAMED.keySet();
            case EC2 -> EC2.keySet();
            case RDS -> RDS.keySet();
        };
        String near = Suggestions.nearest(value, names);
        // machine names differ from one another by a character or two (n2-standard-4, n2-standard-8): a farther
        // name is another shape, not the one meant
        return near != null && Suggestions.distance(value.toLowerCase(Locale.ROOT), near) <= 2 ? near : null;
    }

    private static String example(Kind want) {
        return switch (want) {
            case GCE -> "a machine type such as n2-standard-4";
            case CLOUD_SQL -> "a Cloud SQL tier such as db-custom-4-16384";
            case EC2 -> "an EC2 instance type such as m5.xlarge";
            case RDS -> "an RDS instance class such as db.r6g.large";
        };
    }

    private static String stack(Kind want) {
        return (want.cloud.equals("aws") ? "an " : "a ") + want.cloud + " stack";
    }

    private static String vcpus(int n) {
        return n + (n == 1 ? " vCPU" : " vCPUs");
    }

    private static String use(Size s) {
        return "use " + s.name + " (" + s.describe() + "), the nearest " + s.kind.noun;
    }

    private static String bare(String name) {
        return name.startsWith("db.") ? name.substring(3) : name;
    }

    // --- tables and arithmetic -------------------------------------------------------------

    private static void shapes(String family, String cls, double gibPerVcpu, int... vcpus) {
        SHAPES.computeIfAbsent(family, f -> new LinkedHashMap<>()).put(cls, vcpus);
        RATIO.put(family + "-" + cls, gibPerVcpu);
    }

    private static void shared(Map<String, Size> into, Kind kind, String name, double vcpus, double gib) {
        into.put(name, new Size(name, kind, vcpus, gib, true));
    }

    private static void aws(Map<String, Size> into, Kind kind, String name, double vcpus, double gib, boolean shared) {
        into.put(name, new Size(name, kind, vcpus, gib, shared));
    }

    private static void burstable(Map<String, Size> into, Kind kind, String prefix) {
        aws(into, kind, prefix + "micro", 2, 1, true);
        aws(into, kind, prefix + "small", 2, 2, true);
        aws(into, kind, prefix + "medium", 2, 4, true);
        aws(into, kind, prefix + "large", 2, 8, true);
        aws(into, kind, prefix + "xlarge", 4, 16, true);
        aws(into, kind, prefix + "2xlarge", 8, 32, true);
    }

    /** large is 2 vCPUs, xlarge 4, Nxlarge 4N. */
    private static int vcpusOf(String size) {
        if (size.equals("large")) return 2;
        if (size.equals("xlarge")) return 4;
        return 4 * Integer.parseInt(size.substring(0, size.length() - "xlarge".length()));
    }

    private static int[] e2SharedRange(String size) {
        return switch (size) {
            case "micro" -> new int[] {1024, 2048};
            case "small" -> new int[] {2048, 4096};
            default -> new int[] {4096, 8192};
        };
    }

    private static int[] oneOrEven(int max) {
        return concat(new int[] {1}, range(2, max, 2));
    }

    private static int[] range(int from, int to, int step) {
        int[] out = new int[(to - from) / step + 1];
        for (int i = 0; i < out.length; i++) out[i] = from + i * step;
        return out;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static boolean contains(int[] values, int v) {
        for (int x : values) if (x == v) return true;
        return false;
    }

    /** The smallest of {@code values} (ascending) not below {@code n}, else the largest. */
    private static int atLeast(int[] values, int n) {
        for (int v : values) if (v >= n) return v;
        return values[values.length - 1];
    }

    private static String list(int[] values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) b.append(i == values.length - 1 ? " or " : ", ");
            b.append(values[i]);
        }
        return b.toString();
    }

    private static int round256(double mib) {
        return (int) Math.max(256, Math.round(mib / 256) * 256);
    }

    private static int roundUp256(double mib) {
        return (int) (Math.ceil(mib / 256) * 256);
    }

    private static int roundDown256(double mib) {
        return (int) (Math.floor(mib / 256) * 256);
    }

    static String format(double v) {
        if (v == Math.rint(v)) return Long.toString((long) v);
        String s = String.format(Locale.ROOT, "%.2f", v);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
