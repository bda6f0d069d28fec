package io.lifeboat.providers.aws;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * One S3 bucket on 127.0.0.1, path-style, REST-XML: PutObject (with {@code If-None-Match: *} or
 * {@code If-Match: ETag}), GetObject (with its ETag), DeleteObject (with {@code If-Match}), ListObjectsV2; it records the requests (method and path).
 */
final class FakeS3 implements AutoCloseable {
    private final HttpServer server;
    private final String bucket;
    private final Map<String, byte[]> objects = Collections.synchronizedMap(new TreeMap<>());
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    FakeS3(String bucket) throws IOException {
        this.bucket = bucket;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    Map<String, byte[]> objects() {
        synchronized (objects) {
            return new TreeMap<>(objects);
        }
    }

    void put(String key, byte[] bytes) {
        objects.put(key, bytes);
    }

    List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
        }
        String sha = ex.getRequestHeaders().getFirst("x-amz-content-sha256");
        if (sha != null && sha.startsWith("STREAMING-")) body = unchunk(body);
        String path = ex.getRequestURI().getPath();
        String query = ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery();
        requests.add(ex.getRequestMethod() + " " + path + (query.isEmpty() ? "" : "?" + query));
        if (!path.startsWith("/" + bucket)) {
            reply(ex, 404, error("NoSuchBucket", "The specified bucket does not exist"));
            return;
        }
        String key = path.length() > bucket.length() + 2 ? path.substring(bucket.length() + 2) : "";
        switch (ex.getRequestMethod()) {
            case "PUT" -> {
                synchronized (objects) {
                    if ("*".equals(ex.getRequestHeaders().getFirst("If-None-Match")) && objects.containsKey(key)) {
                        reply(ex, 412, error("PreconditionFailed", "At least one of the pre-conditions you specified did not hold"));
                        return;
                    }
                    if (!matches(ex, key)) return;
                    objects.put(key, body);
                }
                ex.getResponseHeaders().add("ETag", etag(body));
                reply(ex, 200, new byte[0]);
            }
            case "GET" -> {
                if (key.isEmpty()) {
                    reply(ex, 200, list(param(query, "prefix")));
                    return;
                }
                byte[] found = objects.get(key);
                if (found == null) {
                    reply(ex, 404, error("NoSuchKey", "The specified key does not exist."));
                } else {
                    ex.getResponseHeaders().add("ETag", etag(found));
                    reply(ex, 200, found);
                }
            }
            case "DELETE" -> {
                synchronized (objects) {
                    if (!matches(ex, key)) return;
                    objects.remove(key);
                }
                reply(ex, 204, new byte[0]);
            }
            default -> reply(ex, 405, error("MethodNotAllowed", ex.getRequestMethod()));
        }
    }

    /** A write or delete with {@code If-Match} goes ahead only on the object of that ETag, as S3 does (404 when there is none, else 412). */
    private boolean matches(HttpExchange ex, String key) throws IOException {
        String ifMatch = ex.getRequestHeaders().getFirst("If-Match");
        if (ifMatch == null) return true;
        byte[] current = objects.get(key);
        if (current == null) {
            reply(ex, 404, error("NoSuchKey", "The specified key does not exist."));
            return false;
        }
        if (!ifMatch.equals(etag(current))) {
            reply(ex, 412, error("PreconditionFailed", "At least one of the pre-conditions you specified did not hold"));
            return false;
        }
        return true;
    }

    static String etag(byte[] body) {
        try {
            return "\"" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(body)) + "\"";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The payload of an aws-chunked body: {@code <hex size>;chunk-signature=…\r\n<data>\r\n}, up to the empty chunk. */
    static byte[] unchunk(byte[] body) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int eol = at;
            while (eol + 1 < body.length && !(body[eol] == '\r' && body[eol + 1] == '\n')) eol++;
            String header = new String(body, at, eol - at, StandardCharsets.US_ASCII);
            int size = Integer.parseInt(header.split(";")[0].trim(), 16);
            if (size == 0) break;
            out.write(body, eol + 2, size);
            at = eol + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static String param(String query, String name) {
        for (String p : query.split("&")) {
            if (p.startsWith(name + "=")) return java.net.URLDecoder.decode(p.substring(name.length() + 1), StandardCharsets.UTF_8);
        }
        return "";
    }

    private byte[] list(String prefix) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">")
                .append("<Name>").append(bucket).append("</Name><Prefix>").append(prefix).append("</Prefix>");
        int count = 0;
        StringBuilder contents = new StringBuilder();
        for (Map.Entry<String, byte[]> e : objects().entrySet()) {
            if (!e.getKey().startsWith(prefix)) continue;
            count++;
            contents.append("<Contents><Key>").append(e.getKey()).append("</Key><Size>").append(e.getValue().length).append("</Size></Contents>");
        }
        sb.append("<KeyCount>").append(count).append("</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>").append(contents)
                .append("</ListBucketResult>");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] error(String code, String message) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message + "</Message></Error>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void reply(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "application/xml");
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) ex.getResponseBody().write(body);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
