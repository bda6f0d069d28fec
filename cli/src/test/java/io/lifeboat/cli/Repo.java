package io.lifeboat.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A throw-away copy of the project's example repository (specs/, stacks/) in which tests run
 * the lifeboat command in-process, with the sim cloud under its .lifeboat/.
 */
final class Repo {
    static final Path PROJECT = locate();
    final Path root;
    final Map<String, String> env = new HashMap<>();

    Repo(Path root) throws IOException {
        this(root, PROJECT);
    }

    /**
     * A copy of the example in {@code example} (the project's root, or a folder of examples/ such as
     * examples/gcp): its specs and stacks; of a Pulumi project (examples/pulumi-java), its
     * {@code Pulumi*.yaml} and its built jars too, as a user's copy of it has them.
     */
    Repo(Path root, Path example) throws IOException {
        this.root = root;
        if (Files.isDirectory(example.resolve("specs"))) copy(example.resolve("specs"), root.resolve("specs"));
        copy(example.resolve("stacks"), root.resolve("stacks"));
        if (Files.isRegularFile(example.resolve("Pulumi.yaml"))) {
            try (Stream<Path> s = Files.list(example)) {
                for (Path f : s.filter(f -> f.getFileName().toString().matches("Pulumi(\\..+)?\\.yaml")).toList()) Files.copy(f, root.resolve(f.getFileName()));
            }
            Path jars = example.resolve("target");
            if (Files.isDirectory(jars)) {
                Files.createDirectories(root.resolve("target"));
                try (Stream<Path> s = Files.list(jars)) {
                    for (Path jar : s.filter(f -> f.toString().endsWith(".jar")).toList()) Files.copy(jar, root.resolve("target").resolve(jar.getFileName()));
                }
            }
        }
        Files.createDirectories(root.resolve(".git"));
        env.put("LIFEBOAT_PASSPHRASE", "test-passphrase");
        env.put("WAREHOUSE_PASSWORD", "warehouse-Secret-42");
    }

    record Result(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(root, env, args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** Runs a command that must succeed; the failure message carries its output. */
    Result ok(String... args) {
        Result r = run(args);
        if (r.code() != 0) {
            throw new AssertionError("lifeboat " + String.join(" ", args) + " exited " + r.code() + ":\n" + r.all());
        }
        return r;
    }

    /**
     * Starts lifeboat with {@code args} in a child JVM (one a test can kill), on a slow cloud
     * (realistic latency ×0.2), its output into {@code child.log}, and returns once the log matches
     * {@code caught}, a regular expression (or the child ended, or a minute passed).
     */
    Process childCaughtAt(String caught, String... args) throws IOException, InterruptedException {
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(caught);
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.lifeboat.cli.Main"));
        command.addAll(List.of(args));
        Path log = root.resolve("child.log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        pb.environment().put("LIFEBOAT_SIM_LATENCY", "realistic");
        pb.environment().put("LIFEBOAT_SIM_LATENCY_SCALE", "0.2");
        Process child = pb.start();
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
        while (java.time.Instant.now().isBefore(deadline) && child.isAlive() && !pattern.matcher(Files.readString(log)).find()) Thread.sleep(20);
        return child;
    }

    void edit(String file, String from, String to) throws IOException {
        Path p = root.resolve(file);
        String text = Files.readString(p);
        if (!text.contains(from)) throw new IllegalArgumentException(file + " has no '" + from + "'");
        Files.writeString(p, text.replace(from, to));
    }

    String read(String file) throws IOException {
        return Files.readString(root.resolve(file), StandardCharsets.UTF_8);
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
    }

    private static Path locate() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("specs"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("cannot find specs/ above " + Path.of("").toAbsolutePath());
        return p;
    }
}
