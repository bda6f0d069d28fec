package io.lifeboat.providers.gcp.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.longrunning.OperationTimedPollAlgorithm;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.AbortedException;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.InvalidArgumentException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.api.gax.rpc.StatusCode;
import com.google.api.gax.rpc.UnavailableException;
import com.google.devtools.artifactregistry.v1.ArtifactRegistryClient;
import com.google.devtools.artifactregistry.v1.ArtifactRegistrySettings;
import com.google.devtools.artifactregistry.v1.CreateRepositoryRequest;
import com.google.devtools.artifactregistry.v1.DeleteRepositoryRequest;
import com.google.devtools.artifactregistry.v1.DockerImage;
import com.google.devtools.artifactregistry.v1.LocationName;
import com.google.devtools.artifactregistry.v1.Repository;
import com.google.longrunning.Operation;
import com.google.protobuf.FieldMask;

class FakeArtifactRegistryTest {
    private static final String PARENT = "projects/dr-project/locations/europe-west1";
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    private FakeGoogleApis apis;
    private FakeArtifactRegistry fake;
    private ArtifactRegistryClient client;

    @BeforeEach
    void start() throws Exception {
        apis = new FakeGoogleApis();
        fake = new FakeArtifactRegistry();
        apis.serve(fake);
        ArtifactRegistrySettings.Builder settings = ArtifactRegistrySettings.newHttpJsonBuilder()
                .setEndpoint(apis.endpoint())
                .setCredentialsProvider(NoCredentialsProvider.create());
        settings.applyToAllUnaryMethods(m -> {
            m.setRetrySettings(m.getRetrySettings().toBuilder().setMaxAttempts(1).build());
            return null;
        });
        RetrySettings poll = RetrySettings.newBuilder()
                .setInitialRetryDelayDuration(Duration.ofMillis(2)).setRetryDelayMultiplier(1.0)
                .setMaxRetryDelayDuration(Duration.ofMillis(2))
                .setInitialRpcTimeoutDuration(Duration.ofSeconds(5)).setRpcTimeoutMultiplier(1.0)
                .setMaxRpcTimeoutDuration(Duration.ofSeconds(5)).setTotalTimeoutDuration(Duration.ofSeconds(10)).build();
        settings.createRepositoryOperationSettings().setPollingAlgorithm(OperationTimedPollAlgorithm.create(poll));
        settings.deleteRepositoryOperationSettings().setPollingAlgorithm(OperationTimedPollAlgorithm.create(poll));
        client = ArtifactRegistryClient.create(settings.build());
    }

    @AfterEach
    void stop() {
        client.close();
        apis.close();
    }

    private static Repository docker() {
        return Repository.newBuilder().setFormat(Repository.Format.DOCKER).setDescription("images")
                .putLabels("stack", "orders").build();
    }

    private static CreateRepositoryRequest create(String id, Repository repository) {
        return CreateRepositoryRequest.newBuilder().setParent(PARENT).setRepositoryId(id).setRepository(repository).build();
    }

    @Test
    void aCreateIsAnOperationThatEndsWithTheRepository() {
        Operation op = client.createRepositoryCallable().call(create("images", docker()));
        assertThat(op.getName()).matches(PARENT + "/operations/[0-9a-f-]{36}");
        assertThat(op.getDone()).isFalse();
        assertThatThrownBy(() -> client.getRepository(PARENT + "/repositories/images")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> client.createRepositoryCallable().call(create("images", docker())))
                .isInstanceOf(AbortedException.class) // 409 ALREADY_EXISTS: gax's HttpJson maps 409 to ABORTED
                .satisfies(e -> assertThat(FakeSecretManagerTest.body(e)).contains("ALREADY_EXISTS"));

        Operation done = client.getHttpJsonOperationsClient().getOperation(op.getName());
        assertThat(done.getDone()).isTrue();
        assertThat(done.getResponse().getTypeUrl()).isEqualTo("type.googleapis.com/google.devtools.artifactregistry.v1.Repository");
        assertThat(fake.json(op.getName()).path("response").path("@type").asText()).endsWith("artifactregistry.v1.Repository");

        Repository got = client.getRepository(PARENT + "/repositories/images");
        assertThat(got.getFormat()).isEqualTo(Repository.Format.DOCKER);
        assertThat(got.getMode()).isEqualTo(Repository.Mode.STANDARD_REPOSITORY);
        assertThat(got.getLabelsMap()).containsEntry("stack", "orders");
        assertThat(fake.json(got.getName()).path("format").asText()).isEqualTo("DOCKER");
    }

