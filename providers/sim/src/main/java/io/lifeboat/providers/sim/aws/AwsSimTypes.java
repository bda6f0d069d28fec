package io.lifeboat.providers.sim.aws;

import java.util.List;

import io.lifeboat.providers.sim.SimTypes;

/** The aws package's types on the simulated cloud: one per token of {@code AwsSchemas}, and the snapshots RDS keeps. */
public final class AwsSimTypes {
    private static final SimTypes CATALOG = new SimTypes(List.of(
            new VpcType(), new SubnetType(), new InternetGatewayType(), new EipType(), new NatGatewayType(),
            new RouteTableType(), new RouteType(), new RouteTableAssociationType(), new SecurityGroupType(),
            new SecurityGroupRuleType(), new VpcPeeringType(), new IamRoleType(), new EksClusterType(),
            new EksNodeGroupType(), new DbSubnetGroupType(), new DbInstanceType(), new DbBackupReplicationType(),
            new EcrRepositoryType(), new EcrReplicationType(), new SecretType(), new SecretVersionType(),
            new SnsTopicType(), new SnsSubscriptionType(), new DbSnapshotType()));

    private AwsSimTypes() {
    }

    public static SimTypes catalog() {
        return CATALOG;
    }

}
