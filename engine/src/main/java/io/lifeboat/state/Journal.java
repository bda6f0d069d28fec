package io.lifeboat.state;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.lifeboat.resource.Urn;

/**
 * The append-only record of one operation on a stack: an entry before each provider call
 * ({@code begin}) and one after it ({@code end}). Every entry reaches the file before the call
 * goes on, so it survives the death of the process; a {@code begin} is also synced to disk before
 * the provider is called, so that even a machine crash leaves a trace of every call that may have
 * happened. An {@code end} need not be synced: a lost one turns back into a pending operation that
 * {@code Recovery} settles by asking the cloud. Concurrent steps share an append and a sync
 * (group commit), so parallel steps do not queue on the disk one by one: at 512 steps at once,
 * a sync each and a wake-up of every waiter after each made 10,000 creates wait 118 ms a begin.
 *
 * <p>An {@code end} that changes nothing of its {@code begin}'s resource but the id and outputs
 * (a create's) holds only those ({@code "asBegun": true}), and of the outputs only what the
 * inputs do not say already ({@code "outputsBeyondInputs"}: those that differ from the input of
 * the same name or have none, and {@code "inputsNotOutput"}: the inputs the outputs lack), since
 * a provider's outputs echo most of its inputs: a journal of 12,500 creates is then smaller than
 * the state it builds.
 *
 * <p>A journal opens with a session line that names the checkpoint its entries build on
 * ({@code {"journal":2,"lineage":..,"serial":..}}), written with its first entry. A begin
 * carries a number ({@code "begin":7}) and its resource (whose URN it is); the end or fail of that
 * call names only the number ({@code "end":7}): the op and URN are the begin's. An end with no
 * begin (a component's, a provider's, a delete with no call) names its op and URN itself
 * ({@code "kind":"end"}). After a crash, {@link JournalReplay} applies the ends to that
 * checkpoint and turns begins without an end into pending operations; it reads the lines of an
 * older Lifeboat too, which each named their kind, op, URN, lineage and serial: a begin and an end
 * of 12,500 creates were then a third larger than the state they built.
 */
public final class Journal {
    private static final JsonFactory JSON = new JsonFactory();

    private final StateBackend backend;
    private final String stack;
    private final CheckpointCodec codec;
    private final String lineage;
    private final long serial;
    private final Object lock = new Object();
    /** The round entries join now; {@code writing} while a thread writes rounds. */
    private Round pending = new Round();
    private boolean writing;
    private IOException failure;
    private long bytes;
    /** Whether the session line is written (with the first entry). */
    private boolean opened;
    private long nextBegin;
    /** Each call begun and not yet ended, by op and URN. */
    private final java.util.Map<String, Begun> begun = new java.util.HashMap<>();

    /** A call begun: its number in this journal's session, and the resource it was given. */
    private record Begun(long number, ResourceState resource) {
    }

    public Journal(StateBackend backend, String stack, CheckpointCodec codec, String lineage, long serial) {
        this.backend = backend;
        this.stack = stack;
        this.codec = codec;
        this.lineage = lineage;
        this.serial = serial;
    }

    /** Before a provider call. {@code resource} is the state the operation starts from (or aims at, for a create). */
    public void begin(String op, ResourceState resource) {
        long number;
        synchronized (lock) {
            number = nextBegin++;
            begun.put(key(op, resource.urn()), new Begun(number, resource));
        }
        write(g -> {
            g.writeNumberField("begin", number);
            g.writeStringField("op", op);
            g.writeStringField("time", java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString());
            withResource(g, resource);
        }, true);
    }

    /** After a provider call: the resource's new state (only its id and outputs when the rest is as it began). */
    public void end(String op, ResourceState resource) {
        Begun began = takeBegun(op, resource.urn());
        if (began != null && began.resource().made(resource.id(), resource.outputs()).equals(resource)) {
            write(g -> {
                g.writeNumberField("end", began.number());
                g.writeBooleanField("asBegun", true);
                if (resource.id() != null) g.writeStringField("id", resource.id());
                writeOutputsOver(g, began.resource().inputs(), resource.outputs());
            }, false);
        } else {
            write(g -> {
                of("end", began, op, resource.urn(), g);
                withResource(g, resource);
            }, false);
        }
    }

    private Begun takeBegun(String op, Urn urn) {
        synchronized (lock) {
            return begun.remove(key(op, urn));
        }
    }

    /** Which call an end or fail is of: the number of its begin, or (with none) its kind, op and URN. */
    private static void of(String kind, Begun began, String op, Urn urn, JsonGenerator g) throws IOException {
        if (began != null) {
            g.writeNumberField(kind, began.number());
            return;
        }
        g.writeStringField("kind", kind);
        g.writeStringField("op", op);
        g.writeStringField("urn", urn.toString());
    }

