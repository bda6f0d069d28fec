package io.lifeboat.spec;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Checks a {@link YamlNode} against a {@link Shape}, reporting every mismatch with its position,
 * and records where each value stands ({@link SourceMap}) for the checks that come after.
 */
final class ShapeValidator {
    private final Diagnostics diagnostics;
    private final SourceMap sources;

    ShapeValidator(Diagnostics diagnostics, SourceMap sources) {
        this.diagnostics = diagnostics;
        this.sources = sources;
    }

    void check(YamlNode node, Shape shape, String path) {
        check(node, shape, path, node.at());
    }

    /** {@code owner} is where the key that holds this value stands: missing keys are reported there. */
    void check(YamlNode node, Shape shape, String path, SourcePosition owner) {
        sources.put(path, node.at());
        if (shape instanceof Shape.Obj o) {
            object(node, o, path, owner);
        } else if (shape instanceof Shape.ListOf l) {
            list(node, l, path);
        } else if (shape instanceof Shape.MapOf m) {
            map(node, m, path);
        } else if (shape instanceof Shape.Str s) {
            string(node, s, path);
        } else if (shape instanceof Shape.Int i) {
            integer(node, i, path);
        } else if (shape instanceof Shape.Bool) {
            bool(node, path);
        } else if (shape instanceof Shape.StrOrObj so) {
            if (node instanceof YamlNode.Mapping) object(node, so.object(), path, owner);
            else string(node, so.string(), path);
        } else if (shape instanceof Shape.Any) {
            // Shape.Any accepts everything: a raw resource's provider checks its properties. Their
            // positions are still recorded, for the references they hold.
            positions(node, path);
        }
    }

    private void positions(YamlNode node, String path) {
        sources.put(path, node.at());
        if (node instanceof YamlNode.Mapping m) {
            for (YamlNode.Entry e : m.entries()) positions(e.value(), child(path, e.key().text()));
        } else if (node instanceof YamlNode.Sequence s) {
            for (int i = 0; i < s.items().size(); i++) positions(s.items().get(i), path + "[" + i + "]");
        }
    }

    private void object(YamlNode node, Shape.Obj shape, String path, SourcePosition owner) {
        if (!(node instanceof YamlNode.Mapping map)) {
            wrongType(node, path, "a mapping with keys " + String.join(", ", shape.fields().keySet()),
                    node instanceof YamlNode.Scalar s && s.isNull() ? "write {} for an empty mapping, or remove the key" : "");
            return;
        }
        Set<String> misspelt = new HashSet<>();
        for (YamlNode.Entry e : map.entries()) {
            String key = e.key().text();
            Shape.Field field = shape.fields().get(key);
            if (field == null) {
                String near = Suggestions.nearest(key, shape.fields().keySet());
                diagnostics.error(DiagnosticCode.UNKNOWN_KEY, e.key().at(),
                        "unknown key '" + key + "' in " + where(path),
                        near != null ? "did you mean '" + near + "'?" : "valid keys: " + String.join(", ", shape.fields().keySet()));
                if (near != null) misspelt.add(near);
                continue;
            }
            check(e.value(), field.shape(), child(path, key), e.key().at());
        }
        for (Map.Entry<String, Shape.Field> f : shape.fields().entrySet()) {
            // A misspelt key already says what is missing; one finding is enough.
            if (f.getValue().required() && map.entry(f.getKey()) == null && !misspelt.contains(f.getKey())) {
                diagnostics.error(DiagnosticCode.MISSING_FIELD, owner,
                        where(path) + " is missing the required key '" + f.getKey() + "'",
                        "add " + f.getKey() + ": (" + f.getValue().shape().description() + ")");
            }
            Shape.When when = f.getValue().requiredWhen();
            if (when != null && map.entry(f.getKey()) == null && map.get(when.key()) instanceof YamlNode.Scalar s
                    && s.type() == YamlNode.ScalarType.STRING && s.text().equals(when.value())) {
                diagnostics.error(DiagnosticCode.MISSING_FIELD, owner,
                        where(path) + " is missing the key '" + f.getKey() + "', required when " + when.key() + " is " + when.value(),
                        "add " + f.getKey() + ": (" + f.getValue().shape().description() + ")");
            }
        }
    }

