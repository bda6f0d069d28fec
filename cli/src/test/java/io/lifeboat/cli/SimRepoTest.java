package io.lifeboat.cli;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import io.lifeboat.providers.sim.SimAdmin;

/**
 * The usual fixture of an end-to-end test: a scratch repository holding the example specs and
 * stacks ({@link Repo}), and the sim cloud under it. A subclass's own {@code @BeforeEach} runs
 * after this one, so it can apply the stacks first.
 */
abstract class SimRepoTest {
    @TempDir
    Path dir;
    Repo repo;
    SimAdmin sim;

    @BeforeEach
    void newRepoAndSim() throws Exception {
        repo = new Repo(dir);
        sim = new SimAdmin(dir);
    }

    /** Runs a command that must exit 0. */
    Repo.Result ok(String... args) {
        return repo.ok(args);
    }
}
