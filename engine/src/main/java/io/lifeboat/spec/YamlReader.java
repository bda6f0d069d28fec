package io.lifeboat.spec;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Turns the bytes of one spec file into a {@link YamlNode} tree that keeps positions.
 *
 * <p>SnakeYAML's parser gives the events; composing them here (rather than with SnakeYAML's
 * composer) lets every refusal carry a position: duplicate keys, aliases that expand too far or
 * into themselves, unknown tags. Scalars resolve after YAML 1.2's core schema, so {@code NO} and
 * {@code on} stay strings and {@code 2024-01-01} is not a date.
 */
public final class YamlReader {
    public static final int MAX_BYTES = 1 << 20;
    public static final int MAX_VALUES = 100_000;
    public static final int MAX_ALIASES = 200;
    public static final int MAX_DEPTH = 64;

    private static final Pattern INT = Pattern.compile("[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+");
    private static final Pattern FLOAT = Pattern.compile(
            "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.nan|\\.NaN|\\.NAN");
    private static final String YAML_TAG = "tag:yaml.org,2002:";

    /**
     * Reads the single document of {@code file}. Returns null when the file cannot be read as
     * YAML; the reasons are in {@code diagnostics}.
     */
    public YamlNode read(String file, byte[] bytes, Diagnostics diagnostics) {
        if (bytes.length > MAX_BYTES) {
            diagnostics.error(DiagnosticCode.DOCUMENT_TOO_LARGE, SourcePosition.startOf(file),
                    "the file has more than " + MAX_BYTES + " bytes, the most a spec may have",
                    "split it, or move bulky values (certificates, scripts) into files the spec references");
            return null;
        }
        String text = decode(file, bytes, diagnostics);
        if (text == null || !indentedWithSpaces(file, text, diagnostics)) {
            return null;
        }
        try {
            return new Composer(file, text, diagnostics).single();
        } catch (Stop stop) {
            return null;
        }
    }

