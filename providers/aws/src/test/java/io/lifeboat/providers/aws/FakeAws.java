package io.lifeboat.providers.aws;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.lifeboat.provider.ProviderConfig;

/**
 * A scripted AWS on 127.0.0.1: it speaks the wire protocols of the calls the provider makes (EC2
 * and query/XML for EC2, RDS, IAM, SNS; JSON 1.1 for Secrets Manager and ECR; REST-JSON for EKS),
 * records every request, and answers each call with the replies a test lined up for it (the last
 * one again once the others are used up).
 */
final class FakeAws implements AutoCloseable {
    record Request(String method, String path, Map<String, String> headers, String body, Map<String, String> params, String action) {
        String param(String name) {
            return params.get(name);
        }
    }

    record Reply(int status, String contentType, String body, Map<String, String> headers) {
        static Reply ec2(String action, String inner) {
            return new Reply(200, "text/xml", "<" + action + "Response xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>req-1</requestId>"
                    + inner + "</" + action + "Response>", Map.of());
        }

        static Reply ec2Error(int status, String code, String message) {
            return new Reply(status, "text/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>" + code
                    + "</Code><Message>" + message + "</Message></Error></Errors><RequestID>req-1</RequestID></Response>", Map.of());
        }

        /** A query-protocol answer (RDS, IAM, SNS): the result inside {@code <ActionResult>}. */
        static Reply query(String action, String namespace, String inner) {
            return new Reply(200, "text/xml", "<" + action + "Response xmlns=\"" + namespace + "\"><" + action + "Result>" + inner + "</" + action
                    + "Result><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></" + action + "Response>", Map.of());
        }

        static Reply queryError(int status, String code, String message) {
            return new Reply(status, "text/xml", "<ErrorResponse><Error><Type>Sender</Type><Code>" + code + "</Code><Message>" + message
                    + "</Message></Error><RequestId>req-1</RequestId></ErrorResponse>", Map.of());
        }

        static Reply json(String body) {
            return new Reply(200, "application/x-amz-json-1.1", body, Map.of());
        }

        static Reply rest(String body) {
            return new Reply(200, "application/json", body, Map.of());
        }

        static Reply jsonError(int status, String type, String message) {
            return new Reply(status, "application/x-amz-json-1.1", "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}",
                    Map.of("x-amzn-ErrorType", type));
        }
    }

    static final String RDS = "http://rds.amazonaws.com/doc/2014-10-31/";
    static final String IAM = "https://iam.amazonaws.com/doc/2010-05-08/";
    static final String SNS = "http://sns.amazonaws.com/doc/2010-03-31/";

    private final HttpServer server;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Deque<Reply>> script = new HashMap<>();
    private final Map<String, java.util.function.Function<Request, Reply>> handlers = new HashMap<>();

    FakeAws() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Lines up replies for a call: a query Action, a JSON target's operation, or "METHOD /path" for REST. */
    synchronized FakeAws on(String action, Reply... replies) {
        script.computeIfAbsent(action, a -> new ArrayDeque<>()).addAll(List.of(replies));
        return this;
    }

    /** Answers a call with a handler (a stateful fake service, {@link FakeRds}) instead of lined-up replies. */
    synchronized FakeAws serve(String action, java.util.function.Function<Request, Reply> handler) {
        handlers.put(action, handler);
        return this;
    }

    /** The region a request was signed for (its SigV4 credential scope); null when unsigned. */
    static String region(Request r) {
        String[] scope = scope(r);
        return scope == null ? null : scope[2];
    }

    /** The service a request was signed for ({@code rds}, {@code monitoring}); null when unsigned. */
    static String service(Request r) {
        String[] scope = scope(r);
        return scope == null ? null : scope[3];
    }

    private static String[] scope(Request r) {
        String auth = r.headers().get("authorization");
        if (auth == null || !auth.contains("Credential=")) return null;
        String credential = auth.substring(auth.indexOf("Credential=") + "Credential=".length());
        int end = credential.indexOf(',');
        String[] parts = (end < 0 ? credential : credential.substring(0, end)).split("/");
        return parts.length == 5 ? parts : null;
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    List<Request> calls(String action) {
        List<Request> out = new ArrayList<>();
        for (Request r : requests()) if (r.action().equals(action)) out.add(r);
        return out;
    }

    List<String> actions() {
        List<String> out = new ArrayList<>();
        for (Request r : requests()) out.add(r.action());
        return out;
    }

    /** A provider of the aws package for {@code region} whose every call comes here, polling every 5 ms. */
    AwsProvider provider(String region) {
        ProviderConfig config = new ProviderConfig("aws", region, endpoint(), Path.of("."), Map.of("pollMillis", "5"));
        try {
            return (AwsProvider) new AwsProviderFactory().open(config);
        } catch (io.lifeboat.provider.ProviderException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] raw;
        try (InputStream in = ex.getRequestBody()) {
            raw = in.readAllBytes();
        }
        String body = new String(raw, StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
        Map<String, String> params = new LinkedHashMap<>();
        String type = headers.getOrDefault("content-type", "");
        if (type.startsWith("application/x-www-form-urlencoded")) {
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        String action;
        if (params.containsKey("Action")) action = params.get("Action");
        else if (headers.containsKey("x-amz-target")) action = headers.get("x-amz-target").substring(headers.get("x-amz-target").lastIndexOf('.') + 1);
        else action = ex.getRequestMethod() + " " + ex.getRequestURI().getPath();
        Request request = new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(), headers, body, params, action);
        requests.add(request);
        java.util.function.Function<Request, Reply> handler;
        synchronized (this) {
            handler = handlers.get(action);
        }
        Reply reply;
        try {
            reply = handler != null ? handler.apply(request) : next(action);
        } catch (RuntimeException e) {
            reply = Reply.queryError(500, "InternalFailure", "the fake failed: " + e);
        }
        byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", reply.contentType());
        reply.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) ex.getResponseBody().write(out);
        ex.close();
    }

    private synchronized Reply next(String action) {
        Deque<Reply> queue = script.get(action);
        if (queue == null || queue.isEmpty()) {
            return new Reply(400, "text/xml", "<ErrorResponse><Error><Code>UnscriptedCall</Code><Message>the test lined up no reply for "
                    + action + "</Message></Error></ErrorResponse>", Map.of());
        }
        return queue.size() > 1 ? queue.poll() : queue.peek();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