    @Test
    void repositoriesAreCreatedUpdatedListedAndDeletedThroughPolledOperations() throws Exception {
        fake.pollsUntilDone(3);
        Repository made = client.createRepositoryAsync(LocationName.of("dr-project", "europe-west1"), docker(), "images").get();
        assertThat(made.getName()).isEqualTo(PARENT + "/repositories/images");
        assertThat(apis.requests().stream().filter(r -> r.startsWith("GET " + "/v1/" + PARENT + "/operations/")).count()).isEqualTo(3);
        client.createRepositoryAsync(create("jars", Repository.newBuilder().setFormat(Repository.Format.MAVEN).build())).get();

        Repository updated = client.updateRepository(Repository.newBuilder().setName(made.getName()).setDescription("release images")
                .setDockerConfig(Repository.DockerRepositoryConfig.newBuilder().setImmutableTags(true)).build(),
                FieldMask.newBuilder().addPaths("description").addPaths("docker_config").build());
        assertThat(updated.getDescription()).isEqualTo("release images");
        assertThat(updated.getDockerConfig().getImmutableTags()).isTrue();
        assertThat(updated.getLabelsMap()).containsEntry("stack", "orders");
        assertThatThrownBy(() -> client.updateRepository(Repository.newBuilder().setName(made.getName())
                .setFormat(Repository.Format.NPM).build(), FieldMask.newBuilder().addPaths("format").build()))
                .isInstanceOf(InvalidArgumentException.class);
        Repository echoed = client.updateRepository(updated.toBuilder().putLabels("tier", "gold").build(), FieldMask.getDefaultInstance());
        assertThat(echoed.getLabelsMap()).containsOnlyKeys("stack", "tier"); // no mask: the fields set, output-only ones ignored

        List<String> names = new ArrayList<>();
        client.listRepositories(LocationName.of("dr-project", "europe-west1")).iterateAll().forEach(r -> names.add(r.getName()));
        assertThat(names).containsExactly(PARENT + "/repositories/images", PARENT + "/repositories/jars");

        fake.pollsUntilDone(1);
        client.deleteRepositoryAsync(made.getName()).get();
        assertThatThrownBy(() -> client.getRepository(made.getName())).isInstanceOf(NotFoundException.class);
        assertThat(fake.json(made.getName())).isNull();
    }

    @Test
    void pushedDockerImagesAreListed() throws Exception {
        Repository repo = client.createRepositoryAsync(create("images", docker())).get();
        String first = fake.pushImage(repo.getName(), "team/app", "v1", DIGEST);
        String second = fake.pushImage(repo.getName(), "team/app", "v1", "sha256:" + "cd".repeat(32));
        assertThat(first).isEqualTo(repo.getName() + "/dockerImages/team%2Fapp@" + DIGEST);

        List<DockerImage> listed = new ArrayList<>();
        client.listDockerImages(repo.getName()).iterateAll().forEach(listed::add);
        assertThat(listed).extracting(DockerImage::getName).containsExactly(first, second);
        assertThat(listed.get(0).getTagsList()).isEmpty(); // the tag moved to the newer digest
        assertThat(listed.get(1).getTagsList()).containsExactly("v1");
        assertThat(listed.get(1).getUri()).isEqualTo("europe-west1-docker.pkg.dev/dr-project/images/team/app@sha256:" + "cd".repeat(32));
        assertThat(client.getDockerImage(second).getTagsList()).containsExactly("v1");
        assertThatThrownBy(() -> client.listDockerImages(PARENT + "/repositories/absent").iterateAll().iterator().next())
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void documentedRefusals() {
        assertThatThrownBy(() -> client.createRepositoryCallable().call(create("Bad_Id", docker())))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> client.createRepositoryCallable().call(create("trailing-", docker())))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> client.createRepositoryCallable().call(create("noformat", Repository.getDefaultInstance())))
                .isInstanceOf(InvalidArgumentException.class).satisfies(e -> assertThat(FakeSecretManagerTest.body(e)).contains("format"));
        assertThatThrownBy(() -> client.createRepositoryCallable().call(CreateRepositoryRequest.newBuilder()
                .setParent("projects/dr-project/locations/moon-1").setRepositoryId("x").setRepository(docker()).build()))
                .isInstanceOf(InvalidArgumentException.class).satisfies(e -> assertThat(FakeSecretManagerTest.body(e)).contains("moon-1"));
        assertThatThrownBy(() -> client.createRepositoryCallable().call(create("labels",
                docker().toBuilder().putLabels("Env", "x").build()))).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> client.createRepositoryCallable().call(create("mixed", Repository.newBuilder()
                .setFormat(Repository.Format.MAVEN)
                .setDockerConfig(Repository.DockerRepositoryConfig.newBuilder().setImmutableTags(true)).build())))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> client.getRepository(PARENT + "/repositories/absent")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> client.deleteRepositoryCallable().call(
                DeleteRepositoryRequest.newBuilder().setName(PARENT + "/repositories/absent").build()))
                .isInstanceOf(NotFoundException.class);
        assertThat(client.createRepositoryCallable().call(CreateRepositoryRequest.newBuilder() // a multi-region is a location
                .setParent("projects/dr-project/locations/us").setRepositoryId("us-images").setRepository(docker()).build())
                .getDone()).isFalse();
    }

    @Test
    void faultsReachTheClient() throws Exception {
        fake.failNextOperation(9, "the KMS key is disabled");
        assertThatThrownBy(() -> client.createRepositoryAsync(create("images", docker())).get())
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).getStatusCode().getCode()).isEqualTo(StatusCode.Code.FAILED_PRECONDITION))
                .hasMessageContaining("KMS");
        Repository repo = client.createRepositoryAsync(create("images", docker())).get(); // the failed create left the id free

        apis.failNext("GET", ".*/repositories/images", 1, GoogleError.unavailable());
        assertThatThrownBy(() -> client.getRepository(repo.getName())).isInstanceOf(UnavailableException.class);
        assertThat(client.getRepository(repo.getName()).getName()).isEqualTo(repo.getName());
    }
}
