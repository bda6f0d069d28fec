package io.lifeboat.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.lifeboat.resource.Urn;

/**
 * A checkpoint file to import as a stack's state: read in full (its shape, its URNs, its secrets
 * opened with the stack's passphrase) and checked to belong to the stack and project it is
 * imported into, before anything is replaced.
 */
public final class CheckpointImport {
    private final Snapshot snapshot;
    private final CheckpointCodec codec;
    private final List<String> foreign;

    private CheckpointImport(Snapshot snapshot, CheckpointCodec codec, List<String> foreign) {
        this.snapshot = snapshot;
        this.codec = codec;
        this.foreign = List.copyOf(foreign);
    }

    /**
     * Reads {@code bytes} ({@code where} names them in errors) for {@code stack} of {@code project}.
     *
     * @throws DamagedCheckpointException when it is not a well-formed checkpoint
     * @throws StateException when its secrets do not open with {@code passphrase}
     */
    public static CheckpointImport read(byte[] bytes, String where, String stack, String project, Supplier<char[]> passphrase) {
        CheckpointCodec codec = CheckpointCodec.forCheckpoint(bytes, passphrase);
        Snapshot s = codec.read(bytes, where);
        List<String> foreign = new ArrayList<>();
        String owner = s.metadata().stack();
        if (owner != null && !owner.equals(stack)) foreign.add("deployment.metadata.lifeboat.stack is " + owner);
        List<Urn> urns = new ArrayList<>();
        for (ResourceState r : s.resources()) urns.add(r.urn());
        for (PendingOperation p : s.pending()) urns.add(p.resource().urn());
        mismatch(urns, stack, true, foreign);
        mismatch(urns, project, false, foreign);
        return new CheckpointImport(s, codec, foreign);
    }

    private static void mismatch(List<Urn> urns, String expected, boolean stack, List<String> out) {
        int count = 0;
        Urn first = null;
        for (Urn u : urns) {
            String actual = stack ? u.stack() : u.project();
            if (actual.equals(expected)) continue;
            if (first == null) first = u;
            count++;
        }
        if (count == 0) return;
        out.add(count + " of " + urns.size() + " URNs name " + (stack ? "stack " + first.stack() : "project " + first.project())
                + ", not " + expected + " (e.g. " + first + ")");
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    /** Why the checkpoint belongs to another stack or project; empty when it is this stack's. */
    public List<String> foreign() {
        return foreign;
    }

    /** The stack another stack's checkpoint names as its own, or null. */
    public String owner() {
        if (snapshot.metadata().stack() != null) return snapshot.metadata().stack();
        for (ResourceState r : snapshot.resources()) return r.urn().stack();
        return null;
    }

    /**
     * Replaces the stack's checkpoint with this one (the caller holds the stack's lock). The one
     * it replaces goes to history; the stack keeps its lineage, and its serial goes on. A current
     * checkpoint that cannot be read is replaced too: importing is a way out of a damaged state.
     */
    public void apply(StateStore store, String stack) {
        String lineage;
        long serial;
        try {
            StackMetadata current = store.load(stack).snapshot().metadata();
            lineage = current.lineage();
            serial = current.serial() + 1;
        } catch (StateException e) {
            lineage = snapshot.metadata().lineage();
            serial = newestKept(store.backend(), stack) + 2;
        }
        StackMetadata im = snapshot.metadata();
        StackMetadata next = new StackMetadata(stack, lineage, serial, im.specHash(), im.commit(), im.appliedAt(), im.role(), im.lost(),
                im.restoredFrom());
        store.commit(stack, snapshot.with(snapshot.resources(), snapshot.pending(), next), codec);
    }

    private static long newestKept(StateBackend backend, String stack) {
        try {
            List<Long> kept = backend.history(stack);
            return kept.isEmpty() ? 0 : kept.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the history of " + stack + " in " + backend.describe(), e);
        }
    }
}
