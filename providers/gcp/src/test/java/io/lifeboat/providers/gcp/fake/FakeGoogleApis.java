package io.lifeboat.providers.gcp.fake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Google's REST APIs on 127.0.0.1, one JDK {@link HttpServer} for all of them: each
 * {@link FakeApi} answers the paths under its prefix ({@code /compute/v1/}, {@code /v1/projects/…}
 * for Container, and so on), errors are sent in Google's JSON error shape
 * ({@link GoogleError}), and a test can inject faults: the next matching request answered with
 * an error, or carried out with its answer lost (the connection closed, as a crash or a network
 * cut does to a create).
 *
 * <p>Every request is logged as {@code METHOD path?query} for tests to assert on.
 */
public final class FakeGoogleApis implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();

    /** One request: the method, the decoded path, the query parameters, the JSON body (an empty object when none). */
    public record Request(String method, String path, Map<String, String> query, JsonNode body, Map<String, String> headers) {
        public String query(String name) {
            return query.get(name);
        }
    }

    /** The answer to a request: a status and a JSON body. */
    public record Response(int status, JsonNode body) {
        public static Response ok(JsonNode body) {
            return new Response(200, body);
        }

        public static Response empty() {
            return new Response(200, JSON.createObjectNode());
        }
    }

    /** One API: the requests it takes (by path) and how it answers them. */
    public interface FakeApi {
        /** True when this API serves the request (by its path). */
        boolean serves(Request request);

        Response handle(Request request) throws GoogleError;
    }

    private record Fault(String method, Pattern path, GoogleError error, boolean loseAnswer, int[] remaining) {
    }

    private final HttpServer server;
    private final List<FakeApi> apis = new CopyOnWriteArrayList<>();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile boolean down;

    public FakeGoogleApis() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::exchange);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        server.start();
    }

    public FakeGoogleApis serve(FakeApi api) {
        apis.add(api);
        return this;
    }

    /** {@code http://127.0.0.1:PORT}: a stack's {@code endpoint:}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Every request so far, as {@code METHOD /path?query}. */
    public List<String> requests() {
        return requests;
    }

    /** The next {@code times} requests of {@code method} whose path matches {@code pathRegex} are answered with {@code error}. */
    public void failNext(String method, String pathRegex, int times, GoogleError error) {
        faults.add(new Fault(method, Pattern.compile(pathRegex), error, false, new int[] {times}));
    }

    /** The next request of {@code method} whose path matches is carried out, and its answer never reaches the caller. */
    public void loseAnswerOfNext(String method, String pathRegex) {
        faults.add(new Fault(method, Pattern.compile(pathRegex), null, true, new int[] {1}));
    }

    /** While down, every connection is closed unanswered: a region that no longer answers. */
    public void down(boolean down) {
        this.down = down;
    }

    private void exchange(HttpExchange ex) throws IOException {
        try (ex) {
            if (down) return; // closed without an answer
            String raw = ex.getRequestURI().getRawQuery();
            Map<String, String> query = new LinkedHashMap<>();
            if (raw != null) {
                for (String kv : raw.split("&")) {
                    if (kv.isEmpty()) continue;
                    int eq = kv.indexOf('=');
                    String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
                    String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
                    query.put(k, v);
                }
            }
            String path = ex.getRequestURI().getPath();
            requests.add(ex.getRequestMethod() + " " + path + (raw == null ? "" : "?" + raw));
            byte[] bytes;
            // google-http-client gzips the bodies it sends (Content-Encoding: gzip)
            boolean gzip = "gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding"));
            try (InputStream in = gzip ? new java.util.zip.GZIPInputStream(ex.getRequestBody()) : ex.getRequestBody()) {
                bytes = in.readAllBytes();
            }
            JsonNode body = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
            Map<String, String> headers = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.isEmpty() ? "" : v.get(0)));
            // an override of the method, as Google's clients send PATCH through POST
            String method = headers.getOrDefault("x-http-method-override", ex.getRequestMethod());
            Request request = new Request(method, path, query, body, headers);

            Fault fault = fault(request);
            if (fault != null && !fault.loseAnswer()) {
                send(ex, fault.error().status(), fault.error().json());
                return;
            }
            Response response;
            try {
                response = route(request);
            } catch (GoogleError e) {
                response = new Response(e.status(), e.json());
            } catch (RuntimeException e) {
                response = new Response(500, GoogleError.internal(String.valueOf(e)).json());
            }
            if (fault != null) return; // carried out; the answer is lost
            send(ex, response.status(), response.body());
        }
    }

    private Response route(Request request) throws GoogleError {
        for (FakeApi api : apis) {
            if (api.serves(request)) return api.handle(request);
        }
        throw GoogleError.notFound("no API of this fake serves " + request.method() + " " + request.path());
    }

    private synchronized Fault fault(Request request) {
        for (Fault f : new ArrayList<>(faults)) {
            if (!f.method().equals(request.method()) || !f.path().matcher(request.path()).matches()) continue;
            if (--f.remaining()[0] <= 0) faults.remove(f);
            return f;
        }
        return null;
    }

    private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] out = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        ex.sendResponseHeaders(status, out.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(out);
        }
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
