package io.lifeboat.providers.gcp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A GCS bucket on 127.0.0.1 speaking the JSON API as its documentation gives it: objects with
 * generations; {@code GET .../o/NAME} (metadata, or the bytes with {@code alt=media}, of the live
 * generation or the one asked for); {@code GET .../o?prefix=} (list); a multipart upload
 * ({@code POST /upload/storage/v1/b/B/o?uploadType=multipart}, metadata then media) and
 * {@code DELETE}, both honouring {@code ifGenerationMatch} (0: the object must not exist), with
 * 412 {@code conditionNotMet} when it does not hold and 404 {@code notFound} for a missing object.
 */
final class FakeGcs implements AutoCloseable {
    private record Obj(byte[] bytes, long generation) {
    }

    private static final Pattern OBJECT = Pattern.compile("(?:/download)?/storage/v1/b/([^/]+)/o/(.+)");
    private static final Pattern OBJECTS = Pattern.compile("/storage/v1/b/([^/]+)/o");
    private static final Pattern UPLOAD = Pattern.compile("/upload/storage/v1/b/([^/]+)/o");

    private final String bucket;
    private final HttpServer server;
    private final Map<String, Obj> objects = new TreeMap<>();
    private final Map<String, Map<Long, byte[]>> generations = new HashMap<>();
    private final AtomicLong nextGeneration = new AtomicLong(1_700_000_000_000_000L);
    private final List<String> requests = new CopyOnWriteArrayList<>();

    FakeGcs(String bucket) throws IOException {
        this.bucket = bucket;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized Map<String, byte[]> objects() {
        Map<String, byte[]> out = new TreeMap<>();
        objects.forEach((k, v) -> out.put(k, v.bytes()));
        return out;
    }

    List<String> requests() {
        return requests;
    }

    private final Map<String, byte[]> interleaved = new HashMap<>();

    /** Before the next upload of {@code name}, another writer's upload of {@code bytes} lands (a race lost). */
    synchronized void interleave(String name, byte[] bytes) {
        interleaved.put(name, bytes);
    }

    synchronized void put(String name, byte[] bytes) {
        store(name, bytes);
    }

    private Obj store(String name, byte[] bytes) {
        Obj o = new Obj(bytes, nextGeneration.incrementAndGet());
        objects.put(name, o);
        generations.computeIfAbsent(name, n -> new HashMap<>()).put(o.generation(), bytes);
        return o;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getRawPath();
        Map<String, String> q = query(x.getRequestURI().getRawQuery());
        requests.add(x.getRequestMethod() + " " + path + (x.getRequestURI().getRawQuery() == null ? "" : "?" + x.getRequestURI().getRawQuery()));
        byte[] body = x.getRequestBody().readAllBytes();
        // the client may send its uploads gzipped, as the API accepts
        if ("gzip".equalsIgnoreCase(x.getRequestHeaders().getFirst("Content-Encoding"))) {
            body = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body)).readAllBytes();
        }
        try {
            synchronized (this) {
                Matcher m;
                if ((m = UPLOAD.matcher(path)).matches() && x.getRequestMethod().equals("POST")) {
                    if (!bucket.equals(m.group(1))) throw new Status(404, "notFound", "No such bucket: " + m.group(1));
                    if (!"multipart".equals(q.get("uploadType"))) throw new Status(400, "invalid", "uploadType must be multipart here");
                    String[] parts = multipart(x.getRequestHeaders().getFirst("Content-Type"), body);
                    Matcher n = Pattern.compile("\"name\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(parts[0]);
                    String name = n.find() ? n.group(1).replace("\\/", "/") : q.get("name");
                    if (name == null) throw new Status(400, "required", "Required: object name");
                    byte[] other = interleaved.remove(name);
                    if (other != null) store(name, other);
                    checkGeneration(name, q);
                    Obj o = store(name, parts[1].getBytes(StandardCharsets.ISO_8859_1));
                    send(x, 200, metadata(name, o));
                } else if ((m = OBJECT.matcher(path)).matches()) {
                    if (!bucket.equals(m.group(1))) throw new Status(404, "notFound", "No such bucket: " + m.group(1));
                    String name = URLDecoder.decode(m.group(2), StandardCharsets.UTF_8);
                    Obj o = objects.get(name);
                    switch (x.getRequestMethod()) {
                        case "GET" -> {
                            if (o == null) throw new Status(404, "notFound", "No such object: " + bucket + "/" + name);
                            byte[] bytes = o.bytes();
                            if (q.containsKey("generation")) {
                                bytes = generations.get(name).get(Long.parseLong(q.get("generation")));
                                if (bytes == null) throw new Status(404, "notFound", "No such object: " + bucket + "/" + name + "#" + q.get("generation"));
                            }
                            if ("media".equals(q.get("alt"))) {
                                x.getResponseHeaders().set("Content-Type", "application/octet-stream");
                                x.getResponseHeaders().set("x-goog-generation", String.valueOf(o.generation()));
                                x.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
                                try (OutputStream out = x.getResponseBody()) {
                                    out.write(bytes);
                                }
                                return;
                            }
                            send(x, 200, metadata(name, o));
                        }
                        case "DELETE" -> {
                            if (o == null) throw new Status(404, "notFound", "No such object: " + bucket + "/" + name);
                            checkGeneration(name, q);
                            objects.remove(name);
                            x.sendResponseHeaders(204, -1);
                            x.close();
                        }
                        default -> throw new Status(405, "methodNotAllowed", x.getRequestMethod());
                    }
                } else if ((m = OBJECTS.matcher(path)).matches() && x.getRequestMethod().equals("GET")) {
                    if (!bucket.equals(m.group(1))) throw new Status(404, "notFound", "No such bucket: " + m.group(1));
                    String prefix = q.getOrDefault("prefix", "");
                    List<String> items = new ArrayList<>();
                    objects.forEach((k, v) -> {
                        if (k.startsWith(prefix)) items.add(metadata(k, v));
                    });
                    send(x, 200, "{\"kind\":\"storage#objects\",\"items\":[" + String.join(",", items) + "]}");
                } else {
                    throw new Status(404, "notFound", "Not found: " + x.getRequestMethod() + " " + path);
                }
            }
        } catch (Status s) {
            send(x, s.code, "{\"error\":{\"code\":" + s.code + ",\"message\":\"" + s.getMessage().replace("\"", "'") + "\",\"errors\":[{\"reason\":\""
                    + s.reason + "\",\"message\":\"" + s.getMessage().replace("\"", "'") + "\"}]}}");
        }
    }

