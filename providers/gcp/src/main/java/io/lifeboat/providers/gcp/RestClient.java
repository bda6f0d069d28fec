package io.lifeboat.providers.gcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.client.http.ByteArrayContent;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpRequestFactory;
import com.google.api.client.http.HttpResponse;

/**
 * JSON over HTTP to a Google API that has no Java client here (Service Networking): a request to
 * {@code root + path} (the API's own root, such as {@code https://servicenetworking.googleapis.com/},
 * or the endpoint override), its answer parsed; a failed one throws google-http-client's
 * {@code HttpResponseException}, whose body {@link GcpErrors} reads.
 */
public final class RestClient implements AutoCloseable {
    private final HttpRequestFactory factory;
    private final String override;

    RestClient(HttpRequestFactory factory, String override) {
        this.factory = factory;
        this.override = override;
    }

    /** {@code method} on {@code root + path} ({@code root} ends with a slash; the endpoint override wins), with a JSON body or none. */
    public JsonNode call(String root, String method, String path, JsonNode body) throws IOException {
        GenericUrl url = new GenericUrl((override != null ? override : root) + path);
        ByteArrayContent content = body == null ? null
                : new ByteArrayContent("application/json; charset=UTF-8", ApiJson.MAPPER.writeValueAsBytes(body));
        HttpRequest request = factory.buildRequest(method, url, content);
        HttpResponse response = request.execute();
        try {
            String text = response.parseAsString();
            return text == null || text.isBlank() ? ApiJson.MAPPER.createObjectNode() : ApiJson.MAPPER.readTree(text.getBytes(StandardCharsets.UTF_8));
        } finally {
            response.disconnect();
        }
    }

    @Override
    public void close() {
    }
}
