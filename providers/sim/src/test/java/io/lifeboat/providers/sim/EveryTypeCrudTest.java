package io.lifeboat.providers.sim;

import static io.lifeboat.program.aws.AwsSchemas.*;
import static io.lifeboat.providers.sim.SimFixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.provider.Provider;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.provider.TypeSchema;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

/** Creates, reads, updates and deletes an object of every type the aws program emits. */
class EveryTypeCrudTest {
    @TempDir
    Path dir;
    SimFixture sim;
    Provider east;
    Provider west;
    /** Every object made, in creation order: token, id, inputs. */
    final List<Object[]> made = new ArrayList<>();
    final Map<String, ResourceType.Created> byToken = new LinkedHashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        sim = new SimFixture(dir);
        east = sim.provider(EAST);
        west = sim.provider(WEST);
    }

    private ResourceType.Created make(Provider p, String token, Props in) throws ProviderException {
        ResourceType.Created c = sim.create(p, token, in);
        made.add(new Object[] {p, token, c.id(), in});
        byToken.putIfAbsent(token, c);
        return c;
    }

    private void buildEverything() throws ProviderException {
        String vpc = make(east, VPC, vpc("10.10.0.0/16")).id();
        String pubA = make(east, SUBNET, subnet(vpc, "10.10.0.0/24", "us-east-1a")).id();
        String privA = make(east, SUBNET, subnet(vpc, "10.10.1.0/24", "us-east-1a")).id();
        String privB = make(east, SUBNET, subnet(vpc, "10.10.2.0/24", "us-east-1b")).id();
        Network net = new Network(vpc, privA, privB);
        String igw = make(east, INTERNET_GATEWAY, Props.builder().put("vpcId", vpc).put("tags", tags("igw")).build()).id();
        String rtb = make(east, ROUTE_TABLE, Props.builder().put("vpcId", vpc).put("tags", tags("public")).build()).id();
        make(east, ROUTE, Props.builder().put("routeTableId", rtb).put("destinationCidrBlock", "0.0.0.0/0").put("gatewayId", igw).build());
        make(east, ROUTE_TABLE_ASSOCIATION, Props.builder().put("subnetId", pubA).put("routeTableId", rtb).build());
        String eip = make(east, EIP, Props.builder().put("domain", "vpc").put("tags", tags("nat-ip")).build()).id();
        String nat = make(east, NAT_GATEWAY, Props.builder().put("allocationId", eip).put("subnetId", pubA).put("tags", tags("nat")).build()).id();
        String privRtb = make(east, ROUTE_TABLE, Props.builder().put("vpcId", vpc).put("tags", tags("private")).build()).id();
        make(east, ROUTE, Props.builder().put("routeTableId", privRtb).put("destinationCidrBlock", "0.0.0.0/0").put("natGatewayId", nat).build());
        String sg = make(east, SECURITY_GROUP, securityGroup(vpc, "test-cluster")).id();
        make(east, SECURITY_GROUP_RULE, Props.builder().put("securityGroupId", sg).put("type", "ingress").put("protocol", "tcp")
                .put("fromPort", 443).put("toPort", 443).put("cidrBlocks", PropertyValue.strings(List.of("10.0.0.0/8"))).build());
        String pcx = make(east, VPC_PEERING, Props.builder().put("vpcId", vpc).put("peerVpcId", "vpc-0a1b2c3d").put("peerOwnerId", "111122223333")
                .put("peerRegion", EAST).put("autoAccept", false).put("tags", tags("peer")).build()).id();
        make(east, ROUTE, Props.builder().put("routeTableId", privRtb).put("destinationCidrBlock", "172.20.0.0/16").put("vpcPeeringConnectionId", pcx).build());
        String clusterRole = make(east, IAM_ROLE, role("test-eks-cluster")).outputs().string("arn");
        String nodeRole = make(east, IAM_ROLE, role("test-eks-node")).outputs().string("arn");
        String cluster = make(east, EKS_CLUSTER, cluster("test", clusterRole, net, sg)).id();
        make(east, EKS_NODE_GROUP, nodeGroup(cluster, "default", nodeRole, net, 3));
        String dbSubnets = make(east, DB_SUBNET_GROUP, dbSubnetGroup("test-metadata", net)).id();
        String dbArn = make(east, DB_INSTANCE, database("test-metadata", dbSubnets, sg)).outputs().string("arn");
        make(west, DB_BACKUP_REPLICATION, Props.builder().put("sourceDbInstanceArn", dbArn).put("retentionPeriod", 7).build());
        make(east, ECR_REPOSITORY, Props.builder().put("name", "etl").put("imageTagMutability", "IMMUTABLE").put("forceDelete", true).put("tags", tags("etl")).build());
        make(east, ECR_REPLICATION, Props.builder().put("replicationConfiguration", PropertyValue.fromJava(
                Map.of("rules", List.of(Map.of("destinations", List.of(Map.of("region", WEST))))))).build());
        String secret = make(east, SECRET, Props.builder().put("name", "test/etl/ci").put("tags", tags("ci")).build()).id();
        make(east, SECRET_VERSION, Props.builder().put("secretId", secret).put("secretString", "s3cr3t").build());
        String topic = make(east, SNS_TOPIC, topic("test-etl-alerts")).id();
        make(east, SNS_SUBSCRIPTION, Props.builder().put("topic", topic).put("protocol", "email").put("endpoint", "oncall@example.com").build());
    }

    @Test
    void everyTokenIsServed() throws Exception {
        assertThat(east.types()).containsExactlyInAnyOrderElementsOf(AwsSchemas.all().keySet());
        for (String token : AwsSchemas.all().keySet()) assertThat(east.type(token).schema()).isEqualTo(AwsSchemas.get(token));
    }

    @Test
    void idsAndOutputsLookReal() throws Exception {
        buildEverything();
        assertThat(byToken.keySet()).containsExactlyInAnyOrderElementsOf(AwsSchemas.all().keySet());

        Map<String, String> idPatterns = new LinkedHashMap<>();
        idPatterns.put(VPC, "vpc-[0-9a-f]{17}");
        idPatterns.put(SUBNET, "subnet-[0-9a-f]{17}");
        idPatterns.put(INTERNET_GATEWAY, "igw-[0-9a-f]{17}");
        idPatterns.put(EIP, "eipalloc-[0-9a-f]{17}");
        idPatterns.put(NAT_GATEWAY, "nat-[0-9a-f]{17}");
        idPatterns.put(ROUTE_TABLE, "rtb-[0-9a-f]{17}");
        idPatterns.put(ROUTE, "r-rtb-[0-9a-f]{17}\\d+");
        idPatterns.put(ROUTE_TABLE_ASSOCIATION, "rtbassoc-[0-9a-f]{17}");
        idPatterns.put(SECURITY_GROUP, "sg-[0-9a-f]{17}");
        idPatterns.put(SECURITY_GROUP_RULE, "sgr-[0-9a-f]{17}");
        idPatterns.put(VPC_PEERING, "pcx-[0-9a-f]{17}");
        idPatterns.put(IAM_ROLE, "test-eks-cluster");
        idPatterns.put(EKS_CLUSTER, "test");
        idPatterns.put(EKS_NODE_GROUP, "test:default");
        idPatterns.put(DB_SUBNET_GROUP, "test-metadata");
        idPatterns.put(DB_INSTANCE, "test-metadata");
        idPatterns.put(DB_BACKUP_REPLICATION, "arn:aws:rds:us-west-2:123456789012:auto-backup:ab-[a-z0-9]{26}");
        idPatterns.put(ECR_REPOSITORY, "etl");
        idPatterns.put(ECR_REPLICATION, "123456789012");
        idPatterns.put(SECRET, "arn:aws:secretsmanager:us-east-1:123456789012:secret:test/etl/ci-[A-Za-z0-9]{6}");
        idPatterns.put(SECRET_VERSION, "arn:aws:secretsmanager:us-east-1:123456789012:secret:test/etl/ci-[A-Za-z0-9]{6}\\|[0-9a-f-]{36}");
        idPatterns.put(SNS_TOPIC, "arn:aws:sns:us-east-1:123456789012:test-etl-alerts");
        idPatterns.put(SNS_SUBSCRIPTION, "arn:aws:sns:us-east-1:123456789012:test-etl-alerts:[0-9a-f-]{36}");
        idPatterns.forEach((token, pattern) -> assertThat(byToken.get(token).id()).as(token).matches(pattern));

        for (Object[] m : made) {
            String token = (String) m[1];
            Props out = outputsOf(m);
            assertThat(out.keySet()).as(token).containsAll(AwsSchemas.get(token).outputs());
            assertThat(out.string("id")).isEqualTo(m[2]);
            if (AwsSchemas.get(token).taggable()) {
                assertThat(((PropertyValue.Obj) out.get("tags")).props().keySet()).as(token).doesNotContain(TypeSchema.URN_TAG).contains("Name");
            }
        }

        Props eip = byToken.get(EIP).outputs();
        assertThat(eip.string("publicIp")).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        assertThat(eip.string("allocationId")).isEqualTo(byToken.get(EIP).id());
        assertThat(byToken.get(NAT_GATEWAY).outputs().string("publicIp")).isEqualTo(eip.string("publicIp"));
        assertThat(byToken.get(NAT_GATEWAY).outputs().string("privateIp")).startsWith("10.10.0.");
        assertThat(byToken.get(VPC_PEERING).outputs().string("acceptStatus")).isEqualTo("pending-acceptance");
        assertThat(byToken.get(IAM_ROLE).outputs().string("arn")).isEqualTo("arn:aws:iam::123456789012:role/test-eks-cluster");
        Props eks = byToken.get(EKS_CLUSTER).outputs();
        assertThat(eks.string("endpoint")).matches("https://[0-9A-F]{32}\\.gr7\\.us-east-1\\.eks\\.amazonaws\\.com");
        assertThat(eks.string("status")).isEqualTo("ACTIVE");
        assertThat(eks.at("certificateAuthority.data").toString()).matches("[A-Za-z0-9+/=]{100,}");
        Props db = byToken.get(DB_INSTANCE).outputs();
        assertThat(db.string("endpoint")).matches("test-metadata\\.[a-z0-9]{12}\\.us-east-1\\.rds\\.amazonaws\\.com:5432");
        assertThat(db.string("address")).isEqualTo(db.string("endpoint").replace(":5432", ""));
        assertThat(db.get("port")).isEqualTo(PropertyValue.of(5432));
        assertThat(db.string("resourceId")).matches("db-[A-Z0-9]{26}");
        assertThat(db.string("arn")).isEqualTo("arn:aws:rds:us-east-1:123456789012:db:test-metadata");
        assertThat(db.string("status")).isEqualTo("available");
        assertThat(byToken.get(DB_BACKUP_REPLICATION).outputs().string("latestBackupTime")).isNotNull();
        Props ecr = byToken.get(ECR_REPOSITORY).outputs();
        assertThat(ecr.string("repositoryUrl")).isEqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com/etl");
        assertThat(ecr.string("registryId")).isEqualTo("123456789012");
        assertThat(byToken.get(SNS_SUBSCRIPTION).outputs().get("pendingConfirmation")).isEqualTo(PropertyValue.of(true));
        assertThat(byToken.get(SECRET_VERSION).outputs().string("versionId")).matches("[0-9a-f-]{36}");
    }

    @Test
    void readShowsTheInputsAsGivenAndUpdateChangesThem() throws Exception {
        buildEverything();
        for (Object[] m : made) {
            Provider p = (Provider) m[0];
            String token = (String) m[1];
            String id = (String) m[2];
            Props in = (Props) m[3];
            Optional<ResourceType.Observed> seen = p.type(token).read(id, in, Props.EMPTY, ctx());
            assertThat(seen).as(token).isPresent();
            assertThat(seen.get().inputs()).as(token).isEqualTo(in);
        }
        for (Object[] m : made) {
            Provider p = (Provider) m[0];
            String token = (String) m[1];
            if (!AwsSchemas.get(token).taggable()) continue;
            Props in = ((Props) m[3]).with("tags", PropertyValue.fromJava(Map.of("Name", "renamed")));
            Props out = p.type(token).update((String) m[2], Props.EMPTY, in, ctx());
            assertThat(out.get("tags")).as(token).isEqualTo(PropertyValue.fromJava(Map.of("Name", "renamed")));
            assertThat(p.type(token).read((String) m[2], in, out, ctx()).orElseThrow().inputs()).as(token).isEqualTo(in);
        }
        ResourceType.Created ng = byToken.get(EKS_NODE_GROUP);
        Props scaled = ((Props) made.stream().filter(m -> m[1].equals(EKS_NODE_GROUP)).findFirst().orElseThrow()[3])
                .with("scalingConfig", PropertyValue.fromJava(Map.of("minSize", 1, "maxSize", 10, "desiredSize", 5)));
        Props out = east.type(EKS_NODE_GROUP).update(ng.id(), ng.outputs(), scaled, ctx());
        assertThat(out.at("scalingConfig.desiredSize")).isEqualTo(PropertyValue.of(5));
    }

    @Test
    void deleteInReverseOrderLeavesNothingAndIsIdempotent() throws Exception {
        buildEverything();
        for (int i = made.size() - 1; i >= 0; i--) {
            Object[] m = made.get(i);
            Provider p = (Provider) m[0];
            String token = (String) m[1];
            p.type(token).delete((String) m[2], Props.EMPTY, ctx());
            assertThat(p.type(token).read((String) m[2], Props.EMPTY, Props.EMPTY, ctx())).as(token).isEmpty();
            p.type(token).delete((String) m[2], Props.EMPTY, ctx()); // gone already: no error
            assertThatThrownBy(() -> p.type(token).update((String) m[2], Props.EMPTY, (Props) m[3], ctx()))
                    .as(token).isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.NOT_FOUND));
        }
        SimAdmin admin = sim.admin();
        // what the cloud keeps on its own: the database's final snapshot
        assertThat(admin.objects(EAST)).extracting(SimAdmin.ObjectView::type).containsExactly("aws:rds/snapshot:Snapshot");
        assertThat(admin.count(WEST)).isZero();
        assertThat(admin.count(SimCloud.GLOBAL)).isZero();
    }

    private static Props outputsOf(Object[] m) throws ProviderException {
        return ((Provider) m[0]).type((String) m[1]).read((String) m[2], Props.EMPTY, Props.EMPTY, ctx()).orElseThrow().outputs();
    }
}
