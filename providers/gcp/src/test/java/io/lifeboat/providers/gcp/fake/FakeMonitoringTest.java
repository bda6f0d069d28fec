package io.lifeboat.providers.gcp.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.api.gax.rpc.AlreadyExistsException;
import com.google.api.gax.rpc.FailedPreconditionException;
import com.google.api.gax.rpc.InvalidArgumentException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.api.gax.rpc.UnavailableException;
import com.google.cloud.monitoring.v3.NotificationChannelServiceClient;
import com.google.cloud.monitoring.v3.NotificationChannelServiceSettings;
import com.google.monitoring.v3.ListNotificationChannelsRequest;
import com.google.monitoring.v3.NotificationChannel;
import com.google.monitoring.v3.ProjectName;
import com.google.protobuf.BoolValue;
import com.google.protobuf.FieldMask;

import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;

class FakeMonitoringTest {
    private static final ProjectName PROJECT = ProjectName.of("dr-project");

    private FakeMonitoring fake;
    private NotificationChannelServiceClient client;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeMonitoring();
        NotificationChannelServiceSettings.Builder settings = NotificationChannelServiceSettings.newBuilder()
                .setTransportChannelProvider(InstantiatingGrpcChannelProvider.newBuilder()
                        .setEndpoint(fake.target())
                        .setChannelConfigurator(ManagedChannelBuilder::usePlaintext)
                        .build())
                .setCredentialsProvider(NoCredentialsProvider.create());
        settings.applyToAllUnaryMethods(m -> {
            m.setRetrySettings(m.getRetrySettings().toBuilder().setMaxAttempts(1).build());
            return null;
        });
        client = NotificationChannelServiceClient.create(settings.build());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        fake.close();
    }

    private static NotificationChannel email(String address) {
        return NotificationChannel.newBuilder().setType("email").setDisplayName("On call")
                .putLabels("email_address", address).putUserLabels("stack", "orders").build();
    }

    @Test
    void channelsAreCreatedReadUpdatedListedAndDeleted() {
        NotificationChannel made = client.createNotificationChannel(PROJECT, email("oncall@example.com"));
        assertThat(made.getName()).matches("projects/dr-project/notificationChannels/[0-9]+");
        assertThat(made.getVerificationStatus()).isEqualTo(NotificationChannel.VerificationStatus.UNVERIFIED);
        assertThat(made.getEnabled().getValue()).isTrue();
        assertThat(made.getCreationRecord().hasMutateTime()).isTrue();
        assertThat(client.getNotificationChannel(made.getName())).isEqualTo(made);
        assertThat(fake.json(made.getName()).path("labels").path("email_address").asText()).isEqualTo("oncall@example.com");

        NotificationChannel updated = client.updateNotificationChannel(FieldMask.newBuilder().addPaths("display_name").addPaths("enabled").build(),
                NotificationChannel.newBuilder().setName(made.getName()).setDisplayName("Pager").setEnabled(BoolValue.of(false)).build());
        assertThat(updated.getDisplayName()).isEqualTo("Pager");
        assertThat(updated.getEnabled().getValue()).isFalse();
        assertThat(updated.getLabelsMap()).containsEntry("email_address", "oncall@example.com");
        assertThat(updated.getMutationRecordsCount()).isEqualTo(1);

        NotificationChannel hook = client.createNotificationChannel(PROJECT, NotificationChannel.newBuilder().setType("pubsub")
                .putLabels("topic", "projects/dr-project/topics/alerts").build());
        assertThat(hook.getVerificationStatus()).isEqualTo(NotificationChannel.VerificationStatus.VERIFICATION_STATUS_UNSPECIFIED);
        List<String> names = new ArrayList<>();
        client.listNotificationChannels(ListNotificationChannelsRequest.newBuilder().setName(PROJECT.toString()).setPageSize(1).build())
                .iterateAll().forEach(c -> names.add(c.getName()));
        assertThat(names).containsExactly(made.getName(), hook.getName());

        client.deleteNotificationChannel(made.getName(), false);
        assertThat(fake.channel(made.getName())).isNull();
        assertThatThrownBy(() -> client.getNotificationChannel(made.getName())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void emailChannelsAreVerifiedWithTheCodeSentToThem() {
        NotificationChannel made = client.createNotificationChannel(PROJECT, email("oncall@example.com"));
        assertThatThrownBy(() -> client.getNotificationChannelVerificationCode(made.getName()))
                .isInstanceOf(FailedPreconditionException.class);
        client.sendNotificationChannelVerificationCode(made.getName());
        assertThatThrownBy(() -> client.verifyNotificationChannel(made.getName(), "G-000000")).isInstanceOf(InvalidArgumentException.class);
        NotificationChannel verified = client.verifyNotificationChannel(made.getName(), fake.verificationCode(made.getName()));
        assertThat(verified.getVerificationStatus()).isEqualTo(NotificationChannel.VerificationStatus.VERIFIED);

        NotificationChannel copy = client.createNotificationChannel(ProjectName.of("dr-standby"), email("oncall@example.com"));
        String code = client.getNotificationChannelVerificationCode(made.getName()).getCode();
        assertThat(client.verifyNotificationChannel(copy.getName(), code).getVerificationStatus())
                .isEqualTo(NotificationChannel.VerificationStatus.VERIFIED);

        NotificationChannel moved = client.updateNotificationChannel(FieldMask.newBuilder().addPaths("labels").build(),
                NotificationChannel.newBuilder().setName(made.getName()).putLabels("email_address", "other@example.com").build());
        assertThat(moved.getVerificationStatus()).isEqualTo(NotificationChannel.VerificationStatus.UNVERIFIED);
    }

    @Test
    void documentedRefusals() {
        assertThatThrownBy(() -> client.createNotificationChannel(PROJECT, NotificationChannel.newBuilder()
                .putLabels("email_address", "a@example.com").build()))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("type");
        assertThatThrownBy(() -> client.createNotificationChannel(PROJECT, NotificationChannel.newBuilder().setType("carrier_pigeon").build()))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("carrier_pigeon");
        assertThatThrownBy(() -> client.createNotificationChannel(PROJECT, NotificationChannel.newBuilder().setType("email").build()))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("email_address");
        assertThatThrownBy(() -> client.createNotificationChannel(PROJECT, email("not-an-address")))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("not-an-address");
        assertThatThrownBy(() -> client.createNotificationChannel(PROJECT, email("a@example.com").toBuilder()
                .putUserLabels("Team", "x").build())).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("Team");
        assertThatThrownBy(() -> client.createNotificationChannel(PROJECT, email("a@example.com").toBuilder()
                .setVerificationStatus(NotificationChannel.VerificationStatus.VERIFIED).build()))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("verification_status");
        assertThatThrownBy(() -> client.createNotificationChannel("bad/parent", email("a@example.com")))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> client.getNotificationChannel("projects/dr-project/notificationChannels/42"))
                .isInstanceOf(NotFoundException.class);

        NotificationChannel made = client.createNotificationChannel(PROJECT, email("oncall@example.com"));
        assertThatThrownBy(() -> client.updateNotificationChannel(FieldMask.newBuilder().addPaths("type").build(),
                NotificationChannel.newBuilder().setName(made.getName()).setType("sms").build()))
                .isInstanceOf(InvalidArgumentException.class);
        fake.usedByPolicy(made.getName(), "projects/dr-project/alertPolicies/7");
        assertThatThrownBy(() -> client.deleteNotificationChannel(made.getName(), false))
                .isInstanceOf(FailedPreconditionException.class).hasMessageContaining("alertPolicies/7");
        client.deleteNotificationChannel(made.getName(), true);
        assertThat(fake.channel(made.getName())).isNull();
    }

    @Test
    void injectedFaultsAndAnOutageReachTheClient() {
        fake.failNext("CreateNotificationChannel", Status.ALREADY_EXISTS.withDescription("taken"), 1);
        assertThatThrownBy(() -> client.createNotificationChannel(PROJECT, email("a@example.com")))
                .isInstanceOf(AlreadyExistsException.class);
        NotificationChannel made = client.createNotificationChannel(PROJECT, email("a@example.com"));

        fake.failNext(FakeMonitoring.SERVICE + "/GetNotificationChannel", Status.UNAVAILABLE, 2);
        assertThatThrownBy(() -> client.getNotificationChannel(made.getName())).isInstanceOf(UnavailableException.class);
        assertThatThrownBy(() -> client.getNotificationChannel(made.getName())).isInstanceOf(UnavailableException.class);
        assertThat(client.getNotificationChannel(made.getName()).getName()).isEqualTo(made.getName());

        fake.down(true);
        assertThatThrownBy(() -> client.listNotificationChannels(PROJECT).iterateAll().iterator().next())
                .isInstanceOf(UnavailableException.class);
        fake.down(false);
        assertThat(client.listNotificationChannels(PROJECT).iterateAll()).hasSize(1);
    }
}
