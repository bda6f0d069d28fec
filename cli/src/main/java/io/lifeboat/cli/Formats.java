package io.lifeboat.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Which --format values a command honours: one it cannot is refused, never ignored. */
final class Formats {
    private Formats() {
    }

    /** True when {@code command} can print {@code format}; otherwise says so on {@code err}, naming the formats it can. */
    static boolean require(String command, OutputFormat format, PrintWriter err, OutputFormat... allowed) {
        if (Arrays.asList(allowed).contains(format)) return true;
        List<String> names = new ArrayList<>();
        for (OutputFormat f : allowed) names.add(f.name());
        String list = names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
        err.println("lifeboat: " + command + " does not support --format " + format + "; use " + list);
        return false;
    }
}
