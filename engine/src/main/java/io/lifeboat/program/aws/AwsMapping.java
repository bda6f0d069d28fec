package io.lifeboat.program.aws;

import static io.lifeboat.program.aws.AwsSchemas.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lifeboat.program.AirflowObjects;
import io.lifeboat.program.CloudMapping;
import io.lifeboat.program.Handles;
import io.lifeboat.program.PlatformContext;
import io.lifeboat.program.PlatformProgram;
import io.lifeboat.program.GoalBuilder;
import io.lifeboat.program.KeyMaterial;
import io.lifeboat.program.KnownKeys;
import io.lifeboat.program.Posture;
import io.lifeboat.program.ProgramOptions;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.ResourceOptions;
import io.lifeboat.resource.Urn;
import io.lifeboat.spec.Cidr;
import io.lifeboat.spec.Platform;
import io.lifeboat.spec.SourcePosition;
import io.lifeboat.spec.Stack;

/**
 * The platform on AWS: each part {@link io.lifeboat.program.PlatformProgram} asks for, made with
 * the Pulumi aws provider's types and property names: a VPC with its subnets, gateways and
 * security groups; EKS with its node groups; RDS; ECR; SNS topics for alerts; Secrets Manager for
 * API keys, replicated into the pair's region.
 */
public final class AwsMapping implements CloudMapping {
    public static final String PROVIDER_TYPE = Urn.providerType("aws");
    /** The key a hot standby's replica is encrypted with: RDS's default key of the replica's own region. */
    static final String REPLICA_KMS_KEY = "alias/aws/rds";
    /** The known material of a hot pair's database password: the database's resource name, under which {@link KnownKeys} holds its {@code password}. */
    private static final String MASTER_PASSWORD = "metadata";
    private static final java.time.format.DateTimeFormatter SNAPSHOT_STAMP =
            java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC);

    /** The network as the AWS parts made after it use it: the VPC, its private subnets and its security groups. */
    record AwsNetwork(Urn component, Urn vpc, PropertyValue privateSubnets, Urn clusterGroup, Urn databaseGroup,
                      Map<String, PropertyValue> outputs) implements Handles.Network {
    }

    /** The EKS cluster. */
    record AwsCluster(Urn component, Urn eks, Map<String, PropertyValue> outputs) implements Handles.Cluster {
    }

    /** The RDS instance, under its component. */
    record AwsDatabase(Urn component, Urn instance, PropertyValue endpoint, Map<String, PropertyValue> outputs) implements Handles.Database {
    }

    /** The ECR repositories, by repository name. */
    record AwsRegistry(Map<String, PropertyValue> urls, Map<String, PropertyValue> outputs) implements Handles.Registry {
        @Override
        public PropertyValue urlFor(String image) {
            return urls.get(AirflowObjects.repository(image));
        }
    }

    private final PlatformContext ctx;
    private final Stack stack;
    private final Stack pair;
    private final Posture posture;
    private final ProgramOptions options;
    private final Platform platform;
    private final GoalBuilder b;
    private final KnownKeys keys;
    private final Urn root;
    private Urn provider;
    private Urn pairProvider;

    public AwsMapping(PlatformContext ctx) {
        this.ctx = ctx;
        this.stack = ctx.stack();
        this.pair = ctx.pair();
        this.options = ctx.options();
        this.posture = ctx.posture();
        this.platform = ctx.platform();
        this.b = ctx.goals();
        this.keys = ctx.keys();
        this.root = ctx.root();
    }

    @Override
    public Urn provider() {
        provider = providerFor(stack.region());
        return provider;
    }

    private Urn providerFor(String region) {
        return b.add(null, true, root, PROVIDER_TYPE, "aws-" + region, AwsDrTraits.providerConfig(region, stack.endpoint()), ResourceOptions.NONE,
                at("stack"));
    }

    /**
     * Whichever stack serves the platform owns the API keys; a drill never touches the live ones.
     * On an AWS emulator (moto has no StopReplicationToReplica, so a replica cannot be promoted)
     * a promoted stack leaves the keys to the replicas its lost primary made, as they are.
     */
    @Override
    public boolean ownsApiKeys() {
        if (!posture.primary() || options.drill()) return false;
        boolean emulator = stack.endpoint() != null && !stack.endpoint().equals("sim");
        return posture != Posture.PROMOTED || !emulator;
    }

    /** The provider of the pair's region, registered when a resource first needs it. */
    private Urn pairProvider() {
        if (pairProvider == null && pair != null && !pair.region().equals(stack.region())) pairProvider = providerFor(pair.region());
        return pairProvider;
    }

    private Urn component(String type, String name, String specPath) {
        return ctx.component(type, name, specPath);
    }

    private Urn resource(String path, Urn parent, String type, String name, Props inputs, String specPath) {
        return resource(path, parent, type, name, inputs, specPath, provider);
    }

    private Urn resource(String path, Urn parent, String type, String name, Props inputs, String specPath, Urn via) {
        return resource(path, parent, type, name, inputs, specPath, ResourceOptions.NONE.withProvider(via));
    }

    private Urn resource(String path, Urn parent, String type, String name, Props inputs, String specPath, ResourceOptions options) {
        return b.add(path, true, parent, type, name, inputs, options, at(specPath));
    }

    private PropertyValue tags(String name) {
        return PropertyValue.fromJava(Map.of("Name", stack.name() + "-" + name, "lifeboat:stack", stack.name()));
    }

    @Override
    public AwsNetwork network() {
        Urn net = component(PlatformProgram.NETWORK, "network", "spec.network");
        Platform.Network n = platform.network();
        Urn vpc = resource("network.vpc", net, VPC, "vpc", Props.builder()
                .put("cidrBlock", n.cidr().toString())
                .put("enableDnsHostnames", true)
                .put("enableDnsSupport", true)
                .put("tags", tags("vpc")).build(), "spec.network.cidr");
        PropertyValue vpcId = b.ref(vpc, "id");

        int bits = 32 - Integer.numberOfLeadingZeros(2 * n.zones() - 1);
        List<Cidr> blocks = n.cidr().split(bits);
        Urn igw = resource("network.igw", net, INTERNET_GATEWAY, "igw",
                Props.builder().put("vpcId", vpcId).put("tags", tags("igw")).build(), "spec.network");
        Urn publicRt = resource("network.public", net, ROUTE_TABLE, "public",
                Props.builder().put("vpcId", vpcId).put("tags", tags("public")).build(), "spec.network");
        resource("network.public-default", net, ROUTE, "public-default", Props.builder()
                .put("routeTableId", b.ref(publicRt, "id"))
                .put("destinationCidrBlock", "0.0.0.0/0")
                .put("gatewayId", b.ref(igw, "id")).build(), "spec.network");
        Urn privateRt = resource("network.private", net, ROUTE_TABLE, "private",
                Props.builder().put("vpcId", vpcId).put("tags", tags("private")).build(), "spec.network");

        List<PropertyValue> privateSubnets = new ArrayList<>();
        Urn firstPublic = null;
        for (int z = 0; z < n.zones(); z++) {
            String zone = stack.region() + (char) ('a' + z);
            String suffix = String.valueOf((char) ('a' + z));
            Urn pub = resource("network.public-" + suffix, net, SUBNET, "public-" + suffix, Props.builder()
                    .put("vpcId", vpcId)
                    .put("cidrBlock", blocks.get(z).toString())
                    .put("availabilityZone", zone)
                    .put("mapPublicIpOnLaunch", true)
                    .put("tags", tags("public-" + suffix)).build(), "spec.network.zones");
            if (firstPublic == null) firstPublic = pub;
            Urn priv = resource("network.private-" + suffix, net, SUBNET, "private-" + suffix, Props.builder()
                    .put("vpcId", vpcId)
                    .put("cidrBlock", blocks.get(n.zones() + z).toString())
                    .put("availabilityZone", zone)
                    .put("mapPublicIpOnLaunch", false)
                    .put("tags", tags("private-" + suffix)).build(), "spec.network.zones");
            privateSubnets.add(b.ref(priv, "id"));
            resource(null, net, ROUTE_TABLE_ASSOCIATION, "public-" + suffix, Props.builder()
                    .put("subnetId", b.ref(pub, "id")).put("routeTableId", b.ref(publicRt, "id")).build(), "spec.network.zones");
            resource(null, net, ROUTE_TABLE_ASSOCIATION, "private-" + suffix, Props.builder()
                    .put("subnetId", b.ref(priv, "id")).put("routeTableId", b.ref(privateRt, "id")).build(), "spec.network.zones");
        }
        Urn eip = resource("network.nat-ip", net, EIP, "nat-ip",
                Props.builder().put("domain", "vpc").put("tags", tags("nat-ip")).build(), "spec.network");
        Urn nat = resource("network.nat", net, NAT_GATEWAY, "nat", Props.builder()
                .put("allocationId", b.ref(eip, "id"))
                .put("subnetId", b.ref(firstPublic, "id"))
                .put("tags", tags("nat")).build(), "spec.network");
        resource("network.private-default", net, ROUTE, "private-default", Props.builder()
                .put("routeTableId", b.ref(privateRt, "id"))
                .put("destinationCidrBlock", "0.0.0.0/0")
                .put("natGatewayId", b.ref(nat, "id")).build(), "spec.network");

        Urn clusterGroup = resource("network.cluster-sg", net, SECURITY_GROUP, "cluster", Props.builder()
                .put("name", stack.name() + "-cluster")
                .put("description", "Airflow cluster nodes of " + stack.name())
                .put("vpcId", vpcId)
                .put("ingress", PropertyValue.fromJava(List.of(Map.of("protocol", "-1", "fromPort", 0, "toPort", 0, "self", true))))
                .put("egress", PropertyValue.fromJava(List.of(Map.of("protocol", "-1", "fromPort", 0, "toPort", 0,
                        "cidrBlocks", List.of("0.0.0.0/0")))))
                .put("tags", tags("cluster")).build(), "spec.cluster");
        Urn databaseGroup = resource("network.database-sg", net, SECURITY_GROUP, "database", Props.builder()
                .put("name", stack.name() + "-database")
                .put("description", "Airflow metadata database of " + stack.name())
                .put("vpcId", vpcId)
                .put("ingress", PropertyValue.fromJava(List.of(Map.of("protocol", "tcp", "fromPort", 5432, "toPort", 5432,
                        "cidrBlocks", List.of(n.cidr().toString())))))
                .put("tags", tags("database")).build(), "spec.database");

        for (int i = 0; i < platform.peerings().size() && !options.drill(); i++) {
            Platform.Peering p = platform.peerings().get(i);
            String spec = "spec.peerings[" + i + "]";
            Urn pcx = resource("network.peer-" + p.name(), net, VPC_PEERING, "peer-" + p.name(), Props.builder()
                    .put("vpcId", vpcId)
                    .put("peerVpcId", p.peerVpcId())
                    .put("peerOwnerId", p.peerAccount())
                    .put("peerRegion", p.peerRegion())
                    .put("autoAccept", false)
                    .put("tags", tags("peer-" + p.name())).build(), spec);
            resource("network.peer-" + p.name() + "-route", net, ROUTE, "peer-" + p.name(), Props.builder()
                    .put("routeTableId", b.ref(privateRt, "id"))
                    .put("destinationCidrBlock", p.peerCidr().toString())
                    .put("vpcPeeringConnectionId", b.ref(pcx, "id")).build(), spec + ".peerCidr");
        }
        return new AwsNetwork(net, vpc, new PropertyValue.Arr(privateSubnets), clusterGroup, databaseGroup, Map.of("vpcId", vpcId));
    }

    @Override
    public AwsCluster cluster(Handles.Network network) {
        AwsNetwork n = (AwsNetwork) network;
        PropertyValue privateSubnets = n.privateSubnets();
        Urn cl = component(PlatformProgram.CLUSTER, "cluster", "spec.cluster");
        Platform.Cluster c = platform.cluster();
        Urn clusterRole = resource("cluster.cluster-role", cl, IAM_ROLE, "cluster-role", Props.builder()
                .put("name", stack.name() + "-eks-cluster")
                .put("assumeRolePolicy", assumeRole("eks.amazonaws.com"))
                .put("managedPolicyArns", PropertyValue.strings(List.of("arn:aws:iam::aws:policy/AmazonEKSClusterPolicy")))
                .put("tags", tags("cluster-role")).build(), "spec.cluster");
        Urn nodeRole = resource("cluster.node-role", cl, IAM_ROLE, "node-role", Props.builder()
                .put("name", stack.name() + "-eks-node")
                .put("assumeRolePolicy", assumeRole("ec2.amazonaws.com"))
                .put("managedPolicyArns", PropertyValue.strings(List.of(
                        "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
                        "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
                        "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly")))
                .put("tags", tags("node-role")).build(), "spec.cluster");
        Urn eks = resource("cluster.eks", cl, EKS_CLUSTER, "eks", Props.builder()
                .put("name", stack.name())
                .put("roleArn", b.ref(clusterRole, "arn"))
                .put("version", c.kubernetesVersion())
                .put("vpcConfig", obj(Props.builder()
                        .put("subnetIds", privateSubnets)
                        .put("securityGroupIds", PropertyValue.list(b.ref(n.clusterGroup(), "id")))
                        .put("endpointPrivateAccess", true)
                        .put("endpointPublicAccess", true).build()))
                .put("tags", tags("eks")).build(), "spec.cluster.kubernetesVersion");
        for (int i = 0; i < c.nodePools().size(); i++) {
            Platform.NodePool p = c.nodePools().get(i);
            int min = posture.fullCapacity() ? p.min() : Math.min(p.min(), 1);
            int desired = posture.fullCapacity() ? Math.max(p.min(), 1) : min;
            resource("cluster." + p.name(), cl, EKS_NODE_GROUP, p.name(), Props.builder()
                    .put("clusterName", b.ref(eks, "name"))
                    .put("nodeGroupName", p.name())
                    .put("nodeRoleArn", b.ref(nodeRole, "arn"))
                    .put("subnetIds", privateSubnets)
                    .put("instanceTypes", PropertyValue.strings(List.of(p.instanceType())))
                    .put("diskSize", p.diskGiB())
                    .put("scalingConfig", obj(Props.builder()
                            .put("minSize", min).put("maxSize", p.max()).put("desiredSize", desired).build()))
                    .put("tags", tags("pool-" + p.name())).build(), "spec.cluster.nodePools[" + i + "]");
        }
        return new AwsCluster(cl, eks, Map.of("clusterEndpoint", b.ref(eks, "endpoint")));
    }

    @Override
    public AwsDatabase database(Handles.Network network) {
        AwsNetwork n = (AwsNetwork) network;
        PropertyValue privateSubnets = n.privateSubnets();
        Urn dbc = component(PlatformProgram.DATABASE, "database", "spec.database");
        Platform.Database d = platform.database();
        Urn subnets = resource("database.subnets", dbc, DB_SUBNET_GROUP, "subnets", Props.builder()
                .put("name", stack.name() + "-metadata")
                .put("subnetIds", privateSubnets)
                .put("tags", tags("db-subnets")).build(), "spec.database");
        // a hot standby's database is a cross-region read replica of the primary's; a failover promotes it in place
        boolean replica = posture.replicates();
        boolean encryptedHere = replica || options.promotedReplica();
        // RDS makes no read replica of a database whose master password it manages: a hot pair's has a password of its own,
        // made once and kept in the states (encrypted), as the API keys' material is; a replica inherits its source's
        // (also once promoted, whether or not its pair can be reached); a drill's throw-away database is no one's source,
        // and RDS keeps its password
        boolean hotPair = !options.drill() && (replica || options.promotedReplica()
                || stack.standby() == Stack.Standby.HOT && stack.role() == Stack.Role.SECONDARY
                || pair != null && pair.standby() == Stack.Standby.HOT && pair.role() == Stack.Role.SECONDARY);
        Urn db = resource("database.metadata", dbc, DB_INSTANCE, "metadata", Props.builder()
                .put("identifier", stack.name() + "-metadata")
                .put("replicateSourceDb", !replica ? null : options.replicaOf() == null ? PropertyValue.UNKNOWN : PropertyValue.of(options.replicaOf()))
                // a cross-region replica of an encrypted database is encrypted with a key of its own region
                .put("kmsKeyId", encryptedHere ? REPLICA_KMS_KEY : null)
                .put("engine", d.engine())
                .put("engineVersion", d.version())
                .put("instanceClass", d.size())
                .put("allocatedStorage", d.storageGiB())
                .put("dbSubnetGroupName", b.ref(subnets, "name"))
                .put("vpcSecurityGroupIds", PropertyValue.list(b.ref(n.databaseGroup(), "id")))
                .put("backupRetentionPeriod", d.backup().retainDays())
                .put("username", "airflow")
                .put("dbName", "airflow")
                .put("manageMasterUserPassword", !hotPair)
                .put("password", !hotPair || replica ? null : keys.materialFor(MASTER_PASSWORD, () -> KeyMaterial.next(options.random())))
                .put("storageEncrypted", true)
                .put("multiAz", posture.fullCapacity())
                // a drill's database holds a copy of production data and nothing of its own; RDS takes no final snapshot of a replica
                .put("skipFinalSnapshot", options.drill() || replica)
                .put("restoreToPointInTime", options.restoreFrom() == null || replica ? null : PropertyValue.fromJava(java.util.Map.of(
                        "sourceDbInstanceAutomatedBackupsArn", options.restoreFrom(), "useLatestRestorableTime", true)))
                .put("finalSnapshotIdentifier", options.drill() ? null
                        : stack.name() + "-metadata-final-" + SNAPSHOT_STAMP.format(options.clock().instant())
                        + "-" + Integer.toHexString(options.random().nextInt(0x1000, 0x10000)))
                .put("tags", tags("metadata")).build(), "spec.database",
                // The final snapshot's name is fixed when the instance is made, so each instance's is its own.
                ResourceOptions.NONE.withProvider(provider).withIgnoreChanges(List.of("finalSnapshotIdentifier")));
        PropertyValue endpoint = b.ref(db, "endpoint");
        return new AwsDatabase(dbc, db, endpoint, Map.of("databaseEndpoint", endpoint));
    }

    @Override
    public AwsRegistry registry() {
        Urn reg = component(PlatformProgram.REGISTRY, "registry", "spec.registry");
        List<String> repos = new ArrayList<>();
        for (Platform.Deployment dep : platform.deployments()) {
            String repo = AirflowObjects.repository(dep.image());
            if (!repos.contains(repo)) repos.add(repo);
        }
        Map<String, PropertyValue> urls = new LinkedHashMap<>();
        for (String repo : repos) {
            Urn r = resource("registry." + repo, reg, ECR_REPOSITORY, repo, Props.builder()
                    .put("name", repo)
                    .put("imageTagMutability", "IMMUTABLE")
                    .put("forceDelete", true)
                    .put("tags", tags("repo-" + repo)).build(), "spec.deployments");
            urls.put(repo, b.ref(r, "repositoryUrl"));
        }
        Map<String, PropertyValue> outputs = urls.isEmpty() ? Map.of() : Map.of("registryUrls", new PropertyValue.Obj(new Props(urls)));
        if (platform.registry().replicateToPair() && pair != null && posture.primary() && !repos.isEmpty()) {
            resource("registry.replication", reg, ECR_REPLICATION, "replication", Props.builder()
                    .put("replicationConfiguration", PropertyValue.fromJava(Map.of("rules", List.of(Map.of(
                            "destinations", List.of(Map.of("region", pair.region()))))))).build(), "spec.registry");
        }
        return new AwsRegistry(urls, outputs);
    }

    /** Each deployment's alert e-mails: an SNS topic with an e-mail subscription per address. */
    @Override
    public Handles.Alerts alerts() {
        Map<String, PropertyValue> topics = new LinkedHashMap<>();
        Urn group = null;
        for (int i = 0; i < platform.deployments().size(); i++) {
            Platform.Deployment d = platform.deployments().get(i);
            if (d.alertEmails().isEmpty()) continue;
            if (group == null) group = component(PlatformProgram.ALERTS, "alerts", "spec.deployments");
            Urn topic = resource("alerts." + d.name(), group, SNS_TOPIC, d.name(), Props.builder()
                    .put("name", stack.name() + "-" + d.name() + "-alerts")
                    .put("tags", tags(d.name() + "-alerts")).build(), "spec.deployments[" + i + "].alertEmails");
            topics.put(d.name(), b.ref(topic, "arn"));
            for (int j = 0; j < d.alertEmails().size(); j++) {
                String email = d.alertEmails().get(j);
                resource(null, group, SNS_SUBSCRIPTION, d.name() + "-" + email, Props.builder()
                        .put("topic", b.ref(topic, "arn"))
                        .put("protocol", "email")
                        .put("endpoint", email).build(), "spec.deployments[" + i + "].alertEmails[" + j + "]");
            }
        }
        return new Handles.Alerts("LIFEBOAT_ALERT_TOPIC_ARN", topics);
    }

    /**
     * Each deployment's API keys: a secret holding random key material, made once and kept (its
     * value is never planned again), replicated into the pair's region so that clients keep
     * working after a failover. Owned by the stack that serves the platform; the secondary reads
     * the replica. A promoted stack's secret takes over the replica in its region (the cloud
     * promotes it to a secret of its own) and holds the same material, read from the states.
     */
    @Override
    public void apiKeys() {
        Urn group = null;
        for (int i = 0; i < platform.deployments().size(); i++) {
            Platform.Deployment d = platform.deployments().get(i);
            for (int j = 0; j < d.apiKeys().size(); j++) {
                Platform.ApiKey key = d.apiKeys().get(j);
                if (group == null) group = component(PlatformProgram.API_KEYS, "api-keys", "spec.deployments");
                String at = "spec.deployments[" + i + "].apiKeys[" + j + "]";
                Props.Builder secret = Props.builder()
                        .put("name", apiKeySecretName(d.name(), key.name()))
                        .put("description", "API key " + key.name() + " (" + key.role() + ") of Airflow deployment " + d.name())
                        .put("recoveryWindowInDays", 0)
                        .put("tags", tags(d.name() + "-" + key.name()));
                if (pair != null) secret.put("replicas", PropertyValue.fromJava(List.of(Map.of("region", pair.region()))));
                Urn s = resource("api-keys." + d.name() + "-" + key.name(), group, SECRET, d.name() + "-" + key.name(), secret.build(), at);
                resource(null, group, SECRET_VERSION, d.name() + "-" + key.name(), Props.builder()
                        .put("secretId", b.ref(s, "arn"))
                        .put("secretString", keys.materialFor(d.name() + "-" + key.name(), () -> KeyMaterial.next(options.random()))).build(), at,
                        ResourceOptions.NONE.withProvider(provider).withIgnoreChanges(List.of("secretString")));
            }
        }
    }

    @Override
    public String apiKeySecretName(String deployment, String key) {
        return AirflowObjects.apiKeySecretName(platform.name(), deployment, key);
    }

    /**
     * The kubernetes provider that connects with the cluster's outputs (endpoint, certificate
     * authority, and a token made when it connects), or through the stack's
     * {@code kubernetes.kubeconfig} when it names one. Otherwise a stack on the sim, or on an AWS
     * emulator (which runs no Kubernetes), gets the sim's Kubernetes, whose objects live and die
     * with the cluster.
     */
    @Override
    public Urn kubernetesProvider(Handles.Cluster cluster) {
        Urn eks = ((AwsCluster) cluster).eks();
        Props.Builder config = Props.builder()
                .put("cluster", b.ref(eks, "name"))
                .put("server", b.ref(eks, "endpoint"))
                .put("certificateAuthorityData", b.ref(eks, "certificateAuthority.data"))
                .put("region", stack.region())
                .put("auth", "aws-eks");
        if (stack.endpoint() != null && !stack.endpoint().equals("sim")) config.put("awsEndpoint", stack.endpoint());
        return ctx.kubernetesProvider(config);
    }

    /** The database's automated backups, replicated into the pair's region (the failover source). */
    @Override
    public void backupCopy(Handles.Database database) {
        Platform.Backup backup = platform.database().backup();
        AwsDatabase db = (AwsDatabase) database;
        if (!backup.copyToPair() || pairProvider() == null) return;
        resource("database.backups-to-pair", db.component(), DB_BACKUP_REPLICATION, "backups-to-" + pair.region(), Props.builder()
                .put("sourceDbInstanceArn", b.ref(db.instance(), "arn"))
                .put("retentionPeriod", backup.retainDays()).build(), "spec.database.backup.copyToPair", pairProvider());
    }

    private static PropertyValue assumeRole(String service) {
        return PropertyValue.of("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\""
                + service + "\"},\"Action\":\"sts:AssumeRole\"}]}");
    }

    private static PropertyValue obj(Props p) {
        return new PropertyValue.Obj(p);
    }

    private SourcePosition at(String path) {
        return ctx.at(path);
    }
}
