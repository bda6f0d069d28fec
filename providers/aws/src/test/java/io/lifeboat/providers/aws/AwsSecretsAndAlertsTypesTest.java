package io.lifeboat.providers.aws;

import static io.lifeboat.providers.aws.FakeAws.Reply.json;
import static io.lifeboat.providers.aws.FakeAws.Reply.jsonError;
import static io.lifeboat.providers.aws.FakeAws.Reply.query;
import static io.lifeboat.providers.aws.FakeAws.Reply.queryError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/** API keys (Secrets Manager, JSON 1.1) and alert routes (SNS, query/XML). */
class AwsSecretsAndAlertsTypesTest {
    private static final String ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:lifeboat/data-platform/etl/ci-AbCdEf";
    private final FakeAws fake = AwsTestServers.fake();

    @AfterEach
    void stop() {
        fake.close();
    }

    private static OperationContext ctx(Urn urn) {
        return OperationContext.of(urn, Duration.ofSeconds(5));
    }

    @Test
    void anApiKeySecretIsMadeWithItsReplicaInThePairsRegion() throws Exception {
        Urn urn = new Urn("prod-use1", "data-platform", AwsSchemas.SECRET, "etl-ci");
        fake.on("CreateSecret", json("{\"ARN\":\"" + ARN + "\",\"Name\":\"lifeboat/data-platform/etl/ci\"}"));
        fake.on("DescribeSecret", json("{\"ARN\":\"" + ARN + "\",\"Name\":\"lifeboat/data-platform/etl/ci\",\"Description\":\"API key ci\","
                + "\"Tags\":[{\"Key\":\"lifeboat:urn\",\"Value\":\"" + urn + "\"}],\"ReplicationStatus\":[{\"Region\":\"us-west-2\",\"Status\":\"InSync\"}]}"));
        Props in = Props.builder().put("name", "lifeboat/data-platform/etl/ci").put("description", "API key ci").put("recoveryWindowInDays", 0)
                .put("replicas", PropertyValue.fromJava(List.of(Map.of("region", "us-west-2")))).build();

        ResourceType.Created made = fake.provider("us-east-1").type(AwsSchemas.SECRET).create(urn, in, ctx(urn));

        FakeAws.Request create = fake.calls("CreateSecret").get(0);
        assertThat(create.headers().get("x-amz-target")).isEqualTo("secretsmanager.CreateSecret");
        assertThat(create.body()).contains("\"AddReplicaRegions\":[{\"Region\":\"us-west-2\"}]").contains("\"Key\":\"lifeboat:urn\"")
                .doesNotContain("SecretString");
        assertThat(made.id()).isEqualTo(ARN);
        assertThat(made.outputs().get("replicas")).isEqualTo(PropertyValue.fromJava(List.of(Map.of("region", "us-west-2"))));
    }

    @Test
    void aCreateWhereTheRegionHoldsAReplicaPromotesItAndKeepsItsValue() throws Exception {
        String replicaArn = ARN.replace("us-east-1", "us-west-2");
        Urn urn = new Urn("prod-usw2", "data-platform", AwsSchemas.SECRET, "etl-ci");
        fake.on("CreateSecret", jsonError(400, "ResourceExistsException", "The operation failed because the secret lifeboat/data-platform/etl/ci already exists."));
        fake.on("DescribeSecret", json("{\"ARN\":\"" + replicaArn + "\",\"Name\":\"lifeboat/data-platform/etl/ci\",\"PrimaryRegion\":\"us-east-1\"}"),
                json("{\"ARN\":\"" + replicaArn + "\",\"Name\":\"lifeboat/data-platform/etl/ci\",\"Description\":\"API key ci\","
                        + "\"Tags\":[{\"Key\":\"lifeboat:urn\",\"Value\":\"" + urn + "\"}]}"));
        fake.on("StopReplicationToReplica", json("{\"ARN\":\"" + replicaArn + "\"}"));
        fake.on("TagResource", json("{}"));
        fake.on("UpdateSecret", json("{\"ARN\":\"" + replicaArn + "\"}"));
        Props in = Props.builder().put("name", "lifeboat/data-platform/etl/ci").put("description", "API key ci").put("recoveryWindowInDays", 0).build();

        ResourceType.Created made = fake.provider("us-west-2").type(AwsSchemas.SECRET).create(urn, in, ctx(urn));

        assertThat(made.id()).as("the replica's ARN: its versions, the key material, stay").isEqualTo(replicaArn);
        assertThat(fake.actions()).containsSubsequence("CreateSecret", "DescribeSecret", "StopReplicationToReplica", "TagResource")
                .doesNotContain("PutSecretValue", "DeleteSecret");
        assertThat(fake.calls("TagResource").get(0).body()).contains(urn.toString());
    }

