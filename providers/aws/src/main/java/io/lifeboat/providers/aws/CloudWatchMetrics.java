package io.lifeboat.providers.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ProviderException.Kind;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

/**
 * CloudWatch's {@code GetMetricStatistics} through its Query API (form POST,
 * {@code Version=2010-08-01}, an XML answer), signed SigV4 with the SDK's signer and sent on the
 * region's HTTP client and credentials: the SDK's cloudwatch module is not among the provider's
 * dependencies. It goes to the provider's endpoint when it has one (an emulator), else to
 * {@code monitoring.<region>.<the partition's domain>}.
 */
final class CloudWatchMetrics {
    static final String VERSION = "2010-08-01";
    private static final String SIGNING_NAME = "monitoring";

    /** The parser's complaints become exceptions, never lines on stderr (the default handler prints them). */
    private static final ErrorHandler QUIET = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private final AwsClients aws;

    CloudWatchMetrics(AwsClients aws) {
        this.aws = aws;
    }

    /** One datapoint: when, and the statistic asked for. */
    record Datapoint(Instant timestamp, double value) {
    }

    /**
     * The newest datapoint of the {@code Maximum} of a metric with one dimension, over the
     * {@code window} until now in periods of {@code period}; empty when CloudWatch has none.
     */
    Optional<Datapoint> newestMaximum(String namespace, String metric, String dimension, String value, Duration window, Duration period)
            throws ProviderException {
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Action", "GetMetricStatistics");
        params.put("Version", VERSION);
        params.put("Namespace", namespace);
        params.put("MetricName", metric);
        params.put("Dimensions.member.1.Name", dimension);
        params.put("Dimensions.member.1.Value", value);
        params.put("StartTime", end.minus(window).toString());
        params.put("EndTime", end.toString());
        params.put("Period", Long.toString(period.toSeconds()));
        params.put("Statistics.member.1", "Maximum");
        Document answer = call("GetMetricStatistics", params);
        Datapoint newest = null;
        NodeList points = answer.getElementsByTagName("Datapoints");
        if (points.getLength() > 0) {
            for (Node n = points.item(0).getFirstChild(); n != null; n = n.getNextSibling()) {
                if (!(n instanceof Element member) || !"member".equals(member.getTagName())) continue;
                String at = text(member, "Timestamp");
                String max = text(member, "Maximum");
                if (at == null || max == null) continue;
                Datapoint p;
                try {
                    p = new Datapoint(Instant.parse(at), Double.parseDouble(max));
                } catch (RuntimeException e) {
                    throw answerProblem("GetMetricStatistics", "a datapoint CloudWatch answered is not a time and a number: " + at + ", " + max);
                }
                if (newest == null || p.timestamp().isAfter(newest.timestamp())) newest = p;
            }
        }
        return Optional.ofNullable(newest);
    }

    /** The endpoint CloudWatch's calls go to. */
    URI endpoint() {
        URI override = aws.settings().endpoint();
        if (override != null) return override.getPath() == null || override.getPath().isEmpty() ? override.resolve("/") : override;
        String domain = "amazonaws.com";
        RegionMetadata metadata = Region.of(aws.region()).metadata();
        if (metadata != null && metadata.domain() != null) domain = metadata.domain();
        return URI.create("https://" + SIGNING_NAME + "." + aws.region() + "." + domain + "/");
    }

    /** Sends one signed Query call ({@code params} with its Action and Version); its answer, or the typed error CloudWatch gave. */
    Document call(String action, Map<String, String> params) throws ProviderException {
        String what = action + " in " + aws.region();
        byte[] body = form(params).getBytes(StandardCharsets.UTF_8);
        SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(endpoint())
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .putHeader("Content-Length", Integer.toString(body.length))
                .contentStreamProvider(ContentStreamProvider.fromByteArray(body)).build();
        int status;
        byte[] answer;
        try {
            SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(aws.credentials().resolveCredentials())
                    .request(request).payload(ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, aws.region()));
            SdkHttpRequest toSend = signed.request();
            HttpExecuteResponse response = aws.http().prepareRequest(HttpExecuteRequest.builder().request(toSend)
                    .contentStreamProvider(ContentStreamProvider.fromByteArray(body)).build()).call();
            status = response.httpResponse().statusCode();
            try (InputStream in = response.responseBody().map(InputStream.class::cast).orElseGet(() -> new ByteArrayInputStream(new byte[0]))) {
                answer = in.readAllBytes();
            }
        } catch (IOException e) {
            throw new ProviderException(Kind.UNAVAILABLE, "EndpointConnectionError", what + ": cannot reach the service: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw AwsErrors.map(what, e);
        }
        Document doc = parse(what, answer);
        if (status / 100 != 2) {
            NodeList errors = doc == null ? null : doc.getElementsByTagName("Error");
            Element error = errors != null && errors.getLength() > 0 ? (Element) errors.item(0) : null;
            String code = error == null ? null : text(error, "Code");
            String message = error == null ? null : text(error, "Message");
            if (code == null) code = "HTTP" + status;
            throw new ProviderException(AwsErrors.kind(code, status, false), code, what + ": " + code + ": " + (message == null ? "HTTP " + status : message));
        }
        if (doc == null) throw answerProblem(action, "CloudWatch's answer is not XML");
        return doc;
    }

    private ProviderException answerProblem(String action, String message) {
        return new ProviderException(Kind.TRANSIENT, "InvalidAnswer", action + " in " + aws.region() + ": " + message);
    }

    /** The answer as XML; null when it is not (an error page of a proxy, say). */
    private static Document parse(String what, byte[] answer) throws ProviderException {
        if (answer.length == 0) return null;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(QUIET);
            return b.parse(new ByteArrayInputStream(answer));
        } catch (SAXException | IOException e) {
            return null;
        } catch (ParserConfigurationException e) {
            throw new ProviderException(Kind.TRANSIENT, "XmlParser", what + ": no XML parser: " + e.getMessage(), e);
        }
    }

    /** The text of the first child element {@code name} of {@code parent}; null when there is none. */
    private static String text(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getTagName())) return e.getTextContent().trim();
        }
        return null;
    }

    static String form(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> {
            if (sb.length() > 0) sb.append('&');
            sb.append(encode(k)).append('=').append(encode(v));
        });
        return sb.toString();
    }

    /** RFC 3986 percent-encoding, as SigV4 and the Query protocol take it. */
    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }
}
