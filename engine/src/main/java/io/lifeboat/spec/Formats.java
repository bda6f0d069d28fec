package io.lifeboat.spec;

/** The string formats of the spec language. */
public final class Formats {
    private Formats() {
    }

    public static final StringFormat DNS_LABEL = StringFormat.of("dns-label", "[a-z]([-a-z0-9]{0,61}[a-z0-9])?",
            DiagnosticCode.INVALID_NAME, "lower-case letters, digits and '-', starting with a letter, at most 63 characters");

    public static final StringFormat CIDR = StringFormat.of("cidr", Cidr.REGEX, DiagnosticCode.INVALID_CIDR,
            "an IPv4 CIDR block such as 10.10.0.0/16").withCheck(value -> {
                Cidr c = Cidr.parse(value);
                if (c != null && !c.isCanonical()) {
                    return new StringFormat.Problem(DiagnosticCode.NON_CANONICAL_CIDR,
                            value + " has host bits set after the /" + c.prefix() + " prefix", "write " + c.canonical());
                }
                return null;
            });

    public static final StringFormat EMAIL = StringFormat.of("email",
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+",
            DiagnosticCode.INVALID_EMAIL, "an e-mail address such as oncall@example.com");

    /** A duration with at least one non-zero digit, so that the schema refuses 0h as well. */
    public static final StringFormat DURATION = StringFormat.of("duration", "(?=[0-9])(?=.*[1-9])" + Durations.REGEX,
            DiagnosticCode.INVALID_DURATION, "a positive duration such as 90s, 30m, 6h, 1d or 1h30m").withCheck(value ->
                    Durations.parse(value) == null
                            ? new StringFormat.Problem(DiagnosticCode.INVALID_DURATION, "duration " + value + " is too large",
                                    "use a duration such as 6h")
                            : null);

    public static final StringFormat ENV_NAME = StringFormat.of("env-name", "[A-Za-z_][A-Za-z0-9_]*",
            DiagnosticCode.INVALID_NAME, "an environment variable name: letters, digits and '_', not starting with a digit");

    public static final StringFormat SECRET_REF = StringFormat.of("secret-ref", "env:[A-Za-z_][A-Za-z0-9_]*|file:.+",
            DiagnosticCode.INVALID_SECRET_REF, "a secret reference: env:NAME or file:PATH");

    public static final StringFormat IMAGE = StringFormat.of("image",
            "([a-z0-9.-]+(:[0-9]+)?/)?[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?",
            DiagnosticCode.INVALID_VALUE, "an image reference such as etl:1.4.2 or registry.example.com/etl@sha256:…");

    public static final StringFormat SEMVER = StringFormat.of("version", "[0-9]+\\.[0-9]+\\.[0-9]+",
            DiagnosticCode.INVALID_VALUE, "a version such as 12.1.0");

    public static final StringFormat KUBERNETES_VERSION = StringFormat.of("kubernetes-version", "1\\.[0-9]{2}",
            DiagnosticCode.INVALID_VALUE, "a Kubernetes minor version in quotes, such as \"1.30\"");

    public static final StringFormat GCP_PROJECT = StringFormat.of("gcp-project", "[a-z][a-z0-9-]{4,28}[a-z0-9]",
            DiagnosticCode.INVALID_NAME, "a GCP project id: 6 to 30 lowercase letters, digits and hyphens, starting with a letter, such as acme-data-prod");

    public static final StringFormat ENDPOINT = StringFormat.of("endpoint", "sim|https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?/?",
            DiagnosticCode.INVALID_URL, "'sim' for the embedded simulated cloud, or a URL such as http://127.0.0.1:4566");

    public static final StringFormat STATE_URL = StringFormat.of("state-url",
            "file://[^?#]+|s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/[^?#]*)?(\\?region=[a-z0-9-]+)?|gs://[a-z0-9][a-z0-9._-]{1,220}(/[^?#]*)?(\\?location=[a-z0-9-]+)?",
            DiagnosticCode.INVALID_URL, "file://PATH, s3://BUCKET/PREFIX?region=REGION or gs://BUCKET/PREFIX?location=LOCATION");

    public static final StringFormat RESOURCE_NAME = StringFormat.of("resource-name", "[A-Za-z][A-Za-z0-9_-]*",
            DiagnosticCode.INVALID_NAME, "a name of letters, digits, '-' and '_', starting with a letter");

    public static final StringFormat TYPE_TOKEN = StringFormat.of("type-token", "[a-zA-Z][a-zA-Z0-9-]*:[a-zA-Z0-9._/-]*:[A-Za-z][A-Za-z0-9]*",
            DiagnosticCode.INVALID_VALUE, "a Pulumi type token such as aws:ec2/route:Route");

    public static final StringFormat LABEL_KEY = StringFormat.of("label-key", "[A-Za-z0-9]([A-Za-z0-9._/-]{0,251}[A-Za-z0-9])?",
            DiagnosticCode.INVALID_NAME, "letters, digits, '.', '_', '-' and '/'");
}
