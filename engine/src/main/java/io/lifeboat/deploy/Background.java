package io.lifeboat.deploy;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Work an operation runs on a thread of its own beside what it does meanwhile (a failover's
 * probe and refresh, a search beside a refresh): started on a daemon thread, so an operation
 * that gives up on it does not keep the process alive, and its answer taken as the work gave
 * it or threw it.
 */
public final class Background {
    private Background() {
    }

    /** Starts {@code work} on a daemon thread of that name; cancel the task to interrupt it. */
    public static <T> FutureTask<T> start(String thread, Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        start(thread, task);
        return task;
    }

    /** Starts a task made already on a daemon thread of that name. */
    public static void start(String thread, FutureTask<?> task) {
        Thread t = new Thread(task, thread);
        t.setDaemon(true);
        t.start();
    }

    /** What the task gave, once it ends, or what it threw (a checked exception but an interruption wrapped). */
    public static <T> T answer(FutureTask<T> task) throws InterruptedException {
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            if (e.getCause() instanceof InterruptedException i) throw i;
            throw new IllegalStateException(e.getCause());
        }
    }
}
