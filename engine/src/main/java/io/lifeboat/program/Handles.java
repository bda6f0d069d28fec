package io.lifeboat.program;

import java.util.Map;

import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Urn;

/**
 * What a part of the platform gives the parts made after it, and the stack outputs it
 * contributes: the typed handles a {@link CloudMapping} returns. A cloud's mapping may return its
 * own implementation of a handle that carries more (its subnets, its security groups), which
 * only its own later parts read.
 */
public final class Handles {
    private Handles() {
    }

    /** A part's stack outputs, in the order they are shown. */
    public interface Part {
        Map<String, PropertyValue> outputs();
    }

    /** The stack's network. */
    public interface Network extends Part {
        Urn component();
    }

    /** The Kubernetes cluster. */
    public interface Cluster extends Part {
        Urn component();
    }

    /** The metadata database, and the endpoint the deployments connect to. */
    public interface Database extends Part {
        Urn instance();

        PropertyValue endpoint();
    }

    /** The image registry: where a deployment's image is pulled from. */
    public interface Registry extends Part {
        Registry NONE = new Registry() {
            @Override
            public Map<String, PropertyValue> outputs() {
                return Map.of();
            }

            @Override
            public PropertyValue urlFor(String image) {
                return null;
            }
        };

        /** The repository URL an image is pulled from; null when the registry has none for it. */
        PropertyValue urlFor(String image);
    }

    /**
     * Each deployment's alert destination (a topic its alerts go to, the channels they are sent
     * to), by deployment name, and the variable that tells a deployment its own.
     */
    public record Alerts(String variable, Map<String, PropertyValue> destinations) implements Part {
        public static final Alerts NONE = new Alerts("LIFEBOAT_ALERTS", Map.of());

        public Alerts {
            destinations = Map.copyOf(destinations);
        }

        @Override
        public Map<String, PropertyValue> outputs() {
            return Map.of();
        }

        /** The deployment's alert destination; null when it has no alert e-mails. */
        public PropertyValue destinationOf(String deployment) {
            return destinations.get(deployment);
        }
    }
}
