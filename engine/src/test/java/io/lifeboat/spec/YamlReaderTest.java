package io.lifeboat.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class YamlReaderTest {
    private final Diagnostics diagnostics = new Diagnostics();

    private YamlNode read(String text) {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    private YamlNode read(byte[] bytes) {
        return new YamlReader().read("x.yaml", bytes, diagnostics);
    }

    private YamlNode.Mapping readMap(String text) {
        YamlNode node = read(text);
        assertThat(node).as("%s", diagnostics.sorted()).isInstanceOf(YamlNode.Mapping.class);
        return (YamlNode.Mapping) node;
    }

    /** "LINE:COLUMN CODE" of every finding, in order. */
    private List<String> findings() {
        return diagnostics.sorted().stream()
                .map(d -> d.position().line() + ":" + d.position().column() + " " + d.code().id())
                .toList();
    }

    private static YamlNode.Scalar scalar(YamlNode.Mapping map, String key) {
        return (YamlNode.Scalar) map.get(key);
    }

    @Test
    void scalarsResolveAfterTheYaml12CoreSchema() {
        YamlNode.Mapping m = readMap("""
                no: NO
                on: on
                yes: yes
                off: Off
                t: true
                f: False
                version: 1.30
                int: 42
                hex: 0x1F
                quoted: "true"
                single: '1.30'
                date: 2024-01-01
                tilde: ~
                empty:
                neg: -7
                oct: 0o17
                exp: +.5e3
                inf: -.Inf
                nan: .NaN
                Null: Null
                nullish: nullish
                runtime: 12.1.0
                dotted: .hidden
                """);
        assertThat(diagnostics.isEmpty()).isTrue();
        for (String k : List.of("no", "on", "yes", "off", "date")) {
            assertThat(scalar(m, k).type()).as(k).isEqualTo(YamlNode.ScalarType.STRING);
        }
        assertThat(m.keys()).contains("no", "on", "yes"); // keys stay strings too
        assertThat(scalar(m, "t").type()).isEqualTo(YamlNode.ScalarType.BOOL);
        assertThat(scalar(m, "f").type()).isEqualTo(YamlNode.ScalarType.BOOL);
        assertThat(scalar(m, "version").type()).isEqualTo(YamlNode.ScalarType.FLOAT);
        assertThat(scalar(m, "version").text()).isEqualTo("1.30");
        assertThat(scalar(m, "int").type()).isEqualTo(YamlNode.ScalarType.INT);
        assertThat(scalar(m, "hex").type()).isEqualTo(YamlNode.ScalarType.INT);
        assertThat(scalar(m, "quoted").type()).isEqualTo(YamlNode.ScalarType.STRING);
        assertThat(scalar(m, "single").type()).isEqualTo(YamlNode.ScalarType.STRING);
        assertThat(scalar(m, "tilde").isNull()).isTrue();
        assertThat(scalar(m, "empty").isNull()).isTrue();
        assertThat(scalar(m, "neg").type()).isEqualTo(YamlNode.ScalarType.INT);
        assertThat(scalar(m, "oct").type()).isEqualTo(YamlNode.ScalarType.INT);
        for (String k : List.of("exp", "inf", "nan")) assertThat(scalar(m, k).type()).as(k).isEqualTo(YamlNode.ScalarType.FLOAT);
        assertThat(scalar(m, "Null").isNull()).isTrue();
        for (String k : List.of("nullish", "runtime", "dotted")) assertThat(scalar(m, k).type()).as(k).isEqualTo(YamlNode.ScalarType.STRING);
        assertThat(SpecBinder.plain(m.get("version"))).isEqualTo(1.3);
        assertThat(SpecBinder.plain(m.get("t"))).isEqualTo(Boolean.TRUE);
    }

    @Test
    void keepsPositionsOfKeysAndValues() {
        YamlNode.Mapping m = readMap("""
                spec:
                  network: { cidr: 10.10.0.0/16 }
                """);
        YamlNode.Mapping network = (YamlNode.Mapping) ((YamlNode.Mapping) m.get("spec")).get("network");
        assertThat(network.entry("cidr").key().at()).isEqualTo(new SourcePosition("x.yaml", 2, 14));
        assertThat(network.get("cidr").at()).isEqualTo(new SourcePosition("x.yaml", 2, 20));
    }

    @Test
    void mergeKeysApplyAndExplicitKeysWin() {
        YamlNode.Mapping m = readMap("""
                base: &base { cidr: 10.10.0.0/16, zones: 3, region: us-east-1 }
                after:
                  <<: *base
                  zones: 2
                before:
                  zones: 4
                  <<: *base
                both:
                  <<: [ *base, { extra: x, zones: 6 } ]
                quoted:
                  "<<": not a merge
                """);
        assertThat(diagnostics.isEmpty()).as("%s", diagnostics.sorted()).isTrue();
        YamlNode.Mapping after = (YamlNode.Mapping) m.get("after");
        assertThat(after.keys()).containsExactlyInAnyOrder("cidr", "zones", "region");
        assertThat(scalar(after, "zones").text()).isEqualTo("2");
        assertThat(scalar(after, "cidr").text()).isEqualTo("10.10.0.0/16");
        assertThat(scalar((YamlNode.Mapping) m.get("before"), "zones").text()).isEqualTo("4");
        YamlNode.Mapping both = (YamlNode.Mapping) m.get("both");
        assertThat(scalar(both, "zones").text()).isEqualTo("3"); // the first source wins
        assertThat(scalar(both, "extra").text()).isEqualTo("x");
        assertThat(((YamlNode.Mapping) m.get("quoted")).keys()).containsExactly("<<");
    }

    @Test
    void aMergeKeyNeedsAMapping() {
        read("a:\n  <<: just text\n");
        assertThat(findings()).containsExactly("2:7 wrong-type");
    }

    @Test
    void duplicateKeysAreRefusedNamingTheFirstLine() {
        YamlNode.Mapping m = readMap("""
                network:
                  cidr: 10.10.0.0/16
                  zones: 3
                  cidr: 10.20.0.0/16
                """);
        assertThat(findings()).containsExactly("4:3 duplicate-key");
        assertThat(diagnostics.sorted().get(0).message()).contains("line 2");
        assertThat(scalar((YamlNode.Mapping) m.get("network"), "cidr").text()).isEqualTo("10.10.0.0/16");
    }

    @Test
    void billionLaughsIsRefusedQuickly() {
        StringBuilder sb = new StringBuilder("a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'z'; c++) {
            sb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) sb.append(i == 0 ? "" : ", ").append('*').append(prev);
            sb.append("]\n");
            prev = c;
        }
        String text = sb.toString();
        YamlNode node = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> read(text));
        assertThat(node).isNull();
        assertThat(findings()).containsExactly("6:8 alias-limit");
    }

    @Test
    void tooManyAliasesAreRefused() {
        StringBuilder sb = new StringBuilder("a: &a x\nb: [");
        for (int i = 0; i <= YamlReader.MAX_ALIASES; i++) sb.append(i == 0 ? "" : ", ").append("*a");
        sb.append("]\n");
        assertThat(read(sb.toString())).isNull();
        assertThat(findings()).extracting(f -> f.substring(f.indexOf(' ') + 1)).containsExactly("alias-limit");
    }

    @Test
    void manyValuesWrittenOutAreNotAnAliasProblem() {
        StringBuilder sb = new StringBuilder("a:\n  b:\n    c:\n      d:\n        e:\n");
        for (int i = 0; i < 30_000; i++) sb.append("          - ").append(i).append('\n');
        assertThat(read(sb.toString())).isNotNull();
        assertThat(diagnostics.isEmpty()).as("%s", diagnostics.sorted()).isTrue();
    }

    @Test
    void deepNestingIsRefused() {
        String text = "a: " + "[".repeat(YamlReader.MAX_DEPTH + 5) + "]".repeat(YamlReader.MAX_DEPTH + 5) + "\n";
        assertThat(read(text)).isNull();
        assertThat(findings()).extracting(f -> f.substring(f.indexOf(' ') + 1)).containsExactly("alias-limit");
    }

    @Test
    void anAliasInsideItsOwnAnchorIsACycle() {
        assertThat(read("a: &a [ *a ]\n")).isNull();
        assertThat(findings()).containsExactly("1:9 alias-cycle");
    }

    @Test
    void aSelfMergeIsACycle() {
        assertThat(read("net: &net\n  cidr: 10.10.0.0/16\n  <<: *net\n")).isNull();
        assertThat(findings()).containsExactly("3:7 alias-cycle");
    }

    @Test
    void anUndefinedAliasIsRefused() {
        assertThat(read("env: *common\n")).isNull();
        assertThat(findings()).containsExactly("1:6 undefined-alias");
    }

    @Test
    void anAliasMustFollowItsAnchor() {
        assertThat(read("a: *later\nb: &later x\n")).isNull();
        assertThat(findings()).containsExactly("1:4 undefined-alias");
    }

    @Test
    void tabsInIndentationAreRefused() {
        assertThat(read("spec:\n\tnetwork: {}\n  other:\n    \t zones: 3\n")).isNull();
        assertThat(findings()).containsExactly("2:1 tab-indentation", "4:5 tab-indentation");
    }

    @Test
    void tabsAfterContentAreFine() {
        YamlNode.Mapping m = readMap("a: 1\t# comment\nb: \"x\ty\"\n");
        assertThat(scalar(m, "b").text()).isEqualTo("x\ty");
    }

    @Test
    void aByteOrderMarkIsAcceptedAndTakesNoColumn() {
        byte[] text = "kind: Stack\nname: x\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[text.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(text, 0, bytes, 3, text.length);
        YamlNode node = read(bytes);
        assertThat(diagnostics.isEmpty()).as("%s", diagnostics.sorted()).isTrue();
        YamlNode.Mapping m = (YamlNode.Mapping) node;
        assertThat(m.keys()).containsExactly("kind", "name");
        assertThat(m.entry("kind").key().at()).isEqualTo(new SourcePosition("x.yaml", 1, 1));
        assertThat(m.get("kind").at()).isEqualTo(new SourcePosition("x.yaml", 1, 7));
    }

    @Test
    void invalidUtf8IsRefusedAtItsPosition() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("kind: Platform\nname: caf".getBytes(StandardCharsets.UTF_8));
        out.write(0xE9); // Latin-1 é
        out.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
        assertThat(read(out.toByteArray())).isNull();
        assertThat(findings()).containsExactly("2:10 invalid-utf8");
        assertThat(diagnostics.sorted().get(0).message()).contains("0xE9").contains("offset 24");
    }

    @Test
    void aTruncatedSequenceAtTheEndIsInvalidUtf8() {
        byte[] bytes = {'a', ':', ' ', (byte) 0xC3};
        assertThat(read(bytes)).isNull();
        assertThat(findings()).containsExactly("1:4 invalid-utf8");
    }

    @Test
    void anEmptyFileIsRefused() {
        assertThat(read("")).isNull();
        assertThat(findings()).containsExactly("1:1 empty-document");
    }

    @Test
    void aFileOfOnlyCommentsIsRefused() {
        assertThat(read("# kind: Stack\n\n   # nothing yet\n")).isNull();
        assertThat(findings()).containsExactly("1:1 empty-document");
    }

    @Test
    void aSecondDocumentIsRefused() {
        YamlNode node = read("kind: Stack\n---\nkind: Platform\n");
        assertThat(findings()).containsExactly("2:1 multiple-documents");
        assertThat(scalar((YamlNode.Mapping) node, "kind").text()).isEqualTo("Stack");
    }

    @Test
    void documentMarkersAroundOneDocumentAreFine() {
        YamlNode.Mapping m = readMap("---\nkind: Stack\n...\n---\n");
        assertThat(diagnostics.isEmpty()).as("%s", diagnostics.sorted()).isTrue();
        assertThat(m.keys()).containsExactly("kind");
    }

    @Test
    void aSyntaxErrorIsReportedWhereItIs() {
        assertThat(read("network:\n  cidr: 10.10.0.0/16\n   zones: 3\n")).isNull();
        assertThat(findings()).containsExactly("3:9 yaml-syntax");
    }

    @Test
    void anUnclosedFlowMappingIsASyntaxError() {
        assertThat(read("network: { cidr: 10.10.0.0/16\nzones: 3\n")).isNull();
        assertThat(findings()).hasSize(1).allMatch(f -> f.endsWith(" yaml-syntax"));
    }

    @Test
    void aControlCharacterIsASyntaxError() {
        assertThat(read("a: b\u0007c\n")).isNull();
        assertThat(findings()).containsExactly("1:5 yaml-syntax");
    }

    @Test
    void unknownTagsAreRefusedButStandardOnesAllowed() {
        YamlNode.Mapping m = readMap("image: !Sub \"etl:${v}\"\nport: !!str 8080\nn: !!int 3\n");
        assertThat(findings()).containsExactly("1:8 unsupported-tag");
        assertThat(scalar(m, "port").type()).isEqualTo(YamlNode.ScalarType.STRING);
        assertThat(scalar(m, "n").type()).isEqualTo(YamlNode.ScalarType.INT);
    }

    @Test
    void aComplexKeyIsRefused() {
        read("? [a, b]\n: c\n");
        assertThat(findings()).containsExactly("1:3 complex-key");
    }

    @Test
    void anOversizedFileIsRefusedBeforeParsing() {
        byte[] bytes = new byte[YamlReader.MAX_BYTES + 1];
        java.util.Arrays.fill(bytes, (byte) '#');
        assertThat(read(bytes)).isNull();
        assertThat(findings()).containsExactly("1:1 document-too-large");
    }
}
