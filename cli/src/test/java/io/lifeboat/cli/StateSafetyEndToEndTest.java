package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lifeboat.state.FileBackend;
import io.lifeboat.state.LockInfo;

/** Locks, damaged checkpoints and their repair, through the command line. */
class StateSafetyEndToEndTest extends SimRepoTest {
    Path state;

    @BeforeEach
    void setUp() throws Exception {
        repo.ok("up", "--stack", "prod-use1", "--yes");
        state = dir.resolve(".lifeboat/state");
    }

    @Test
    void everyCommandThatTakesALockTakesTheLockTimeoutItsRefusalNames() throws Exception {
        repo.ok("up", "--stack", "prod-usw2", "--yes");
        repo.ok("sim", "outage", "us-east-1");
        new FileBackend(state).lock("prod-usw2", new LockInfo("alice", LockInfo.current("x").host(), ProcessHandle.current().pid(),
                Instant.now(), "up"));
        for (String[] command : List.of(new String[] {"failover", "--from", "prod-use1", "--to", "prod-usw2", "--yes"},
                new String[] {"refresh", "--stack", "prod-usw2", "--yes"})) {
            Repo.Result r = repo.run(command);
            assertThat(r.code()).as(r.all()).isEqualTo(1);
            assertThat(r.err()).contains("prod-usw2 is locked").contains("alice").contains("--lock-timeout");

            List<String> waiting = new ArrayList<>(List.of(command));
            waiting.addAll(List.of("--lock-timeout", "1s"));
            Repo.Result waited = repo.run(waiting.toArray(String[]::new));
            assertThat(waited.code()).as(waited.all()).isEqualTo(1);
            assertThat(waited.err()).as("%s takes the option its refusal names", command[0]).contains("prod-usw2 is locked").doesNotContain("Unknown option");
        }
        assertThat(repo.run("status").out()).as("nothing was failed over").doesNotContain("LOST");
    }

    @Test
    void aStackLockedByALiveOperationIsRefusedNamingTheHolder() throws Exception {
        // this test's own JVM is alive: its lock is not stale
        new FileBackend(state).lock("prod-use1", new LockInfo("alice", LockInfo.current("x").host(), ProcessHandle.current().pid(),
                Instant.now(), "up"));
        Repo.Result r = repo.run("up", "--stack", "prod-use1", "--yes");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("locked").contains("alice").contains("pid " + ProcessHandle.current().pid()).contains("--lock-timeout");

        Repo.Result waited = repo.run("up", "--stack", "prod-use1", "--yes", "--lock-timeout", "1s");
        assertThat(waited.code()).isEqualTo(1);
        assertThat(repo.run("state", "unlock", "--stack", "prod-use1").code()).as("a live holder is not unlocked without --force").isEqualTo(1);
        repo.ok("state", "unlock", "--stack", "prod-use1", "--force");
        repo.ok("up", "--stack", "prod-use1", "--yes");
    }

    @Test
    void aLockLeftByAProcessThatIsGoneIsBrokenSafely() throws Exception {
        new FileBackend(state).lock("prod-use1", new LockInfo("bob", LockInfo.current("x").host(), Long.MAX_VALUE - 1, Instant.now(), "up"));
        Repo.Result r = repo.ok("preview", "--stack", "prod-use1", "--detailed-exitcode");
        assertThat(r.out()).contains("No changes");
        repo.ok("up", "--stack", "prod-use1", "--yes");
        assertThat(Files.exists(state.resolve("prod-use1.lock"))).isFalse();
    }

    @Test
    void aLockWhoseLeaseExpiredOnAnotherMachineIsBrokenNamingItsHolder() throws Exception {
        // a CI runner killed mid-run on another machine: its process cannot be checked, its lease ran out
        new FileBackend(state).lock("prod-use1", new LockInfo("ci", "ci-runner-7", 4242, Instant.now().minusSeconds(300), "up", "lease-1",
                Instant.now().minusSeconds(240)));
        Repo.Result up = repo.ok("up", "--stack", "prod-use1", "--yes");
        assertThat(up.err()).contains("warning: broke the lock of prod-use1 held by up by ci@ci-runner-7 (pid 4242)").contains("lease expired");
        assertThat(Files.exists(state.resolve("prod-use1.lock"))).isFalse();
    }

