package io.lifeboat.providers.sim.aws;

import static io.lifeboat.program.aws.AwsSchemas.*;

import java.util.List;
import java.util.Map;

import io.lifeboat.providers.sim.SimTypes;

/** The aws package's types on the simulated cloud: one per token of {@code AwsSchemas}, and the snapshots RDS keeps. */
public final class AwsSimTypes {
    /** How long each type takes on the real cloud, create, update and delete, in ms: the {@code realistic} latency profile. */
    private static final Map<String, SimTypes.Times> REALISTIC = Map.ofEntries(
            Map.entry(VPC, new SimTypes.Times(1000, 300, 500)),
            Map.entry(SUBNET, new SimTypes.Times(500, 300, 300)),
            Map.entry(INTERNET_GATEWAY, new SimTypes.Times(500, 500, 400)),
            Map.entry(EIP, new SimTypes.Times(300, 200, 200)),
            Map.entry(NAT_GATEWAY, new SimTypes.Times(6000, 300, 4000)),
            Map.entry(ROUTE_TABLE, new SimTypes.Times(500, 200, 300)),
            Map.entry(ROUTE, new SimTypes.Times(200, 200, 200)),
            Map.entry(ROUTE_TABLE_ASSOCIATION, new SimTypes.Times(300, 300, 200)),
            Map.entry(SECURITY_GROUP, new SimTypes.Times(500, 300, 300)),
            Map.entry(SECURITY_GROUP_RULE, new SimTypes.Times(300, 300, 200)),
            Map.entry(VPC_PEERING, new SimTypes.Times(1000, 300, 500)),
            Map.entry(IAM_ROLE, new SimTypes.Times(500, 300, 300)),
            Map.entry(EKS_CLUSTER, new SimTypes.Times(15000, 10000, 8000)),
            Map.entry(EKS_NODE_GROUP, new SimTypes.Times(8000, 4000, 5000)),
            Map.entry(DB_SUBNET_GROUP, new SimTypes.Times(500, 300, 300)),
            Map.entry(DB_INSTANCE, new SimTypes.Times(12000, 5000, 6000)),
            Map.entry(DB_BACKUP_REPLICATION, new SimTypes.Times(1000, 500, 500)),
            Map.entry(ECR_REPOSITORY, new SimTypes.Times(300, 200, 200)),
            Map.entry(ECR_REPLICATION, new SimTypes.Times(300, 300, 200)),
            Map.entry(SECRET, new SimTypes.Times(500, 300, 300)),
            Map.entry(SECRET_VERSION, new SimTypes.Times(300, 300, 200)),
            Map.entry(SNS_TOPIC, new SimTypes.Times(300, 200, 200)),
            Map.entry(SNS_SUBSCRIPTION, new SimTypes.Times(500, 300, 300)));

    private static final SimTypes CATALOG = new SimTypes(List.of(
            new VpcType(), new SubnetType(), new InternetGatewayType(), new EipType(), new NatGatewayType(),
            new RouteTableType(), new RouteType(), new RouteTableAssociationType(), new SecurityGroupType(),
            new SecurityGroupRuleType(), new VpcPeeringType(), new IamRoleType(), new EksClusterType(),
            new EksNodeGroupType(), new DbSubnetGroupType(), new DbInstanceType(), new DbBackupReplicationType(),
            new EcrRepositoryType(), new EcrReplicationType(), new SecretType(), new SecretVersionType(),
            new SnsTopicType(), new SnsSubscriptionType(), new DbSnapshotType()), REALISTIC);

    private AwsSimTypes() {
    }

    public static SimTypes catalog() {
        return CATALOG;
    }

}
