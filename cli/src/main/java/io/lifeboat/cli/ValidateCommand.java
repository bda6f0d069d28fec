package io.lifeboat.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lifeboat.spec.LoadResult;
import io.lifeboat.spec.SpecLoader;
import io.lifeboat.spec.Stack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "validate", mixinStandardHelpOptions = true, description = {
        "Check stacks and platform specs without touching any cloud.",
        "Exit 0 when valid (warnings allowed), 1 when not."})
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", description = "Stack or platform files, or folders of them (default: stacks/).")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", description = "text or json (default: ${DEFAULT-VALUE}).", defaultValue = "text")
    OutputFormat format;

    @Mixin
    RefOption ref;

    @Override
    public Integer call() throws Exception {
        if (!Formats.require("validate", format, spec.commandLine().getErr(), OutputFormat.text, OutputFormat.json)) return ExitCodes.ERROR;
        Workspace ws = Workspace.current(ref.ref);
        LoadResult result = new SpecLoader(ws.source).load(ws.relative(paths, spec.commandLine()));
        PrintWriter out = spec.commandLine().getOut();
        DiagnosticPrinter printer = new DiagnosticPrinter(ws.source);
        if (format == OutputFormat.json) {
            out.println(json(result, printer));
        } else {
            printer.text(result.diagnostics().sorted(), out);
            out.println(summary(result));
        }
        return result.ok() ? ExitCodes.OK : ExitCodes.ERROR;
    }

    /** {ok, errors, warnings, stacks: [{name, file}], platforms, diagnostics}. */
    private static String json(LoadResult result, DiagnosticPrinter printer) throws java.io.IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode n = mapper.createObjectNode();
        int errors = result.diagnostics().errorCount();
        n.put("ok", result.ok());
        n.put("errors", errors);
        n.put("warnings", result.diagnostics().sorted().size() - errors);
        ArrayNode stacks = n.putArray("stacks");
        for (Stack s : result.stacks()) stacks.addObject().put("name", s.name()).put("file", s.file());
        result.platforms().keySet().forEach(n.putArray("platforms")::add);
        n.set("diagnostics", printer.json(result.diagnostics().sorted()));
        return mapper.writeValueAsString(n);
    }

    private static String summary(LoadResult result) {
        int errors = result.diagnostics().errorCount();
        int warnings = result.diagnostics().sorted().size() - errors;
        String w = warnings == 0 ? "" : ", " + io.lifeboat.plan.Plural.of(warnings, "warning");
        if (errors > 0) {
            return "invalid: " + io.lifeboat.plan.Plural.of(errors, "error") + w;
        }
        List<String> names = new ArrayList<>();
        for (Stack s : result.stacks()) names.add(s.name() + " (" + s.file() + ")");
        for (String p : result.platforms().keySet()) names.add(p);
        return "valid: " + String.join(", ", names) + w;
    }

}
