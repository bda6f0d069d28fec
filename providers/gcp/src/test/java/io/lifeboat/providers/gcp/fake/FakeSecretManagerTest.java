package io.lifeboat.providers.gcp.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.rpc.AbortedException;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.InvalidArgumentException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.api.gax.rpc.StatusCode;
import com.google.api.gax.rpc.UnavailableException;
import com.google.cloud.secretmanager.v1.CreateSecretRequest;
import com.google.cloud.secretmanager.v1.DeleteSecretRequest;
import com.google.cloud.secretmanager.v1.ListSecretVersionsRequest;
import com.google.cloud.secretmanager.v1.ProjectName;
import com.google.cloud.secretmanager.v1.Replication;
import com.google.cloud.secretmanager.v1.Rotation;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretManagerServiceSettings;
import com.google.cloud.secretmanager.v1.SecretPayload;
import com.google.cloud.secretmanager.v1.SecretVersion;
import com.google.cloud.secretmanager.v1.Topic;
import com.google.protobuf.ByteString;
import com.google.protobuf.FieldMask;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;

class FakeSecretManagerTest {
    private static final String PROJECT = "dr-project";

    private FakeGoogleApis apis;
    private FakeSecretManager fake;
    private SecretManagerServiceClient client;
    private String number;

    @BeforeEach
    void start() throws Exception {
        apis = new FakeGoogleApis();
        fake = new FakeSecretManager();
        apis.serve(fake);
        SecretManagerServiceSettings.Builder settings = SecretManagerServiceSettings.newHttpJsonBuilder()
                .setEndpoint(apis.endpoint())
                .setCredentialsProvider(NoCredentialsProvider.create());
        settings.applyToAllUnaryMethods(m -> {
            m.setRetrySettings(m.getRetrySettings().toBuilder().setMaxAttempts(1).build());
            return null;
        });
        client = SecretManagerServiceClient.create(settings.build());
        number = FakeSecretManager.projectNumber(PROJECT);
    }

    @AfterEach
    void stop() {
        client.close();
        apis.close();
    }

    /** The Google JSON error body: gax's HttpJson exceptions say only the HTTP reason; the body is their cause's message. */
    static String body(Throwable e) {
        return String.valueOf(e.getCause() == null ? null : e.getCause().getMessage());
    }

    private static Secret automatic() {
        return Secret.newBuilder().setReplication(Replication.newBuilder().setAutomatic(Replication.Automatic.getDefaultInstance())).build();
    }

    private static ByteString bytes(String s) {
        return ByteString.copyFrom(s, StandardCharsets.UTF_8);
    }

