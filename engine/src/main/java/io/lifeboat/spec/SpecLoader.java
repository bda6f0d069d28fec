package io.lifeboat.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads stacks and platforms from a {@link SpecSource}, validates them and binds the model.
 *
 * <p>Every problem of every file asked for is reported in one pass: the shape of each document,
 * then the meaning of each stack's merged platform, then the pairs. Files are read once.
 */
public final class SpecLoader {
    public static final String DEFAULT_STACKS = "stacks";
    private static final Shape.Obj STACK_WITHOUT_OVERRIDES = SpecSchema.STACK_DOCUMENT
            .req("spec", SpecSchema.STACK_SPEC.opt("overrides", new Shape.Any("checked once merged")));

    private final SpecSource source;
    private final YamlReader reader = new YamlReader();
    private final Map<String, Parsed> parsed = new HashMap<>();

    public SpecLoader(SpecSource source) {
        this.source = source;
    }

    /** A file read and checked against its kind's shape. */
    private record Parsed(String file, YamlNode.Mapping root, String kind, Diagnostics diagnostics, SourceMap sources) {
    }

    /**
     * Loads the given files and folders (repository-relative); an empty list means every file of
     * {@value #DEFAULT_STACKS}/.
     */
    public LoadResult load(List<String> paths) {
        try {
            return loadAll(paths.isEmpty() ? List.of(DEFAULT_STACKS) : paths);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private LoadResult loadAll(List<String> paths) throws IOException {
        Diagnostics diagnostics = new Diagnostics();
        List<String> files = new ArrayList<>();
        for (String p : paths) {
            if (source.isDirectory(p)) {
                List<String> yaml = yamlFiles(p);
                if (yaml.isEmpty()) {
                    diagnostics.error(DiagnosticCode.FILE_NOT_FOUND, SourcePosition.startOf(p),
                            "folder " + p + " holds no .yaml files", "name a stack file or a folder of them");
                }
                files.addAll(yaml);
            } else {
                files.add(p);
            }
        }

        List<Stack> stacks = new ArrayList<>();
        List<String> platformFiles = new ArrayList<>();
        for (String file : files) {
            Parsed doc = parse(file);
            diagnostics.addAll(doc.diagnostics());
            if (SpecSchema.STACK.equals(doc.kind())) {
                Stack stack = stack(doc, diagnostics);
                if (stack != null) stacks.add(stack);
            } else if (SpecSchema.PLATFORM.equals(doc.kind())) {
                platformFiles.add(file);
            }
        }

        Map<String, Platform> platforms = new LinkedHashMap<>();
        for (String file : platformFiles) {
            Parsed doc = parse(file);
            if (doc.root() == null) continue;
            Platform platform = SpecBinder.platform(name(doc), doc.root().get("spec"));
            new PlatformChecks(diagnostics, doc.sources(), null, null).check(platform);
            platforms.put(file, platform);
        }

        Map<String, Stack> known = new LinkedHashMap<>();
        Map<String, String> firstFile = new HashMap<>();
        for (Stack s : stacks) {
            if (s.name() == null) continue;
            String first = firstFile.putIfAbsent(s.name(), s.file());
            if (first != null) {
                diagnostics.error(DiagnosticCode.DUPLICATE_NAME, s.stackSources().at("metadata.name"),
                        "stack name '" + s.name() + "' is also used by " + first, "give each stack a name of its own");
            }
            known.putIfAbsent(s.name(), s);
        }
        for (Stack s : stacks) {
            if (s.pair() != null && !known.containsKey(s.pair())) {
                addSiblings(s.file(), known);
            }
        }
        StackChecks.pairs(stacks, known, diagnostics);
        return new LoadResult(List.copyOf(stacks), platforms, diagnostics);
    }

    /** Stacks in the same folder, read only to find a pair; their own findings are not reported. */
    private void addSiblings(String file, Map<String, Stack> known) throws IOException {
        for (String sibling : yamlFiles(parentOf(file))) {
            Parsed doc = parse(sibling);
            if (!SpecSchema.STACK.equals(doc.kind())) continue;
            Stack s = stack(doc, new Diagnostics());
            if (s != null && s.name() != null) known.putIfAbsent(s.name(), s);
        }
    }

    private Stack stack(Parsed doc, Diagnostics diagnostics) throws IOException {
        if (doc.root() == null) return null;
        YamlNode.Mapping spec = SpecBinder.map(doc.root(), "spec");
        String platformPath = SpecBinder.text(spec, "platform");
        String platformFile = null;
        Parsed platformDoc = null;
        if (platformPath != null) {
            platformFile = resolvePlatform(doc, platformPath, diagnostics);
            if (platformFile != null) {
                platformDoc = parse(platformFile);
                diagnostics.addAll(platformDoc.diagnostics());
                if (platformDoc.root() != null && !SpecSchema.PLATFORM.equals(platformDoc.kind())) {
                    diagnostics.error(DiagnosticCode.WRONG_DOCUMENT_KIND, doc.sources().at("spec.platform"),
                            platformFile + " is a " + platformDoc.kind() + " document, not a Platform",
                            "point platform: at the Platform spec, such as ../specs/platform.yaml");
                    platformDoc = null;
                    platformFile = null;
                }
            }
        }

        YamlNode overrides = spec == null ? null : spec.get("overrides");
        if (overrides != null && !(overrides instanceof YamlNode.Mapping)) {
            // Merging a non-mapping would replace the whole platform spec; report it as what it is.
            new ShapeValidator(diagnostics, doc.sources()).check(overrides, SpecSchema.PLATFORM_SPEC.partial(), "spec.overrides");
            overrides = null;
        }
        Platform platform = null;
        SourceMap merged = new SourceMap(SourcePosition.startOf(doc.file()));
        if (platformDoc != null && platformDoc.root() != null) {
            YamlNode platformSpec = platformDoc.root().get("spec");
            YamlNode mergedSpec = OverrideMerger.merge(platformSpec, overrides, SpecSchema.PLATFORM_SPEC);
            if (mergedSpec != null) {
                merged = new SourceMap(platformDoc.root().at());
                // Keys missing from the merged spec are reported where the platform document reports them.
                YamlNode.Entry specKey = platformDoc.root().entry("spec");
                new ShapeValidator(diagnostics, merged).check(mergedSpec, SpecSchema.PLATFORM_SPEC, "spec",
                        specKey == null ? mergedSpec.at() : specKey.key().at());
                platform = SpecBinder.platform(name(platformDoc), mergedSpec);
            }
        } else if (overrides != null) {
            new ShapeValidator(diagnostics, doc.sources()).check(overrides, SpecSchema.PLATFORM_SPEC.partial(), "spec.overrides");
        }

        ProgramAt program = program(doc, spec, platformPath, diagnostics);
        String cloud = SpecBinder.text(spec, "cloud");
        if (!CloudRegions.clouds().contains(cloud)) cloud = null; // reported by the shape check; nothing to compare
        Stack stack = new Stack(name(doc), doc.file(), platformFile,
                role(SpecBinder.text(spec, "role")), SpecBinder.text(spec, "pair"), cloud,
                SpecBinder.text(spec, "endpoint"), SpecBinder.text(spec, "region"), SpecBinder.text(spec, "project"),
                standby(SpecBinder.text(spec, "standby")), SpecBinder.text(spec, "state"), platform, merged, doc.sources(),
                SpecBinder.intOr(SpecBinder.map(spec, "limits"), "requestsPerSecond", 0), simSettings(SpecBinder.map(spec, "sim")),
                texts(SpecBinder.map(spec, "kubernetes"), "kubeconfig", "context"), program == null ? null : program.path(),
                program == null ? null : program.checkout());
        StackChecks.fields(stack, doc.sources(), diagnostics);
        if (platform != null) {
            new PlatformChecks(diagnostics, merged, cloud, stack.region()).check(platform);
        }
        return stack;
    }

    /**
     * The Pulumi project a stack runs ({@code program:}), relative to the repository root, with
     * its Pulumi.yaml checked; a stack names a platform or a program, not both nor neither. Null
     * for a platform stack, or when it was refused.
     */
    /** A stack's program: its path in the repository, and its checkout when it runs from one (a commit's), else null. */
    private record ProgramAt(String path, java.nio.file.Path checkout) {
    }

    private ProgramAt program(Parsed doc, YamlNode.Mapping spec, String platformPath, Diagnostics diagnostics) {
        if (spec == null) return null;
        String programPath = SpecBinder.text(spec, "program");
        if (programPath == null) {
            if (platformPath == null) {
                diagnostics.error(DiagnosticCode.MISSING_FIELD, doc.sources().at("spec"), "the stack names neither platform: nor program:",
                        "add platform: ../specs/platform.yaml, or program: <a Pulumi Java project directory>");
            }
            return null;
        }
        SourcePosition at = doc.sources().at("spec.program");
        if (platformPath != null) {
            diagnostics.error(DiagnosticCode.INVALID_VALUE, at, "the stack names both platform: and program:", "keep one: a stack runs a platform spec or a Pulumi program");
            return null;
        }
        String resolved = normalize(parentOf(doc.file()) + "/" + programPath);
        if (programPath.startsWith("/") || resolved.equals("..") || resolved.startsWith("../")) {
            diagnostics.error(DiagnosticCode.PATH_ESCAPES_REPOSITORY, at, "program path " + programPath + " leads outside the repository",
                    "keep the program inside the repository, so the commit that is applied holds it");
            return null;
        }
        java.nio.file.Path dir;
        try {
            dir = source.checkout(resolved);
        } catch (java.io.IOException e) {
            diagnostics.error(DiagnosticCode.INVALID_VALUE, at, "program " + resolved + " cannot be checked out of " + source.describe() + ": " + e.getMessage(),
                    "run this command on a checkout of the commit");
            return null;
        }
        if (dir == null) {
            diagnostics.error(DiagnosticCode.MISSING_FILE, at, "program " + resolved + " is no directory in " + source.describe(),
                    "point program: at a Pulumi Java project directory, relative to " + doc.file());
            return null;
        }
        try {
            io.lifeboat.program.pulumi.PulumiProject.read(dir, resolved + "/" + io.lifeboat.program.pulumi.PulumiProject.FILE);
        } catch (io.lifeboat.program.pulumi.PulumiProject.Invalid e) {
            diagnostics.error(DiagnosticCode.MISSING_FILE, at, e.getMessage(), "point program: at a Pulumi Java project directory, relative to " + doc.file());
            return null;
        }
        // a commit's program runs from its checkout (the working tree's own when it holds the same files)
        return new ProgramAt(resolved, source.root() != null ? null : dir);
    }

    private String resolvePlatform(Parsed stack, String platformPath, Diagnostics diagnostics) throws IOException {
        SourcePosition at = stack.sources().at("spec.platform");
        if (platformPath.startsWith("/") || platformPath.matches("[A-Za-z]:[\\\\/].*")) {
            diagnostics.error(DiagnosticCode.PATH_ESCAPES_REPOSITORY, at, "platform path " + platformPath + " is absolute",
                    "write it relative to " + stack.file() + ", such as ../specs/platform.yaml");
            return null;
        }
        String resolved = normalize(parentOf(stack.file()) + "/" + platformPath);
        if (resolved.equals("..") || resolved.startsWith("../")) {
            diagnostics.error(DiagnosticCode.PATH_ESCAPES_REPOSITORY, at,
                    "platform path " + platformPath + " leads outside the repository",
                    "keep the platform spec inside the repository, so the commit that is applied holds it");
            return null;
        }
        SpecSource.Lookup lookup = source.read(resolved);
        if (lookup instanceof SpecSource.Escapes escapes) {
            diagnostics.error(DiagnosticCode.PATH_ESCAPES_REPOSITORY, at,
                    "platform path " + platformPath + " is a link to " + escapes.target() + ", outside the repository",
                    "keep the platform spec inside the repository");
            return null;
        }
        if (lookup instanceof SpecSource.Missing && source.isDirectory(resolved)) {
            diagnostics.error(DiagnosticCode.MISSING_FILE, at, "platform spec " + FileProblems.isDirectory(resolved)
                    + " (in the " + source.describe() + ")", "name the platform spec file inside it; the path is relative to " + stack.file());
            return null;
        }
        if (lookup instanceof SpecSource.Missing) {
            List<String> candidates = new ArrayList<>();
            for (String f : yamlFiles(parentOf(resolved))) candidates.add(f.substring(f.lastIndexOf('/') + 1));
            String near = Suggestions.nearest(resolved.substring(resolved.lastIndexOf('/') + 1), candidates);
            diagnostics.error(DiagnosticCode.MISSING_FILE, at, "platform file " + resolved + " does not exist (in the "
                            + source.describe() + ")",
                    near != null ? "did you mean " + near + "?" : "the path is relative to " + stack.file());
            return null;
        }
        return resolved;
    }

    private Parsed parse(String file) throws IOException {
        Parsed cached = parsed.get(file);
        if (cached != null) return cached;
        Diagnostics d = new Diagnostics();
        SourceMap sources = new SourceMap(SourcePosition.startOf(file));
        Parsed result = new Parsed(file, null, null, d, sources);
        SpecSource.Lookup lookup = source.read(file);
        if (lookup instanceof SpecSource.Found found) {
            YamlNode root = reader.read(file, found.bytes(), d);
            if (root != null) result = classify(file, root, d, sources);
        } else if (lookup instanceof SpecSource.Escapes escapes) {
            d.error(DiagnosticCode.PATH_ESCAPES_REPOSITORY, SourcePosition.startOf(file),
                    file + " leads to " + escapes.target() + ", outside the repository", "keep specs inside the repository");
        } else {
            d.error(DiagnosticCode.FILE_NOT_FOUND, SourcePosition.startOf(file), FileProblems.noSuchFile(file) + " (in the " + source.describe() + ")",
                    "check the path");
        }
        parsed.put(file, result);
        return result;
    }

    private Parsed classify(String file, YamlNode root, Diagnostics d, SourceMap sources) {
        Parsed none = new Parsed(file, null, null, d, sources);
        if (!(root instanceof YamlNode.Mapping map)) {
            d.error(DiagnosticCode.WRONG_TYPE, root.at(), "a spec document must be a mapping, found " + root.describe(),
                    "start with apiVersion: " + SpecSchema.API_VERSION + " and kind: Platform or Stack");
            return none;
        }
        YamlNode apiVersion = map.get("apiVersion");
        if (apiVersion instanceof YamlNode.Scalar v && v.type() == YamlNode.ScalarType.STRING && !SpecSchema.API_VERSION.equals(v.text())) {
            // Another version's document has another shape: checking it against this one would only add noise.
            d.error(DiagnosticCode.UNSUPPORTED_API_VERSION, v.at(),
                    "apiVersion " + v.text() + " is not supported; this Lifeboat reads " + SpecSchema.API_VERSION,
                    "write apiVersion: " + SpecSchema.API_VERSION);
            return none;
        }
        YamlNode kindNode = map.get("kind");
        if (kindNode == null) {
            d.error(DiagnosticCode.MISSING_FIELD, map.at(), "the document has no kind", "add kind: Platform or kind: Stack");
            return none;
        }
        String kind = kindNode instanceof YamlNode.Scalar s && s.type() == YamlNode.ScalarType.STRING ? s.text() : null;
        Shape.Obj shape = kind == null ? null : SpecSchema.documentOf(kind);
        if (shape == null) {
            String near = kind == null ? null : Suggestions.nearest(kind, List.of(SpecSchema.PLATFORM, SpecSchema.STACK));
            d.error(DiagnosticCode.UNKNOWN_KIND, kindNode.at(),
                    "kind " + (kind != null ? "'" + kind + "'" : kindNode.describe()) + " is not a Lifeboat document kind",
                    near != null ? "did you mean '" + near + "'?" : "use kind: Platform or kind: Stack");
            return none;
        }
        new ShapeValidator(d, sources).check(map, SpecSchema.STACK.equals(kind) ? STACK_WITHOUT_OVERRIDES : shape, "");
        return new Parsed(file, map, kind, d, sources);
    }

    private List<String> yamlFiles(String dir) throws IOException {
        List<String> out = new ArrayList<>();
        for (String f : source.list(dir)) {
            if (f.endsWith(".yaml") || f.endsWith(".yml")) out.add(f);
        }
        return out;
    }

    private static String name(Parsed doc) {
        return SpecBinder.text(SpecBinder.map(doc.root(), "metadata"), "name");
    }

    private static Map<String, String> simSettings(YamlNode.Mapping sim) {
        return texts(sim, "latency", "faults");
    }

    private static Map<String, String> texts(YamlNode.Mapping m, String... keys) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : keys) {
            String v = SpecBinder.text(m, key);
            if (v != null) out.put(key, v);
        }
        return out;
    }

    private static Stack.Role role(String text) {
        if ("primary".equals(text)) return Stack.Role.PRIMARY;
        if ("secondary".equals(text)) return Stack.Role.SECONDARY;
        return null;
    }

    private static Stack.Standby standby(String text) {
        Stack.Standby s = text == null ? null : Stack.Standby.ofId(text);
        return s == null ? Stack.Standby.WARM : s;
    }

    static String parentOf(String file) {
        int slash = file.lastIndexOf('/');
        return slash < 0 ? "." : file.substring(0, slash);
    }

    static String normalize(String path) {
        String n = Path.of(path).normalize().toString().replace('\\', '/');
        return n.isEmpty() ? "." : n;
    }
}
