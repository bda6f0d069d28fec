package io.lifeboat.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import io.lifeboat.deploy.StackRunner;
import io.lifeboat.plan.GraphRenderer;
import io.lifeboat.plan.ResourceGraph;
import io.lifeboat.spec.Stack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "graph", mixinStandardHelpOptions = true, description = {
        "Print the resource graph of a stack's spec: every resource, its parent and what it depends on.",
        "Mermaid (GitHub draws it in Markdown) or Graphviz dot (dot -Tsvg). Nothing is read from the cloud."})
final class GraphCommand implements Callable<Integer> {
    enum Format { mermaid, dot }

    @Spec
    CommandSpec spec;
    @Mixin
    StackOptions stacks;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "mermaid", description = "mermaid or dot (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (stacks.all || stacks.stacks.size() != 1) {
            err.println("lifeboat: graph draws one stack: name it with --stack FILE|NAME");
            return ExitCodes.ERROR;
        }
        StackSelection sel = StackSelection.load(stacks, err);
        if (sel == null) return ExitCodes.ERROR;
        Stack stack = sel.selected.get(0);
        StackRunner runner = Engine.runner(sel.workspace, 1);
        ResourceGraph graph = ResourceGraph.of(runner.shape(stack, sel.pair(stack)).goals());
        GraphRenderer r = new GraphRenderer();
        out.print(format == Format.dot ? r.dot(graph, stack.name()) : r.mermaid(graph));
        return ExitCodes.OK;
    }
}