    /** The outputs as what they add to the inputs: see the class comment; {@link JournalReplay#outputsOver} reads them back. */
    private void writeOutputsOver(JsonGenerator g, io.lifeboat.resource.Props inputs, io.lifeboat.resource.Props outputs) throws IOException {
        io.lifeboat.resource.Props.Builder beyond = io.lifeboat.resource.Props.builder();
        for (String k : outputs.keySet()) {
            io.lifeboat.resource.PropertyValue out = outputs.get(k);
            if (!out.equals(inputs.get(k))) beyond.put(k, out);
        }
        g.writeFieldName("outputsBeyondInputs");
        codec.writeProps(g, beyond.build());
        boolean any = false;
        for (String k : inputs.keySet()) {
            if (outputs.containsKey(k)) continue;
            if (!any) g.writeArrayFieldStart("inputsNotOutput");
            any = true;
            g.writeString(k);
        }
        if (any) g.writeEndArray();
    }

    private void withResource(JsonGenerator g, ResourceState resource) throws IOException {
        g.writeFieldName("resource");
        codec.writeResource(g, resource);
        CheckpointCodec.writeExtra(g, "extra", resource);
    }

    /**
     * After a delete: the object {@code id} of the resource is gone ({@code replaced}: the old copy
     * of a replaced resource). The id tells which copy, whatever the checkpoint calls it.
     */
    public void deleted(Urn urn, String id, boolean replaced) {
        Begun began = takeBegun("deleting", urn);
        write(g -> {
            of("end", began, "deleting", urn, g);
            g.writeBooleanField("replaced", replaced);
            if (id != null) g.writeStringField("id", id);
        }, false);
    }

    /** A provider call that failed; the state stays as it was. */
    public void failed(String op, Urn urn, String message) {
        Begun began = takeBegun(op, urn);
        write(g -> {
            of("fail", began, op, urn, g);
            g.writeStringField("message", message);
        }, false);
    }

    /** Which call an entry is of: its op and URN (a begin and its end, or its fail, share it). */
    static String key(String op, Urn urn) {
        return op + " " + urn;
    }

    public long bytesWritten() {
        synchronized (lock) {
            return bytes;
        }
    }

    /** The fields of an entry. */
    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private void write(Body body, boolean durable) {
        String line = line(body);
        Round round;
        boolean lead;
        synchronized (lock) {
            if (failure != null) throw cannotWrite(failure);
            round = pending;
            if (!opened) {
                String session = line(g -> {
                    g.writeNumberField("journal", 2);
                    g.writeStringField("lineage", lineage);
                    g.writeNumberField("serial", serial);
                });
                round.lines.add(session);
                bytes += session.length() + 1;
                opened = true;
            }
            round.lines.add(line);
            round.durable |= durable;
            bytes += line.length() + 1;
            lead = !writing;
            writing = true;
        }
        if (lead) writeRounds();
        round.await();
    }

    private static String line(Body body) {
        java.io.StringWriter text = new java.io.StringWriter();
        try (JsonGenerator g = JSON.createGenerator(text)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new StateException("cannot serialise a journal entry", e);
        }
        return text.toString();
    }

    /**
     * The entries that reach the backend in one append, and (when one of them must survive a
     * machine crash) one sync: everyone who waits on a round wakes when it is written, and only they.
     */
    private final class Round {
        final List<String> lines = new java.util.ArrayList<>();
        boolean durable;
        private boolean done;
        private IOException error;

        synchronized void finish(IOException e) {
            done = true;
            error = e;
            notifyAll();
        }

        synchronized void await() {
            boolean interrupted = false;
            while (!done) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true; // the entry is on its way to the file: wait for it, then say so
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
            if (error != null) throw cannotWrite(error);
        }
    }

    /**
     * Writes rounds while there are any (group commit): the thread that found no writer writes
     * the round it joined and each one filled meanwhile, then leaves; the others only wait.
     */
    private void writeRounds() {
        while (true) {
            Round round;
            synchronized (lock) {
                round = pending;
                if (round.lines.isEmpty()) {
                    writing = false;
                    return;
                }
                pending = new Round();
            }
            IOException error = null;
            try {
                backend.appendJournal(stack, round.lines);
                if (round.durable) backend.syncJournal(stack);
            } catch (IOException e) {
                error = e;
            } catch (RuntimeException e) {
                // a backend's unchecked failure ends the round too: left unfinished, its waiters would wait for good
                error = new IOException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
            }
            if (error != null) {
                synchronized (lock) {
                    if (failure == null) failure = error;
                    writing = false;
                    // the entries queued meanwhile cannot follow a round that is lost
                    pending.finish(failure);
                    pending = new Round();
                }
                round.finish(error);
                return;
            }
            round.finish(null);
        }
    }

    private StateException cannotWrite(IOException e) {
        return new StateException("cannot write the journal of " + stack + ": " + e.getMessage(), e);
    }
}
