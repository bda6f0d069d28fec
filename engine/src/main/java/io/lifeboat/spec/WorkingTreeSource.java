package io.lifeboat.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Spec files as they are on disk, below a repository root. */
public final class WorkingTreeSource implements SpecSource {
    private final Path root;

    public WorkingTreeSource(Path root) throws IOException {
        this.root = root.toRealPath();
    }

    /** The top of the git work tree that holds {@code start}, or {@code start} itself outside git. */
    public static Path findRoot(Path start) {
        Path dir = start.toAbsolutePath().normalize();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) return p;
        }
        return dir;
    }

    @Override
    public Path root() {
        return root;
    }

    @Override
    public String describe() {
        return "working tree " + root;
    }

    @Override
    public Lookup read(String path) throws IOException {
        Path p = root.resolve(path).normalize();
        if (!p.startsWith(root)) return new Escapes(p.toString());
        if (!Files.isRegularFile(p)) return new Missing();
        Path real = p.toRealPath();
        if (!real.startsWith(root)) return new Escapes(real.toString());
        if (Files.size(real) > YamlReader.MAX_BYTES) {
            // Read no more than one byte past the limit: the reader reports the size.
            try (var in = Files.newInputStream(real)) {
                return new Found(in.readNBytes(YamlReader.MAX_BYTES + 1));
            }
        }
        return new Found(Files.readAllBytes(real));
    }

    @Override
    public List<String> list(String dir) throws IOException {
        Path d = root.resolve(dir).normalize();
        List<String> out = new ArrayList<>();
        if (!d.startsWith(root) || !Files.isDirectory(d)) return out;
        try (Stream<Path> s = Files.list(d)) {
            s.filter(Files::isRegularFile).forEach(p -> out.add(relative(p)));
        }
        out.sort(null);
        return out;
    }

    @Override
    public boolean isDirectory(String path) {
        Path d = root.resolve(path).normalize();
        return d.startsWith(root) && Files.isDirectory(d);
    }

    /** The repository-relative form of a path on disk; null when it lies outside the repository. */
    public String relative(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        if (!abs.startsWith(root)) {
            try {
                Path parent = abs.getParent() == null ? abs : abs.getParent().toRealPath();
                abs = parent.resolve(abs.getFileName().toString());
            } catch (IOException e) {
                return null;
            }
            if (!abs.startsWith(root)) return null;
        }
        String rel = root.relativize(abs).toString().replace('\\', '/');
        return rel.isEmpty() ? "." : rel;
    }
}
