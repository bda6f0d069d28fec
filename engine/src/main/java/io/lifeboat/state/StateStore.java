package io.lifeboat.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A stack's state on its backend: loads the checkpoint (replaying a journal left by an
 * interrupted operation), opens journals, and commits new checkpoints.
 */
public final class StateStore {
    private final StateBackend backend;
    private final Supplier<char[]> passphrase;
    private final Parsed parsed;

    public StateStore(StateBackend backend, Supplier<char[]> passphrase) {
        this(backend, passphrase, null);
    }

    /** @param parsed the checkpoints read already (shared by the stores of one operation), or null */
    public StateStore(StateBackend backend, Supplier<char[]> passphrase, Parsed parsed) {
        this.backend = backend;
        this.passphrase = passphrase;
        this.parsed = parsed;
    }

    /**
     * The checkpoints an operation has read, each kept with its bytes: read again and found the
     * same, byte for byte, it is not parsed again (a failover of 12,500 resources reads the lost
     * stack's state to find its backups and again to mark it lost, each parse 0.4 s). Per
     * checkpoint only the newest read is kept. Thread-safe.
     */
    public static final class Parsed {
        private record Entry(byte[] bytes, CheckpointCodec codec, Snapshot snapshot) {
        }

        private final java.util.Map<String, Entry> byWhere = new java.util.concurrent.ConcurrentHashMap<>();

        Entry get(String where, byte[] bytes) {
            Entry e = byWhere.get(where);
            return e != null && java.util.Arrays.equals(e.bytes(), bytes) ? e : null;
        }

        void put(String where, byte[] bytes, CheckpointCodec codec, Snapshot snapshot) {
            byWhere.put(where, new Entry(bytes, codec, snapshot));
        }
    }

    public StateBackend backend() {
        return backend;
    }

    /** A stack's state as it stands, with what its journal recorded after the checkpoint. */
    public record Loaded(Snapshot snapshot, CheckpointCodec codec, boolean exists, JournalReplay.Result replay) {
        public boolean recovered() {
            return replay != null && (replay.applied() > 0 || replay.pending() > 0);
        }
    }

    public Loaded load(String stack) {
        try {
            Optional<byte[]> bytes = backend.readCheckpoint(stack);
            Snapshot base;
            CheckpointCodec codec;
            Parsed.Entry known = bytes.isPresent() && parsed != null ? parsed.get(where(stack), bytes.get()) : null;
            if (known != null) {
                codec = known.codec();
                base = known.snapshot();
            } else if (bytes.isPresent()) {
                codec = CheckpointCodec.forCheckpoint(bytes.get(), passphrase);
                base = read(codec, bytes.get(), stack);
                if (parsed != null) parsed.put(where(stack), bytes.get(), codec, base);
            } else {
                codec = new CheckpointCodec(SecretsCrypter.fresh(passphrase));
                base = Snapshot.empty(stack);
            }
            List<String> journal = backend.readJournal(stack);
            if (journal.isEmpty()) return new Loaded(base, codec, bytes.isPresent(), null);
            JournalReplay.Result replay = JournalReplay.apply(base, journal, codec);
            return new Loaded(replay.snapshot(), codec, bytes.isPresent() || replay.applied() > 0, replay);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the state of " + stack + " from " + backend.describe(), e);
        }
    }

    /** The stack's metadata (its role, whether it is lost), read without opening its secrets. */
    public StackMetadata metadata(String stack) {
        try {
            Optional<byte[]> bytes = backend.readCheckpoint(stack);
            return bytes.isEmpty() ? StackMetadata.fresh(stack) : CheckpointCodec.readMetadata(bytes.get(), where(stack));
        } catch (DamagedCheckpointException e) {
            throw damaged(e, stack);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the state of " + stack + " from " + backend.describe(), e);
        }
    }

    private Snapshot read(CheckpointCodec codec, byte[] bytes, String stack) {
        try {
            return codec.read(bytes, where(stack));
        } catch (DamagedCheckpointException e) {
            throw damaged(e, stack);
        }
    }

    private static StateException damaged(DamagedCheckpointException e, String stack) {
        return new StateException(e.getMessage() + "\n  fix: `lifeboat state repair --stack " + stack
                + " --yes` restores the newest good checkpoint kept in history (run it without --yes to see what it would do)", e);
    }

    /** The checkpoint of a stack, as errors name it. */
    public String where(String stack) {
        return backend.describe() + "/" + stack + ".json";
    }

    /**
     * Opens the journal of an operation. A stack's first operation first writes its empty
     * checkpoint, so that the lineage and the secrets salt the journal depends on are on record.
     */
    public Journal journal(String stack, Loaded loaded) {
        if (!loaded.exists()) {
            try {
                backend.writeCheckpoint(stack, loaded.codec().write(loaded.snapshot()), loaded.snapshot().metadata().serial());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the state of " + stack + " to " + backend.describe(), e);
            }
        }
        StackMetadata m = loaded.snapshot().metadata();
        return new Journal(backend, stack, loaded.codec(), m.lineage(), m.serial());
    }

    /**
     * Writes the state {@code loaded} holds with {@code metadata} as its next checkpoint: when
     * the checkpoint on the backend is what was loaded (no journal since) and laid out as this
     * Lifeboat writes, only its metadata is written anew and its resources are kept byte for byte
     * ({@link CheckpointWriter#withMetadata}); else the whole snapshot, as {@link #commit}. For
     * the caller holding the stack's lock. Returns the bytes written.
     */
    public long commitMetadata(String stack, Loaded loaded, StackMetadata metadata) {
        Snapshot next = loaded.snapshot().with(loaded.snapshot().resources(), loaded.snapshot().pending(), metadata);
        if (loaded.replay() == null && loaded.exists()) {
            try {
                Optional<byte[]> bytes = backend.readCheckpoint(stack);
                byte[] spliced = bytes.isEmpty() ? null : CheckpointWriter.withMetadata(bytes.get(), metadata);
                if (spliced != null && backend.readJournal(stack).isEmpty()) {
                    backend.writeCheckpoint(stack, spliced, metadata.serial());
                    // the manifest (its time) is kept as it was, as the bytes say
                    Snapshot written = new Snapshot(loaded.snapshot().time(), next.resources(), next.pending(), metadata);
                    if (parsed != null) parsed.put(where(stack), spliced, loaded.codec(), written);
                    return spliced.length;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the state of " + stack + " to " + backend.describe(), e);
            }
        }
        return commit(stack, next, loaded.codec());
    }

    /** Writes {@code snapshot} as the next checkpoint and clears the journal it supersedes. Returns the bytes written. */
    public long commit(String stack, Snapshot snapshot, CheckpointCodec codec) {
        try {
            byte[] bytes = codec.write(snapshot);
            backend.writeCheckpoint(stack, bytes, snapshot.metadata().serial());
            backend.clearJournal(stack);
            return bytes.length;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the state of " + stack + " to " + backend.describe(), e);
        }
    }
}