    @Test
    void aLiveLeaseOnAnotherMachineIsWaitedForAndNotBroken() throws Exception {
        LockInfo live = new LockInfo("ci", "ci-runner-7", 4242, Instant.now(), "up", "lease-2", Instant.now().plusSeconds(600));
        new FileBackend(state).lock("prod-use1", live);
        byte[] lock = Files.readAllBytes(state.resolve("prod-use1.lock"));
        Repo.Result r = repo.run("up", "--stack", "prod-use1", "--yes", "--lock-timeout", "1s");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("locked").contains("ci@ci-runner-7").contains("lease until");
        assertThat(repo.run("state", "unlock", "--stack", "prod-use1").code()).isEqualTo(1);
        assertThat(Files.readAllBytes(state.resolve("prod-use1.lock"))).isEqualTo(lock);
        assertThat(repo.run("state", "repair", "--stack", "prod-use1", "--yes").out()).contains("may still be running");
        assertThat(Files.readAllBytes(state.resolve("prod-use1.lock"))).isEqualTo(lock);
    }

    @Test
    void stateUnlockBreaksAnExpiredLeaseWithoutForce() throws Exception {
        new FileBackend(state).lock("prod-use1", new LockInfo("ci", "ci-runner-7", 4242, Instant.now().minusSeconds(300), "up", "lease-3",
                Instant.now().minusSeconds(240)));
        Repo.Result r = repo.ok("state", "unlock", "--stack", "prod-use1");
        assertThat(r.out()).contains("unlocked prod-use1").contains("ci@ci-runner-7").contains("lease expired");
        assertThat(Files.exists(state.resolve("prod-use1.lock"))).isFalse();
    }

    @Test
    void aTruncatedCheckpointIsDetectedAndRepairedFromTheLastGoodOne() throws Exception {
        repo.ok("up", "--stack", "prod-use1", "--yes", "--replace", "nat-ip");
        Path checkpoint = state.resolve("prod-use1.json");
        byte[] good = Files.readAllBytes(checkpoint);
        Files.write(checkpoint, java.util.Arrays.copyOf(good, good.length / 3));

        Repo.Result broken = repo.run("preview", "--stack", "prod-use1");
        assertThat(broken.code()).isEqualTo(1);
        assertThat(broken.err()).contains("truncated").contains("state repair").doesNotContain("Exception");

        Repo.Result explain = repo.ok("state", "repair", "--stack", "prod-use1");
        assertThat(explain.out()).contains("damaged").contains("nothing was changed");
        Repo.Result fix = repo.ok("state", "repair", "--stack", "prod-use1", "--yes");
        assertThat(fix.out()).contains("fixed: restore checkpoint");
        // the restored checkpoint is one run old: refresh and up bring it back in line with the cloud
        repo.ok("up", "--stack", "prod-use1", "--yes", "--refresh");
        assertThat(repo.run("preview", "--stack", "prod-use1", "--refresh", "--detailed-exitcode").code()).isZero();
    }

    @Test
    void whatWasMadeAfterARestoredCheckpointIsAdoptedNotDuplicated() throws Exception {
        Path checkpoint = state.resolve("prod-use1.json");
        byte[] before = Files.readAllBytes(checkpoint);
        repo.edit("specs/platform.yaml", "        max: 10\n", "        max: 10\n      - name: spare\n        instanceType: m5.large\n        min: 1\n        max: 2\n");
        repo.ok("up", "--stack", "prod-use1", "--yes");
        int nodeGroups = new io.lifeboat.providers.sim.SimAdmin(dir).count("us-east-1", "aws:eks/nodeGroup:NodeGroup");
        assertThat(nodeGroups).isEqualTo(2);

        // the newest checkpoint is lost; the one before the new node pool comes back from history
        Files.write(checkpoint, before);
        Repo.Result up = repo.ok("up", "--stack", "prod-use1", "--yes");
        assertThat(up.out()).contains("adopted prod-use1:spare");
        assertThat(new io.lifeboat.providers.sim.SimAdmin(dir).count("us-east-1", "aws:eks/nodeGroup:NodeGroup")).isEqualTo(2);
        assertThat(repo.run("preview", "--stack", "prod-use1", "--refresh", "--detailed-exitcode").code()).isZero();
    }
}