    private static String decode(String file, byte[] bytes, Diagnostics diagnostics) {
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            out.flip();
            String valid = out.toString();
            diagnostics.error(DiagnosticCode.INVALID_UTF8, positionIn(file, valid, valid.length()),
                    String.format("byte 0x%02X at offset %d is not valid UTF-8", bytes[offset] & 0xff, offset),
                    "save the file as UTF-8");
            return null;
        }
        out.flip();
        return out.toString();
    }

    private static boolean indentedWithSpaces(String file, String text, Diagnostics diagnostics) {
        boolean ok = true;
        int line = 1;
        int i = 0;
        while (i < text.length()) {
            int col = 1;
            boolean content = false;
            int tabCol = 0;
            while (i < text.length() && text.charAt(i) != '\n') {
                char c = text.charAt(i);
                if (!content) {
                    if (c == '\t' && tabCol == 0) {
                        tabCol = col;
                    } else if (c != ' ' && c != '\t' && c != '\r') {
                        content = true;
                    }
                }
                col++;
                i++;
            }
            if (content && tabCol > 0) {
                diagnostics.error(DiagnosticCode.TAB_INDENTATION, new SourcePosition(file, line, tabCol),
                        "a tab is used for indentation; YAML allows only spaces there",
                        "replace the tab with spaces");
                ok = false;
            }
            i++;
            line++;
        }
        return ok;
    }

    static SourcePosition positionIn(String file, String text, int index) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < index && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new SourcePosition(file, line, col);
    }

    /** Thrown after the reason was reported, to stop composing. */
    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }

    private static final class Composer {
        private final String file;
        private final String text;
        private final Diagnostics diagnostics;
        private final Parser parser;
        private final Map<String, YamlNode> anchors = new HashMap<>();
        private final Map<String, Boolean> openAnchors = new HashMap<>();
        private final IdentityHashMap<YamlNode, Integer> sizes = new IdentityHashMap<>();
        /** Keys written as a plain {@code <<}: YAML merge keys, as opposed to a quoted "<<". */
        private final Set<YamlNode.Scalar> mergeKeys = Collections.newSetFromMap(new IdentityHashMap<>());
        private int values;
        private int aliases;

        Composer(String file, String text, Diagnostics diagnostics) {
            this.file = file;
            this.text = text;
            this.diagnostics = diagnostics;
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(MAX_BYTES);
            options.setProcessComments(false);
            this.parser = new ParserImpl(new StreamReader(text), options);
        }

        YamlNode single() {
            YamlNode root = null;
            boolean any = false;
            boolean broken = false;
            try {
                expect(Event.ID.StreamStart);
                while (!parser.checkEvent(Event.ID.StreamEnd)) {
                    Event start = parser.getEvent(); // DocumentStart
                    anchors.clear();
                    YamlNode doc = node(0);
                    expect(Event.ID.DocumentEnd);
                    boolean empty = doc instanceof YamlNode.Scalar s && s.isNull();
                    if (!empty && any) {
                        error(DiagnosticCode.MULTIPLE_DOCUMENTS, at(start.getStartMark()),
                                "the file holds more than one YAML document",
                                "put each document in a file of its own");
                    }
                    if (!empty && !any) {
                        root = doc;
                        any = true;
                    }
                }
            } catch (MarkedYAMLException e) {
                broken = true;
                Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
                String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
                error(DiagnosticCode.YAML_SYNTAX, mark == null ? SourcePosition.startOf(file) : at(mark),
                        "YAML syntax: " + oneLine(problem) + (e.getContext() != null ? " (" + oneLine(e.getContext()) + ")" : ""),
                        "check the indentation and quoting around this point");
            } catch (ReaderException e) {
                broken = true;
                error(DiagnosticCode.YAML_SYNTAX, positionIn(file, text, e.getPosition()),
                        String.format("character U+%04X may not appear in a YAML file", e.getCodePoint()),
                        "remove the control character");
            } catch (YAMLException e) {
                broken = true;
                error(DiagnosticCode.YAML_SYNTAX, SourcePosition.startOf(file), "YAML: " + oneLine(e.getMessage()), "");
            }
            if (!any && !broken) {
                error(DiagnosticCode.EMPTY_DOCUMENT, SourcePosition.startOf(file),
                        "the file holds no YAML document", "write a Platform or Stack document, or remove the file");
            }
            return root;
        }

        private void expect(Event.ID id) {
            Event e = parser.getEvent();
            if (!e.is(id)) {
                throw new YAMLException("expected " + id + " but found " + e.getEventId());
            }
        }

        private YamlNode node(int depth) {
            Event event = parser.getEvent();
            SourcePosition at = at(event.getStartMark());
            if (depth > MAX_DEPTH) {
                error(DiagnosticCode.ALIAS_LIMIT, at, "values are nested more than " + MAX_DEPTH + " levels deep",
                        "flatten the document");
                throw new Stop();
            }
            if (event instanceof AliasEvent alias) {
                return alias(alias, at);
            }
            String anchor = ((NodeEvent) event).getAnchor();
            YamlNode result;
            int size;
            if (event instanceof ScalarEvent scalar) {
                result = scalar(scalar, at);
                size = 1;
            } else if (event.is(Event.ID.SequenceStart)) {
                checkCollectionTag((CollectionStartEvent) event, "seq", at);
                open(anchor);
                List<YamlNode> items = new ArrayList<>();
                size = 1;
                while (!parser.checkEvent(Event.ID.SequenceEnd)) {
                    YamlNode item = node(depth + 1);
                    items.add(item);
                    size += sizeOf(item);
                }
                parser.getEvent();
                result = new YamlNode.Sequence(items, at);
            } else if (event.is(Event.ID.MappingStart)) {
                checkCollectionTag((CollectionStartEvent) event, "map", at);
                open(anchor);
                result = mapping(at, depth);
                size = 1;
                for (YamlNode.Entry e : ((YamlNode.Mapping) result).entries()) {
                    size += 1 + sizeOf(e.value());
                }
            } else {
                throw new YAMLException("unexpected " + event.getEventId());
            }
            sizes.put(result, size);
            if (anchor != null) {
                openAnchors.remove(anchor);
                anchors.put(anchor, result);
            }
            return result;
        }

        private void open(String anchor) {
            if (anchor != null) openAnchors.put(anchor, Boolean.TRUE);
        }

        private YamlNode alias(AliasEvent alias, SourcePosition at) {
            String name = alias.getAnchor();
            if (openAnchors.containsKey(name)) {
                error(DiagnosticCode.ALIAS_CYCLE, at, "alias *" + name + " refers to the value that contains it",
                        "a value cannot include itself; remove the alias");
                throw new Stop();
            }
            YamlNode target = anchors.get(name);
            if (target == null) {
                error(DiagnosticCode.UNDEFINED_ALIAS, at, "alias *" + name + " has no anchor &" + name + " before it",
                        "define &" + name + " earlier in the document");
                throw new Stop();
            }
            if (++aliases > MAX_ALIASES) {
                error(DiagnosticCode.ALIAS_LIMIT, at, "the document uses more than " + MAX_ALIASES + " aliases",
                        "write the values out, or use fewer anchors");
                throw new Stop();
            }
            count(sizeOf(target), at);
            return target;
        }

        /**
         * Counts the values an alias adds. Values written out are bounded by {@link #MAX_BYTES};
         * only aliases can multiply them (a "billion laughs").
         */
        private void count(int n, SourcePosition at) {
            values += n;
            if (values > MAX_VALUES) {
                error(DiagnosticCode.ALIAS_LIMIT, at, "aliases expand the document by more than " + MAX_VALUES + " values",
                        "aliases that refer to aliases multiply; write the values out instead");
                throw new Stop();
            }
        }

        private int sizeOf(YamlNode node) {
            Integer size = sizes.get(node);
            return size == null ? 1 : size;
        }

        private YamlNode.Mapping mapping(SourcePosition at, int depth) {
            Map<String, YamlNode.Entry> explicit = new LinkedHashMap<>();
            List<YamlNode.Mapping> merged = new ArrayList<>();
            while (!parser.checkEvent(Event.ID.MappingEnd)) {
                YamlNode key = node(depth + 1);
                YamlNode value = node(depth + 1);
                if (!(key instanceof YamlNode.Scalar k)) {
                    error(DiagnosticCode.COMPLEX_KEY, key.at(), "a key must be a plain value, found " + key.describe(),
                            "use a string key");
                    continue;
                }
                if (k.type() == YamlNode.ScalarType.STRING && k.text().equals("<<") && isPlainMergeKey(k)) {
                    mergeSources(value, merged);
                    continue;
                }
                YamlNode.Entry previous = explicit.get(k.text());
                if (previous != null) {
                    error(DiagnosticCode.DUPLICATE_KEY, k.at(),
                            "key '" + k.text() + "' appears twice in this mapping; it was first set at line " + previous.key().at().line(),
                            "keep one of the two");
                    continue;
                }
                explicit.put(k.text(), new YamlNode.Entry(k, value));
            }
            parser.getEvent();
            List<YamlNode.Entry> entries = new ArrayList<>(explicit.values());
            for (YamlNode.Mapping source : merged) {
                for (YamlNode.Entry e : source.entries()) {
                    if (!explicit.containsKey(e.key().text())) {
                        explicit.put(e.key().text(), e);
                        entries.add(e);
                    }
                }
            }
            return new YamlNode.Mapping(entries, at);
        }

        private boolean isPlainMergeKey(YamlNode.Scalar key) {
            return mergeKeys.contains(key);
        }

        private void mergeSources(YamlNode value, List<YamlNode.Mapping> into) {
            if (value instanceof YamlNode.Mapping m) {
                into.add(m);
                return;
            }
            if (value instanceof YamlNode.Sequence s) {
                boolean ok = true;
                for (YamlNode item : s.items()) {
                    if (item instanceof YamlNode.Mapping m) into.add(m);
                    else ok = false;
                }
                if (ok) return;
            }
            error(DiagnosticCode.WRONG_TYPE, value.at(), "a merge key '<<' takes a mapping or a list of mappings, found " + value.describe(),
                    "write '<<: *anchor' where &anchor marks a mapping");
        }

        private YamlNode.Scalar scalar(ScalarEvent event, SourcePosition at) {
            String value = event.getValue();
            String tag = event.getTag();
            YamlNode.ScalarType type;
            if (tag == null || tag.equals("!")) {
                boolean plain = event.getImplicit().canOmitTagInPlainScalar() && event.isPlain();
                type = plain ? resolve(value) : YamlNode.ScalarType.STRING;
            } else {
                type = switch (tag) {
                    case YAML_TAG + "str" -> YamlNode.ScalarType.STRING;
                    case YAML_TAG + "int" -> YamlNode.ScalarType.INT;
                    case YAML_TAG + "float" -> YamlNode.ScalarType.FLOAT;
                    case YAML_TAG + "bool" -> YamlNode.ScalarType.BOOL;
                    case YAML_TAG + "null" -> YamlNode.ScalarType.NULL;
                    default -> null;
                };
                if (type == null) {
                    error(DiagnosticCode.UNSUPPORTED_TAG, at, "tag " + shortTag(tag) + " is not supported in specs",
                            "remove the tag; secrets are written as { secret: env:NAME }");
                    type = YamlNode.ScalarType.STRING;
                }
                if (type != YamlNode.ScalarType.STRING && resolve(value) != type) {
                    error(DiagnosticCode.WRONG_TYPE, at, "'" + value + "' is not a valid " + shortTag(tag), "fix the value or remove the tag");
                }
            }
            YamlNode.Scalar scalar = new YamlNode.Scalar(value, type, at);
            if (tag == null && event.isPlain() && value.equals("<<")) {
                mergeKeys.add(scalar);
            }
            return scalar;
        }

        private void checkCollectionTag(CollectionStartEvent event, String expected, SourcePosition at) {
            String tag = event.getTag();
            if (tag != null && !tag.equals(YAML_TAG + expected) && !tag.equals("!")) {
                error(DiagnosticCode.UNSUPPORTED_TAG, at, "tag " + shortTag(tag) + " is not supported in specs", "remove the tag");
            }
        }

        private static String shortTag(String tag) {
            return tag.startsWith(YAML_TAG) ? "!!" + tag.substring(YAML_TAG.length()) : tag;
        }

        private static YamlNode.ScalarType resolve(String value) {
            switch (value) {
                case "~", "null", "Null", "NULL", "" -> {
                    return YamlNode.ScalarType.NULL;
                }
                case "true", "True", "TRUE", "false", "False", "FALSE" -> {
                    return YamlNode.ScalarType.BOOL;
                }
                default -> {
                }
            }
            // a number starts with a sign, a digit or a dot: most scalars (names, images, addresses) need no pattern
            char first = value.charAt(0);
            if (first != '-' && first != '+' && first != '.' && (first < '0' || first > '9')) return YamlNode.ScalarType.STRING;
            if (INT.matcher(value).matches()) return YamlNode.ScalarType.INT;
            if (FLOAT.matcher(value).matches()) return YamlNode.ScalarType.FLOAT;
            return YamlNode.ScalarType.STRING;
        }

        private SourcePosition at(Mark mark) {
            return new SourcePosition(file, mark.getLine() + 1, mark.getColumn() + 1);
        }

        private void error(DiagnosticCode code, SourcePosition at, String message, String hint) {
            diagnostics.error(code, at, message, hint);
        }

        private static String oneLine(String s) {
            return s == null ? "" : s.replaceAll("\\s+", " ").trim();
        }
    }
}
