package io.lifeboat.providers.sim;

import static io.lifeboat.program.aws.AwsSchemas.ECR_REPLICATION;
import static io.lifeboat.program.aws.AwsSchemas.ECR_REPOSITORY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

/** The sim's ECR images: immutable tags, replication rules with filters, a repository that holds images. */
class EcrImagesTest {
    static final String EAST = "us-east-1";
    static final String WEST = "us-west-2";

    @TempDir
    Path dir;
    SimAdmin sim;

    @BeforeEach
    void setUp() {
        sim = new SimAdmin(dir);
    }

    private void repository(String region, String name, String mutability) {
        sim.cloud().put(new SimObject(name, ECR_REPOSITORY, region, SimObject.AVAILABLE, Instant.now(), null, null,
                Props.builder().put("name", name).put("imageTagMutability", mutability).put("forceDelete", false).build(),
                Props.builder().put("repositoryUrl", "123456789012.dkr.ecr." + region + ".amazonaws.com/" + name).build(), Map.of()));
    }

    private void replicationTo(String region, List<Map<String, Object>> filters) {
        Map<String, Object> rule = filters.isEmpty() ? Map.of("destinations", List.of(Map.of("region", region)))
                : Map.of("destinations", List.of(Map.of("region", region)), "repositoryFilters", filters);
        sim.cloud().put(new SimObject("123456789012", ECR_REPLICATION, EAST, SimObject.AVAILABLE, Instant.now(), null, null,
                Props.builder().put("replicationConfiguration", PropertyValue.fromJava(Map.of("rules", List.of(rule)))).build(),
                Props.EMPTY, Map.of()));
    }

    @Test
    void anImmutableTagCannotMoveToAnotherImage() {
        repository(EAST, "etl", "IMMUTABLE");
        String digest = sim.pushImage(EAST, "etl", "1.4.2");
        assertThat(sim.pushImage(EAST, "etl", "1.4.2")).as("the same image again is fine").isEqualTo(digest);
        String other = "sha256:" + "f".repeat(64);
        sim.pushImage(EAST, "etl", other);
        assertThat(sim.images(EAST, "etl")).containsExactlyInAnyOrder("1.4.2", digest, other);
        assertThatThrownBy(() -> sim.cloud().put(io.lifeboat.providers.sim.aws.EcrImages.with(
                sim.cloud().object(EAST, ECR_REPOSITORY, "etl"), "1.4.2", other)))
                .hasMessageContaining("ImageTagAlreadyExistsException");
    }

    @Test
    void replicationCopiesOnlyWhatItsFiltersMatchAndOnlyAfterItExists() {
        repository(EAST, "etl", "MUTABLE");
        repository(EAST, "reporting", "MUTABLE");
        repository(WEST, "etl", "MUTABLE");
        repository(WEST, "reporting", "MUTABLE");
        sim.pushImage(EAST, "etl", "1");
        replicationTo(WEST, List.of(Map.of("filter", "et", "filterType", "PREFIX_MATCH")));
        sim.pushImage(EAST, "etl", "2");
        sim.pushImage(EAST, "reporting", "1");
        assertThat(sim.images(WEST, "etl")).as("pushed before the rule: not copied").contains("2").doesNotContain("1");
        assertThat(sim.images(WEST, "reporting")).as("not matched by the filter").isEmpty();

        sim.outage(WEST);
        sim.pushImage(EAST, "etl", "3");
        sim.restore(WEST);
        assertThat(sim.images(WEST, "etl")).as("a region that is out receives nothing").doesNotContain("3");
        assertThatThrownBy(() -> { sim.outage(EAST); sim.pushImage(EAST, "etl", "4"); }).hasMessageContaining("the region is out");
    }

    @Test
    void imagesLiveInTheirRepository() throws Exception {
        repository(EAST, "etl", "MUTABLE");
        sim.pushImage(EAST, "etl", "1.4.2");
        assertThat(new SimAdmin(dir).images(EAST, "etl")).as("persisted: another console sees them").contains("1.4.2");
        assertThatThrownBy(() -> io.lifeboat.providers.sim.aws.AwsSimTypes.catalog().get(ECR_REPOSITORY)
                .beforeDelete(sim.cloud().object(EAST, ECR_REPOSITORY, "etl"),
                        new SimScope(sim.cloud(), sim.cloud().store(EAST), EAST, SimSettings.DEFAULT_ACCOUNT, null, Instant.now())))
                .hasMessageContaining("RepositoryNotEmptyException");
        sim.deleteBehindBack(EAST, "etl");
        assertThat(sim.images(EAST, "etl")).isEmpty();
    }
}
