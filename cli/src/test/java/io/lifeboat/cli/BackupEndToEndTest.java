package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lifeboat.providers.sim.SimAdmin;

/** {@code lifeboat backup}: what a schedule runs on the spec's interval, before and after a failover. */
class BackupEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void reportsThePrimarysCopiesAndNothingForStacksThatMakeNone() throws Exception {
        Repo repo = new Repo(dir);
        repo.ok("up", "--all", "--yes");
        Repo.Result r = repo.ok("backup", "--all");
        assertThat(r.out()).contains("prod-use1: copies into us-west-2 are continuous; newest copy 20")
                .contains("prod-usw2: makes no database copies");
        assertThat(r.err()).as("a copy seconds old is within backup.every").doesNotContain("warning");

        new SimAdmin(dir).outage("us-east-1");
        repo.ok("failover", "--from", "prod-use1", "--to", "prod-usw2", "--yes");
        Repo.Result after = repo.ok("backup", "--all");
        assertThat(after.out()).as("the lost primary is not called; the promoted one has no pair to copy into yet")
                .contains("prod-use1: makes no database copies").contains("prod-usw2: makes no database copies");
    }
}
