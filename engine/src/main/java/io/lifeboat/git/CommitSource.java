package io.lifeboat.git;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

import io.lifeboat.spec.SpecSource;
import io.lifeboat.spec.YamlReader;

/**
 * Spec files as a commit holds them, read from its tree without a checkout. Symbolic links are
 * followed inside the tree as the working tree follows them on disk; one that leads outside the
 * repository is reported as {@link SpecSource.Escapes}, like {@code ..} in a path.
 */
public final class CommitSource implements SpecSource {
    private static final int MAX_LINKS = 40;

    private final Repository repository;
    private final RevCommit commit;

    CommitSource(Repository repository, RevCommit commit) {
        this.repository = repository;
        this.commit = commit;
    }

    public RevCommit commit() {
        return commit;
    }

    @Override
    public String describe() {
        return "commit " + commit.abbreviate(7).name();
    }

    @Override
    public Lookup read(String path) throws IOException {
        try (ObjectReader reader = repository.newObjectReader()) {
            Resolved r = resolve(reader, path);
            if (r.escapes() != null) return new Escapes(r.escapes());
            if (r.mode() == null || !isFile(r.mode())) return new Missing();
            ObjectLoader loader = reader.open(r.id());
            if (loader.getSize() <= YamlReader.MAX_BYTES) return new Found(loader.getBytes());
            // Read no more than one byte past the limit: the reader reports the size.
            try (InputStream in = loader.openStream()) {
                return new Found(in.readNBytes(YamlReader.MAX_BYTES + 1));
            }
        }
    }

    @Override
    public List<String> list(String dir) throws IOException {
        List<String> out = new ArrayList<>();
        try (ObjectReader reader = repository.newObjectReader()) {
            Resolved d = resolve(reader, dir);
            if (d.mode() != FileMode.TREE) return out;
            String prefix = normalize(dir);
            try (TreeWalk walk = new TreeWalk(reader)) {
                walk.addTree(d.id());
                walk.setRecursive(false);
                while (walk.next()) {
                    String path = prefix.equals(".") ? walk.getNameString() : prefix + "/" + walk.getNameString();
                    FileMode mode = walk.getFileMode(0);
                    if (isFile(mode) || mode == FileMode.SYMLINK && isFile(resolve(reader, path).mode())) out.add(path);
                }
            }
        }
        out.sort(null);
        return out;
    }

    @Override
    public boolean isDirectory(String path) throws IOException {
        try (ObjectReader reader = repository.newObjectReader()) {
            return resolve(reader, path).mode() == FileMode.TREE;
        }
    }

    /** What a path leads to: an object and its mode, nothing (mode null), or a place outside the repository. */
    private record Resolved(ObjectId id, FileMode mode, String escapes) {
        static final Resolved NONE = new Resolved(null, null, null);
    }

    /** Walks the path one name at a time from the root tree, following links as a file system does. */
    private Resolved resolve(ObjectReader reader, String path) throws IOException {
        // '..' in the path itself is taken lexically, as the working tree takes it; in a link's target, physically.
        String normal = normalize(path);
        if (normal.equals("..") || normal.startsWith("../")) return new Resolved(null, null, normal);
        Deque<String> todo = new ArrayDeque<>(names(normal));
        List<String> done = new ArrayList<>();
        List<ObjectId> trees = new ArrayList<>();
        ObjectId tree = commit.getTree();
        trees.add(tree);
        int links = 0;
        while (!todo.isEmpty()) {
            String name = todo.pollFirst();
            if (name.isEmpty() || name.equals(".")) continue;
            if (name.equals("..")) {
                if (done.isEmpty()) return new Resolved(null, null, outside(todo));
                done.remove(done.size() - 1);
                trees.remove(trees.size() - 1);
                tree = trees.get(trees.size() - 1);
                continue;
            }
            TreeWalk entry = TreeWalk.forPath(reader, name, tree);
            if (entry == null) return Resolved.NONE;
            FileMode mode = entry.getFileMode(0);
            ObjectId id = entry.getObjectId(0);
            entry.close();
            if (mode == FileMode.SYMLINK) {
                if (++links > MAX_LINKS) return Resolved.NONE; // a loop of links
                String target = new String(reader.open(id).getBytes(), StandardCharsets.UTF_8);
                if (target.startsWith("/") || target.matches("[A-Za-z]:[\\\\/].*")) return new Resolved(null, null, target);
                List<String> parts = names(target);
                for (int i = parts.size() - 1; i >= 0; i--) todo.addFirst(parts.get(i));
                continue;
            }
            if (mode == FileMode.TREE) {
                done.add(name);
                tree = id;
                trees.add(tree);
                if (todo.isEmpty()) return new Resolved(id, mode, null);
                continue;
            }
            if (!isFile(mode)) return Resolved.NONE; // a submodule
            if (!todo.isEmpty()) {
                // Only "." and ".." may follow a file, and those fail on disk too.
                return Resolved.NONE;
            }
            return new Resolved(id, mode, null);
        }
        return new Resolved(tree, FileMode.TREE, null);
    }

    private static String outside(Deque<String> rest) {
        return "../" + String.join("/", rest);
    }

    private static boolean isFile(FileMode mode) {
        return mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE;
    }

    private static List<String> names(String path) {
        List<String> out = new ArrayList<>();
        for (String p : path.replace('\\', '/').split("/")) out.add(p);
        return out;
    }

    private static String normalize(String dir) {
        String n = java.nio.file.Path.of(dir).normalize().toString().replace('\\', '/');
        return n.isEmpty() ? "." : n;
    }
}
