package io.lifeboat.providers.sim.aws;

import static io.lifeboat.program.aws.AwsSchemas.INTERNET_GATEWAY;
import static io.lifeboat.program.aws.AwsSchemas.VPC;

import java.util.List;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.providers.sim.Reference;
import io.lifeboat.providers.sim.SimErrors;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.providers.sim.SimScope;
import io.lifeboat.resource.Props;

/** {@code aws:ec2/internetGateway:InternetGateway}: attached to at most one VPC, which has at most one. */
final class InternetGatewayType extends AwsSimType {
    InternetGatewayType() {
        super(INTERNET_GATEWAY);
    }

    @Override
    public String notFoundCode() {
        return "InvalidInternetGatewayID.NotFound";
    }

    @Override
    public List<Reference> references() {
        return List.of(Reference.to("vpcId", VPC, "InvalidVpcID.NotFound"));
    }

    @Override
    public void validate(Props in, SimScope scope, SimObject current) throws ProviderException {
        String vpcId = str(in, "vpcId");
        if (vpcId == null) return;
        for (SimObject other : scope.all(INTERNET_GATEWAY)) {
            if (current != null && other.id().equals(current.id())) continue;
            if (vpcId.equals(other.inputs().string("vpcId"))) {
                throw SimErrors.conflict("Resource.AlreadyAssociated", "network " + vpcId + " already has an internet gateway attached (" + other.id() + ")");
            }
        }
    }

    @Override
    public String newId(Props in, SimScope scope) {
        return scope.ids().ec2("igw");
    }

    @Override
    public Props computed(String id, Props in, SimScope scope) {
        return Props.builder().put("arn", scope.arn("ec2", "internet-gateway/" + id)).put("ownerId", scope.account()).build();
    }
}