    private void list(YamlNode node, Shape.ListOf shape, String path) {
        if (!(node instanceof YamlNode.Sequence seq)) {
            wrongType(node, path, "a list", "write items as '- item' lines, or [] for none");
            return;
        }
        if (seq.items().size() < shape.minItems()) {
            diagnostics.error(DiagnosticCode.TOO_FEW_ITEMS, seq.at(),
                    where(path) + " has " + seq.items().size() + " items; at least " + shape.minItems() + " required",
                    "add " + shape.item().description().toLowerCase(java.util.Locale.ROOT));
        }
        Map<String, YamlNode> seenKeys = new HashMap<>();
        Set<String> seenValues = new HashSet<>();
        for (int i = 0; i < seq.items().size(); i++) {
            YamlNode item = seq.items().get(i);
            String itemPath = path + "[" + i + "]";
            check(item, shape.item(), itemPath, item.at());
            if (shape.uniqueKey() != null && item instanceof YamlNode.Mapping m
                    && m.get(shape.uniqueKey()) instanceof YamlNode.Scalar name && !name.isNull()) {
                YamlNode first = seenKeys.putIfAbsent(name.text(), name);
                if (first != null) {
                    diagnostics.error(DiagnosticCode.DUPLICATE_NAME, name.at(),
                            "'" + name.text() + "' is used twice in " + where(path) + "; first at line " + first.at().line(),
                            "give each item a name of its own");
                }
            }
            if (shape.uniqueItems() && item instanceof YamlNode.Scalar s && !seenValues.add(s.text())) {
                diagnostics.error(DiagnosticCode.DUPLICATE_VALUE, s.at(),
                        "'" + s.text() + "' appears twice in " + where(path), "remove the repeated item");
            }
        }
    }

    private void map(YamlNode node, Shape.MapOf shape, String path) {
        if (!(node instanceof YamlNode.Mapping map)) {
            wrongType(node, path, "a mapping", node instanceof YamlNode.Scalar s && s.isNull() ? "write {} for none, or remove the key" : "");
            return;
        }
        for (YamlNode.Entry e : map.entries()) {
            String key = e.key().text();
            if (shape.keyFormat() != null && !shape.keyFormat().pattern().matcher(key).matches()) {
                diagnostics.error(shape.keyFormat().code(), e.key().at(),
                        "'" + key + "' is not a valid key in " + where(path), "use " + shape.keyFormat().expected());
            }
            check(e.value(), shape.value(), child(path, key), e.key().at());
        }
    }

    private void string(YamlNode node, Shape.Str shape, String path) {
        if (!(node instanceof YamlNode.Scalar s) || s.type() != YamlNode.ScalarType.STRING) {
            String hint = node instanceof YamlNode.Scalar s2 && !s2.isNull()
                    ? "quote it: \"" + s2.text() + "\"" : "";
            wrongType(node, path, shape.allowed().isEmpty() ? "a string" : "one of " + String.join(", ", shape.allowed()), hint);
            return;
        }
        String value = s.text();
        if (!shape.allowed().isEmpty()) {
            if (!shape.allowed().contains(value)) {
                String near = Suggestions.nearest(value, shape.allowed());
                diagnostics.error(DiagnosticCode.INVALID_VALUE, s.at(),
                        "'" + value + "' is not a valid value for " + where(path) + "; expected one of " + String.join(", ", shape.allowed()),
                        near != null ? "did you mean '" + near + "'?" : "");
            }
            return;
        }
        StringFormat format = shape.format();
        if (format == null) {
            if (value.isBlank()) {
                diagnostics.error(DiagnosticCode.INVALID_VALUE, s.at(), where(path) + " is empty", "give it a value");
            }
            return;
        }
        if (!format.pattern().matcher(value).matches()) {
            diagnostics.error(format.code(), s.at(), "'" + value + "' is not valid for " + where(path), "use " + format.expected());
            return;
        }
        if (format.check() != null) {
            StringFormat.Problem p = format.check().apply(value);
            if (p != null) diagnostics.error(p.code(), s.at(), p.message(), p.hint());
        }
    }

    private void integer(YamlNode node, Shape.Int shape, String path) {
        if (!(node instanceof YamlNode.Scalar s) || s.type() != YamlNode.ScalarType.INT) {
            String hint = node instanceof YamlNode.Scalar s2 && s2.type() == YamlNode.ScalarType.STRING && s2.text().matches("-?[0-9]+")
                    ? "remove the quotes: " + s2.text() : "";
            wrongType(node, path, "a whole number from " + shape.min() + " to " + shape.max(), hint);
            return;
        }
        long value;
        try {
            value = Long.decode(s.text().startsWith("0o") ? "0" + s.text().substring(2) : s.text());
        } catch (NumberFormatException e) {
            value = Long.MAX_VALUE;
        }
        if (value < shape.min() || value > shape.max()) {
            sources.reject(path);
            diagnostics.error(DiagnosticCode.OUT_OF_RANGE, s.at(),
                    s.text() + " is out of range for " + where(path) + "; expected " + shape.min() + " to " + shape.max(), "");
        }
    }

    private void bool(YamlNode node, String path) {
        if (!(node instanceof YamlNode.Scalar s) || s.type() != YamlNode.ScalarType.BOOL) {
            wrongType(node, path, "true or false", "write true or false");
        }
    }

    private void wrongType(YamlNode node, String path, String expected, String hint) {
        sources.reject(path);
        diagnostics.error(DiagnosticCode.WRONG_TYPE, node.at(),
                where(path) + " must be " + expected + ", found " + node.describe(), hint);
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String where(String path) {
        return path.isEmpty() ? "the document" : path;
    }
}
