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

    /**
     * The directory as the commit holds it: the working tree's own when every file the commit
     * has there is the same on disk, and the index tracks no other nor is any untracked file
     * there that git does not ignore (so what was built there, a
     * program's jar, is what the commit builds); else the commit's files written out under
     * {@code .lifeboat/checkouts/<tree id>/} in the working tree, once per tree (a later call
     * reuses it). Null when the commit has no such directory.
     */
    @Override
    public java.nio.file.Path checkout(String dir) throws IOException {
        try (ObjectReader reader = repository.newObjectReader()) {
            Resolved d = resolve(reader, dir);
            if (d.mode() != FileMode.TREE) return null;
            java.util.Map<String, ObjectId> files = new java.util.TreeMap<>();
            try (TreeWalk walk = new TreeWalk(reader)) {
                walk.addTree(d.id());
                walk.setRecursive(true);
                while (walk.next()) if (isFile(walk.getFileMode(0))) files.put(walk.getPathString(), walk.getObjectId(0));
            }
            java.io.File tree = repository.isBare() ? null : repository.getWorkTree();
            String prefix = normalize(dir);
            if (tree != null && sameOnDisk(tree.toPath().resolve(prefix), prefix, files)) return tree.toPath().resolve(prefix);
            java.nio.file.Path base = tree != null ? tree.toPath().resolve(".lifeboat/checkouts")
                    : java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "lifeboat-checkouts");
            java.nio.file.Path out = base.resolve(d.id().name()).resolve(java.nio.file.Path.of(prefix).getFileName().toString());
            if (java.nio.file.Files.isDirectory(out)) return out;
            // written beside, then moved into place: a checkout cut short is never taken for a whole one
            java.nio.file.Path scratch = java.nio.file.Files.createDirectories(base).resolve(d.id().name() + ".partial-" + ProcessHandle.current().pid());
            for (var f : files.entrySet()) {
                java.nio.file.Path target = scratch.resolve(out.getFileName()).resolve(f.getKey());
                java.nio.file.Files.createDirectories(target.getParent());
                java.nio.file.Files.write(target, reader.open(f.getValue()).getBytes());
            }
            java.nio.file.Files.createDirectories(out.getParent().getParent());
            try {
                java.nio.file.Files.move(scratch, out.getParent(), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
                // another run wrote the same tree first
            }
            return out;
        }
    }

    /** The files of a commit's directory are on disk as it has them, and the index tracks nothing else there. */
    private boolean sameOnDisk(java.nio.file.Path onDisk, String prefix, java.util.Map<String, ObjectId> files) throws IOException {
        if (!java.nio.file.Files.isDirectory(onDisk)) return false;
        try (org.eclipse.jgit.lib.ObjectInserter.Formatter hash = new org.eclipse.jgit.lib.ObjectInserter.Formatter()) {
            for (var f : files.entrySet()) {
                java.nio.file.Path file = onDisk.resolve(f.getKey());
                if (!java.nio.file.Files.isRegularFile(file)) return false;
                if (!hash.idFor(org.eclipse.jgit.lib.Constants.OBJ_BLOB, java.nio.file.Files.readAllBytes(file)).equals(f.getValue())) return false;
            }
        }
        org.eclipse.jgit.dircache.DirCache index = repository.readDirCache();
        String under = prefix.equals(".") ? "" : prefix + "/";
        for (int i = 0; i < index.getEntryCount(); i++) {
            String path = index.getEntry(i).getPathString();
            if (path.startsWith(under) && !files.containsKey(path.substring(under.length()))) return false;
        }
        // nor is anything there that git does not track and does not ignore (a source file not added yet)
        try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.wrap(repository)) {
            org.eclipse.jgit.api.StatusCommand status = git.status();
            if (!prefix.equals(".")) status.addPath(prefix);
            return status.call().getUntracked().isEmpty();
        } catch (org.eclipse.jgit.api.errors.GitAPIException e) {
            return false;
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
