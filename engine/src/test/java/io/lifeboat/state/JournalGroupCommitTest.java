package io.lifeboat.state;

import static io.lifeboat.state.JournalReplayTest.res;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal's group commit: entries that arrive while a round is written share the next
 * append and sync, yet every begin is on disk and synced before its call goes on, every entry is
 * written once, and a write that fails fails every entry after it.
 */
class JournalGroupCommitTest {
    @TempDir
    Path dir;

    /** A file backend that counts appends and syncs, and remembers how many lines were synced. */
    final class Recording {
        final List<String> lines = new ArrayList<>();
        int appends;
        int syncs;
        int synced;
        final AtomicBoolean failAppends = new AtomicBoolean();
        final AtomicBoolean failUnchecked = new AtomicBoolean();
        final StateBackend backend;

        Recording(long syncMillis) {
            FileBackend files = new FileBackend(dir);
            backend = (StateBackend) Proxy.newProxyInstance(StateBackend.class.getClassLoader(), new Class<?>[] {StateBackend.class}, (proxy, m, args) -> {
                if (m.getName().equals("appendJournal")) {
                    if (failAppends.get()) throw new IOException("disk full");
                    if (failUnchecked.get()) throw new java.io.UncheckedIOException(new IOException("bucket unreachable"));
                    @SuppressWarnings("unchecked")
                    List<String> batch = (List<String>) args[1];
                    synchronized (this) {
                        lines.addAll(batch);
                        appends++;
                    }
                } else if (m.getName().equals("syncJournal")) {
                    Thread.sleep(syncMillis);
                    synchronized (this) {
                        syncs++;
                        synced = lines.size();
                    }
                }
                try {
                    return m.invoke(files, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
        }

        synchronized boolean syncedLineFor(String urn) {
            for (int i = 0; i < synced; i++) if (lines.get(i).startsWith("{\"begin\":") && lines.get(i).contains(urn)) return true;
            return false;
        }
    }

    private Journal journal(Recording r) {
        return new Journal(r.backend, "dev", new CheckpointCodec(SecretsCrypter.fresh(() -> "pw".toCharArray())), "lineage-1", 1);
    }

    @Test
    void beginsArriveTogetherShareSyncsYetEachIsSyncedBeforeItReturns() throws Exception {
        Recording r = new Recording(5);
        Journal j = journal(r);
        int threads = 16;
        int each = 20;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> unsynced = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            unsynced.add(pool.submit(() -> {
                start.await();
                int bad = 0;
                for (int i = 0; i < each; i++) {
                    ResourceState s = res("t" + thread + "-" + i, null);
                    j.begin("creating", s);
                    if (!r.syncedLineFor(s.urn().toString())) bad++;
                    j.end("creating", s.made("id-" + thread + "-" + i, s.inputs()));
                }
                return bad;
            }));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        for (Future<Integer> f : unsynced) assertThat(f.get()).as("begins that returned before their sync").isZero();
        // and the session line before them
        int lines = threads * each * 2 + 1;
        assertThat(r.lines).hasSize(lines).doesNotHaveDuplicates();
        assertThat(r.lines.get(0)).startsWith("{\"journal\":2,");
        assertThat(java.nio.file.Files.readAllLines(dir.resolve("dev.journal"))).hasSize(lines);
        // 320 begins, each waiting on a sync of 5 ms: alone they would take 320 syncs
        assertThat(r.syncs).as("syncs for %d begins", threads * each).isLessThan(threads * each / 2);
        assertThat(j.bytesWritten()).isEqualTo(r.lines.stream().mapToLong(l -> l.length() + 1).sum());
    }

    @Test
    void aWriteThatFailsFailsItsEntriesAndEveryOneAfter() {
        Recording r = new Recording(0);
        Journal j = journal(r);
        j.begin("creating", res("a", null));
        r.failAppends.set(true);
        assertThatThrownBy(() -> j.begin("creating", res("b", null))).isInstanceOf(StateException.class).hasMessageContaining("disk full");
        r.failAppends.set(false);
        // the disk came back, but an entry cannot follow one that is lost
        assertThatThrownBy(() -> j.end("creating", res("a", "a-1"))).isInstanceOf(StateException.class).hasMessageContaining("disk full");
        assertThat(r.lines).as("the session line and a's begin").hasSize(2);
    }

    @Test
    void anUncheckedFailureOfTheBackendFailsTheEntryInsteadOfLeavingItWaiting() throws Exception {
        Recording r = new Recording(0);
        Journal j = journal(r);
        r.failUnchecked.set(true);
        ExecutorService one = Executors.newSingleThreadExecutor();
        Future<?> begin = one.submit(() -> j.begin("creating", res("a", null)));
        one.shutdown();
        assertThatThrownBy(() -> begin.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(StateException.class).hasMessageContaining("bucket unreachable");
        r.failUnchecked.set(false);
        assertThatThrownBy(() -> j.begin("creating", res("b", null))).isInstanceOf(StateException.class).hasMessageContaining("bucket unreachable");
    }
}
