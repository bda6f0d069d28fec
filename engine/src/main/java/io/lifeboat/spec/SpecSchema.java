package io.lifeboat.spec;

import static io.lifeboat.spec.Shape.bool;
import static io.lifeboat.spec.Shape.integer;
import static io.lifeboat.spec.Shape.listOf;
import static io.lifeboat.spec.Shape.mapOf;
import static io.lifeboat.spec.Shape.namedList;
import static io.lifeboat.spec.Shape.obj;
import static io.lifeboat.spec.Shape.oneOf;
import static io.lifeboat.spec.Shape.str;
import static io.lifeboat.spec.Shape.uniqueList;

/** The shapes of the two document kinds, {@code Platform} and {@code Stack}. */
public final class SpecSchema {
    public static final String API_VERSION = "lifeboat.io/v1";
    public static final String PLATFORM = "Platform";
    public static final String STACK = "Stack";

    private SpecSchema() {
    }

    public static final Shape.Obj PLATFORM_SPEC = obj("What the platform is made of, in every region it runs in.")
            .req("network", obj("The VPC of each stack.")
                    .req("cidr", str("The VPC's IPv4 CIDR block; a pair's stacks need blocks that do not overlap.", Formats.CIDR))
                    .opt("zones", integer("Availability zones to spread subnets over (default 3).", 1, 6)))
            .opt("peerings", namedList("VPC peerings to other networks (a person on the other side accepts them).", obj("A peering.")
                    .req("name", str("Name of the peering.", Formats.DNS_LABEL))
                    .req("peerVpcId", str("The peer's VPC id (vpc-…) or, on GCP, network name."))
                    .req("peerAccount", str("The peer's account id (12 digits, quoted) or GCP project."))
                    .req("peerRegion", str("The peer VPC's region."))
                    .req("peerCidr", str("The peer's CIDR block; it must not overlap the network.", Formats.CIDR))))
            .req("cluster", obj("The Kubernetes cluster that runs the Airflow deployments.")
                    .req("kubernetesVersion", str("Kubernetes minor version, quoted: \"1.30\".", Formats.KUBERNETES_VERSION))
                    .req("nodePools", new Shape.ListOf("Node pools (at least one).", obj("A node pool.")
                            .req("name", str("Name of the pool.", Formats.DNS_LABEL))
                            .req("instanceType", str("Machine type, such as m5.xlarge (aws) or n2-standard-4 (gcp)."))
                            .req("min", integer("Fewest nodes.", 0, 1000))
                            .req("max", integer("Most nodes.", 1, 1000))
                            .opt("diskGiB", integer("Disk per node in GiB (default 100).", 20, 16384)), 1, "name", false)))
            .req("database", obj("The Airflow metadata database.")
                    .req("engine", oneOf("Database engine.", "postgres"))
                    .req("version", oneOf("Major version, quoted.", "13", "14", "15", "16", "17"))
                    .req("size", str("Instance class, such as db.r6g.large (aws) or db-custom-4-16384 (gcp)."))
                    .opt("storageGiB", integer("Storage in GiB (default 100).", 20, 65536))
                    .req("backup", obj("Backups, copied to the pair's region for failover.")
                            .req("every", str("Interval between backups, at most 24h: 6h, 1d.", Formats.DURATION))
                            .req("retainDays", integer("Days each backup is kept.", 1, 35))
                            .opt("copyToPair", bool("Copy each backup into the pair's region (default true).")))
                    .opt("replica", obj("The live replica a hot standby (standby: hot) keeps in its region.")
                            .opt("maxLag", str("The most the replica may lag its primary and still be promoted by a failover (default 15m); "
                                    + "beyond it, the failover restores the newest copied backup instead.", Formats.DURATION))))
            .opt("registry", obj("The image registry.")
                    .opt("replicateToPair", bool("Replicate images into the pair's region (default true).")))
            .opt("deployments", namedList("Airflow deployments.", obj("An Airflow deployment.")
                    .req("name", str("Name; also the Kubernetes namespace.", Formats.DNS_LABEL))
                    .req("runtime", str("Airflow runtime version, such as 12.1.0.", Formats.SEMVER))
                    .opt("executor", oneOf("Executor (default celery).", "celery", "kubernetes", "local"))
                    .req("image", str("The deployment's image.", Formats.IMAGE))
                    .opt("env", mapOf("Environment variables: a string, or { secret: env:NAME | file:PATH }.", Formats.ENV_NAME,
                            new Shape.StrOrObj("A value, or a secret reference.", str("A plain value; quote numbers and booleans."),
                                    obj("A secret, read when the stack is applied and never shown.")
                                            .req("secret", str("Where the secret is read from.", Formats.SECRET_REF)))))
                    .opt("apiKeys", namedList("API keys for CI and other clients; replicated to the pair's region.", obj("An API key.")
                            .req("name", str("Name of the key.", Formats.DNS_LABEL))
                            .req("role", oneOf("What the key may do.", "admin", "editor", "viewer"))))
                    .opt("alertEmails", uniqueList("Addresses that receive alerts.", str("An e-mail address.", Formats.EMAIL)))
                    .opt("workerQueues", namedList("Celery worker queues, a worker workload each (default: one queue named default).",
                            obj("A worker queue.")
                                    .req("name", str("Name of the queue.", Formats.DNS_LABEL))
                                    .opt("workers", integer("Workers serving the queue at full capacity (default 1).", 1, 100))))))
            .opt("resources", mapOf("Raw resources in Pulumi YAML's shape, for what the platform kinds do not cover.",
                    Formats.RESOURCE_NAME, obj("A raw resource.")
                            .req("type", str("Pulumi type token, such as aws:ec2/route:Route.", Formats.TYPE_TOKEN))
                            .opt("properties", new Shape.Any("Inputs; ${name.output} refers to another resource's output."))
                            .opt("options", obj("Resource options, with Pulumi's meaning.")
                                    .opt("dependsOn", uniqueList("Resources to create first.", str("A resource name.", Formats.RESOURCE_NAME)))
                                    .opt("protect", bool("Refuse to delete or replace it."))
                                    .opt("deleteBeforeReplace", bool("Delete the old one before creating its replacement."))
                                    .opt("replaceOnChanges", listOf("Properties whose change forces replacement.", str("A property path.")))
                                    .opt("ignoreChanges", listOf("Properties whose changes are ignored.", str("A property path.")))
                                    .opt("retainOnDelete", bool("Leave it in the cloud when it leaves the spec."))
                                    .opt("customTimeouts", obj("Timeouts per operation.")
                                            .opt("create", str("Create timeout.", Formats.DURATION))
                                            .opt("update", str("Update timeout.", Formats.DURATION))
                                            .opt("delete", str("Delete timeout.", Formats.DURATION))))));

