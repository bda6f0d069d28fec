package io.lifeboat.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The invalid-spec corpus under {@code src/test/resources/invalid/}. Each case is a folder laid
 * over a copy of the project's examples ({@code specs/}, {@code stacks/}): its files replace or
 * add to them. {@code expected.txt} lists the errors the load must report, one per line, as
 * {@code FILE:LINE:COLUMN CODE}; {@code args.txt}, when present, lists the paths to validate
 * (default: {@code stacks}).
 */
public final class SpecCorpus {
    public static final Path EXAMPLES = locate();
    public static final Path INVALID = EXAMPLES.resolve("engine/src/test/resources/invalid");

    private SpecCorpus() {
    }

    public record Case(String name, Path dir, List<String> args, Set<String> expected) {
        /** The files of the case, relative to the repository (those it replaces or adds). */
        public List<String> files() {
            List<String> out = new ArrayList<>();
            try (Stream<Path> s = Files.walk(dir)) {
                s.filter(Files::isRegularFile).forEach(p -> {
                    String rel = dir.relativize(p).toString().replace('\\', '/');
                    if (!rel.equals("expected.txt") && !rel.equals("args.txt")) out.add(rel);
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.sort(null);
            return out;
        }

        /** Builds the case's repository under {@code target}: the examples, then the case's files. */
        public Path materialize(Path target) throws IOException {
            copyTree(EXAMPLES.resolve("specs"), target.resolve("specs"));
            copyTree(EXAMPLES.resolve("stacks"), target.resolve("stacks"));
            for (String f : files()) {
                Path to = target.resolve(f);
                Files.createDirectories(to.getParent());
                Files.copy(dir.resolve(f), to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Files.createDirectories(target.resolve(".git"));
            return target;
        }
    }

    public static List<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(INVALID)) {
            for (Path dir : s.filter(Files::isDirectory).sorted().toList()) {
                Set<String> expected = new LinkedHashSet<>();
                for (String line : Files.readAllLines(dir.resolve("expected.txt"))) {
                    String t = line.strip();
                    if (!t.isEmpty() && !t.startsWith("#")) expected.add(t);
                }
                Path args = dir.resolve("args.txt");
                List<String> paths = Files.exists(args)
                        ? Files.readAllLines(args).stream().map(String::strip).filter(l -> !l.isEmpty()).toList()
                        : List.of();
                out.add(new Case(dir.getFileName().toString(), dir, paths, expected));
            }
        }
        return out;
    }

    /** "FILE:LINE:COLUMN CODE", the form of expected.txt. */
    public static String key(Diagnostic d) {
        return d.position() + " " + d.code().id();
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static Path locate() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("specs"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("cannot find the project's specs/ above " + Path.of("").toAbsolutePath());
        return p;
    }
}
