package io.lifeboat.cli;

import java.util.concurrent.Callable;

import io.lifeboat.spec.JsonSchemaWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "schema", mixinStandardHelpOptions = true, description = "Print the JSON Schema of Platform and Stack documents (schema/lifeboat.schema.json).")
final class SchemaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(new JsonSchemaWriter().render());
        return ExitCodes.OK;
    }
}
