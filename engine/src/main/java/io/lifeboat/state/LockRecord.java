package io.lifeboat.state;

import java.io.IOException;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A lock as every backend stores it: a small JSON record of its holder. */
public final class LockRecord {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LockRecord() {
    }

    public static byte[] bytes(LockInfo info) throws IOException {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("user", info.user());
        n.put("host", info.host());
        n.put("pid", info.pid());
        n.put("time", info.time().toString());
        n.put("operation", info.operation());
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
                    n.path("operation").asText("unknown"));
        } catch (IOException | RuntimeException e) {
            return new LockInfo("unknown", LockInfo.current("").host(), -1, Instant.EPOCH,
                    "unreadable lock file (left by a process killed while taking it)");
        }
    }

    /** The holder to report when a lock is held but could not be read. */
    public static LockInfo unknown() {
        return new LockInfo("unknown", "unknown", -1, Instant.EPOCH, "unknown");
    }
}