    private void checkGeneration(String name, Map<String, String> q) throws Status {
        String want = q.get("ifGenerationMatch");
        if (want == null) return;
        Obj o = objects.get(name);
        long have = o == null ? 0 : o.generation();
        if (have != Long.parseLong(want)) {
            throw new Status(412, "conditionNotMet", "At least one of the pre-conditions you specified did not hold.");
        }
    }

    private String metadata(String name, Obj o) {
        return "{\"kind\":\"storage#object\",\"bucket\":\"" + bucket + "\",\"name\":\"" + name + "\",\"id\":\"" + bucket + "/" + name + "/"
                + o.generation() + "\",\"generation\":\"" + o.generation() + "\",\"metageneration\":\"1\",\"size\":\"" + o.bytes().length
                + "\",\"contentType\":\"application/json\"}";
    }

    /** The two parts of a multipart/related upload: the JSON metadata, then the media (as ISO-8859-1 text, byte for byte). */
    private static String[] multipart(String contentType, byte[] body) throws Status {
        Matcher b = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(contentType == null ? "" : contentType);
        if (!b.find()) throw new Status(400, "invalid", "a multipart upload needs a boundary");
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String[] raw = text.split("--" + Pattern.quote(b.group(1)));
        List<String> parts = new ArrayList<>();
        for (String r : raw) {
            if (r.isBlank() || r.startsWith("--")) continue;
            int split = r.indexOf("\r\n\r\n");
            if (split < 0) continue;
            String content = r.substring(split + 4);
            if (content.endsWith("\r\n")) content = content.substring(0, content.length() - 2);
            parts.add(content);
        }
        if (parts.size() != 2) throw new Status(400, "invalid", "a multipart upload has metadata and media, found " + parts.size() + " parts");
        return parts.toArray(new String[0]);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) return out;
        for (String p : raw.split("&")) {
            int eq = p.indexOf('=');
            if (eq > 0) out.put(URLDecoder.decode(p.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static void send(HttpExchange x, int code, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        x.sendResponseHeaders(code, b.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(b);
        }
    }

    private static final class Status extends Exception {
        final int code;
        final String reason;

        Status(int code, String reason, String message) {
            super(message);
            this.code = code;
            this.reason = reason;
        }
    }
}
