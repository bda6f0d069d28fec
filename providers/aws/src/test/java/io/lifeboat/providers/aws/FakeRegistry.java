package io.lifeboat.providers.aws;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A Docker Registry HTTP API v2 on 127.0.0.1, over plain HTTP, with Basic authentication: the
 * endpoints a registry-to-registry copy uses (manifests by tag, blobs, chunked and monolithic
 * uploads). It keeps what is pushed and records the credentials each request carried. A client
 * that tries TLS first (Jib does, then falls back to HTTP for an insecure registry) has its
 * connection closed at once, as a plain-HTTP port's TLS handshake fails, rather than left waiting.
 */
final class FakeRegistry implements AutoCloseable {
    static final String MANIFEST_V2 = "application/vnd.docker.distribution.manifest.v2+json";
    private static final Pattern PATH = Pattern.compile("/v2/(.+)/(blobs/uploads|manifests|blobs)/(.*)");

    private final HttpServer server;
    private final java.net.ServerSocket front;
    private final String user;
    private final String password;
    final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    /** {@code repository:tag} → manifest. */
    final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
    private final Map<String, java.io.ByteArrayOutputStream> uploads = new ConcurrentHashMap<>();
    final List<String> authorizations = new ArrayList<>();

    FakeRegistry(String user, String password) throws IOException {
        this.user = user;
        this.password = password;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        front = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "fake-registry-front");
        t.setDaemon(true);
        t.start();
    }

    private void accept() {
        while (!front.isClosed()) {
            try {
                java.net.Socket client = front.accept();
                java.io.PushbackInputStream in = new java.io.PushbackInputStream(client.getInputStream(), 1);
                int first = in.read();
                if (first == 0x16 || first < 0) { // a TLS handshake record
                    client.close();
                    continue;
                }
                in.unread(first);
                java.net.Socket back = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), server.getAddress().getPort());
                pipe(in, back.getOutputStream(), back);
                pipe(back.getInputStream(), client.getOutputStream(), client);
            } catch (IOException e) {
                // closed while accepting, or a client gone
            }
        }
    }

    private static void pipe(java.io.InputStream from, OutputStream to, java.net.Socket closeAfter) {
        Thread t = new Thread(() -> {
            try (closeAfter) {
                from.transferTo(to);
            } catch (IOException e) {
                // the other side closed
            }
        }, "fake-registry-pipe");
        t.setDaemon(true);
        t.start();
    }

    /** {@code 127.0.0.1:PORT}. */
    String host() {
        return "127.0.0.1:" + front.getLocalPort();
    }

    static String digest(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String putBlob(byte[] bytes) {
        String d = digest(bytes);
        blobs.put(d, bytes);
        return d;
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String auth = x.getRequestHeaders().getFirst("Authorization");
            synchronized (authorizations) {
                if (auth != null) authorizations.add(auth);
            }
            String expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(auth)) {
                x.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"fake\"");
                error(x, 401, "UNAUTHORIZED");
                return;
            }
            String path = x.getRequestURI().getPath();
            if (path.equals("/v2/")) {
                send(x, 200, "application/json", "{}".getBytes(StandardCharsets.UTF_8), null);
                return;
            }
            Matcher m = PATH.matcher(path);
            if (!m.matches()) {
                error(x, 404, "NAME_UNKNOWN");
                return;
            }
            String repo = m.group(1);
            String kind = m.group(2);
            String rest = m.group(3);
            String method = x.getRequestMethod();
            byte[] body = x.getRequestBody().readAllBytes();
            switch (kind) {
                case "manifests" -> {
                    if (method.equals("PUT")) {
                        manifests.put(repo + ":" + rest, body);
                        x.getResponseHeaders().add("Docker-Content-Digest", digest(body));
                        send(x, 201, null, new byte[0], null);
                    } else {
                        byte[] manifest = manifests.get(repo + ":" + rest);
                        if (manifest == null) error(x, 404, "MANIFEST_UNKNOWN");
                        else {
                            x.getResponseHeaders().add("Docker-Content-Digest", digest(manifest));
                            send(x, 200, MANIFEST_V2, manifest, method);
                        }
                    }
                }
                case "blobs" -> {
                    byte[] blob = blobs.get(rest);
                    if (blob == null) error(x, 404, "BLOB_UNKNOWN");
                    else {
                        x.getResponseHeaders().add("Docker-Content-Digest", rest);
                        send(x, 200, "application/octet-stream", blob, method);
                    }
                }
                default -> upload(x, repo, rest, method, body);
            }
        }
    }

    private void upload(HttpExchange x, String repo, String id, String method, byte[] body) throws IOException {
        if (method.equals("POST")) {
            String session = UUID.randomUUID().toString();
            uploads.put(session, new java.io.ByteArrayOutputStream());
            x.getResponseHeaders().add("Location", "/v2/" + repo + "/blobs/uploads/" + session);
            x.getResponseHeaders().add("Range", "0-0");
            send(x, 202, null, new byte[0], null);
            return;
        }
        java.io.ByteArrayOutputStream data = uploads.get(id);
        if (data == null) {
            error(x, 404, "BLOB_UPLOAD_UNKNOWN");
            return;
        }
        data.write(body);
        if (method.equals("PATCH")) {
            x.getResponseHeaders().add("Location", "/v2/" + repo + "/blobs/uploads/" + id);
            x.getResponseHeaders().add("Range", "0-" + Math.max(0, data.size() - 1));
            send(x, 202, null, new byte[0], null);
            return;
        }
        String query = x.getRequestURI().getQuery();
        String want = query == null ? null : query.replaceAll(".*digest=([^&]+).*", "$1");
        byte[] bytes = data.toByteArray();
        if (want == null || !want.equals(digest(bytes))) {
            error(x, 400, "DIGEST_INVALID");
            return;
        }
        blobs.put(want, bytes);
        uploads.remove(id);
        x.getResponseHeaders().add("Docker-Content-Digest", want);
        x.getResponseHeaders().add("Location", "/v2/" + repo + "/blobs/" + want);
        send(x, 201, null, new byte[0], null);
    }

    private static void error(HttpExchange x, int status, String code) throws IOException {
        send(x, status, "application/json", ("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + code + "\"}]}")
                .getBytes(StandardCharsets.UTF_8), null);
    }

    private static void send(HttpExchange x, int status, String type, byte[] body, String method) throws IOException {
        if (type != null) x.getResponseHeaders().add("Content-Type", type);
        boolean head = "HEAD".equals(method);
        if (head) x.getResponseHeaders().add("Content-Length", String.valueOf(body.length));
        x.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        try {
            front.close();
        } catch (IOException e) {
            // already closed
        }
        server.stop(0);
    }
}
