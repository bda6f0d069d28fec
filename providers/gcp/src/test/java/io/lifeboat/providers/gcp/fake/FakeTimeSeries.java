package io.lifeboat.providers.gcp.fake;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lifeboat.providers.gcp.fake.FakeGoogleApis.Request;
import io.lifeboat.providers.gcp.fake.FakeGoogleApis.Response;

/**
 * Cloud Monitoring v3's {@code projects.timeSeries.list} over REST on the fake server
 * (https://cloud.google.com/monitoring/api/ref_v3/rest/v3/projects.timeSeries/list):
 * {@code GET /v3/projects/{p}/timeSeries?filter=&interval.startTime=&interval.endTime=&view=}.
 * Checks, from ListTimeSeriesRequest: {@code filter} required and naming exactly one
 * {@code metric.type}; its other terms {@code resource.type}, {@code resource.labels.K} (or
 * {@code resource.label.K}) and {@code metric.labels.K}, each {@code = "VALUE"}, joined by
 * {@code AND} (or a space); anything else is refused INVALID_ARGUMENT, not ignored.
 * {@code interval.endTime} required, {@code interval.startTime} (RFC 3339) not after it, the end
 * when absent; {@code view} FULL (the default) or HEADERS; {@code orderBy} "must be left blank".
 * Only the series with points in the interval are answered, each point's {@code interval} its
 * time, "in reverse time order (most recent to oldest)"; with none the answer is {@code {}}
 * (proto3 JSON leaves the empty list out). Aggregation is not served (refused when asked).
 *
 * <p>The series are the tests': {@link #point} adds a GAUGE DOUBLE point of a metric for a
 * {@code cloudsql_database} resource.
 */
public final class FakeTimeSeries implements FakeGoogleApis.FakeApi {
    private static final Pattern LIST = Pattern.compile("/v3/projects/([^/]+)/timeSeries");
    private static final Pattern TERM = Pattern.compile("\\s*(metric\\.type|resource\\.type|resource\\.labels?\\.[a-z_]+|metric\\.labels?\\.[a-z_]+)"
            + "\\s*=\\s*\"([^\"]*)\"\\s*(?:AND\\s+)?");

    private record Point(Instant at, double value) {
    }

    private record Series(String metric, String resourceType, Map<String, String> resourceLabels, List<Point> points) {
    }

    private final List<Series> series = new ArrayList<>();

    /** A point of {@code metric} (GAUGE, DOUBLE) of the Cloud SQL instance {@code databaseId} ({@code project:instance}) at {@code at}. */
    public synchronized void point(String metric, String databaseId, Instant at, double value) {
        String project = databaseId.substring(0, databaseId.indexOf(':'));
        for (Series s : series) {
            if (s.metric.equals(metric) && databaseId.equals(s.resourceLabels.get("database_id"))) {
                s.points.add(new Point(at, value));
                return;
            }
        }
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("project_id", project);
        labels.put("database_id", databaseId);
        List<Point> points = new ArrayList<>();
        points.add(new Point(at, value));
        series.add(new Series(metric, "cloudsql_database", labels, points));
    }

    @Override
    public boolean serves(Request request) {
        return LIST.matcher(request.path()).matches();
    }

    @Override
    public synchronized Response handle(Request r) throws GoogleError {
        Matcher m = LIST.matcher(r.path());
        if (!m.matches() || !r.method().equals("GET")) throw GoogleError.notFound("Cloud Monitoring API: no method " + r.method() + " " + r.path());
        String project = m.group(1);
        String filter = r.query("filter");
        if (filter == null || filter.isBlank()) throw GoogleError.invalid("Field filter had an invalid value: a filter is required");
        if (r.query("orderBy") != null && !r.query("orderBy").isEmpty()) throw GoogleError.invalid("orderBy is unsupported: it must be left blank");
        for (String k : r.query().keySet()) {
            if (k.startsWith("aggregation.") || k.startsWith("secondaryAggregation.")) throw GoogleError.invalid("this fake serves no aggregation");
        }
        String view = r.query("view") == null ? "FULL" : r.query("view");
        if (!view.equals("FULL") && !view.equals("HEADERS")) throw GoogleError.invalid("Invalid value at 'view', \"" + view + "\"");
        Instant end = time(r.query("interval.endTime"), "interval.endTime");
        if (end == null) throw GoogleError.invalid("Field interval.endTime had an invalid value: an end time is required");
        Instant start = r.query("interval.startTime") == null ? end : time(r.query("interval.startTime"), "interval.startTime");
        if (start.isAfter(end)) throw GoogleError.invalid("Field interval.startTime had an invalid value: it is later than the end time");

        Map<String, String> terms = new LinkedHashMap<>();
        Matcher t = TERM.matcher(filter);
        int at = 0;
        while (at < filter.length()) {
            if (!t.find(at) || t.start() != at) {
                throw GoogleError.invalid("Field filter had an invalid value of \"" + filter + "\": cannot parse it at \"" + filter.substring(at) + "\"");
            }
            String key = t.group(1).replace("resource.label.", "resource.labels.").replace("metric.label.", "metric.labels.");
            if (terms.put(key, t.group(2)) != null) throw GoogleError.invalid("Field filter had an invalid value: " + key + " is given twice");
            at = t.end();
        }
        String metric = terms.get("metric.type");
        if (metric == null) throw GoogleError.invalid("Field filter had an invalid value: the filter must specify a single metric type (metric.type)");

        ArrayNode out = FakeGoogleApis.JSON.createArrayNode();
        for (Series s : series) {
            if (!s.metric.equals(metric) || !s.resourceLabels.get("project_id").equals(project) || !matches(s, terms)) continue;
            List<Point> in = s.points.stream().filter(p -> !p.at.isBefore(start) && !p.at.isAfter(end))
                    .sorted((a, b) -> b.at.compareTo(a.at)).toList();
            if (in.isEmpty()) continue;
            ObjectNode ts = out.addObject();
            ts.putObject("metric").put("type", s.metric);
            ObjectNode resource = ts.putObject("resource").put("type", s.resourceType);
            ObjectNode labels = resource.putObject("labels");
            s.resourceLabels.forEach(labels::put);
            ts.put("metricKind", "GAUGE").put("valueType", "DOUBLE");
            if (view.equals("FULL")) {
                ArrayNode points = ts.putArray("points");
                for (Point p : in) {
                    ObjectNode point = points.addObject();
                    point.putObject("interval").put("startTime", p.at.toString()).put("endTime", p.at.toString());
                    point.putObject("value").put("doubleValue", p.value);
                }
            }
        }
        ObjectNode answer = FakeGoogleApis.object();
        if (!out.isEmpty()) answer.set("timeSeries", out);
        return Response.ok(answer);
    }

    private static boolean matches(Series s, Map<String, String> terms) {
        for (Map.Entry<String, String> e : terms.entrySet()) {
            String k = e.getKey();
            if (k.equals("metric.type")) continue;
            if (k.equals("resource.type") && !s.resourceType.equals(e.getValue())) return false;
            if (k.startsWith("resource.labels.") && !e.getValue().equals(s.resourceLabels.get(k.substring("resource.labels.".length())))) return false;
            if (k.startsWith("metric.labels.")) return false; // these series have no metric labels
        }
        return true;
    }

    private static Instant time(String value, String field) throws GoogleError {
        if (value == null) return null;
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw GoogleError.invalid("Invalid value at '" + field + "' (type.googleapis.com/google.protobuf.Timestamp), \"" + value + "\"");
        }
    }
}
