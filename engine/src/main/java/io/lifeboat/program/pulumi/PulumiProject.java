package io.lifeboat.program.pulumi;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A Pulumi project directory as Pulumi's Java language host runs it: its {@code Pulumi.yaml}
 * names the project and {@code runtime: java}; {@code runtime.options.binary} names a jar to run
 * with {@code java -jar}; otherwise the directory is a Maven project, compiled and run with
 * {@code mvn compile exec:java}. What cannot be run is refused with the file and line.
 *
 * @param dir    the project directory
 * @param name   the project's name (URNs carry it)
 * @param binary the jar to run, relative to {@code dir}; null for a Maven project
 */
public record PulumiProject(Path dir, String name, String binary) {
    public static final String FILE = "Pulumi.yaml";

    /** A Pulumi.yaml that cannot be run: {@code where} is {@code file:line}. */
    public static final class Invalid extends RuntimeException {
        public Invalid(String where, String message, String fix) {
            super(where + ": " + message + (fix == null ? "" : "; " + fix));
        }
    }

    /** Reads {@code dir/Pulumi.yaml}; {@code shown} is how messages name the file (relative to the repository). */
    public static PulumiProject read(Path dir, String shown) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new Invalid(shown, "no " + FILE + " in the program's directory", "a Pulumi project directory holds a Pulumi.yaml with name: and runtime: java");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Invalid(shown, "cannot be read: " + e.getMessage(), null);
        }
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (RuntimeException e) {
            throw new Invalid(shown, "is not YAML: " + e.getMessage().lines().findFirst().orElse(""), null);
        }
        if (!(root instanceof MappingNode map)) throw new Invalid(shown + ":1", "must be a mapping with name: and runtime:", null);
        String name = text(map, "name", shown);
        if (name == null) throw new Invalid(shown + ":1", "the project has no name", "add name: <project>");
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw new Invalid(at(shown, value(map, "name")), "'" + name + "' is not a project name", "use letters, digits, '-', '_' and '.'");
        }
        Node runtime = value(map, "runtime");
        if (runtime == null) throw new Invalid(shown + ":1", "the project names no runtime", "add runtime: java");
        String runtimeName;
        String binary = null;
        if (runtime instanceof ScalarNode s) {
            runtimeName = s.getValue();
        } else if (runtime instanceof MappingNode r) {
            runtimeName = text(r, "name", shown);
            Node options = value(r, "options");
            if (options instanceof MappingNode o) {
                binary = text(o, "binary", shown);
                for (NodeTuple t : o.getValue()) {
                    String key = ((ScalarNode) t.getKeyNode()).getValue();
                    if (!List.of("binary", "use-executor").contains(key)) {
                        throw new Invalid(at(shown, t.getKeyNode()), "runtime option '" + key + "' is not one Lifeboat runs", "use binary: <jar>, or none for Maven");
                    }
                }
            }
        } else {
            throw new Invalid(at(shown, runtime), "runtime must be java or {name: java, options: {...}}", null);
        }
        if (!"java".equals(runtimeName)) {
            throw new Invalid(at(shown, runtime), "runtime '" + runtimeName + "' is not one Lifeboat runs", "Lifeboat runs pulumi-java programs: runtime: java");
        }
        if (binary != null) {
            if (!binary.endsWith(".jar")) throw new Invalid(at(shown, value((MappingNode) value((MappingNode) runtime, "options"), "binary")),
                    "binary '" + binary + "' is not a jar", "name the program's jar (built with its dependencies), or remove binary to run it with Maven");
        } else if (!Files.isRegularFile(dir.resolve("pom.xml"))) {
            throw new Invalid(at(shown, runtime), "the project has neither runtime.options.binary nor a pom.xml",
                    "name the program's jar in runtime.options.binary, or make the directory a Maven project");
        }
        return new PulumiProject(dir, name, binary);
    }

    /**
     * The project's own files under {@code dir}, relative to it with '/' separators, sorted: what
     * its build makes ({@code target/}, {@code build/}, {@code .gradle/}), {@code .git/} and
     * Lifeboat's own files (its state and sim under {@code .lifeboat/}, there when the project is
     * the repository's root) left out.
     */
    public static java.util.List<String> sourceFiles(Path dir) throws IOException {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (var files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String rel = dir.relativize(f).toString().replace('\\', '/');
                if (rel.startsWith("target/") || rel.startsWith("build/") || rel.startsWith(".gradle/") || rel.startsWith(".git/")
                        || rel.startsWith(".lifeboat/")) continue;
                out.add(rel);
            }
        }
        return out;
    }

    /**
     * The stack's own config, as Pulumi keeps it in {@code Pulumi.<stack>.yaml}: its
     * {@code config:} values, each key qualified by its namespace (the project's when it has
     * none), as strings (structured values as JSON). An encrypted ({@code secure:}) value is
     * refused: Lifeboat's secrets are the stack's, not Pulumi's.
     */
    public java.util.Map<String, String> stackConfig(String stack) {
        Path file = dir.resolve("Pulumi." + stack + ".yaml");
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        if (!Files.isRegularFile(file)) return out;
        String shown = dir.getFileName() + "/" + file.getFileName();
        Object doc;
        try {
            doc = new Yaml(new LoaderOptions()).load(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            throw new Invalid(shown, "cannot be read as YAML: " + e.getMessage().lines().findFirst().orElse(""), null);
        }
        if (!(doc instanceof java.util.Map<?, ?> top) || !(top.get("config") instanceof java.util.Map<?, ?> config)) return out;
        for (java.util.Map.Entry<?, ?> e : config.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (!key.contains(":")) key = name + ":" + key;
            Object v = e.getValue();
            if (v instanceof java.util.Map<?, ?> m && m.containsKey("secure")) {
                throw new Invalid(shown, key + " is encrypted by Pulumi (secure:)", "give it to Lifeboat as a secret of the stack instead");
            }
            try {
                out.put(key, v instanceof String str ? str : new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(v));
            } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
                throw new Invalid(shown, key + " cannot be passed to the program: " + x.getMessage(), null);
            }
        }
        return out;
    }

    private static Node value(MappingNode map, String key) {
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) return t.getValueNode();
        }
        return null;
    }

    private static String text(MappingNode map, String key, String shown) {
        Node v = value(map, key);
        if (v == null) return null;
        if (!(v instanceof ScalarNode s)) throw new Invalid(at(shown, v), key + " must be a string", null);
        return s.getValue();
    }

    private static String at(String shown, Node n) {
        return shown + ":" + (n.getStartMark().getLine() + 1);
    }
}
