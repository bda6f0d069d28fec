package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lifeboat.deploy.StackRunner;
import io.lifeboat.plan.GraphRenderer;
import io.lifeboat.plan.ResourceGraph;
import io.lifeboat.spec.Stack;

/** {@code graph} reads only specs: no passphrase, no secret, and the same graph as the stack's program makes. */
class GraphEndToEndTest {
    @TempDir
    Path dir;

    /** The graph of the program `up` runs, with every secret read. */
    private static String programGraph(Repo repo, String stackName) throws Exception {
        CliContext.set(new CliContext(repo.root, repo.env));
        try {
            StackOptions options = new StackOptions();
            options.stacks = List.of(stackName);
            StackSelection sel = StackSelection.load(options, new PrintWriter(new StringWriter()));
            Stack stack = sel.selected.get(0);
            StackRunner runner = Engine.runner(sel.workspace, 1);
            return new GraphRenderer().mermaid(ResourceGraph.of(runner.program(sel.target(runner, stack)).goals()));
        } finally {
            CliContext.reset();
        }
    }

    @Test
    void graphNeedsNeitherThePassphraseNorTheSpecsSecrets() throws Exception {
        Repo repo = new Repo(dir);
        repo.ok("up", "--all", "--yes"); // the states now hold secrets
        for (String stack : new String[] {"prod-use1", "prod-usw2"}) {
            String expected = programGraph(repo, stack);
            Repo bare = new Repo(dir.resolve("bare-" + stack));
            Repo.copy(dir.resolve(".lifeboat"), bare.root.resolve(".lifeboat"));
            bare.env.remove("LIFEBOAT_PASSPHRASE");
            bare.env.remove("WAREHOUSE_PASSWORD");

            Repo.Result mermaid = bare.run("graph", "--stack", stack);
            assertThat(mermaid.code()).as(mermaid.all()).isZero();
            assertThat(mermaid.out()).isEqualTo(expected).contains("etl");
            assertThat(bare.run("graph", "--stack", stack, "--format", "dot").code()).isZero();
        }
    }

    @Test
    void graphOfAStackNeverAppliedNeedsNoSecretEither() throws Exception {
        Repo repo = new Repo(dir);
        String expected = programGraph(repo, "prod-use1");
        repo.env.clear();
        Repo.Result r = repo.run("graph", "--stack", "prod-use1");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.out()).isEqualTo(expected);
    }
}
