package io.lifeboat.providers.gcp;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.monitoring.v3.CreateNotificationChannelRequest;
import com.google.monitoring.v3.DeleteNotificationChannelRequest;
import com.google.monitoring.v3.NotificationChannel;
import com.google.monitoring.v3.UpdateNotificationChannelRequest;
import com.google.protobuf.FieldMask;

import io.lifeboat.program.gcp.GcpSchemas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/**
 * {@code gcp:monitoring/notificationChannel:NotificationChannel}: a Cloud Monitoring notification
 * channel (an e-mail address for alerts), over gRPC; {@code labels} is its configuration
 * ({@code email_address}), {@code userLabels} its labels, with the URN's mark. Its id is the
 * name Monitoring gives it ({@code projects/P/notificationChannels/N}); one whose create was lost
 * is found again by the mark.
 */
final class NotificationChannelType extends GcpType {
    NotificationChannelType(GcpClients gcp) {
        super(GcpSchemas.NOTIFICATION_CHANNEL, gcp);
    }

    private ObjectNode channel(Props in, Urn urn, String existingMark) {
        ObjectNode o = ApiJson.object().put("type", str(in, "type"));
        if (str(in, "displayName") != null) o.put("displayName", str(in, "displayName"));
        if (str(in, "description") != null) o.put("description", str(in, "description"));
        o.put("enabled", bool(in, "enabled", true));
        o.set("labels", jsonObj(in, "labels"));
        o.set("userLabels", labels(in, urn, existingMark));
        return o;
    }

    @Override
    public Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        Props in = clean(inputs);
        NotificationChannel body = ApiJson.merge(channel(in, urn, null), NotificationChannel.newBuilder()).build();
        NotificationChannel made = GcpCall.run("notificationChannels.create " + str(in, "displayName"), () -> gcp.channels().createNotificationChannel(
                CreateNotificationChannelRequest.newBuilder().setName("projects/" + project()).setNotificationChannel(body).build()));
        return created(made.getName(), inputs, ctx);
    }

    @Override
    protected Optional<JsonNode> get(String id) throws ProviderException {
        return GcpCall.find("notificationChannels.get " + id, () -> ApiJson.json(gcp.channels().getNotificationChannel(id)));
    }

    @Override
    protected View seen(String id, JsonNode o, Props given) throws ProviderException {
        Props seen = Props.builder().put("type", v(o.get("type"))).put("displayName", v(o.get("displayName")))
                .put("description", v(o.get("description"))).put("enabled", o.path("enabled").asBoolean(true))
                .put("labels", v(o.get("labels"))).put("userLabels", labelsSeen(o.get("userLabels"))).build();
        return new View(seen, Props.builder().put("name", id).put("verificationStatus", v(o.get("verificationStatus"))).build());
    }

    @Override
    public Props update(String id, Props oldOutputs, Props newInputs, OperationContext ctx) throws ProviderException {
        JsonNode now = get(id).orElseThrow(() -> notFound("NotFound", "notification channel " + id + " is gone"));
        ObjectNode body = channel(clean(newInputs), null, markOf(now.get("userLabels"))).put("name", id);
        body.remove("type");
        NotificationChannel c = ApiJson.merge(body, NotificationChannel.newBuilder()).build();
        GcpCall.run("notificationChannels.update " + id, () -> gcp.channels().updateNotificationChannel(UpdateNotificationChannelRequest.newBuilder()
                .setNotificationChannel(c).setUpdateMask(FieldMask.newBuilder().addPaths("display_name").addPaths("description")
                        .addPaths("enabled").addPaths("labels").addPaths("user_labels")).build()));
        return current(id, newInputs, ctx);
    }

    @Override
    public void delete(String id, Props outputs, OperationContext ctx) throws ProviderException {
        GcpCall.find("notificationChannels.delete " + id, () -> {
            gcp.channels().deleteNotificationChannel(DeleteNotificationChannelRequest.newBuilder().setName(id).setForce(true).build());
            return Boolean.TRUE;
        });
    }

    @Override
    protected Optional<String> idForUrn(Urn urn, Props inputs) throws ProviderException {
        for (NotificationChannel c : GcpCall.run("notificationChannels.list", () -> gcp.channels().listNotificationChannels("projects/" + project()).iterateAll())) {
            if (marked(ApiJson.json(c).get("userLabels"), urn)) return Optional.of(c.getName());
        }
        return Optional.empty();
    }
}
