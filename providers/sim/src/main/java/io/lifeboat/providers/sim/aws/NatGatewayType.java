package io.lifeboat.providers.sim.aws;

import static io.lifeboat.program.aws.AwsSchemas.EIP;
import static io.lifeboat.program.aws.AwsSchemas.NAT_GATEWAY;
import static io.lifeboat.program.aws.AwsSchemas.SUBNET;

import java.util.List;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.providers.sim.Reference;
import io.lifeboat.providers.sim.SimErrors;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.providers.sim.SimScope;
import io.lifeboat.resource.Props;
import io.lifeboat.spec.Cidr;

/** {@code aws:ec2/natGateway:NatGateway}: in a subnet; a public one holds an elastic address no other gateway holds. */
final class NatGatewayType extends AwsSimType {
    NatGatewayType() {
        super(NAT_GATEWAY);
    }

    @Override
    public String notFoundCode() {
        return "NatGatewayNotFound";
    }

    @Override
    public List<Reference> references() {
        return List.of(Reference.to("subnetId", SUBNET, "InvalidSubnetID.NotFound"),
                Reference.to("allocationId", EIP, "InvalidAllocationID.NotFound"));
    }

    @Override
    public void validate(Props in, SimScope scope, SimObject current) throws ProviderException {
        String type = str(in, "connectivityType");
        if (type != null && !type.matches("public|private")) throw bad("Value (" + type + ") for parameter connectivityType is invalid (public, private)");
        String allocation = str(in, "allocationId");
        if (!"private".equals(type) && allocation == null) {
            throw SimErrors.invalid("MissingParameter", "The request must contain the parameter allocationId for a public NAT gateway");
        }
        if (allocation == null) return;
        for (SimObject other : scope.all(NAT_GATEWAY)) {
            if (current != null && other.id().equals(current.id())) continue;
            if (allocation.equals(other.inputs().string("allocationId"))) {
                throw SimErrors.conflict("Resource.AlreadyAssociated", "Elastic IP address [" + allocation + "] is already associated (" + other.id() + ")");
            }
        }
    }

    @Override
    public String newId(Props in, SimScope scope) {
        return scope.ids().ec2("nat");
    }

    @Override
    public Props computed(String id, Props in, SimScope scope) {
        SimObject subnet = scope.find(SUBNET, str(in, "subnetId"));
        SimObject eip = scope.find(EIP, str(in, "allocationId"));
        Cidr block = Cidr.parse(subnet.inputs().string("cidrBlock"));
        return Props.builder()
                .put("publicIp", eip == null ? null : eip.computed().string("publicIp"))
                .put("privateIp", scope.ids().privateIpIn(block))
                .put("networkInterfaceId", scope.ids().ec2("eni"))
                .put("associationId", eip == null ? null : scope.ids().ec2("eipassoc"))
                .build();
    }

    @Override
    public Props outputDefaults(SimScope scope) {
        return Props.builder().put("connectivityType", "public").build();
    }
}
