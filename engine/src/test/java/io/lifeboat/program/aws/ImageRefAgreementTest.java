package io.lifeboat.program.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.lifeboat.dr.ImageRef;
import io.lifeboat.program.AirflowObjects;

/** The image sync looks for an image where the aws program points the deployment's workloads: the same repository, the same tag or digest. */
class ImageRefAgreementTest {

    @ParameterizedTest
    @ValueSource(strings = {"etl:1.4.2", "etl", "Team/ETL:2", "registry.example.com:5000/team/etl:1.0",
            "etl@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "ghcr.io/org/etl:v3"})
    void repositoryAndReferenceAreTheProgramsOwn(String image) {
        ImageRef ref = ImageRef.parse(image);
        assertThat(ref.repository()).isEqualTo(io.lifeboat.program.AirflowObjects.repository(image));
        String suffix = AirflowObjects.imageSuffix(image);
        assertThat(ref.reference()).isEqualTo(suffix.isEmpty() ? "latest" : suffix.substring(1));
    }
}
