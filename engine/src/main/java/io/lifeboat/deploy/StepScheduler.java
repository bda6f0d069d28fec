package io.lifeboat.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.lifeboat.deploy.StepGraph.Action;
import io.lifeboat.deploy.StepGraph.Node;
import io.lifeboat.deploy.StepGraph.Status;

/**
 * Runs a {@link StepGraph}: each node as soon as everything it waits for is finished, at most
 * {@code parallel} at a time. A node behind a part that did not succeed is skipped, not run;
 * independent nodes finish. Once the cancellation is requested no node starts (it ends
 * interrupted); the nodes in flight finish.
 */
final class StepScheduler {

    /** Does one node's work; true when it succeeded. */
    @FunctionalInterface
    interface Work {
        boolean perform(Node node);
    }

    private final int parallel;
    private final Cancellation cancellation;
    private final DeployListener listener;

    StepScheduler(int parallel, Cancellation cancellation, DeployListener listener) {
        this.parallel = Math.max(1, parallel);
        this.cancellation = cancellation;
        this.listener = listener;
    }

    /** Runs every node, leaving each one's status set; returns when all are finished. */
    void run(List<Node> nodes, Work work) throws InterruptedException {
        Run run = new Run(nodes.size(), work);
        try {
            List<Node> ready = new ArrayList<>();
            for (Node n : nodes) if (n.waiting == 0) ready.add(n);
            for (Node n : ready) run.start(n);
            run.remaining.await();
        } finally {
            run.pool.shutdownNow();
        }
    }

    private final class Run {
        final ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "lifeboat-step");
            t.setDaemon(true);
            return t;
        });
        final CountDownLatch remaining;
        final Work work;

        Run(int count, Work work) {
            this.remaining = new CountDownLatch(count);
            this.work = work;
        }

        void start(Node n) {
            if (n.action != Action.BARRIER && cancellation.cancelled()) {
                interrupt(n);
                return;
            }
            if (n.action == Action.BARRIER || n.blockedBy != null) {
                n.status = n.blockedBy == null ? Status.DONE : Status.SKIPPED;
                if (n.status == Status.SKIPPED && n.action != Action.BARRIER) listener.stepSkipped(n.step, "skipped: " + n.blockedBy);
                finish(n);
                return;
            }
            pool.execute(() -> {
                // a step queued behind the parallel limit has not started yet
                if (cancellation.cancelled()) {
                    interrupt(n);
                    return;
                }
                n.status = work.perform(n) ? Status.DONE : Status.FAILED;
                n.endedAt = System.nanoTime();
                finish(n);
            });
        }

        void interrupt(Node n) {
            n.status = Status.INTERRUPTED;
            finish(n);
        }

        void finish(Node n) {
            List<Node> next = new ArrayList<>();
            synchronized (this) {
                for (Node d : n.dependents) {
                    if (n.status != Status.DONE && d.blockedBy == null) {
                        d.blockedBy = n.status == Status.INTERRUPTED ? "the operation was interrupted"
                                : n.action == Action.BARRIER ? "an earlier step failed" : n.describe() + " did not succeed";
                    }
                    if (--d.waiting == 0) next.add(d);
                }
            }
            remaining.countDown();
            for (Node d : next) start(d);
        }
    }
}
