package io.lifeboat.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.lifeboat.deploy.StepGraph.Action;
import io.lifeboat.deploy.StepGraph.Node;
import io.lifeboat.deploy.StepGraph.Status;

/**
 * Runs a {@link StepGraph}: each node as soon as everything it waits for is finished, at most
 * {@code parallel} at a time. Of the nodes ready, the one with the longest chain of provider
 * calls still behind it goes first (then plan order): a failover's database restore, with the
 * Airflow deployments waiting on it, starts before the 2,000 independent creates ready beside
 * it, not behind them. A node behind a part that did not succeed is skipped, not run;
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
        Run run = new Run(nodes, work);
        try {
            List<Node> ready = new ArrayList<>();
            for (Node n : nodes) if (n.waiting == 0) ready.add(n);
            // the first of them take the pool's threads as they are made, before any queue: in the order they would leave it
            ready.sort((a, b) -> run.compare(a, b));
            for (Node n : ready) run.start(n);
            run.remaining.await();
        } finally {
            run.pool.shutdownNow();
        }
    }

    /**
     * Per node (by its place in {@code nodes}), how many provider calls the longest chain from it
     * to the end holds, itself included: a step is one, a barrier or a step that changes nothing none.
     */
    static int[] chains(List<Node> nodes, Map<Node, Integer> index) {
        int[] chain = new int[nodes.size()];
        int[] undone = new int[nodes.size()];
        java.util.ArrayDeque<Node> leaves = new java.util.ArrayDeque<>();
        for (int i = 0; i < nodes.size(); i++) {
            undone[i] = nodes.get(i).dependents.size();
            if (undone[i] == 0) leaves.add(nodes.get(i));
        }
        // from the nodes nothing waits on, back through what they wait on: each once all its dependents are known
        List<List<Node>> waitsOn = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) waitsOn.add(new ArrayList<>());
        for (Node n : nodes) for (Node d : n.dependents) waitsOn.get(index.get(d)).add(n);
        while (!leaves.isEmpty()) {
            Node n = leaves.poll();
            int i = index.get(n);
            int longest = 0;
            for (Node d : n.dependents) longest = Math.max(longest, chain[index.get(d)]);
            chain[i] = longest + (n.action == Action.BARRIER || n.step instanceof io.lifeboat.plan.Step.Same ? 0 : 1);
            for (Node w : waitsOn.get(i)) if (--undone[index.get(w)] == 0) leaves.add(w);
        }
        return chain;
    }

    /** Of two ready nodes (the longest chain behind each, its place in the plan), which goes first: the longer chain, then the earlier. */
    private static int order(int chainA, int placeA, int chainB, int placeB) {
        return chainA != chainB ? Integer.compare(chainB, chainA) : Integer.compare(placeA, placeB);
    }

    private final class Run {
        final ThreadPoolExecutor pool;
        final CountDownLatch remaining;
        final Work work;
        final Map<Node, Integer> index = new IdentityHashMap<>();
        final int[] chain;

        Run(List<Node> nodes, Work work) {
            this.remaining = new CountDownLatch(nodes.size());
            this.work = work;
            for (int i = 0; i < nodes.size(); i++) index.put(nodes.get(i), i);
            this.chain = chains(nodes, index);
            this.pool = new ThreadPoolExecutor(parallel, parallel, 0, TimeUnit.MILLISECONDS, new PriorityBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "lifeboat-step");
                t.setDaemon(true);
                return t;
            });
        }

        /** Which of two ready nodes goes first: the longer chain behind it, then the earlier in the plan. */
        int compare(Node a, Node b) {
            int ia = index.get(a);
            int ib = index.get(b);
            return order(chain[ia], ia, chain[ib], ib);
        }

        /** A node's work, queued for a thread in the order {@link #compare} gives. */
        private final class Queued implements Runnable, Comparable<Queued> {
            final int order;
            final int longest;
            final Runnable body;

            Queued(Node node, Runnable body) {
                this.order = index.get(node);
                this.longest = chain[order];
                this.body = body;
            }

            @Override
            public void run() {
                body.run();
            }

            /** As {@link #compare}, from what was looked up once. */
            @Override
            public int compareTo(Queued other) {
                return order(longest, order, other.longest, other.order);
            }
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
            pool.execute(new Queued(n, () -> {
                // a step queued behind the parallel limit has not started yet
                if (cancellation.cancelled()) {
                    interrupt(n);
                    return;
                }
                n.status = work.perform(n) ? Status.DONE : Status.FAILED;
                n.endedAt = System.nanoTime();
                finish(n);
            }));
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