    @Test
    void secretsAreCreatedReadUpdatedListedAndDeleted() {
        Secret created = client.createSecret(ProjectName.of(PROJECT), "db-password",
                automatic().toBuilder().putLabels("stack", "orders").build());
        assertThat(created.getName()).isEqualTo("projects/" + number + "/secrets/db-password");
        assertThat(created.getEtag()).startsWith("\"").endsWith("\"");
        assertThat(created.hasCreateTime()).isTrue();

        assertThat(client.getSecret("projects/" + PROJECT + "/secrets/db-password").getLabelsMap()).containsEntry("stack", "orders");

        Secret updated = client.updateSecret(Secret.newBuilder().setName(created.getName())
                        .putLabels("tier", "gold").putAnnotations("owner.team", "dr").build(),
                FieldMask.newBuilder().addPaths("labels").addPaths("annotations").build());
        assertThat(updated.getLabelsMap()).containsOnlyKeys("tier");
        assertThat(updated.getAnnotationsMap()).containsEntry("owner.team", "dr");
        assertThat(updated.getEtag()).isNotEqualTo(created.getEtag());
        assertThat(updated.getReplication().hasAutomatic()).isTrue();
        assertThat(fake.json("projects/" + PROJECT + "/secrets/db-password").path("labels").path("tier").asText()).isEqualTo("gold");

        client.createSecret(ProjectName.of(PROJECT), "api-key", Secret.newBuilder().setReplication(Replication.newBuilder()
                .setUserManaged(Replication.UserManaged.newBuilder()
                        .addReplicas(Replication.UserManaged.Replica.newBuilder().setLocation("europe-west1"))
                        .addReplicas(Replication.UserManaged.Replica.newBuilder().setLocation("us-east1")))).build());
        List<String> names = new ArrayList<>();
        client.listSecrets(ProjectName.of(PROJECT)).iterateAll().forEach(s -> names.add(s.getName()));
        assertThat(names).containsExactly("projects/" + number + "/secrets/api-key", "projects/" + number + "/secrets/db-password");

        assertThatThrownBy(() -> client.deleteSecret(DeleteSecretRequest.newBuilder()
                .setName(created.getName()).setEtag(created.getEtag()).build()))
                .isInstanceOf(InvalidArgumentException.class).satisfies(e -> assertThat(body(e)).contains("etag"));
        client.deleteSecret(DeleteSecretRequest.newBuilder().setName(created.getName()).setEtag(updated.getEtag()).build());
        assertThat(fake.json(created.getName())).isNull();
        assertThatThrownBy(() -> client.getSecret(created.getName())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void versionsCountUpAreAccessedAndChangeState() {
        Secret secret = client.createSecret(ProjectName.of(PROJECT), "token", automatic());
        SecretVersion v1 = client.addSecretVersion(secret.getName(), SecretPayload.newBuilder().setData(bytes("one")).build());
        CRC32C crc = new CRC32C();
        crc.update("two".getBytes(StandardCharsets.UTF_8));
        SecretVersion v2 = client.addSecretVersion(secret.getName(),
                SecretPayload.newBuilder().setData(bytes("two")).setDataCrc32C(crc.getValue()).build());
        assertThat(v1.getName()).endsWith("/versions/1");
        assertThat(v2.getName()).endsWith("/versions/2");
        assertThat(v2.getState()).isEqualTo(SecretVersion.State.ENABLED);
        assertThat(v2.getClientSpecifiedPayloadChecksum()).isTrue();
        assertThat(v2.getReplicationStatus().hasAutomatic()).isTrue();

        var latest = client.accessSecretVersion(secret.getName() + "/versions/latest");
        assertThat(latest.getName()).isEqualTo(v2.getName());
        assertThat(latest.getPayload().getData().toStringUtf8()).isEqualTo("two");
        assertThat(latest.getPayload().getDataCrc32C()).isEqualTo(crc.getValue());
        assertThat(client.getSecretVersion(secret.getName() + "/versions/1").getState()).isEqualTo(SecretVersion.State.ENABLED);
        assertThat(fake.payload("projects/" + PROJECT + "/secrets/token/versions/1")).isEqualTo("one".getBytes(StandardCharsets.UTF_8));

        List<String> listed = new ArrayList<>();
        client.listSecretVersions(ListSecretVersionsRequest.newBuilder().setParent(secret.getName()).setPageSize(1).build())
                .iterateAll().forEach(v -> listed.add(v.getName()));
        assertThat(listed).containsExactly(v2.getName(), v1.getName());

        SecretVersion disabled = client.disableSecretVersion(v2.getName());
        assertThat(disabled.getState()).isEqualTo(SecretVersion.State.DISABLED);
        assertThatThrownBy(() -> client.accessSecretVersion(secret.getName() + "/versions/latest"))
                .isInstanceOf(InvalidArgumentException.class).satisfies(e -> assertThat(body(e)).contains("DISABLED"));
        assertThat(client.enableSecretVersion(v2.getName()).getState()).isEqualTo(SecretVersion.State.ENABLED);

        SecretVersion destroyed = client.destroySecretVersion(v1.getName());
        assertThat(destroyed.getState()).isEqualTo(SecretVersion.State.DESTROYED);
        assertThat(destroyed.hasDestroyTime()).isTrue();
        assertThat(fake.payload(v1.getName())).isNull();
        assertThatThrownBy(() -> client.accessSecretVersion(v1.getName())).satisfies(e -> assertThat(body(e)).contains("DESTROYED"));
        assertThatThrownBy(() -> client.enableSecretVersion(v1.getName())).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> client.getSecretVersion(secret.getName() + "/versions/3")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aliasesNameVersionsAndARotationNeedsATopic() {
        Secret s = client.createSecret(ProjectName.of(PROJECT), "aliased", automatic());
        client.addSecretVersion(s.getName(), SecretPayload.newBuilder().setData(bytes("old")).build());
        client.addSecretVersion(s.getName(), SecretPayload.newBuilder().setData(bytes("new")).build());
        client.updateSecret(Secret.newBuilder().setName(s.getName()).putVersionAliases("stable", 1).build(),
                FieldMask.newBuilder().addPaths("version_aliases").build());
        assertThat(client.accessSecretVersion(s.getName() + "/versions/stable").getPayload().getData().toStringUtf8()).isEqualTo("old");
        assertThatThrownBy(() -> client.updateSecret(Secret.newBuilder().setName(s.getName()).putVersionAliases("next", 3).build(),
                FieldMask.newBuilder().addPaths("version_aliases").build())).isInstanceOf(InvalidArgumentException.class);

        Rotation rotation = Rotation.newBuilder()
                .setNextRotationTime(Timestamps.fromMillis(System.currentTimeMillis() + 86_400_000L))
                .setRotationPeriod(Durations.fromSeconds(86_400)).build();
        assertThatThrownBy(() -> client.updateSecret(Secret.newBuilder().setName(s.getName()).setRotation(rotation).build(),
                FieldMask.newBuilder().addPaths("rotation").build()))
                .isInstanceOf(InvalidArgumentException.class).satisfies(e -> assertThat(body(e)).contains("topic"));
        Secret rotating = client.updateSecret(Secret.newBuilder().setName(s.getName()).setRotation(rotation)
                        .addTopics(Topic.newBuilder().setName("projects/" + PROJECT + "/topics/rotate")).build(),
                FieldMask.newBuilder().addPaths("rotation").addPaths("topics").build());
        assertThat(rotating.getRotation().getNextRotationTime()).isEqualTo(rotation.getNextRotationTime());
    }

    @Test
    void documentedRefusals() {
        assertThatThrownBy(() -> client.createSecret(ProjectName.of(PROJECT), "bad.id", automatic()))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> client.createSecret(ProjectName.of(PROJECT), "no-replication", Secret.getDefaultInstance()))
                .isInstanceOf(InvalidArgumentException.class).satisfies(e -> assertThat(body(e)).contains("replication"));
        assertThatThrownBy(() -> client.createSecret(ProjectName.of(PROJECT), "nowhere", Secret.newBuilder()
                .setReplication(Replication.newBuilder().setUserManaged(Replication.UserManaged.newBuilder()
                        .addReplicas(Replication.UserManaged.Replica.newBuilder().setLocation("mars-north1")))).build()))
                .isInstanceOf(InvalidArgumentException.class).satisfies(e -> assertThat(body(e)).contains("mars-north1"));
        assertThatThrownBy(() -> client.createSecret(ProjectName.of(PROJECT), "empty-user-managed", Secret.newBuilder()
                .setReplication(Replication.newBuilder().setUserManaged(Replication.UserManaged.getDefaultInstance())).build()))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> client.createSecret(ProjectName.of(PROJECT), "bad-label",
                automatic().toBuilder().putLabels("Upper", "x").build()))
                .isInstanceOf(InvalidArgumentException.class).satisfies(e -> assertThat(body(e)).contains("Upper"));

        Secret s = client.createSecret(ProjectName.of(PROJECT), "taken", automatic());
        assertThatThrownBy(() -> client.createSecret(CreateSecretRequest.newBuilder()
                .setParent("projects/" + number).setSecretId("taken").setSecret(automatic()).build()))
                .isInstanceOf(AbortedException.class) // 409: gax's HttpJson maps the status alone, 409 to ABORTED
                .satisfies(e -> assertThat(((ApiException) e).getStatusCode().getCode()).isEqualTo(StatusCode.Code.ABORTED))
                .satisfies(e -> assertThat(body(e)).contains("already exists"));
        assertThatThrownBy(() -> client.getSecret("projects/" + PROJECT + "/secrets/absent")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> client.addSecretVersion("projects/" + PROJECT + "/secrets/absent",
                SecretPayload.newBuilder().setData(bytes("x")).build())).isInstanceOf(NotFoundException.class);

        assertThatThrownBy(() -> client.addSecretVersion(s.getName(),
                SecretPayload.newBuilder().setData(ByteString.copyFrom(new byte[FakeSecretManager.MAX_PAYLOAD + 1])).build()))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> client.addSecretVersion(s.getName(),
                SecretPayload.newBuilder().setData(bytes("x")).setDataCrc32C(12345).build()))
                .isInstanceOf(InvalidArgumentException.class).satisfies(e -> assertThat(body(e)).contains("Checksum"));
        assertThat(client.addSecretVersion(s.getName(), SecretPayload.newBuilder()
                .setData(ByteString.copyFrom(new byte[FakeSecretManager.MAX_PAYLOAD])).build()).getName()).endsWith("/versions/1");

        assertThatThrownBy(() -> client.updateSecret(Secret.newBuilder().setName(s.getName())
                        .setReplication(Replication.newBuilder().setUserManaged(Replication.UserManaged.newBuilder()
                                .addReplicas(Replication.UserManaged.Replica.newBuilder().setLocation("us-east1")))).build(),
                FieldMask.newBuilder().addPaths("replication").build()))
                .isInstanceOf(InvalidArgumentException.class).satisfies(e -> assertThat(body(e)).contains("replication"));
        assertThatThrownBy(() -> client.updateSecret(Secret.newBuilder().setName(s.getName()).build(), FieldMask.getDefaultInstance()))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> client.accessSecretVersion(s.getName() + "/versions/9")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void anInjectedFaultReachesTheClient() {
        Secret s = client.createSecret(ProjectName.of(PROJECT), "flaky", automatic());
        apis.failNext("GET", ".*/secrets/flaky", 1, GoogleError.unavailable());
        assertThatThrownBy(() -> client.getSecret(s.getName())).isInstanceOf(UnavailableException.class);
        assertThat(client.getSecret(s.getName()).getName()).isEqualTo(s.getName());
        assertThat(apis.requests()).anyMatch(r -> r.startsWith("POST /v1/projects/" + PROJECT + "/secrets?"));
    }
}
