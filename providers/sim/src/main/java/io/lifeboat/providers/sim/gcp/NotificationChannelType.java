package io.lifeboat.providers.sim.gcp;

import static io.lifeboat.program.gcp.GcpSchemas.NOTIFICATION_CHANNEL;

import java.util.Set;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.providers.sim.SimScope;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

/**
 * {@code gcp:monitoring/notificationChannel:NotificationChannel}: where Cloud Monitoring sends
 * alerts, its id and name {@code projects/p/notificationChannels/<number>}. Its {@code labels} are
 * its configuration (an e-mail channel's {@code email_address}); its own labels are
 * {@code userLabels}. E-mail channels are not verified ({@code verificationStatus} null).
 */
final class NotificationChannelType extends GcpSimType {
    private static final Set<String> TYPES = Set.of("email", "sms", "slack", "pagerduty", "webhook_tokenauth", "pubsub");

    NotificationChannelType() {
        super(NOTIFICATION_CHANNEL);
    }

    @Override
    protected boolean uniqueInProject() {
        return false;
    }

    @Override
    protected void check(Props in, SimScope scope, SimObject current) throws ProviderException {
        String type = str(in, "type");
        if (!TYPES.contains(type)) {
            throw error(ProviderException.Kind.INVALID_INPUT, 400, "invalidArgument", "Unknown notification channel type \"" + type + "\" (known: "
                    + String.join(", ", new java.util.TreeSet<>(TYPES)) + ")");
        }
        Props labels = obj(in, "labels");
        if (type.equals("email")) {
            String address = str(labels, "email_address");
            if (address == null) throw error(ProviderException.Kind.INVALID_INPUT, 400, "invalidArgument", "An email channel needs labels.email_address");
            if (!address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                throw error(ProviderException.Kind.INVALID_INPUT, 400, "invalidArgument", "labels.email_address \"" + address + "\" is not an e-mail address");
            }
        }
    }

    @Override
    public String newId(Props in, SimScope scope) {
        return "projects/" + project(scope) + "/notificationChannels/" + numericId(scope, 19);
    }

    @Override
    public Props computed(String id, Props in, SimScope scope) {
        return Props.builder().put("name", id)
                .put("verificationStatus", "email".equals(str(in, "type")) ? PropertyValue.NULL : PropertyValue.of("UNVERIFIED")).build();
    }

    @Override
    public Props outputDefaults(SimScope scope) {
        return Props.builder().put("enabled", true).build();
    }
}
