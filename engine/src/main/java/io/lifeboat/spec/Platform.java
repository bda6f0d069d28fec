package io.lifeboat.spec;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A platform as a stack sees it: the Platform document with the stack's overrides merged in.
 * Values the user left out carry their defaults; values the user got wrong are null (the load
 * that produced this reported them).
 */
public record Platform(
        String name,
        Network network,
        List<Peering> peerings,
        Cluster cluster,
        Database database,
        Registry registry,
        List<Deployment> deployments,
        Map<String, RawResource> resources) {

    public Platform {
        peerings = List.copyOf(peerings);
        deployments = List.copyOf(deployments);
        resources = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(resources));
    }

    public record Network(Cidr cidr, int zones) {
    }

    public record Peering(String name, String peerVpcId, String peerAccount, String peerRegion, Cidr peerCidr) {
    }

    public record Cluster(String kubernetesVersion, List<NodePool> nodePools) {
        public Cluster {
            nodePools = List.copyOf(nodePools);
        }
    }

    public record NodePool(String name, String instanceType, int min, int max, int diskGiB) {
    }

    /** @param maxReplicaLag the most a hot standby's replica may lag and still be promoted by a failover */
    public record Database(String engine, String version, String size, int storageGiB, Backup backup, Duration maxReplicaLag) {
        public static final Duration DEFAULT_MAX_REPLICA_LAG = Duration.ofMinutes(15);

        public Database {
            maxReplicaLag = maxReplicaLag == null ? DEFAULT_MAX_REPLICA_LAG : maxReplicaLag;
        }
    }

    public record Backup(Duration every, int retainDays, boolean copyToPair) {
    }

    public record Registry(boolean replicateToPair) {
    }

    /** {@code workerQueues}: the celery queues, each served by a worker workload; empty for other executors. */
    public record Deployment(String name, String runtime, String executor, String image, Map<String, EnvValue> env,
                             List<ApiKey> apiKeys, List<String> alertEmails, List<WorkerQueue> workerQueues) {
        public Deployment {
            env = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(env));
            apiKeys = List.copyOf(apiKeys);
            alertEmails = List.copyOf(alertEmails);
            workerQueues = List.copyOf(workerQueues);
        }
    }

    public record WorkerQueue(String name, int workers) {
    }

    /** An environment variable's value: written in the spec, or read from a secret source. */
    public sealed interface EnvValue permits Plain, Secret {
    }

    public record Plain(String value) implements EnvValue {
    }

    /** {@code env:NAME} or {@code file:PATH}; the value is read when the stack is applied. */
    public record Secret(SecretRef ref) implements EnvValue {
    }

    public record SecretRef(String scheme, String location) {
        public static SecretRef parse(String text) {
            int colon = text.indexOf(':');
            return colon < 0 ? null : new SecretRef(text.substring(0, colon), text.substring(colon + 1));
        }

        @Override
        public String toString() {
            return scheme + ":" + location;
        }
    }

    public record ApiKey(String name, String role) {
    }

    /** A raw resource in Pulumi YAML's shape; {@code properties} are plain Java values. */
    /** The stack's name, written anywhere in a raw resource's string (for names that must differ between the stacks of a project). */
    public static final String STACK_NAME = "${stack}";

    public record RawResource(String name, String type, Map<String, Object> properties, RawOptions options) {
    }

    public record RawOptions(List<String> dependsOn, boolean protect, boolean deleteBeforeReplace,
                             List<String> replaceOnChanges, List<String> ignoreChanges, boolean retainOnDelete,
                             Map<String, Duration> customTimeouts) {
        public static final RawOptions NONE = new RawOptions(List.of(), false, false, List.of(), List.of(), false, Map.of());
    }
}
