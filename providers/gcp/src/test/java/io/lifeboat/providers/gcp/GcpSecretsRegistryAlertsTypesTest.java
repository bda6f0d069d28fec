package io.lifeboat.providers.gcp;

import static io.lifeboat.providers.gcp.GcpFakes.ctx;
import static io.lifeboat.providers.gcp.GcpFakes.urn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.grpc.Status;
import io.lifeboat.program.gcp.GcpSchemas;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.provider.TypeSchema;
import io.lifeboat.providers.gcp.fake.GoogleError;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/** Secret Manager, Artifact Registry and Monitoring types of the gcp provider against the fakes, as the real APIs answer. */
class GcpSecretsRegistryAlertsTypesTest {
    private GcpFakes fakes;
    private GcpProvider gcp;

    @BeforeEach
    void start() throws Exception {
        fakes = new GcpFakes();
        gcp = fakes.provider("us-central1");
    }

    @AfterEach
    void stop() throws Exception {
        gcp.close();
        fakes.close();
    }

    private static Props secretInputs(String id) {
        return Props.builder().put("secretId", id)
                .put("replication", PropertyValue.fromJava(Map.of("userManaged", Map.of("replicas",
                        List.of(Map.of("location", "us-central1"), Map.of("location", "us-east1"))))))
                .put("labels", PropertyValue.fromJava(Map.of("lifeboat-stack", "gcp-usc1"))).build();
    }

    @Test
    void aSecretAndItsVersionAreMadeReadChangedAndDeletedWithTheMarkOnTheSecretAndTheDataNeverInTheOutputs() throws Exception {
        ResourceType secrets = gcp.type(GcpSchemas.SECRET);
        Urn urn = urn(GcpSchemas.SECRET, "key");
        ResourceType.Created s = secrets.create(urn, secretInputs("lifeboat-acme-key"), ctx(urn));
        assertThat(s.id()).isEqualTo("projects/acme-data-prod/secrets/lifeboat-acme-key");
        assertThat(fakes.secrets.json(s.id()).path("labels").path(TypeSchema.URN_LABEL).asText()).startsWith("u");
        assertThat(s.outputs().get("labels")).isEqualTo(PropertyValue.fromJava(Map.of("lifeboat-stack", "gcp-usc1")));
        assertThat(secrets.read(s.id(), secretInputs("lifeboat-acme-key"), s.outputs(), ctx(urn)).orElseThrow().inputs())
                .isEqualTo(secretInputs("lifeboat-acme-key"));

        ResourceType versions = gcp.type(GcpSchemas.SECRET_VERSION);
        Urn vurn = urn(GcpSchemas.SECRET_VERSION, "key");
        Props vin = Props.builder().put("secret", s.id()).put("secretData", new PropertyValue.Secret(new PropertyValue.Str("s3cr3t"))).build();
        ResourceType.Created v = versions.create(vurn, vin, ctx(vurn));
        assertThat(v.id()).endsWith("/secrets/lifeboat-acme-key/versions/1");
        assertThat(new String(fakes.secrets.payload(v.id()), StandardCharsets.UTF_8)).isEqualTo("s3cr3t");
        assertThat(v.outputs().get("version")).isEqualTo(new PropertyValue.Str("1"));
        // a create whose answer was lost is found again by holding the same data
        assertThat(versions.findByUrn(vurn, vin, ctx(vurn)).orElseThrow().id()).isEqualTo(v.id());

        Props relabelled = secretInputs("lifeboat-acme-key").with("labels", PropertyValue.fromJava(Map.of("team", "data")));
        Props after = secrets.update(s.id(), s.outputs(), relabelled, ctx(urn));
        assertThat(after.get("labels")).isEqualTo(PropertyValue.fromJava(Map.of("team", "data")));
        assertThat(fakes.secrets.json(s.id()).path("labels").has(TypeSchema.URN_LABEL)).as("the mark survives an update").isTrue();
        assertThat(secrets.findByUrn(urn, relabelled, ctx(urn)).orElseThrow().id()).isEqualTo(s.id());

        versions.delete(v.id(), v.outputs(), ctx(vurn));
        assertThat(versions.read(v.id(), vin, v.outputs(), ctx(vurn))).isEmpty();
        secrets.delete(s.id(), after, ctx(urn));
        secrets.delete(s.id(), after, ctx(urn)); // gone already is done
        assertThat(secrets.read(s.id(), relabelled, after, ctx(urn))).isEmpty();
    }

