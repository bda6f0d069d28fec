package io.lifeboat.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * A YAML value that remembers where it was written. Aliases are already expanded (shared, not
 * copied) and merge keys applied; keys are plain strings.
 */
public sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

    SourcePosition at();

    /** What a user would call this kind of value in an error message. */
    String describe();

    /** The kinds a scalar can resolve to, after YAML 1.2's core schema. */
    enum ScalarType { STRING, INT, FLOAT, BOOL, NULL }

    record Scalar(String text, ScalarType type, SourcePosition at) implements YamlNode {
        @Override
        public String describe() {
            return switch (type) {
                case STRING -> "string \"" + text + "\"";
                case INT, FLOAT -> "number " + text;
                case BOOL -> "boolean " + text;
                case NULL -> "null";
            };
        }

        public boolean isNull() {
            return type == ScalarType.NULL;
        }
    }

    record Sequence(List<YamlNode> items, SourcePosition at) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    record Entry(Scalar key, YamlNode value) {
    }

    record Mapping(List<Entry> entries, SourcePosition at) implements YamlNode {
        public Mapping {
            entries = List.copyOf(entries);
        }

        @Override
        public String describe() {
            return "a mapping";
        }

        public YamlNode get(String key) {
            Entry e = entry(key);
            return e == null ? null : e.value();
        }

        public Entry entry(String key) {
            for (Entry e : entries) {
                if (e.key().text().equals(key)) return e;
            }
            return null;
        }

        public List<String> keys() {
            List<String> keys = new ArrayList<>(entries.size());
            for (Entry e : entries) keys.add(e.key().text());
            return keys;
        }
    }
}