    public static final Shape.Obj STACK_SPEC = obj("One region's instance of a platform.")
            .opt("platform", str("Path of the Platform document, relative to this file."))
            .opt("program", str("Instead of platform: the directory of a Pulumi Java project (its Pulumi.yaml) that the stack runs, relative to this file."))
            .req("role", oneOf("This stack's role in its pair.", "primary", "secondary"))
            .reqWhen("pair", str("Name of the other stack of the pair; a secondary needs one.", Formats.DNS_LABEL), "role", "secondary")
            .req("cloud", oneOf("The cloud.", "aws", "gcp"))
            .opt("endpoint", str("'sim' for the embedded simulated cloud; a URL for an API emulator; omit for the real cloud.", Formats.ENDPOINT))
            .req("region", str("The region, such as us-east-1."))
            .reqWhen("project", str("The GCP project the stack's resources live in (gcp only).", Formats.GCP_PROJECT), "cloud", "gcp")
            .opt("standby", oneOf("On a secondary, what runs before failover (default warm); hot adds a live replica of the primary's database.", "hot", "warm", "pilot-light", "cold"))
            .opt("overrides", PLATFORM_SPEC.partial())
            .opt("state", str("Where the stack's state lives; keep it out of the stack's own region.", Formats.STATE_URL))
            .opt("sim", obj("How the embedded sim cloud behaves for this stack (endpoint: sim only).")
                    .opt("latency", oneOf("Provisioning latency profile (default fast).", "none", "fast", "realistic"))
                    .opt("faults", str("Injected faults per region, such as us-east-1:throttle=0.1,error=0.02,latency=50ms;*:throttle=0.05.")))
            .opt("kubernetes", obj("How the deployments reach the stack's cluster; by default through the cluster's endpoint and an EKS token, no kubeconfig needed.")
                    .opt("kubeconfig", str("A kubeconfig file, relative to the repository root, to use instead."))
                    .opt("context", str("The kubeconfig's context to use (default: its current context).")))
            .opt("limits", obj("How hard Lifeboat may drive the cloud's APIs for this stack.")
                    .opt("requestsPerSecond", integer("Most API calls a second per provider and region (default: no limit).", 1, 10000)));

    public static final Shape.Obj PLATFORM_DOCUMENT = document(PLATFORM, "A data platform: network, cluster, database, registry, deployments.", PLATFORM_SPEC);
    public static final Shape.Obj STACK_DOCUMENT = document(STACK, "A platform bound to a cloud region, primary or secondary.", STACK_SPEC);

    private static Shape.Obj document(String kind, String description, Shape.Obj spec) {
        return obj(description)
                .req("apiVersion", oneOf("The spec language's version.", API_VERSION))
                .req("kind", oneOf("The document's kind.", kind))
                .req("metadata", obj("Names the document.")
                        .req("name", str("Name of the " + kind.toLowerCase(java.util.Locale.ROOT) + ".", Formats.DNS_LABEL))
                        .opt("labels", mapOf("Free-form labels.", Formats.LABEL_KEY, str("A label value."))))
                .req("spec", spec);
    }

    /** The document shape for a kind, or null for an unknown kind. */
    public static Shape.Obj documentOf(String kind) {
        return switch (kind) {
            case PLATFORM -> PLATFORM_DOCUMENT;
            case STACK -> STACK_DOCUMENT;
            default -> null;
        };
    }
}
