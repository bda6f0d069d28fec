package io.lifeboat.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lifeboat.spec.Diagnostic;
import io.lifeboat.spec.SpecSource;

/** Prints findings as a compiler does: position, code, message, the line itself and the fix. */
final class DiagnosticPrinter {
    private final SpecSource source;
    private final Map<String, String[]> lines = new HashMap<>();

    DiagnosticPrinter(SpecSource source) {
        this.source = source;
    }

    void text(List<Diagnostic> diagnostics, PrintWriter out) {
        for (Diagnostic d : diagnostics) {
            out.println(d.position() + ": " + d.severity().label() + "[" + d.code().id() + "]: " + d.message());
            String line = line(d.position().file(), d.position().line());
            if (line != null) {
                String number = String.valueOf(d.position().line());
                String pad = " ".repeat(number.length());
                out.println(" " + number + " | " + line);
                out.println(" " + pad + " | " + " ".repeat(Math.max(0, Math.min(d.position().column() - 1, line.length()))) + "^");
            }
            if (!d.hint().isEmpty()) {
                out.println("  fix: " + d.hint());
            }
        }
    }

    ArrayNode json(List<Diagnostic> diagnostics) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (Diagnostic d : diagnostics) {
            ObjectNode n = list.addObject();
            n.put("file", d.position().file());
            n.put("line", d.position().line());
            n.put("column", d.position().column());
            n.put("severity", d.severity().label());
            n.put("code", d.code().id());
            n.put("message", d.message());
            n.put("hint", d.hint());
        }
        return list;
    }

    private String line(String file, int number) {
        String[] text = lines.computeIfAbsent(file, f -> {
            try {
                if (source.read(f) instanceof SpecSource.Found found && found.bytes().length <= (1 << 20)) {
                    return new String(found.bytes(), StandardCharsets.UTF_8).split("\r?\n", -1);
                }
            } catch (IOException e) {
                // no snippet then
            }
            return new String[0];
        });
        if (number < 1 || number > text.length) return null;
        String line = text[number - 1].replace('\t', ' ');
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }
}
