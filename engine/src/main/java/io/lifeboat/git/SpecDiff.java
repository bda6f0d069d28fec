package io.lifeboat.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.lifeboat.spec.Diagnostics;
import io.lifeboat.spec.SpecSource;
import io.lifeboat.spec.YamlNode;
import io.lifeboat.spec.YamlReader;

/**
 * What a change does to the spec files, file by file and key by key: which files were added,
 * deleted or modified, and in a modified file which keys (as paths such as
 * {@code spec.network.cidr} or {@code spec.deployments[name=etl].image}, as plan diffs write them) were added, removed or
 * changed. Values are left out: the pull request shows them, and a summary must never carry a
 * secret.
 */
public final class SpecDiff {
    private SpecDiff() {
    }

    public enum Kind { ADDED, DELETED, MODIFIED }

    public record KeyChange(String path, Kind kind) {
    }

    public record FileChange(String path, Kind kind, List<KeyChange> keys) {
    }

    /** The files among {@code files} that differ between the two sources, in path order. */
    public static List<FileChange> between(SpecSource base, SpecSource head, Collection<String> files) throws IOException {
        List<FileChange> out = new ArrayList<>();
        for (String file : new TreeSet<>(files)) {
            byte[] before = bytes(base.read(file));
            byte[] after = bytes(head.read(file));
            if (before == null && after == null || before != null && after != null && Arrays.equals(before, after)) continue;
            Kind kind = before == null ? Kind.ADDED : after == null ? Kind.DELETED : Kind.MODIFIED;
            boolean yaml = file.endsWith(".yaml") || file.endsWith(".yml");
            // a program's other files (its code) are named as changed, not read as documents
            out.add(new FileChange(file, kind, kind == Kind.MODIFIED && yaml ? keys(file, before, after) : List.of()));
        }
        return out;
    }

    private static byte[] bytes(SpecSource.Lookup l) {
        return l instanceof SpecSource.Found f ? f.bytes() : null;
    }

    static List<KeyChange> keys(String file, byte[] before, byte[] after) {
        Map<String, String> a = flatten(file, before);
        Map<String, String> b = flatten(file, after);
        List<KeyChange> out = new ArrayList<>();
        TreeSet<String> all = new TreeSet<>(a.keySet());
        all.addAll(b.keySet());
        for (String k : all) {
            String x = a.get(k);
            String y = b.get(k);
            if (x == null) out.add(new KeyChange(k, Kind.ADDED));
            else if (y == null) out.add(new KeyChange(k, Kind.DELETED));
            else if (!x.equals(y)) out.add(new KeyChange(k, Kind.MODIFIED));
        }
        return out;
    }

    /** Every leaf of a document by its path; an unreadable document is one leaf, its bytes. */
    private static Map<String, String> flatten(String file, byte[] bytes) {
        Map<String, String> out = new LinkedHashMap<>();
        YamlNode root = new YamlReader().read(file, bytes, new Diagnostics());
        if (root == null) out.put("(document)", new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        else flatten(root, "", out);
        return out;
    }

    private static void flatten(YamlNode node, String path, Map<String, String> out) {
        if (node instanceof YamlNode.Scalar s) {
            out.put(path.isEmpty() ? "(document)" : path, s.type() + ":" + s.text());
        } else if (node instanceof YamlNode.Mapping m) {
            if (m.entries().isEmpty()) out.put(path, "{}");
            for (YamlNode.Entry e : m.entries()) flatten(e.value(), path.isEmpty() ? e.key().text() : path + "." + e.key().text(), out);
        } else if (node instanceof YamlNode.Sequence seq) {
            if (seq.items().isEmpty()) out.put(path, "[]");
            for (int i = 0; i < seq.items().size(); i++) {
                YamlNode item = seq.items().get(i);
                // Named items (node pools, deployments, peerings) are known by name, so an insertion does not shift the rest.
                String name = item instanceof YamlNode.Mapping m && m.get("name") instanceof YamlNode.Scalar n ? "name=" + n.text() : String.valueOf(i);
                flatten(item, path + "[" + name + "]", out);
            }
        }
    }
}
