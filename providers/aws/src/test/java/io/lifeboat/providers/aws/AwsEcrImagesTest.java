package io.lifeboat.providers.aws;

import static io.lifeboat.providers.aws.FakeAws.Reply.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.provider.HoldsImages;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

/**
 * ECR repositories' images: listed with ListImages, and copied registry to registry by Jib, each
 * side logged in with its region's GetAuthorizationToken, here between two registries on
 * 127.0.0.1 (plain HTTP, Basic authentication).
 */
class AwsEcrImagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FakeAws fake = AwsTestServers.fake();
    private FakeRegistry east;
    private FakeRegistry west;

    @BeforeEach
    void start() throws Exception {
        east = new FakeRegistry("AWS", "east-token");
        west = new FakeRegistry("AWS", "west-token");
        // Jib sends credentials over plain HTTP only when told to; these registries are on the loopback address
        System.setProperty("sendCredentialsOverHttp", "true");
    }

    @AfterEach
    void stop() {
        System.clearProperty("sendCredentialsOverHttp");
        east.close();
        west.close();
        fake.close();
    }

    private static OperationContext ctx() {
        return OperationContext.of(null, Duration.ofSeconds(60));
    }

    private HoldsImages westRepository() {
        return (HoldsImages) fake.provider("us-west-2").type(AwsSchemas.ECR_REPOSITORY);
    }

    private void authorizes(String user, String password, FakeRegistry registry) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        fake.on("GetAuthorizationToken", json("{\"authorizationData\":[{\"authorizationToken\":\"" + token
                + "\",\"proxyEndpoint\":\"http://" + registry.host() + "\",\"expiresAt\":1.9E9}]}"));
    }

    @Test
    void listsTagsAndDigests() throws Exception {
        fake.on("ListImages", json("{\"imageIds\":[{\"imageTag\":\"1.4.2\",\"imageDigest\":\"sha256:" + "a".repeat(64)
                + "\"},{\"imageDigest\":\"sha256:" + "b".repeat(64) + "\"}]}"));
        assertThat(westRepository().images("etl", Props.EMPTY, ctx()))
                .containsExactlyInAnyOrder("1.4.2", "sha256:" + "a".repeat(64), "sha256:" + "b".repeat(64));
        assertThat(fake.calls("ListImages").get(0).body()).contains("\"repositoryName\":\"etl\"");
    }

    @Test
    void theLoginComesFromGetAuthorizationTokenAndKeepsThePasswordSecret() throws Exception {
        authorizes("AWS", "west-token", west);
        HoldsImages.Login login = westRepository().login("etl", Props.builder().put("repositoryUrl", west.host() + "/etl").build(), ctx());
        assertThat(login.repositoryUrl()).isEqualTo(west.host() + "/etl");
        assertThat(login.username()).isEqualTo("AWS");
        assertThat(login.password().value()).isEqualTo(PropertyValue.of("west-token"));
        assertThat(login.toString()).doesNotContain("west-token");
    }

    @Test
    void copiesAnImageFromOneRegistryToAnotherWithItsLayersAndConfiguration() throws Exception {
        byte[] layer = gzip("etl's files".getBytes(StandardCharsets.UTF_8));
        String diffId = FakeRegistry.digest("etl's files".getBytes(StandardCharsets.UTF_8));
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Env\":[\"AIRFLOW_HOME=/opt/airflow\"],"
                + "\"Entrypoint\":[\"/entrypoint\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + diffId + "\"]},"
                + "\"history\":[{\"created_by\":\"COPY . /\"}]}").getBytes(StandardCharsets.UTF_8);
        String layerDigest = east.putBlob(layer);
        String configDigest = east.putBlob(config);
        east.manifests.put("etl:1.4.2", ("{\"schemaVersion\":2,\"mediaType\":\"" + FakeRegistry.MANIFEST_V2 + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.docker.container.image.v1+json\",\"size\":" + config.length + ",\"digest\":\"" + configDigest + "\"},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"size\":" + layer.length
                + ",\"digest\":\"" + layerDigest + "\"}]}").getBytes(StandardCharsets.UTF_8));
        authorizes("AWS", "west-token", west);
        HoldsImages.Login source = new HoldsImages.Login(east.host() + "/etl", "AWS", new PropertyValue.Secret(PropertyValue.of("east-token")));

        westRepository().copyInto("etl", Props.builder().put("repositoryUrl", west.host() + "/etl").build(), source, "1.4.2", ctx());

        assertThat(west.manifests).containsKey("etl:1.4.2");
        JsonNode manifest = JSON.readTree(west.manifests.get("etl:1.4.2"));
        assertThat(manifest.get("layers").get(0).get("digest").asText()).as("the same layer").isEqualTo(layerDigest);
        assertThat(west.blobs.get(layerDigest)).isEqualTo(layer);
        JsonNode copiedConfig = JSON.readTree(west.blobs.get(manifest.get("config").get("digest").asText()));
        assertThat(copiedConfig.get("config").get("Entrypoint").get(0).asText()).isEqualTo("/entrypoint");
        assertThat(copiedConfig.get("config").get("Env").toString()).contains("AIRFLOW_HOME=/opt/airflow");
        String westBasic = "Basic " + Base64.getEncoder().encodeToString("AWS:west-token".getBytes(StandardCharsets.UTF_8));
        String eastBasic = "Basic " + Base64.getEncoder().encodeToString("AWS:east-token".getBytes(StandardCharsets.UTF_8));
        assertThat(west.authorizations).as("the target is written with its own region's token").contains(westBasic).doesNotContain(eastBasic);
        assertThat(east.authorizations).as("the source is read with the source's login").contains(eastBasic);
    }

    @Test
    void aMissingSourceImageFailsWithTheRegistrysAnswer() {
        authorizes("AWS", "west-token", west);
        HoldsImages.Login source = new HoldsImages.Login(east.host() + "/etl", "AWS", new PropertyValue.Secret(PropertyValue.of("east-token")));
        assertThatThrownBy(() -> westRepository().copyInto("etl", Props.builder().put("repositoryUrl", west.host() + "/etl").build(),
                source, "9.9.9", ctx()))
                .isInstanceOf(ProviderException.class).hasMessageContaining(east.host() + "/etl:9.9.9");
        assertThat(west.manifests).isEmpty();
    }

    @Test
    void anImageNamedByDigestIsRefusedWithThePushCommand() {
        String digest = "sha256:" + "c".repeat(64);
        HoldsImages.Login source = new HoldsImages.Login(east.host() + "/etl", "AWS", new PropertyValue.Secret(PropertyValue.of("east-token")));
        assertThatThrownBy(() -> westRepository().copyInto("etl", Props.builder().put("repositoryUrl", west.host() + "/etl").build(),
                source, digest, ctx()))
                .isInstanceOf(ProviderException.class).hasMessageContaining("docker push " + west.host() + "/etl@" + digest);
    }

    private static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
