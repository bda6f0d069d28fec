package io.lifeboat.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The example platform scaled to N Airflow deployments (about 14 resources each), run through
 * the real command line ({@code bin/lifeboat}, a JVM of its own per command) on the sim cloud
 * with latency off: validate, preview of the empty state, up, a no-op preview, refresh, a no-op
 * preview once the secondary is up too, and the failover after an outage of the primary's
 * region; each command's wall time and peak RSS (GNU time's maximum resident set), and the
 * checkpoint's size. Prints its figures; asserts nothing.
 *
 * <pre>bin/bench cli [--deployments 10,100,1000]</pre>
 */
public final class CliScaleBench {
    private static final Pattern RESOURCES = Pattern.compile("(\\d+) resources? unchanged");

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        Path repo = Path.of(a.getOrDefault("repo", ".")).toAbsolutePath();
        Path lifeboat = repo.resolve("bin/lifeboat");
        if (!Files.isRegularFile(repo.resolve("cli/target/lifeboat.jar"))) throw new IllegalStateException("build the cli first: mvn -B -q -DskipTests package");
        List<Integer> sizes = new ArrayList<>();
        for (String s : a.getOrDefault("deployments", "10,100,1000").split(",")) sizes.add(Integer.parseInt(s.trim()));

        Map<Integer, Map<String, String>> table = new LinkedHashMap<>();
        for (int n : sizes) {
            Path dir = Files.createTempDirectory("lifeboat-cli-scale-");
            copy(repo.resolve("specs"), dir.resolve("specs"));
            copy(repo.resolve("stacks"), dir.resolve("stacks"));
            Files.createDirectories(dir.resolve(".git"));
            Path platform = dir.resolve("specs/platform.yaml");
            Files.writeString(platform, withDeployments(Files.readString(platform), n));
            Map<String, String> row = new LinkedHashMap<>();
            row.put("validate", run(lifeboat, dir, "validate"));
            row.put("preview", run(lifeboat, dir, "preview", "--stack", "prod-use1"));
            row.put("up", run(lifeboat, dir, "up", "--stack", "prod-use1", "--yes"));
            row.put("preview, no changes", run(lifeboat, dir, "preview", "--stack", "prod-use1"));
            Matcher m = RESOURCES.matcher(lastOutput);
            int resources = m.find() ? Integer.parseInt(m.group(1)) : 0;
            row.put("refresh", run(lifeboat, dir, "refresh", "--stack", "prod-use1", "--yes"));
            run(lifeboat, dir, "up", "--stack", "prod-usw2", "--yes");
            // as in production, the pair has a state now: a preview reads its metadata (its role, whether it is lost)
            row.put("preview, no changes, both regions up", run(lifeboat, dir, "preview", "--stack", "prod-use1"));
            run(lifeboat, dir, "sim", "outage", "us-east-1");
            row.put("failover", run(lifeboat, dir, "failover", "--from", "prod-use1", "--to", "prod-usw2", "--yes"));
            long bytes = Files.size(dir.resolve(".lifeboat/state/prod-use1.json"));
            row.put("checkpoint", String.format("%.1f MB (%.1f KB a resource)", bytes / 1e6, resources == 0 ? 0 : bytes / 1e3 / resources));
            row.put("resources", String.valueOf(resources));
            table.put(n, row);
            System.err.printf("%d deployments done: %s%n", n, row);
        }
        System.out.printf("cli scale bench: the example platform with N deployments, sim cloud, latency off, java=%s cpus=%d%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        StringBuilder header = new StringBuilder("| command |");
        StringBuilder rule = new StringBuilder("|---|");
        for (int n : table.keySet()) {
            header.append(" ").append(n).append(" deployments (").append(table.get(n).get("resources")).append(" resources) |");
            rule.append("---|");
        }
        System.out.println(header);
        System.out.println(rule);
        for (String command : List.of("validate", "preview", "up", "preview, no changes", "refresh", "preview, no changes, both regions up", "failover",
                "checkpoint")) {
            StringBuilder line = new StringBuilder("| " + command + " |");
            for (Map<String, String> row : table.values()) line.append(" ").append(row.get(command)).append(" |");
            System.out.println(line);
        }
    }

    private static String lastOutput = "";

    /** Runs one command in its own JVM under GNU time; its wall time and peak RSS, e.g. {@code 1.52 s, 310 MB}. */
    private static String run(Path lifeboat, Path dir, String... args) throws Exception {
        Path rss = dir.resolve("rss.txt");
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "%M", "-o", rss.toString(), lifeboat.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("LIFEBOAT_PASSPHRASE", "bench-passphrase");
        pb.environment().put("WAREHOUSE_PASSWORD", "bench-warehouse-password");
        pb.environment().put("LIFEBOAT_SIM_LATENCY", "none");
        long start = System.nanoTime();
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.MINUTES)) throw new IllegalStateException("lifeboat " + String.join(" ", args) + " did not end");
        long nanos = System.nanoTime() - start;
        lastOutput = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) throw new IllegalStateException("lifeboat " + String.join(" ", args) + " exited " + p.exitValue() + ":\n" + lastOutput);
        long kb = Long.parseLong(Files.readString(rss).trim().lines().reduce((x, y) -> y).orElse("0").trim());
        return String.format("%.2f s, %d MB", nanos / 1e9, kb / 1024);
    }

    /** The platform spec with its deployments replaced by {@code n} made like the example's first (celery, env, an API key, an alert e-mail). */
    static String withDeployments(String spec, int n) {
        int start = spec.indexOf("  deployments:\n");
        int end = spec.indexOf("\n  resources:", start);
        if (start < 0 || end < 0) throw new IllegalStateException("the example spec has no deployments: list followed by resources:");
        StringBuilder d = new StringBuilder("  deployments:\n");
        for (int i = 0; i < n; i++) {
            String name = String.format("d%04d", i);
            d.append("    - name: ").append(name).append('\n')
                    .append("      runtime: 12.1.0\n")
                    .append("      executor: ").append(i % 2 == 0 ? "celery" : "kubernetes").append('\n')
                    .append("      image: etl:1.4.2\n")
                    .append("      env:\n        AIRFLOW__CORE__PARALLELISM: \"64\"\n        WAREHOUSE_PASSWORD: { secret: env:WAREHOUSE_PASSWORD }\n")
                    .append("      apiKeys:\n        - { name: ci, role: admin }\n")
                    .append("      alertEmails:\n        - oncall@example.com\n");
        }
        return spec.substring(0, start) + d.toString().stripTrailing() + spec.substring(end);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
    }
}
