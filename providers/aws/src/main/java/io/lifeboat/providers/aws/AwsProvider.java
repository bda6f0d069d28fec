package io.lifeboat.providers.aws;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.provider.Provider;
import io.lifeboat.provider.ResourceType;

/** The aws package in one region: one type per token of {@link AwsSchemas}, on that region's (lazily made) clients. */
public final class AwsProvider implements Provider {
    private final AwsClients aws;
    private final Map<String, ResourceType> types = new LinkedHashMap<>();

    public AwsProvider(AwsClients aws) {
        this.aws = aws;
        for (ResourceType t : List.of(new VpcType(aws), new SubnetType(aws), new InternetGatewayType(aws), new EipType(aws),
                new NatGatewayType(aws), new RouteTableType(aws), new RouteType(aws), new RouteTableAssociationType(aws),
                new SecurityGroupType(aws), new SecurityGroupRuleType(aws), new VpcPeeringType(aws), new IamRoleType(aws),
                new EksClusterType(aws), new EksNodeGroupType(aws), new DbSubnetGroupType(aws), new DbInstanceType(aws),
                new DbBackupReplicationType(aws), new EcrRepositoryType(aws), new EcrReplicationType(aws), new SecretType(aws),
                new SecretVersionType(aws), new SnsTopicType(aws), new SnsSubscriptionType(aws))) {
            types.put(t.token(), t);
        }
    }

    public String region() {
        return aws.region();
    }

    @Override
    public ResourceType type(String token) {
        return types.get(token);
    }

    @Override
    public Set<String> types() {
        return Collections.unmodifiableSet(types.keySet());
    }

    @Override
    public void close() {
        aws.close();
    }
}
