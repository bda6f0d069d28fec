package io.lifeboat.state;

import java.io.IOException;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A lock as a backend stores it: its holder, and the version of the stored record (an ETag, a
 * digest of the file) that a compare-and-delete or a renewal must still find.
 */
public record LockRecord(LockInfo holder, String version) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The small JSON record of a holder that every backend stores. */
    public static byte[] bytes(LockInfo info) throws IOException {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("user", info.user());
        n.put("host", info.host());
        n.put("pid", info.pid());
        n.put("time", info.time().toString());
        n.put("operation", info.operation());
        if (info.id() != null) n.put("id", info.id());
        if (info.expires() != null) n.put("expires", info.expires().toString());
        return MAPPER.writeValueAsBytes(n);
    }

    /**
     * The holder a record names. Locks appear whole, so an unreadable one was left by a process
     * killed while taking it (with an older Lifeboat): it belongs to no live operation.
     */
    public static LockInfo parse(byte[] bytes) {
        try {
            JsonNode n = MAPPER.readTree(bytes);
            if (n == null || !n.isObject() || !n.has("pid")) throw new IOException("not a lock record");
            return new LockInfo(n.path("user").asText("unknown"), n.path("host").asText("unknown"),
                    n.path("pid").asLong(-1), Instant.parse(n.path("time").asText(Instant.EPOCH.toString())),
                    n.path("operation").asText("unknown"), n.path("id").asText(null),
                    n.hasNonNull("expires") ? Instant.parse(n.get("expires").asText()) : null);
        } catch (IOException | RuntimeException e) {
            return new LockInfo("unknown", LockInfo.thisHost(), -1, Instant.EPOCH,
                    "unreadable lock file (left by a process killed while taking it)");
        }
    }
}
