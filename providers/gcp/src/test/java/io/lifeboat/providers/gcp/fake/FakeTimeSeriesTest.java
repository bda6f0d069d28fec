package io.lifeboat.providers.gcp.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** {@link FakeTimeSeries} over plain HTTP, as the REST reference of projects.timeSeries.list gives it. */
class FakeTimeSeriesTest {
    private static final String LAG = "cloudsql.googleapis.com/database/replication/replica_lag";
    private static final Instant T = Instant.parse("2026-12-03T10:00:00Z");

    private FakeGoogleApis apis;
    private FakeTimeSeries fake;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        fake = new FakeTimeSeries();
        apis = new FakeGoogleApis().serve(fake);
    }

    @AfterEach
    void stop() {
        apis.close();
    }

    private record Answer(int status, JsonNode body) {
    }

    private Answer list(String project, String filter, Instant start, Instant end) throws Exception {
        StringBuilder q = new StringBuilder();
        if (filter != null) q.append("filter=").append(enc(filter));
        if (start != null) q.append("&interval.startTime=").append(enc(start.toString()));
        if (end != null) q.append("&interval.endTime=").append(enc(end.toString()));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(apis.endpoint() + "/v3/projects/" + project + "/timeSeries?" + q)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), FakeGoogleApis.JSON.readTree(r.body()));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String lagOf(String databaseId) {
        return "metric.type = \"" + LAG + "\" AND resource.type = \"cloudsql_database\" AND resource.labels.database_id = \"" + databaseId + "\"";
    }

    @Test
    void theSeriesOfTheFilterAreAnsweredWithThePointsOfTheIntervalNewestFirst() throws Exception {
        fake.point(LAG, "p1:replica", T.minusSeconds(600), 4.0);
        fake.point(LAG, "p1:replica", T.minusSeconds(60), 1.5);
        fake.point(LAG, "p1:replica", T.plusSeconds(60), 9.0);
        fake.point(LAG, "p1:other", T.minusSeconds(60), 30.0);

        Answer a = list("p1", lagOf("p1:replica"), T.minusSeconds(900), T);
        assertThat(a.status).isEqualTo(200);
        assertThat(a.body.path("timeSeries")).hasSize(1);
        JsonNode series = a.body.path("timeSeries").get(0);
        assertThat(series.path("metric").path("type").asText()).isEqualTo(LAG);
        assertThat(series.path("resource").path("labels").path("database_id").asText()).isEqualTo("p1:replica");
        assertThat(series.path("points")).hasSize(2);
        assertThat(series.path("points").get(0).path("value").path("doubleValue").asDouble()).isEqualTo(1.5);
        assertThat(series.path("points").get(0).path("interval").path("endTime").asText()).isEqualTo(T.minusSeconds(60).toString());

        assertThat(list("p1", "metric.type=\"" + LAG + "\"", T.minusSeconds(900), T).body.path("timeSeries")).hasSize(2);
        assertThat(list("p1", lagOf("p1:replica"), T.minusSeconds(30), T).body.has("timeSeries")).as("none in the interval").isFalse();
        assertThat(list("p2", lagOf("p1:replica"), T.minusSeconds(900), T).body.has("timeSeries")).as("another project's").isFalse();
    }

    @Test
    void aRequestIsRefusedAsTheApiRefusesIt() throws Exception {
        assertThat(list("p1", null, null, T).status).isEqualTo(400);
        assertThat(list("p1", "resource.type = \"cloudsql_database\"", null, T).body.path("error").path("message").asText())
                .contains("single metric type");
        assertThat(list("p1", "metric.type = starts_with(\"x\")", null, T).status).isEqualTo(400);
        assertThat(list("p1", lagOf("p1:replica"), null, null).body.path("error").path("message").asText()).contains("interval.endTime");
        assertThat(list("p1", lagOf("p1:replica"), T.plusSeconds(1), T).status).isEqualTo(400);
    }
}