    @Test
    void aCreateRefusedForAnotherSecretOfThisRegionStaysRefused() throws Exception {
        Urn urn = new Urn("prod-use1", "data-platform", AwsSchemas.SECRET, "etl-ci");
        fake.on("CreateSecret", jsonError(400, "ResourceExistsException", "already exists"));
        fake.on("DescribeSecret", json("{\"ARN\":\"" + ARN + "\",\"Name\":\"lifeboat/data-platform/etl/ci\"}"));
        Props in = Props.builder().put("name", "lifeboat/data-platform/etl/ci").build();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fake.provider("us-east-1").type(AwsSchemas.SECRET).create(urn, in, ctx(urn)))
                .isInstanceOf(io.lifeboat.provider.ProviderException.class).hasMessageContaining("already exists");
        assertThat(fake.actions()).doesNotContain("StopReplicationToReplica");
    }

    @Test
    void aSecretIsDeletedAfterItsReplicasAreRemoved() throws Exception {
        fake.on("DescribeSecret", json("{\"ARN\":\"" + ARN + "\",\"ReplicationStatus\":[{\"Region\":\"us-west-2\",\"Status\":\"InSync\"}]}"));
        fake.on("RemoveRegionsFromReplication", json("{\"ARN\":\"" + ARN + "\"}"));
        fake.on("DeleteSecret", json("{\"ARN\":\"" + ARN + "\"}"));

        fake.provider("us-east-1").type(AwsSchemas.SECRET).delete(ARN, Props.builder().put("recoveryWindowInDays", 0).build(),
                ctx(new Urn("s", "p", AwsSchemas.SECRET, "k")));

        assertThat(fake.actions()).containsSubsequence("RemoveRegionsFromReplication", "DeleteSecret");
        assertThat(fake.calls("DeleteSecret").get(0).body()).contains("\"ForceDeleteWithoutRecovery\":true");
    }

    @Test
    void aSecretValueIsPutWithATokenFromItsUrnAndTheValueAndNeverShowsInAMessage() throws Exception {
        Urn urn = new Urn("prod-use1", "data-platform", AwsSchemas.SECRET_VERSION, "etl-ci");
        var version = fake.provider("us-east-1").type(AwsSchemas.SECRET_VERSION);
        Props in = Props.builder().put("secretId", ARN).put("secretString", new PropertyValue.Secret(PropertyValue.of("k3y-m4terial"))).build();
        fake.on("PutSecretValue", jsonError(400, "LimitExceededException", "too many versions"),
                json("{\"ARN\":\"" + ARN + "\",\"VersionId\":\"v-1\"}"));
        fake.on("DescribeSecret", json("{\"ARN\":\"" + ARN + "\",\"VersionIdsToStages\":{\"v-1\":[\"AWSCURRENT\"]}}"));

        assertThatThrownBy(() -> version.create(urn, in, ctx(urn))).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.kind()).isEqualTo(ProviderException.Kind.QUOTA);
            assertThat(e.getMessage()).doesNotContain("k3y-m4terial");
        });
        ResourceType.Created made = version.create(urn, in, ctx(urn));

        List<FakeAws.Request> puts = fake.calls("PutSecretValue");
        assertThat(puts.get(0).body()).contains("\"SecretString\":\"k3y-m4terial\"");
        String token = SecretVersionType.token(urn, "k3y-m4terial");
        assertThat(puts).allSatisfy(p -> assertThat(p.body()).contains("\"ClientRequestToken\":\"" + token + "\""));
        assertThat(made.id()).isEqualTo(ARN + "|v-1");
        assertThat(made.outputs().string("versionId")).isEqualTo("v-1");
    }

    @Test
    void anAlertAddressIsSubscribedToItsTopicAndWaitsForConfirmation() throws Exception {
        Urn urn = new Urn("prod-use1", "data-platform", AwsSchemas.SNS_SUBSCRIPTION, "etl-oncall@example.com");
        String topic = "arn:aws:sns:us-east-1:123456789012:prod-use1-etl-alerts";
        fake.on("Subscribe", query("Subscribe", FakeAws.SNS, "<SubscriptionArn>" + topic + ":1111</SubscriptionArn>"));
        fake.on("GetSubscriptionAttributes", query("GetSubscriptionAttributes", FakeAws.SNS, "<Attributes>"
                + "<entry><key>TopicArn</key><value>" + topic + "</value></entry><entry><key>Protocol</key><value>email</value></entry>"
                + "<entry><key>Endpoint</key><value>oncall@example.com</value></entry>"
                + "<entry><key>PendingConfirmation</key><value>true</value></entry></Attributes>"));
        Props in = Props.builder().put("topic", topic).put("protocol", "email").put("endpoint", "oncall@example.com").build();

        ResourceType.Created made = fake.provider("us-east-1").type(AwsSchemas.SNS_SUBSCRIPTION).create(urn, in, ctx(urn));

        FakeAws.Request sub = fake.calls("Subscribe").get(0);
        assertThat(sub.param("TopicArn")).isEqualTo(topic);
        assertThat(sub.param("Endpoint")).isEqualTo("oncall@example.com");
        assertThat(sub.param("ReturnSubscriptionArn")).isEqualTo("true");
        assertThat(made.outputs().get("pendingConfirmation")).isEqualTo(PropertyValue.of(true));
    }

    @Test
    void aTopicThatIsGoneReadsAsEmptyAndThrottlingIsRetryable() throws Exception {
        var topics = fake.provider("us-east-1").type(AwsSchemas.SNS_TOPIC);
        Urn urn = new Urn("prod-use1", "data-platform", AwsSchemas.SNS_TOPIC, "etl");
        fake.on("GetTopicAttributes", queryError(404, "NotFound", "Topic does not exist"), queryError(400, "Throttling", "Rate exceeded"));

        assertThat(topics.read("arn:aws:sns:us-east-1:123456789012:gone", Props.EMPTY, Props.EMPTY, ctx(urn))).isEmpty();
        assertThatThrownBy(() -> topics.read("arn:aws:sns:us-east-1:123456789012:busy", Props.EMPTY, Props.EMPTY, ctx(urn)))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.THROTTLED));
    }
}
