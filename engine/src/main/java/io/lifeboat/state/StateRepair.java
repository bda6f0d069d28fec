package io.lifeboat.state;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Explains, and with {@code apply} fixes, what keeps a stack's state from being used and was not
 * resolved on its own: a lock left by a process that is gone, a damaged checkpoint (the newest
 * good one kept beside it is restored), a journal that belongs to no checkpoint, operations that
 * stayed pending because the cloud could not be asked.
 */
public final class StateRepair {
    private final StateBackend backend;
    private final Supplier<char[]> passphrase;

    public StateRepair(StateBackend backend, Supplier<char[]> passphrase) {
        this.backend = backend;
        this.passphrase = passphrase;
    }

    /** One thing found: what is wrong, what fixes it, and whether it was fixed. */
    public record Finding(String problem, String fix, boolean fixed) {
    }

    public List<Finding> run(String stack, boolean apply) throws IOException {
        List<Finding> out = new ArrayList<>();
        Optional<LockRecord> lock = backend.readLock(stack);
        if (lock.isPresent()) {
            LockInfo holder = lock.get().holder();
            Optional<String> stale = holder.staleBecause(java.time.Instant.now());
            if (stale.isPresent()) {
                boolean broken = apply && backend.unlock(stack, lock.get());
                out.add(new Finding("the lock is held by " + holder + ", which is gone (" + stale.get() + ")",
                        apply && !broken ? "break the lock: it changed meanwhile, run again to see who holds it now" : "break the lock", broken));
            } else {
                out.add(new Finding("the lock is held by " + holder + ", which may still be running",
                        "wait for it, or `lifeboat state unlock --force` once you know it is gone", false));
                return out;
            }
        }

        Optional<byte[]> bytes = backend.readCheckpoint(stack);
        if (bytes.isEmpty()) {
            out.add(new Finding("there is no checkpoint: the stack was never applied", "nothing to repair", false));
            return out;
        }
        Snapshot current = null;
        try {
            current = codec(bytes.get()).read(bytes.get(), backend.describe() + "/" + stack + ".json");
        } catch (DamagedCheckpointException e) {
            Snapshot good = null;
            long goodSerial = -1;
            for (long serial : backend.history(stack)) {
                byte[] h = backend.readHistory(stack, serial).orElse(null);
                if (h == null) continue;
                try {
                    good = codec(h).read(h, "history " + serial);
                    goodSerial = serial;
                    bytes = Optional.of(h);
                    break;
                } catch (StateException ignored) {
                    // try an older one
                }
            }
            if (good == null) {
                out.add(new Finding("the checkpoint is damaged (" + e.getMessage() + ") and no good earlier one is kept",
                        "import a checkpoint you trust with `lifeboat state import`", false));
                return out;
            }
            // the damaged one goes to history after every kept one, so that no good checkpoint is overwritten by it
            long damagedAs = Math.max(backend.history(stack).get(0), good.metadata().serial()) + 1;
            if (apply) backend.writeCheckpoint(stack, bytes.get(), damagedAs + 1);
            out.add(new Finding("the checkpoint is damaged: " + e.getMessage(),
                    "restore checkpoint " + goodSerial + ", the newest good one kept (the damaged one is kept in history as " + damagedAs
                            + "); `lifeboat refresh` then reads the cloud again", apply));
            current = good;
        }

        List<String> journal = backend.readJournal(stack);
        if (!journal.isEmpty()) {
            JournalReplay.Result replay = JournalReplay.apply(current, journal, codec(bytes.get()));
            if (replay.applied() == 0 && replay.pending() == current.pending().size() && replay.ignored() > 0) {
                if (apply) backend.clearJournal(stack);
                out.add(new Finding("the journal holds " + replay.ignored() + " entries that belong to no checkpoint",
                        "remove them (they were applied already, or were cut short by a crash)", apply));
            } else if (replay.applied() > 0 || replay.pending() > 0) {
                out.add(new Finding("the journal holds " + replay.applied() + " finished and " + replay.pending()
                        + " unfinished steps of an interrupted operation", "none needed: the next `lifeboat up` finishes them", false));
            }
        }
        if (!current.pending().isEmpty()) {
            if (apply) {
                CheckpointCodec codec = codec(bytes.get());
                Snapshot s = current.with(current.resources(), List.of(), current.metadata().next(null, null, null));
                backend.writeCheckpoint(stack, codec.write(s), s.metadata().serial());
            }
            for (PendingOperation p : current.pending()) {
                out.add(new Finding("the " + p.type() + " of " + p.resource().urn().name() + " was left pending and the cloud could not be asked",
                        "forget it; `lifeboat up --refresh` reads the cloud and re-plans the resource", apply));
            }
        }
        if (out.isEmpty()) out.add(new Finding("nothing is wrong with the state of " + stack, "nothing to do", false));
        return out;
    }

    private CheckpointCodec codec(byte[] bytes) {
        return CheckpointCodec.forCheckpoint(bytes, passphrase);
    }
}
