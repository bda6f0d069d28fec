package io.lifeboat.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.provider.Provider;
import io.lifeboat.provider.ProviderConfig;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ProviderException.Kind;
import io.lifeboat.provider.ProviderRegistry;
import io.lifeboat.state.StateBackendFactory;

/** Error codes to the SPI's kinds; the plugin as the engine finds and opens it. */
class AwsErrorsAndFactoryTest {

    @ParameterizedTest
    @CsvSource({
            "Throttling,400,THROTTLED", "ThrottlingException,400,THROTTLED", "RequestLimitExceeded,503,THROTTLED",
            "TooManyRequestsException,429,THROTTLED", "SlowDown,503,THROTTLED",
            "InternalError,500,TRANSIENT", "ServiceUnavailable,503,TRANSIENT",
            "InvalidVpcID.NotFound,400,NOT_FOUND", "DBInstanceNotFound,404,NOT_FOUND", "NoSuchEntity,404,NOT_FOUND",
            "ResourceNotFoundException,404,NOT_FOUND", "DBSubnetGroupNotFoundFault,404,NOT_FOUND", "NotFound,404,NOT_FOUND",
            "DependencyViolation,400,CONFLICT", "ResourceInUseException,409,CONFLICT", "EntityAlreadyExists,409,CONFLICT",
            "InvalidDBInstanceState,400,CONFLICT", "RouteAlreadyExists,400,CONFLICT",
            "UnauthorizedOperation,403,PERMISSION", "AccessDeniedException,400,PERMISSION", "AuthFailure,401,PERMISSION",
            "VpcLimitExceeded,400,QUOTA", "LimitExceededException,400,QUOTA",
            "InvalidParameterValue,400,INVALID_INPUT", "ValidationError,400,INVALID_INPUT"})
    void serviceCodesMapToKinds(String code, int status, Kind kind) {
        assertThat(AwsErrors.kind(code, status, false)).isEqualTo(kind);
    }

    @Test
    void theEngineFindsThePluginAndTheS3BackendByServiceLoader() throws Exception {
        ProviderRegistry registry = ProviderRegistry.load();
        assertThat(registry.forPackage("aws", null)).isInstanceOf(AwsProviderFactory.class);
        assertThat(registry.forPackage("aws", "http://127.0.0.1:4566")).isInstanceOf(AwsProviderFactory.class);
        List<String> schemes = ServiceLoader.load(StateBackendFactory.class).stream().map(p -> p.get().scheme()).toList();
        assertThat(schemes).contains("s3");
    }

    @Test
    void openingCallsNobodyAndServesEveryTypeOfTheSharedSchemas() throws Exception {
        try (FakeAws fake = AwsTestServers.fake(); Provider p = fake.provider("us-east-1")) {
            assertThat(p.types()).containsExactlyInAnyOrderElementsOf(AwsSchemas.all().keySet());
            for (String token : AwsSchemas.all().keySet()) assertThat(p.type(token).schema()).isSameAs(AwsSchemas.get(token));
            assertThat(fake.requests()).isEmpty();
        }
    }

    @Test
    void anEndpointThatIsNotAUrlAndARegionThatIsNotOneAreRefused() {
        AwsProviderFactory f = new AwsProviderFactory();
        assertThatThrownBy(() -> f.open(new ProviderConfig("aws", "us-east-1", "127.0.0.1:4566", Path.of("."), Map.of())))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo("InvalidEndpoint"));
        assertThatThrownBy(() -> f.open(new ProviderConfig("aws", "moon-1", null, Path.of("."), Map.of())))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo("InvalidRegion"));
        assertThatThrownBy(() -> f.open(new ProviderConfig("gcp", "us-east-1", null, Path.of("."), Map.of())))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID_INPUT));
    }

    @Test
    void anUnreachableEndpointIsUnavailableNotAnOutcome() throws Exception {
        // a port nothing listens on: what a failover's lost region looks like
        try (Provider p = new AwsProviderFactory().open(new ProviderConfig("aws", "us-east-1", "http://127.0.0.1:1", Path.of("."), Map.of()))) {
            assertThatThrownBy(() -> p.type(AwsSchemas.VPC).read("vpc-1", io.lifeboat.resource.Props.EMPTY, io.lifeboat.resource.Props.EMPTY, null))
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
                        assertThat(e.retryable()).isTrue();
                    });
        }
    }
}
