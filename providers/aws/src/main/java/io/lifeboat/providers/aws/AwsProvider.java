package io.lifeboat.providers.aws;

import java.util.List;

import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.provider.TypeTable;

/** The aws package in one region: one type per token of {@link AwsSchemas}, on that region's (lazily made) clients. */
public final class AwsProvider extends TypeTable {
    private final AwsClients aws;

    public AwsProvider(AwsClients aws) {
        this.aws = aws;
        for (ResourceType t : List.of(new VpcType(aws), new SubnetType(aws), new InternetGatewayType(aws), new EipType(aws),
                new NatGatewayType(aws), new RouteTableType(aws), new RouteType(aws), new RouteTableAssociationType(aws),
                new SecurityGroupType(aws), new SecurityGroupRuleType(aws), new VpcPeeringType(aws), new IamRoleType(aws),
                new EksClusterType(aws), new EksNodeGroupType(aws), new DbSubnetGroupType(aws), new DbInstanceType(aws),
                new DbBackupReplicationType(aws), new EcrRepositoryType(aws), new EcrReplicationType(aws), new SecretType(aws),
                new SecretVersionType(aws), new SnsTopicType(aws), new SnsSubscriptionType(aws))) {
            serve(t.token(), t);
        }
    }

    public String region() {
        return aws.region();
    }

    @Override
    public void close() {
        aws.close();
    }
}
