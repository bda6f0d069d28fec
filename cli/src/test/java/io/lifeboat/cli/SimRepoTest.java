package io.lifeboat.cli;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import io.lifeboat.providers.sim.SimAdmin;

/**
 * The usual fixture of an end-to-end test: a scratch repository holding an example's specs and
 * stacks ({@link Repo}; the project's own, or the one {@link #example} names), and the sim cloud
 * under it. A subclass's own {@code @BeforeEach} runs after this one, so it can apply the stacks first.
 */
abstract class SimRepoTest {
    @TempDir
    Path dir;
    Repo repo;
    SimAdmin sim;

    @BeforeEach
    void newRepoAndSim() throws Exception {
        repo = new Repo(dir, example());
        sim = new SimAdmin(dir);
    }

    /** The example the repository copies: the project's root (specs/, stacks/) unless a subclass names one of examples/. */
    Path example() {
        return Repo.PROJECT;
    }

    /** Runs a command that must exit 0. */
    Repo.Result ok(String... args) {
        return repo.ok(args);
    }
}