    @Test
    void theApisRefusalsAreTypedByKind() throws Exception {
        ResourceType secrets = gcp.type(GcpSchemas.SECRET);
        Urn urn = urn(GcpSchemas.SECRET, "key");
        secrets.create(urn, secretInputs("taken"), ctx(urn));
        assertThatThrownBy(() -> secrets.create(urn(GcpSchemas.SECRET, "other"), secretInputs("taken"), ctx(urn)))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.CONFLICT));
        // a lost create that conflicts is answered by the object with this resource's mark, not someone else's
        assertThat(secrets.findByUrn(urn(GcpSchemas.SECRET, "other"), secretInputs("taken"), ctx(urn))).isEmpty();
        assertThatThrownBy(() -> secrets.create(urn, secretInputs("bad id!"), ctx(urn)))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_INPUT));
        Map<GoogleError, ProviderException.Kind> kinds = Map.of(
                GoogleError.rateLimited(), ProviderException.Kind.THROTTLED,
                GoogleError.unavailable(), ProviderException.Kind.TRANSIENT,
                GoogleError.permission("no"), ProviderException.Kind.PERMISSION,
                GoogleError.conditionNotMet("etag"), ProviderException.Kind.INVALID_INPUT,
                GoogleError.notFound("gone"), ProviderException.Kind.NOT_FOUND);
        for (Map.Entry<GoogleError, ProviderException.Kind> k : kinds.entrySet()) {
            fakes.apis.failNext("GET", "/v1/projects/.*/secrets/taken", 1, k.getKey());
            if (k.getValue() == ProviderException.Kind.NOT_FOUND) {
                assertThat(secrets.read("projects/acme-data-prod/secrets/taken", secretInputs("taken"), Props.EMPTY, ctx(urn))).isEmpty();
                continue;
            }
            assertThatThrownBy(() -> secrets.read("projects/acme-data-prod/secrets/taken", secretInputs("taken"), Props.EMPTY, ctx(urn)))
                    .as(k.getKey().reason())
                    .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(k.getValue()));
        }
    }

    @Test
    void aRepositoryIsMadeThroughItsOperationWithTheMarkAndItsRegistryUri() throws Exception {
        fakes.artifacts.pollsUntilDone(2);
        ResourceType repos = gcp.type(GcpSchemas.REPOSITORY);
        Urn urn = urn(GcpSchemas.REPOSITORY, "airflow");
        Props in = Props.builder().put("repositoryId", "airflow").put("location", "us-central1").put("format", "DOCKER")
                .put("description", "Airflow images").put("dockerConfig", PropertyValue.fromJava(Map.of("immutableTags", true)))
                .put("labels", PropertyValue.fromJava(Map.of("lifeboat-name", "repo"))).build();
        ResourceType.Created r = repos.create(urn, in, ctx(urn));
        assertThat(r.id()).isEqualTo("projects/acme-data-prod/locations/us-central1/repositories/airflow");
        assertThat(r.outputs().string("registryUri")).isEqualTo("us-central1-docker.pkg.dev/acme-data-prod/airflow");
        assertThat(repos.read(r.id(), in, r.outputs(), ctx(urn)).orElseThrow().inputs()).isEqualTo(in);
        assertThat(repos.findByUrn(urn, in, ctx(urn)).orElseThrow().id()).isEqualTo(r.id());
        Props changed = in.with("description", new PropertyValue.Str("images"));
        assertThat(repos.update(r.id(), r.outputs(), changed, ctx(urn)).string("description")).isEqualTo("images");
        repos.delete(r.id(), r.outputs(), ctx(urn));
        assertThat(repos.read(r.id(), in, r.outputs(), ctx(urn))).isEmpty();
    }

    @Test
    void anEmailChannelGoesOverGrpcBehindTheSameEndpointAndIsFoundAgainByItsMark() throws Exception {
        ResourceType channels = gcp.type(GcpSchemas.NOTIFICATION_CHANNEL);
        Urn urn = urn(GcpSchemas.NOTIFICATION_CHANNEL, "etl-oncall");
        Props in = Props.builder().put("type", "email").put("displayName", "etl alerts")
                .put("labels", PropertyValue.fromJava(Map.of("email_address", "oncall@example.com")))
                .put("userLabels", PropertyValue.fromJava(Map.of("lifeboat-name", "etl-alerts"))).build();
        ResourceType.Created c = channels.create(urn, in, ctx(urn));
        assertThat(c.id()).matches("projects/acme-data-prod/notificationChannels/\\d+");
        assertThat(c.outputs().string("verificationStatus")).isEqualTo("UNVERIFIED");
        assertThat(channels.findByUrn(urn, in, ctx(urn)).orElseThrow().id()).isEqualTo(c.id());
        Props renamed = in.with("displayName", new PropertyValue.Str("etl pages"));
        assertThat(channels.update(c.id(), c.outputs(), renamed, ctx(urn)).string("displayName")).isEqualTo("etl pages");

        fakes.monitoring.failNext("GetNotificationChannel", Status.UNAVAILABLE, 1);
        assertThatThrownBy(() -> channels.read(c.id(), renamed, c.outputs(), ctx(urn)))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.retryable()).isTrue());
        channels.delete(c.id(), c.outputs(), ctx(urn));
        assertThat(channels.read(c.id(), renamed, c.outputs(), ctx(urn))).isEmpty();
    }
}
